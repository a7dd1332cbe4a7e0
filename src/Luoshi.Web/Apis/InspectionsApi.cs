using System.Globalization;
using Luoshi.Application;
using Luoshi.Application.Access;
using Luoshi.Application.Reports;
using Luoshi.Application.Supervision;
using Luoshi.Domain.Problems;
using Luoshi.Domain.Reports;
using Luoshi.Domain.Supervision;
using Luoshi.Web.Auth;
using Luoshi.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using static Luoshi.Web.Apis.LedgerDtos;

namespace Luoshi.Web.Apis;

/// <summary><c>/api/v1/inspections</c>: 专项督导 and its 整改 items — record, list per role, add findings, rectify, close, return — each an <see cref="Inspections"/> use case.</summary>
public static class InspectionsApi
{
    /// <summary>The largest rectification request: every evidence file at its limit, and the text.</summary>
    public const long MaxRectificationBytes = EvidenceUploads.MaxBody;

    public sealed record UnitDto(int Id, string Name);

    public sealed record FindingDto(int Id, int InspectionId, int OrgUnitId, string OrgUnitName, string Description, string Severity,
        string SeverityName, string Requirement, string Deadline, string Status, string? Rectification, DateTime? SubmittedAt, string? ReturnComment,
        DateTime? ClosedAt, bool Overdue, IReadOnlyList<AttachmentDto> Attachments);

    public sealed record InspectionDto(int Id, string Title, string Topic, string StartDate, string EndDate, string? Summary, int? InspectorId,
        string? InspectorName, int? InspectorUnitId, string? InspectorUnitName, IReadOnlyList<UnitDto> Units, IReadOnlyList<FindingDto> Findings,
        DateTime CreatedAt);

    public sealed record FindingRequest(int? OrgUnitId, string? Description, string? Severity, string? Requirement, DateOnly? Deadline, int? Days);

    public sealed record RecordRequest(string? Title, string? Topic, DateOnly? StartDate, DateOnly? EndDate, string? Summary, int[]? OrgUnitIds,
        FindingRequest[]? Findings);

    public sealed record FindingsRequest(FindingRequest[]? Findings);

    public sealed record RectificationRequest(string? Rectification);

    public sealed record ReturnRequest(string? Comment);

    public static void MapInspectionsApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/inspections").WithTags("专项督导");
        group.MapGet("", List).WithSummary("专项督导列表（box=mine 我的整改、issued 我发起的、overdue 逾期；不填为可见的全部）");
        group.MapPost("", Record).WithSummary("登记专项督导（被督导单位、发现的问题；整改时限为日期或工作日数）");
        group.MapGet("/{id:int}", Get).WithSummary("一次专项督导及其整改问题");
        group.MapPost("/{id:int}/findings", AddFindings).WithSummary("登记发现的问题（整改事项）");
        group.MapPost("/findings/{id:int}/rectification", Rectify).DisableAntiforgery()
            .Accepts<RectificationRequest>("application/json", "multipart/form-data")
            .WithSummary("被督导单位提交整改情况（JSON，或 multipart：rectification 与最多 5 个 file 佐证材料）");
        group.MapPost("/findings/{id:int}/close", Close).WithSummary("督导方审核通过、销号");
        group.MapPost("/findings/{id:int}/return", Return).WithSummary("督导方退回整改，说明原因");
        group.MapGet("/files/{id:int}", Download).WithSummary("下载整改佐证材料");
    }

    private static string Day(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static FindingDto ToDto(Inspections.FindingRow row)
    {
        var f = row.Finding;
        return new(f.Id, f.InspectionId, f.OrgUnitId, row.UnitName, f.Description, f.Severity.ToCode(), f.Severity.ToChinese(), f.Requirement,
            Day(f.Deadline), f.Status.ToCode(), f.Rectification, f.SubmittedAt, f.ReturnComment, f.ClosedAt, row.Overdue,
            [.. f.Attachments.OrderBy(a => a.Id).Select(a => new AttachmentDto(a.Id, a.FileName, a.ContentType, a.Size, $"/api/v1/inspections/files/{a.Id}"))]);
    }

    public static InspectionDto ToDto(Inspections.Row row)
    {
        var i = row.Inspection;
        return new(i.Id, i.Title, i.Topic, Day(i.StartDate), Day(i.EndDate), i.Summary, i.CreatedById, row.InspectorName, i.InspectorUnitId,
            row.InspectorUnitName, [.. row.Units.Select(u => new UnitDto(u.Id, u.Name))], [.. row.Findings.Select(ToDto)], i.CreatedAt);
    }

    public static Inspections.Box? ParseBox(string? box) => box?.Trim().ToLowerInvariant() switch
    {
        null or "" or "all" => Inspections.Box.All,
        "mine" => Inspections.Box.Mine,
        "issued" => Inspections.Box.Issued,
        "overdue" => Inspections.Box.Overdue,
        _ => null,
    };

    private static List<Inspections.FindingRequest> Findings(FindingRequest[]? findings) =>
        [.. (findings ?? []).Select(f => new Inspections.FindingRequest(f?.OrgUnitId, f?.Description, f?.Severity, f?.Requirement, f?.Deadline, f?.Days))];

    public static async Task<Results<Ok<PagedList<InspectionDto>>, ProblemHttpResult>> List(string? box, int? page, int? pageSize,
        Inspections inspections, HttpContext http, CancellationToken ct)
    {
        if (ParseBox(box) is not { } which)
            return TypedResults.Problem(statusCode: 400, detail: "box 应为 mine（我的整改）、issued（我发起的）或 overdue（逾期）");
        var rows = await inspections.ListAsync(http.User.ToCaller(), which, ct);
        return TypedResults.Ok(PagedList<InspectionDto>.Of([.. rows.Select(ToDto)], new Paging(page, pageSize)));
    }

    public static async Task<Results<Created<InspectionDto>, ProblemHttpResult>> Record(RecordRequest request, Inspections inspections,
        HttpContext http, CancellationToken ct)
    {
        var caller = http.User.ToCaller();
        var outcome = await inspections.RecordAsync(caller, new(request.Title, request.Topic, request.StartDate, request.EndDate, request.Summary,
            request.OrgUnitIds, Findings(request.Findings)), ct);
        if (outcome.Value is not { } inspection) return outcome.ToProblem();
        var row = await inspections.FindAsync(caller, inspection.Id, ct);
        return TypedResults.Created($"/api/v1/inspections/{inspection.Id}", ToDto(row.Value!));
    }

    public static async Task<Results<Ok<InspectionDto>, ProblemHttpResult>> Get(int id, Inspections inspections, HttpContext http, CancellationToken ct)
    {
        var row = await inspections.FindAsync(http.User.ToCaller(), id, ct);
        return row.Value is { } found ? TypedResults.Ok(ToDto(found)) : row.ToProblem();
    }

    public static async Task<Results<Ok<InspectionDto>, ProblemHttpResult>> AddFindings(int id, FindingsRequest request, Inspections inspections,
        HttpContext http, CancellationToken ct)
    {
        var caller = http.User.ToCaller();
        var outcome = await inspections.AddFindingsAsync(caller, id, Findings(request.Findings), ct);
        if (!outcome.Succeeded) return outcome.ToProblem();
        var row = await inspections.FindAsync(caller, id, ct);
        return TypedResults.Ok(ToDto(row.Value!));
    }

    /// <summary>The rectification as JSON (<c>{"rectification"}</c>) or as a form with its evidence files; too large or unreadable → a Chinese 4xx.</summary>
    [Microsoft.AspNetCore.Mvc.RequestSizeLimit(MaxRectificationBytes)]
    public static async Task<Results<Ok<FindingDto>, ProblemHttpResult>> Rectify(int id, HttpRequest request, Inspections inspections,
        HttpContext http, CancellationToken ct)
    {
        var caller = http.User.ToCaller();
        var (outcome, refused) = await EvidenceUploads.JsonOrFormAsync<Finding, RectificationRequest>(request, "rectification", b => b?.Rectification,
            "{\"rectification\": \"整改情况\"}", (text, uploads) => inspections.SubmitAsync(caller, id, text, uploads, ct), ct);
        if (refused is not null) return refused;
        return await FindingAsync(outcome!, inspections, caller, ct);
    }

    public static async Task<Results<Ok<FindingDto>, ProblemHttpResult>> Close(int id, Inspections inspections, HttpContext http, CancellationToken ct)
    {
        var caller = http.User.ToCaller();
        return await FindingAsync(await inspections.CloseAsync(caller, id, ct), inspections, caller, ct);
    }

    public static async Task<Results<Ok<FindingDto>, ProblemHttpResult>> Return(int id, ReturnRequest request, Inspections inspections,
        HttpContext http, CancellationToken ct)
    {
        var caller = http.User.ToCaller();
        return await FindingAsync(await inspections.ReturnAsync(caller, id, request.Comment, ct), inspections, caller, ct);
    }

    private static async Task<Results<Ok<FindingDto>, ProblemHttpResult>> FindingAsync(Outcome<Finding> outcome, Inspections inspections, Caller caller,
        CancellationToken ct)
    {
        if (outcome.Value is not { } finding) return outcome.ToProblem();
        var row = await inspections.FindAsync(caller, finding.InspectionId, ct);
        return TypedResults.Ok(ToDto(row.Value!.Findings.First(f => f.Finding.Id == finding.Id)));
    }

    public static async Task<Results<FileStreamHttpResult, ProblemHttpResult>> Download(int id, Inspections inspections, HttpContext http,
        CancellationToken ct)
    {
        if (await inspections.OpenFileAsync(http.User.ToCaller(), id, ct) is not var (attachment, stream))
            return ((Problem)InspectionProblems.FindingNotFound).ToProblem();
        // Sent as a download (Content-Disposition: attachment) with nosniff: a file never runs as a page of ours.
        return TypedResults.File(stream, attachment.ContentType, attachment.FileName);
    }
}
