using Luoshi.Application.Supervision;
using Luoshi.Domain.Supervision;
using Luoshi.Domain.Time;
using Luoshi.Parsing.Rendering.Office;
using Luoshi.Web.Auth;
using Luoshi.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using static Luoshi.Web.Apis.LedgerDtos;

namespace Luoshi.Web.Apis;

/// <summary><c>/api/v1/notices</c>: 督办单 — issue, list per role, answer, close, send back, print — each a <see cref="Notices"/> use case.</summary>
public static class NoticesApi
{
    public sealed record NoticeDto(int Id, string Number, int? TaskId, string? TaskTitle, int OrgUnitId, string OrgUnitName, int? IssuerUnitId,
        string? IssuerUnitName, string Kind, string Level, string Reason, string RespondBy, string Status, string? Response, string? ReturnComment,
        DateTime IssuedAt, DateTime? AnsweredAt, DateTime? ClosedAt, bool Overdue, IReadOnlyList<AttachmentDto> Attachments);

    public sealed record NoticeList(IReadOnlyList<NoticeDto> Items);

    public sealed record IssueRequest(int? OrgUnitId, int? TaskId, string? Kind, string? Reason, int? Days);

    public sealed record ResponseRequest(string? Response);

    public sealed record ReturnRequest(string? Comment);

    public static void MapNoticesApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/notices").WithTags("督办单");
        group.MapGet("", List).WithSummary("督办单列表（box=toAnswer 待办理、issued 我发出的、overdue 已逾期；不填为可见的全部）");
        group.MapPost("", Issue).WithSummary("发出督办单（办理时限按工作日计算，默认 3 个工作日）");
        group.MapGet("/{id:int}", Get).WithSummary("一张督办单");
        group.MapGet("/{id:int}.docx", Docx).WithSummary("打印督办单（Word 文档）");
        group.MapPost("/{id:int}/response", Answer).DisableAntiforgery()
            .Accepts<ResponseRequest>("application/json", "multipart/form-data")
            .WithSummary("被督办单位反馈办理情况（JSON，或 multipart：response 与最多 5 个 file 附件）");
        group.MapGet("/files/{id:int}", Download).WithSummary("下载督办单办理情况的附件（发出方与被督办单位）");
        group.MapPost("/{id:int}/close", Close).WithSummary("发出单位办结督办单");
        group.MapPost("/{id:int}/return", Return).WithSummary("发出单位退回办理情况，要求重新办理");
    }

    public static NoticeDto ToDto(Notices.Row row)
    {
        var n = row.Notice;
        return new(n.Id, n.Number, n.TaskId, row.TaskTitle, n.OrgUnitId, row.UnitName, n.IssuerUnitId, row.IssuerUnitName, n.Kind.ToCode(),
            n.Level.ToCode(), n.Reason, n.RespondBy.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), n.Status.ToCode(),
            n.Response, n.ReturnComment, n.IssuedAt, n.AnsweredAt, n.ClosedAt, row.Overdue,
            [.. n.Attachments.OrderBy(a => a.Id).Select(a => new AttachmentDto(a.Id, a.FileName, a.ContentType, a.Size, $"/api/v1/notices/files/{a.Id}"))]);
    }

    public static async Task<Results<Ok<NoticeList>, ProblemHttpResult>> List(string? box, Notices notices, HttpContext http, CancellationToken ct)
    {
        if (ParseBox(box) is not { } which)
            return TypedResults.Problem(statusCode: 400, detail: "box 应为 toAnswer（待办理）、issued（我发出的）或 overdue（已逾期）");
        var rows = await notices.ListAsync(http.User.ToCaller(), which, ct);
        return TypedResults.Ok(new NoticeList([.. rows.Select(ToDto)]));
    }

    public static Notices.Box? ParseBox(string? box) => box?.Trim().ToLowerInvariant() switch
    {
        null or "" or "all" => Notices.Box.All,
        "toanswer" => Notices.Box.ToAnswer,
        "issued" => Notices.Box.Issued,
        "overdue" => Notices.Box.Overdue,
        _ => null,
    };

    public static async Task<Results<Created<NoticeDto>, ProblemHttpResult>> Issue(IssueRequest request, Notices notices, HttpContext http,
        CancellationToken ct)
    {
        var caller = http.User.ToCaller();
        var outcome = await notices.IssueAsync(caller, new(request.OrgUnitId, request.TaskId, request.Kind, request.Reason, request.Days), ct);
        if (outcome.Value is not { } notice) return outcome.ToProblem();
        var row = await notices.FindAsync(caller, notice.Id, ct);
        return TypedResults.Created($"/api/v1/notices/{notice.Id}", ToDto(row.Value!));
    }

    public static async Task<Results<Ok<NoticeDto>, ProblemHttpResult>> Get(int id, Notices notices, HttpContext http, CancellationToken ct)
    {
        var row = await notices.FindAsync(http.User.ToCaller(), id, ct);
        return row.Value is { } found ? TypedResults.Ok(ToDto(found)) : row.ToProblem();
    }

    public static async Task<Results<FileContentHttpResult, ProblemHttpResult>> Docx(int id, Notices notices, HttpContext http, ChinaClock clock,
        CancellationToken ct)
    {
        var row = await notices.FindAsync(http.User.ToCaller(), id, ct);
        if (row.Value is not { } found) return row.ToProblem();
        var bytes = NoticeDocument.Write(found, clock.UtcNow);
        return TypedResults.File(bytes, WordTableWriter.ContentType, $"{found.Notice.Number}.docx");
    }

    /// <summary>The answer as JSON (<c>{"response"}</c>) or as a form with its attachments; too large or unreadable → a Chinese 4xx.</summary>
    [Microsoft.AspNetCore.Mvc.RequestSizeLimit(EvidenceUploads.MaxBody)]
    public static async Task<Results<Ok<NoticeDto>, ProblemHttpResult>> Answer(int id, HttpRequest request, Notices notices, HttpContext http,
        CancellationToken ct)
    {
        var caller = http.User.ToCaller();
        var (outcome, refused) = await EvidenceUploads.JsonOrFormAsync<Notice, ResponseRequest>(request, "response", b => b?.Response,
            "{\"response\": \"办理情况\"}", (text, uploads) => notices.AnswerAsync(caller, id, text, uploads, ct), ct);
        if (refused is not null) return refused;
        return await Changed(http, notices, _ => Task.FromResult(outcome!), ct);
    }

    public static async Task<Results<FileStreamHttpResult, ProblemHttpResult>> Download(int id, Notices notices, HttpContext http, CancellationToken ct)
    {
        if (await notices.OpenFileAsync(http.User.ToCaller(), id, ct) is not var (attachment, stream))
            return ((Domain.Problems.Problem)NoticeProblems.NotFound).ToProblem();
        // Sent as a download (Content-Disposition: attachment) with nosniff: a file never runs as a page of ours.
        return TypedResults.File(stream, attachment.ContentType, attachment.FileName);
    }

    public static Task<Results<Ok<NoticeDto>, ProblemHttpResult>> Close(int id, Notices notices, HttpContext http, CancellationToken ct) =>
        Changed(http, notices, c => notices.CloseAsync(c, id, ct), ct);

    public static Task<Results<Ok<NoticeDto>, ProblemHttpResult>> Return(int id, ReturnRequest request, Notices notices, HttpContext http,
        CancellationToken ct) =>
        Changed(http, notices, c => notices.ReturnAsync(c, id, request.Comment, ct), ct);

    private static async Task<Results<Ok<NoticeDto>, ProblemHttpResult>> Changed(HttpContext http, Notices notices,
        Func<Luoshi.Application.Access.Caller, Task<Luoshi.Application.Outcome<Notice>>> change, CancellationToken ct)
    {
        var caller = http.User.ToCaller();
        var outcome = await change(caller);
        if (outcome.Value is not { } notice) return outcome.ToProblem();
        var row = await notices.FindAsync(caller, notice.Id, ct);
        return TypedResults.Ok(ToDto(row.Value!));
    }
}
