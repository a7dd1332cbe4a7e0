using Luoshi.Application.Evaluation;
using Luoshi.Parsing.Rendering.Office;
using Luoshi.Web.Auth;
using Luoshi.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Luoshi.Web.Apis;

/// <summary><c>/api/v1/plans/{id}/annual-report.pdf</c> and <c>.docx</c>: the plan's 年度评估报告 (<see cref="AnnualReportDocument"/>).</summary>
public static class AnnualReportApi
{
    public const string PdfType = "application/pdf";

    public static void MapAnnualReportApi(this RouteGroupBuilder api)
    {
        api.MapGet("/plans/{id:int}/annual-report.pdf", Pdf).WithTags("工作计划")
            .WithSummary("计划的年度评估报告（PDF，内嵌中文字体；局领导、督查督导、管理员和计划所属处室）");
        api.MapGet("/plans/{id:int}/annual-report.docx", Docx).WithTags("工作计划")
            .WithSummary("计划的年度评估报告（Word 公文；局领导、督查督导、管理员和计划所属处室）");
    }

    /// <summary>The scheme and host the request came by, for the report's links to reports and attachments.</summary>
    public static string Site(HttpRequest request) => $"{request.Scheme}://{request.Host}";

    public static async Task<Results<FileContentHttpResult, ProblemHttpResult>> Pdf(int id, AnnualReportDocument reports, HttpContext http,
        CancellationToken ct)
    {
        var outcome = await reports.PdfAsync(http.User.ToCaller(), id, Site(http.Request), ct);
        return outcome.Value is { } file ? TypedResults.File(file.Bytes, PdfType, file.Name) : outcome.ToProblem();
    }

    public static async Task<Results<FileContentHttpResult, ProblemHttpResult>> Docx(int id, AnnualReportDocument reports, HttpContext http,
        CancellationToken ct)
    {
        var outcome = await reports.DocxAsync(http.User.ToCaller(), id, Site(http.Request), ct);
        return outcome.Value is { } file ? TypedResults.File(file.Bytes, WordTableWriter.ContentType, file.Name) : outcome.ToProblem();
    }
}
