using Luoshi.Application.Access;
using Luoshi.Application.Idempotency;
using Luoshi.Application.Reports;
using Luoshi.Application.Tasks;
using Luoshi.Data;
using Luoshi.Data.Idempotency;
using Luoshi.Domain.Problems;
using Luoshi.Domain.Reports;
using Luoshi.Web.Auth;
using Luoshi.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using static Luoshi.Web.Apis.LedgerDtos;

namespace Luoshi.Web.Apis;

/// <summary>Progress reports: units report on their tasks, lead departments review; evidence files go with them.</summary>
public static class ReportsApi
{
    /// <summary>A unit's figure for a target: <c>value</c>; for a share (%, 比) also or instead <c>numerator</c> and <c>denominator</c>.</summary>
    public sealed record TargetValueRequest(int? TargetId, decimal? Value, decimal? Numerator, decimal? Denominator);

    public sealed record ReportRequest(int? OrgUnitId, string? Period, int? Progress, string? Narrative, TargetValueRequest[]? Values, bool? Draft);

    public sealed record ReviewRequest(string? Decision, string? Comment);

    public sealed record Created(int Id, string Status, bool Late);

    public static void MapReportsApi(this RouteGroupBuilder api)
    {
        api.MapGet("/tasks/{id:int}/reports", List).WithTags("进展反馈").WithSummary("任务的进展反馈（每个版本）");
        api.MapPost("/tasks/{id:int}/reports",
            Submit).Produces<Created>(StatusCodes.Status201Created).WithTags("进展反馈").WithSummary("报送进展（支持 Idempotency-Key）");
        api.MapGet("/reports/{id:int}", Get).WithTags("进展反馈").WithSummary("一份进展反馈");
        api.MapPost("/reports/{id:int}/review", Review).WithTags("进展反馈").WithSummary("采纳或退回");
        api.MapPost("/reports/{id:int}/attachments", Attach).DisableAntiforgery().WithTags("进展反馈").WithSummary("上传佐证材料");
        api.MapGet("/attachments/{id:int}", Download).WithTags("进展反馈").WithSummary("下载佐证材料");
    }

    public static async Task<Results<Ok<PagedList<ReportDto>>, NotFound>> List(int id, TaskScope scope, HttpContext http, int? page, int? pageSize,
        CancellationToken ct)
    {
        var caller = http.User.ToCaller();
        if (await scope.FindAsync(caller, id, ct) is not { } found) return TypedResults.NotFound();
        var items = (await scope.ReadableReportsAsync(caller, found.Task, ct)).Select(ToDto).ToList();
        return TypedResults.Ok(PagedList<ReportDto>.Of(items, new Paging(page, pageSize)));
    }

    /// <summary>
    /// Submits (or saves a draft). With an Idempotency-Key the same request sent again gets the first answer unchanged,
    /// and the key sent with a different request gets 422; a unit's report that stands in the way gets 409.
    /// </summary>
    public static async Task<Results<ContentHttpResult, ProblemHttpResult>> Submit(int id, ReportRequest request, ReportWorkflow workflow,
        IdempotentRequests once, HttpContext http, CancellationToken ct)
    {
        var caller = http.User.ToCaller();
        if (request.Values?.Any(v => v.TargetId is null) == true) return ((Problem)ReportProblems.ValueIncomplete).ToProblem();
        var key = IdempotencyKeys.KeyOf(http);
        if (key is not null && IdempotentRequests.ProblemWith(key) is { } keyProblem) return keyProblem.ToProblem();
        var submission = new ReportWorkflow.Submission(request.OrgUnitId, request.Period, request.Progress, request.Narrative,
            request.Values?.Select(v => new ReportWorkflow.Figure(v.TargetId!.Value, v.Value, v.Numerator, v.Denominator)).ToList() ?? [],
            request.Draft ?? false);
        var run = await once.RunAsync(key is null ? null : IdempotencyKeys.For(http, key, request), ct => workflow.SubmitAsync(caller, id,
            submission, ct),
            outcome => outcome.Value is { } r
                ? IdempotencyKeys.Json(http, StatusCodes.Status201Created, new Created(r.Id, r.Status.ToCode(), r.Late), $"/api/v1/reports/{r.Id}")
                : null, ct);
        if (run.Kind == IdempotentRequests.Kind.KeyReused) return ((Problem)ReportProblems.KeyReused).ToProblem();
        if (run.Answer is { } answer) return IdempotencyKeys.Send(http, answer);
        return run.Value!.ToProblem();
    }

    public static async Task<Results<Ok<ReportDto>, NotFound>> Get(int id, TaskScope scope, HttpContext http, CancellationToken ct) =>
        await scope.FindReportAsync(http.User.ToCaller(), id, ct) is var (report, _) ? TypedResults.Ok(ToDto(report)) : TypedResults.NotFound();

    public static async Task<Results<Ok<ReportDto>, ProblemHttpResult>> Review(int id, ReviewRequest request, ReportWorkflow workflow,
        HttpContext http, CancellationToken ct)
    {
        var outcome = await workflow.ReviewAsync(http.User.ToCaller(), id, request.Decision, request.Comment, ct: ct);
        return outcome.Value is { } report ? TypedResults.Ok(ToDto(report)) : outcome.ToProblem();
    }

    [Microsoft.AspNetCore.Mvc.RequestSizeLimit(EvidenceFiles.MaxBytes + 256 * 1024)]
    public static async Task<Results<Created<AttachmentDto>, ProblemHttpResult>> Attach(int id, HttpRequest request, ReportWorkflow workflow,
        HttpContext http, CancellationToken ct)
    {
        if (request.ContentLength > EvidenceFiles.MaxBytes + 256 * 1024)
            return ReportProblems.FileTooLarge.With(EvidenceFiles.MaxMegabytes).ToProblem();
        if (!request.HasFormContentType) return ((Problem)ReportProblems.NotMultipart).ToProblem();
        IFormFile? file;
        try
        {
            file = (await request.ReadFormAsync(ct)).Files.GetFile("file");
        }
        catch (Exception e) when (e is InvalidDataException or BadHttpRequestException)
        {
            return ReportProblems.FileTooLarge.With(EvidenceFiles.MaxMegabytes).ToProblem();
        }
        if (file is null) return ((Problem)ReportProblems.FileMissing).ToProblem();
        await using var stream = file.OpenReadStream();
        var outcome = await workflow.AttachAsync(http.User.ToCaller(), id, stream, file.FileName, file.Length, ct);
        if (outcome.Value is not { } attachment) return outcome.ToProblem();
        return TypedResults.Created($"/api/v1/attachments/{attachment.Id}",
            new AttachmentDto(attachment.Id, attachment.FileName, attachment.ContentType, attachment.Size, $"/api/v1/attachments/{attachment.Id}"));
    }

    public static async Task<Results<FileStreamHttpResult, NotFound>> Download(int id, TaskScope scope, EvidenceFiles files, LuoshiDb db,
        HttpContext http, CancellationToken ct)
    {
        var attachment = await db.Attachments.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, ct);
        if (attachment?.ReportId is not { } reportId || await scope.FindReportAsync(http.User.ToCaller(), reportId, ct) is null)
            return TypedResults.NotFound();
        var stream = await files.OpenAsync(attachment, ct);
        if (stream is null) return TypedResults.NotFound();
        // Sent as a download (Content-Disposition: attachment) with nosniff: a file never runs as a page of ours.
        return TypedResults.File(stream, attachment.ContentType, attachment.FileName);
    }
}
