using Luoshi.Application.Access;
using Luoshi.Application.Plans;
using Luoshi.Application.Tasks;
using Luoshi.Data;
using Luoshi.Domain.Plans;
using Luoshi.Domain.Problems;
using Luoshi.Domain.Tasks;
using Luoshi.Parsing;
using Luoshi.Parsing.Rendering;
using Luoshi.Web.Auth;
using Luoshi.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using static Luoshi.Web.Apis.LedgerDtos;

namespace Luoshi.Web.Apis;

/// <summary><c>/api/v1/plans</c>: parse a document, turn it into a draft, publish it, export its ledger.</summary>
public static class PlansApi
{
    public sealed record NewTaskRequest(string? Title, string? Text, int? ParentId);

    public sealed record CopyRequest(int? FromPlanId);

    /// <summary>A draft's corrections: its title and its year (the deadlines read from its text follow the year).</summary>
    public sealed record PatchPlanRequest(string? Title, int? Year);

    public static void MapPlansApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/plans").WithTags("工作计划");
        group.MapPost("/parse", Parse).DisableAntiforgery().WithSummary("解析计划文档（不保存），返回 luoshi.plan/1");
        group.MapPost("/", Create).DisableAntiforgery().WithSummary("由计划文档创建草稿计划");
        group.MapGet("/", List).WithSummary("可见的计划");
        group.MapGet("/{id:int}", Get).WithSummary("计划详情");
        group.MapGet("/{id:int}/problems", Problems).WithSummary("发布前尚未解决的问题");
        group.MapPost("/{id:int}/publish", Publish).WithSummary("发布草稿计划");
        group.MapPatch("/{id:int}", Patch).WithSummary("修改草稿计划的名称和年份（需 If-Match；年份改变时按新年份重新读出文中的完成时限）");
        group.MapDelete("/{id:int}", DeleteDraft).WithSummary("删除草稿计划（已发布的计划不能删除）");
        group.MapPost("/{id:int}/tasks", AddTask).WithSummary("在草稿中新增任务");
        group.MapPost("/{id:int}/copy-assignments", CopyAssignments).WithSummary("按任务名称沿用往年计划的分工");
        group.MapPost("/{id:int}/carry-over", CarryOver).WithSummary("把往年计划中未办结的任务及其目标结转到本草稿（上年实际值为基线）");
        group.MapGet("/{id:int}/ledger.xlsx", (int id, LedgerWorkbook ledger, HttpContext http) => Ledger(id, LedgerWorkbook.Format.Xlsx, ledger, http))
            .WithSummary("工作台账（Excel）");
        group.MapGet("/{id:int}/ledger.docx", (int id, LedgerWorkbook ledger, HttpContext http) => Ledger(id, LedgerWorkbook.Format.Docx, ledger, http))
            .WithSummary("任务分解表（Word）");
    }

    public static async Task<Results<FileContentHttpResult, ProblemHttpResult>> Parse(HttpRequest request, HttpContext http)
    {
        var ct = http.UntilGoneOrStopping();
        var (document, problem) = await DocumentUpload.ReadAsync(request, ct);
        if (problem is not null) return problem;
        try
        {
            var parsed = PlanParser.Parse(document!.Content, document.FileName, ParseOptions.ForUpload(ct));
            return TypedResults.File(JsonPlanRenderer.Render(parsed), "application/json; charset=utf-8");
        }
        catch (PlanDocumentException e)
        {
            return Unreadable(e);
        }
        catch (OperationCanceledException e) when (http.StoppedByServer(e))
        {
            return TypedResults.Problem(statusCode: 503, detail: RequestWork.StoppingMessage);
        }
    }

    /// <summary>An unreadable document: 422 with its reason, and each reason in <c>errors</c> (every bad row of a 分解表).</summary>
    /// <summary>A document that could not be read: 422 in Chinese, and the memory its reading took is given back.</summary>
    private static ProblemHttpResult Unreadable(PlanDocumentException e)
    {
        MemoryRelief.AfterRefusedDocument();
        return TypedResults.Problem(statusCode: 422, detail: e.Message,
            extensions: e.Problems.Count > 0 ? new Dictionary<string, object?> { ["errors"] = e.Problems } : null);
    }

    public static async Task<Results<Created<PlanDto>, ProblemHttpResult>> Create(HttpRequest request, PlanIntake intake, PlanWorkflow plans,
        HttpContext http)
    {
        var ct = http.UntilGoneOrStopping();
        var caller = http.User.ToCaller();
        if (!caller.DraftsPlans) return TypedResults.Problem(statusCode: 403, detail: "只有管理员、督查督导和处室可以创建计划");
        var (document, problem) = await DocumentUpload.ReadAsync(request, ct);
        if (problem is not null) return problem;
        Plan plan;
        try
        {
            plan = await intake.CreateDraftFromDocumentAsync(document!.Content, document.FileName, caller.UserId, ct);
        }
        catch (PlanDocumentException e)
        {
            return Unreadable(e);
        }
        catch (OperationCanceledException e) when (http.StoppedByServer(e))
        {
            return TypedResults.Problem(statusCode: 503, detail: RequestWork.StoppingMessage);
        }
        var (tasks, targets) = await CountsAsync(http, plan.Id, ct);
        var twins = await plans.TwinsAsync(caller, plan, ct);
        var sameAs = twins.Select(t => new TwinDto(t.Id, t.Title, t.Year, t.Status.ToCode(), t.SameDocument)).ToList();
        return TypedResults.Created($"/api/v1/plans/{plan.Id}", ToDto(plan, tasks, targets) with { SameAs = sameAs });
    }

    public static async Task<Ok<PagedList<PlanDto>>> List(TaskScope scope, LuoshiDb db, HttpContext http, int? year, string? status, int? page,
        int? pageSize, CancellationToken ct)
    {
        var query = scope.VisiblePlans(http.User.ToCaller()).AsNoTracking();
        if (year is not null) query = query.Where(p => p.Year == year);
        if (status is not null) query = query.Where(p => p.Status == (status == "published" ? PlanStatus.Published : status == "archived"
            ? PlanStatus.Archived : PlanStatus.Draft));
        var paging = new Paging(page, pageSize);
        var total = await query.CountAsync(ct);
        var plans = await query.OrderByDescending(p => p.Year).ThenByDescending(p => p.Id).Skip(paging.Skip).Take(paging.Size).ToListAsync(ct);
        var ids = plans.Select(p => p.Id).ToList();
        var taskCounts = await db.Tasks.Where(t => ids.Contains(t.PlanId) && !t.IsGroup && !t.IsBreakdown).GroupBy(t => t.PlanId).Select(g => new { g.Key,
            N = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.N, ct);
        var targetCounts = await db.Targets.Join(db.Tasks, g => g.TaskId, t => t.Id, (g, t) => t.PlanId).Where(p => ids.Contains(p))
            .GroupBy(p => p).Select(g => new { g.Key, N = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.N, ct);
        return TypedResults.Ok(new PagedList<PlanDto>(plans.Select(p => ToDto(p, taskCounts.GetValueOrDefault(p.Id),
            targetCounts.GetValueOrDefault(p.Id))).ToList(), total));
    }

    public static async Task<Results<Ok<PlanDto>, NotFound>> Get(int id, TaskScope scope, HttpContext http, CancellationToken ct)
    {
        var plan = await scope.VisiblePlans(http.User.ToCaller()).AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, ct);
        if (plan is null) return TypedResults.NotFound();
        var (tasks, targets) = await CountsAsync(http, id, ct);
        http.Response.SetETag(plan.Version);
        return TypedResults.Ok(ToDto(plan, tasks, targets));
    }

    public static async Task<Results<Ok<string[]>, NotFound>> Problems(int id, PlanWorkflow plans, HttpContext http, CancellationToken ct)
    {
        if (await plans.FindAsync(http.User.ToCaller(), id, ct) is not { } plan) return TypedResults.NotFound();
        return TypedResults.Ok((await plans.OpenProblemsAsync(plan, ct)).Words().ToArray());
    }

    public static async Task<Results<Ok<PlanDto>, ProblemHttpResult>> Publish(int id, PlanWorkflow plans, HttpContext http, CancellationToken ct)
    {
        var outcome = await plans.PublishAsync(http.User.ToCaller(), id, ct);
        if (outcome.Value is not { Plan: var plan }) return outcome.Problems.ToList().ToProblem(outcome.Kind == ProblemKind.Conflict ? "计划还不能发布" : null);
        var (tasks, targets) = await CountsAsync(http, id, ct);
        return TypedResults.Ok(ToDto(plan, tasks, targets));
    }

    public static async Task<Results<Ok<PlanDto>, ProblemHttpResult>> Patch(int id, PatchPlanRequest request, PlanWorkflow plans, HttpContext http,
        CancellationToken ct)
    {
        var outcome = await plans.ChangeDraftAsync(http.User.ToCaller(), id, Versions.Read(http.Request), request.Title, request.Year, ct);
        if (outcome.Value is not { } plan) return outcome.ToProblem();
        http.Response.SetETag(plan.Version);
        var (tasks, targets) = await CountsAsync(http, id, ct);
        return TypedResults.Ok(ToDto(plan, tasks, targets));
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteDraft(int id, PlanWorkflow plans, HttpContext http, CancellationToken ct)
    {
        var outcome = await plans.DeleteDraftAsync(http.User.ToCaller(), id, ct);
        return outcome.Succeeded ? TypedResults.NoContent() : outcome.ToProblem();
    }

    public static async Task<Results<Created<TaskDto>, ProblemHttpResult>> AddTask(int id, NewTaskRequest request, PlanWorkflow plans,
        TaskWorkflow tasks, HttpContext http, CancellationToken ct)
    {
        var outcome = await plans.AddTaskAsync(http.User.ToCaller(), id, new PlanWorkflow.NewTask(request.Title, request.Text, request.ParentId), ct);
        if (outcome.Value is not { } task) return outcome.ToProblem();
        return TypedResults.Created($"/api/v1/tasks/{task.Id}", ToDto(task, await tasks.States.OfAsync(task, ct)));
    }

    public static async Task<Results<Ok<Dictionary<string, int>>, ProblemHttpResult>> CarryOver(int id, CopyRequest request, YearRollover rollover,
        HttpContext http, CancellationToken ct)
    {
        var outcome = await rollover.CarryOverAsync(http.User.ToCaller(), id, request.FromPlanId, ct);
        return outcome.Succeeded ? TypedResults.Ok(new Dictionary<string, int> { ["carried"] = outcome.Value }) : outcome.ToProblem();
    }

    public static async Task<Results<Ok<Dictionary<string, int>>, ProblemHttpResult>> CopyAssignments(int id, CopyRequest request,
        Assignments assignments, HttpContext http, CancellationToken ct)
    {
        var outcome = await assignments.CopyFromAsync(http.User.ToCaller(), id, request.FromPlanId, ct);
        return outcome.Succeeded ? TypedResults.Ok(new Dictionary<string, int> { ["copied"] = outcome.Value }) : outcome.ToProblem();
    }

    public static async Task<Results<FileContentHttpResult, NotFound>> Ledger(int id, LedgerWorkbook.Format format, LedgerWorkbook ledger,
        HttpContext http)
    {
        var file = await ledger.ExportAsync(id, http.User.ToCaller(), format, http.RequestAborted);
        return file is null ? TypedResults.NotFound() : TypedResults.File(file.Content, file.ContentType, file.Name);
    }

    private static async Task<(int Tasks, int Targets)> CountsAsync(HttpContext http, int planId, CancellationToken ct)
    {
        var db = http.RequestServices.GetRequiredService<LuoshiDb>();
        var tasks = await db.Tasks.CountAsync(t => t.PlanId == planId && !t.IsGroup && !t.IsBreakdown, ct);
        var targets = await db.Targets.CountAsync(g => db.Tasks.Any(t => t.Id == g.TaskId && t.PlanId == planId), ct);
        return (tasks, targets);
    }
}
