using Luoshi.Application.Access;
using Luoshi.Application.Idempotency;
using Luoshi.Application.Reports;
using Luoshi.Application.Tasks;
using Luoshi.Data;
using Luoshi.Data.Idempotency;
using Luoshi.Domain.Plans;
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
    public sealed record ValueRequest(int? TargetId, decimal? Value);

    public sealed record ReportRequest(int? OrgUnitId, string? Period, int? Progress, string? Narrative, ValueRequest[]? Values, bool? Draft);

    public sealed record ReviewRequest(string? Decision, string? Comment);

    public sealed record Created(int Id, string Status, bool Late);

    public static void MapReportsApi(this RouteGroupBuilder api)
    {
        api.MapGet("/tasks/{id:int}/reports", List).WithTags("进展反馈").WithSummary("任务的进展反馈（每个版本）");
        api.MapPost("/tasks/{id:int}/reports", Submit).Produces<Created>(StatusCodes.Status201Created).WithTags("进展反馈").WithSummary("报送进展（支持 Idempotency-Key）");
        api.MapGet("/reports/{id:int}", Get).WithTags("进展反馈").WithSummary("一份进展反馈");
        api.MapPost("/reports/{id:int}/review", Review).WithTags("进展反馈").WithSummary("采纳或退回");
        api.MapPost("/reports/{id:int}/attachments", Attach).DisableAntiforgery().WithTags("进展反馈").WithSummary("上传佐证材料");
        api.MapGet("/attachments/{id:int}", Download).WithTags("进展反馈").WithSummary("下载佐证材料");
    }

    public static async Task<Results<Ok<Infrastructure.PagedList<ReportDto>>, NotFound>> List(int id, TaskScope scope, TaskWorkflow ledger, LuoshiDb db, HttpContext http, CancellationToken ct)
    {
        if (await TasksApi.FindAsync(id, scope, ledger, db, http, ct) is not ({ } task, _)) return TypedResults.NotFound();
        var items = (await scope.ReadableReportsAsync(http.User.ToCaller(), task, ct)).Select(ToDto).ToList();
        return TypedResults.Ok(new Infrastructure.PagedList<ReportDto>(items, items.Count));
    }

    /// <summary>
    /// Submits (or saves a draft). With an Idempotency-Key the same request sent again gets the first answer unchanged,
    /// and the key sent with a different request gets 422; a unit's report that stands in the way gets 409.
    /// </summary>
    public static async Task<Results<ContentHttpResult, NotFound, ProblemHttpResult, ValidationProblem>> Submit(int id, ReportRequest request, TaskScope scope, TaskWorkflow ledger, ReportWorkflow desk, IdempotentRequests once, LuoshiDb db, HttpContext http, CancellationToken ct)
    {
        if (await TasksApi.FindAsync(id, scope, ledger, db, http, ct) is not ({ } task, { } plan)) return TypedResults.NotFound();
        var caller = http.User.ToCaller();
        var unit = request.OrgUnitId ?? caller.OrgUnitId;
        if (plan.Status != PlanStatus.Published) return TypedResults.Problem(statusCode: 409, detail: "计划尚未发布，不能报送进展");
        if (!TaskScope.MayReport(caller, task, unit)) return TypedResults.Problem(statusCode: 403, detail: "只能为本单位承担的任务报送进展");
        if (request.Values?.Any(v => v.TargetId is null || v.Value is null) == true) return OrgUnitsApi.Invalid(["每个目标值都要有目标编号和数值"]);
        var key = IdempotencyKeys.KeyOf(http);
        if (key is not null && IdempotentRequests.ProblemWith(key) is { } keyProblem) return OrgUnitsApi.Invalid([keyProblem]);
        var submission = new ReportWorkflow.Submission(unit, request.Period, request.Progress, request.Narrative,
            request.Values?.Select(v => (v.TargetId!.Value, v.Value!.Value)).ToList() ?? [], request.Draft ?? false);
        var run = await once.RunAsync(key is null ? null : IdempotencyKeys.For(http, key, request), ct => desk.SubmitAsync(caller, task, submission, ct), outcome => outcome.Report is { } r
            ? IdempotencyKeys.Json(http, StatusCodes.Status201Created, new Created(r.Id, r.Status.ToCode(), r.Late), $"/api/v1/reports/{r.Id}")
            : null, ct);
        if (run.Kind == IdempotentRequests.Kind.KeyReused) return TypedResults.Problem(statusCode: 422, detail: IdempotencyKeys.KeyReused);
        if (run.Answer is { } answer) return IdempotencyKeys.Send(http, answer);
        var refused = run.Value!;
        return refused.Conflict ? TypedResults.Problem(statusCode: 409, detail: string.Join("；", refused.Problems)) : OrgUnitsApi.Invalid(refused.Problems);
    }

    /// <summary>The report if the caller may read it (through its task and unit); otherwise null, which looks like 404.</summary>
    private static async Task<(ProgressReport Report, Domain.Tasks.PlanTask Task)?> FindAsync(int id, TaskScope scope, TaskWorkflow ledger, LuoshiDb db, HttpContext http, CancellationToken ct)
    {
        var report = await scope.ReadableReports(http.User.ToCaller()).Include(r => r.Values).Include(r => r.Attachments).FirstOrDefaultAsync(r => r.Id == id, ct);
        if (report is null) return null;
        if (await TasksApi.FindAsync(report.TaskId, scope, ledger, db, http, ct) is not ({ } task, _)) return null;
        return (report, task);
    }

    public static async Task<Results<Ok<ReportDto>, NotFound>> Get(int id, TaskScope scope, TaskWorkflow ledger, LuoshiDb db, HttpContext http, CancellationToken ct) =>
        await FindAsync(id, scope, ledger, db, http, ct) is ({ } report, _) ? TypedResults.Ok(ToDto(report)) : TypedResults.NotFound();

    public static async Task<Results<Ok<ReportDto>, NotFound, ProblemHttpResult>> Review(int id, ReviewRequest request, TaskScope scope, TaskWorkflow ledger, ReportWorkflow desk, LuoshiDb db, HttpContext http, CancellationToken ct)
    {
        if (await FindAsync(id, scope, ledger, db, http, ct) is not ({ } report, { } task)) return TypedResults.NotFound();
        var caller = http.User.ToCaller();
        if (!TaskScope.MayReview(caller, task)) return TypedResults.Problem(statusCode: 403, detail: "只有牵头处室可以审核进展反馈");
        if (request.Decision is not ("accept" or "return")) return TypedResults.Problem(statusCode: 400, detail: "decision 应为 accept（采纳）或 return（退回）");
        var problems = await desk.ReviewAsync(caller, report, task, request.Decision == "accept", request.Comment, ct);
        if (problems.Count > 0) return TypedResults.Problem(statusCode: 409, detail: string.Join("；", problems));
        return TypedResults.Ok(ToDto(report));
    }

    [Microsoft.AspNetCore.Mvc.RequestSizeLimit(EvidenceFiles.MaxBytes + 256 * 1024)]
    public static async Task<Results<Created<AttachmentDto>, NotFound, ProblemHttpResult>> Attach(int id, HttpRequest request, TaskScope scope, TaskWorkflow ledger, EvidenceFiles files, LuoshiDb db, HttpContext http, CancellationToken ct)
    {
        if (await FindAsync(id, scope, ledger, db, http, ct) is not ({ } report, _)) return TypedResults.NotFound();
        var caller = http.User.ToCaller();
        if (report.OrgUnitId != caller.OrgUnitId) return TypedResults.Problem(statusCode: 403, detail: "只能为本单位的进展反馈上传材料");
        if (report.Status is ReportStatus.Accepted) return TypedResults.Problem(statusCode: 409, detail: "已采纳的进展反馈不能再添加材料");
        if (request.ContentLength > EvidenceFiles.MaxBytes + 256 * 1024) return TypedResults.Problem(statusCode: 413, detail: $"文件超过 {EvidenceFiles.MaxBytes / 1024 / 1024} MB");
        if (!request.HasFormContentType) return TypedResults.Problem(statusCode: 415, detail: "请以 multipart/form-data 上传（字段 file）");
        IFormFile? file;
        try
        {
            file = (await request.ReadFormAsync(ct)).Files.GetFile("file");
        }
        catch (Exception e) when (e is InvalidDataException or BadHttpRequestException)
        {
            return TypedResults.Problem(statusCode: 413, detail: $"文件超过 {EvidenceFiles.MaxBytes / 1024 / 1024} MB");
        }
        if (file is null) return TypedResults.Problem(statusCode: 400, detail: "请在表单字段 file 中上传文件");
        await using var stream = file.OpenReadStream();
        var (attachment, problem) = await files.StoreAsync(stream, file.FileName, file.Length, caller.UserId, ct);
        if (attachment is null) return TypedResults.Problem(statusCode: problem!.Contains("MB") ? 413 : 415, detail: problem);
        attachment.ReportId = report.Id;
        db.Attachments.Add(attachment);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/v1/attachments/{attachment.Id}", new AttachmentDto(attachment.Id, attachment.FileName, attachment.ContentType, attachment.Size, $"/api/v1/attachments/{attachment.Id}"));
    }

    public static async Task<Results<FileStreamHttpResult, NotFound>> Download(int id, TaskScope scope, TaskWorkflow ledger, EvidenceFiles files, LuoshiDb db, HttpContext http, CancellationToken ct)
    {
        var attachment = await db.Attachments.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, ct);
        if (attachment is null || await FindAsync(attachment.ReportId, scope, ledger, db, http, ct) is null) return TypedResults.NotFound();
        var stream = files.Open(attachment);
        if (stream is null) return TypedResults.NotFound();
        // Sent as a download (Content-Disposition: attachment) with nosniff: a file never runs as a page of ours.
        return TypedResults.File(stream, attachment.ContentType, attachment.FileName);
    }
}
