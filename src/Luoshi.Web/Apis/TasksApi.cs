using Luoshi.Application.Access;
using Luoshi.Application.Tasks;
using Luoshi.Data;
using Luoshi.Domain.Plans;
using Luoshi.Domain.Tasks;
using Luoshi.Web.Auth;
using Luoshi.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using static Luoshi.Web.Apis.LedgerDtos;

namespace Luoshi.Web.Apis;

/// <summary><c>/api/v1/tasks</c>: the ledger's tasks, what the caller may see of them, and their changes.</summary>
public static class TasksApi
{
    public sealed record MilestoneRequest(DateOnly? Date, string? Title, bool? Done);

    public sealed record PatchTaskRequest(string? Title, string? Text, string? Category, int? LeadDepartmentId, int[]? CoDepartmentIds,
        int[]? ResponsibleOrgUnitIds, int? LeaderUserId, DateOnly? StartDate, DateOnly? DueDate, MilestoneRequest[]? Milestones, decimal? Weight);

    public sealed record BulkAssignRequest(int[]? TaskIds, int? LeadDepartmentId);

    public sealed record MergeRequest(int? IntoTaskId);

    public sealed record SplitRequest(int? At, string? Title);

    public sealed record ReasonRequest(string? Reason, string? Summary);

    public static void MapTasksApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/tasks").WithTags("任务");
        group.MapGet("/", List).WithSummary("可见的任务（可按计划、单位、状态、类别筛选）");
        group.MapGet("/{id:int}", Get).WithSummary("任务详情（带 ETag）");
        group.MapPatch("/{id:int}", Patch).WithSummary("修改任务（需 If-Match）");
        group.MapDelete("/{id:int}", Delete).WithSummary("删除草稿中的任务");
        group.MapPost("/{id:int}/merge", Merge).WithSummary("把草稿任务并入另一任务");
        group.MapPost("/{id:int}/split", Split).WithSummary("把草稿任务一分为二");
        group.MapPost("/bulk-assign", BulkAssign).WithSummary("批量设置牵头处室");
        group.MapPost("/{id:int}/completion", RequestCompletion).WithSummary("申请办结");
        group.MapPost("/{id:int}/completion/approve", ApproveCompletion).WithSummary("同意办结");
        group.MapPost("/{id:int}/completion/refuse", RefuseCompletion).WithSummary("不同意办结");
        group.MapPost("/{id:int}/reopen", Reopen).WithSummary("重新打开任务");
        group.MapPost("/{id:int}/cancel", Cancel).WithSummary("取消任务");
    }

    public static async Task<Ok<PagedList<TaskDto>>> List(TaskScope scope, TaskWorkflow ledger, HttpContext http, int? planId, int? orgUnitId, string? status, string? category, string? q, int? page, int? pageSize, CancellationToken ct)
    {
        var query = scope.Visible(http.User.ToCaller()).AsNoTracking();
        if (planId is not null) query = query.Where(t => t.PlanId == planId);
        if (orgUnitId is not null) query = query.Where(t => t.LeadDepartmentId == orgUnitId || t.Units.Any(u => u.OrgUnitId == orgUnitId));
        if (TaskCategories.TryParse(category, out var cat)) query = query.Where(t => t.Category == cat);
        if (!string.IsNullOrWhiteSpace(q)) query = query.Where(t => t.Title.Contains(q) || t.Text.Contains(q));
        var tasks = await query.Include(t => t.Units).Include(t => t.Milestones).Include(t => t.Targets).ThenInclude(g => g.Breakdown)
            .AsSplitQuery().OrderBy(t => t.PlanId).ThenBy(t => t.Ordinal).ToListAsync(ct);
        // Status is computed, so filtering by it happens after loading; a city's ledger is hundreds of tasks, not millions.
        var rows = tasks.Select(t => (Task: t, Status: ledger.StatusOf(t)));
        if (WorkStatusRules.TryParse(status, out var st)) rows = rows.Where(r => r.Status == st);
        var list = rows.ToList();
        var paging = new Paging(page, pageSize);
        var items = list.Skip(paging.Skip).Take(paging.Size).Select(r => ToDto(r.Task, r.Status, ledger.Settings.Today)).ToList();
        return TypedResults.Ok(new PagedList<TaskDto>(items, list.Count));
    }

    /// <summary>The task if the caller may see it, fully loaded, with its plan; null looks like 404.</summary>
    internal static async Task<(PlanTask Task, Plan Plan)?> FindAsync(int id, TaskScope scope, TaskWorkflow ledger, LuoshiDb db, HttpContext http, CancellationToken ct)
    {
        if (!await scope.Visible(http.User.ToCaller()).AnyAsync(t => t.Id == id, ct)) return null;
        var task = await ledger.LoadAsync(id, ct);
        if (task is null) return null;
        var plan = await db.Plans.FirstAsync(p => p.Id == task.PlanId, ct);
        return (task, plan);
    }

    public static async Task<Results<Ok<TaskDto>, NotFound>> Get(int id, TaskScope scope, TaskWorkflow ledger, LuoshiDb db, HttpContext http, CancellationToken ct)
    {
        if (await FindAsync(id, scope, ledger, db, http, ct) is not ({ } task, _)) return TypedResults.NotFound();
        http.Response.SetETag(task.Version);
        return TypedResults.Ok(ToDto(task, ledger.StatusOf(task), ledger.Settings.Today));
    }

    public static async Task<Results<Ok<TaskDto>, NotFound, ProblemHttpResult, ValidationProblem>> Patch(int id, PatchTaskRequest request, TaskScope scope, TaskWorkflow ledger, LuoshiDb db, HttpContext http, CancellationToken ct)
    {
        if (await FindAsync(id, scope, ledger, db, http, ct) is not ({ } task, { } plan)) return TypedResults.NotFound();
        if (!TaskScope.MayEdit(http.User.ToCaller(), task, plan)) return TypedResults.Problem(statusCode: 403, detail: "只有牵头处室、督查督导和管理员可以修改任务");
        if (Versions.Check(http.Request, task.Version) is { } stale) return stale;
        if (request.Milestones?.Any(m => m.Date is null) == true) return OrgUnitsApi.Invalid(["每个节点都要有日期"]);
        var changes = new TaskWorkflow.TaskChanges(
            request.Title, request.Text, request.Category,
            request.LeadDepartmentId is > 0 ? request.LeadDepartmentId : null, request.LeadDepartmentId == 0,
            request.CoDepartmentIds, request.ResponsibleOrgUnitIds,
            request.LeaderUserId is > 0 ? request.LeaderUserId : null, request.LeaderUserId == 0,
            request.StartDate, request.DueDate,
            request.Milestones?.Select(m => new TaskWorkflow.MilestoneChange(m.Date!.Value, m.Title ?? "", m.Done ?? false)).ToList(),
            request.Weight);
        List<string>? problems = null;
        if (await Versions.SaveAsync(async () => problems = await ledger.ChangeAsync(task, plan, changes, ct)) is { } conflict) return conflict;
        if (problems!.Count > 0) return OrgUnitsApi.Invalid(problems);
        http.Response.SetETag(task.Version);
        return TypedResults.Ok(ToDto(task, ledger.StatusOf(task), ledger.Settings.Today));
    }

    private static ProblemHttpResult? DraftEditCheck(HttpContext http, PlanTask task, Plan plan)
    {
        if (plan.Status != PlanStatus.Draft) return TypedResults.Problem(statusCode: 409, detail: "计划已发布，只能在草稿中删除、合并或拆分任务");
        if (!TaskScope.MayEdit(http.User.ToCaller(), task, plan)) return TypedResults.Problem(statusCode: 403, detail: "没有权限修改该计划草稿");
        return null;
    }

    public static async Task<Results<NoContent, NotFound, ProblemHttpResult>> Delete(int id, TaskScope scope, TaskWorkflow ledger, LuoshiDb db, HttpContext http, CancellationToken ct)
    {
        if (await FindAsync(id, scope, ledger, db, http, ct) is not ({ } task, { } plan)) return TypedResults.NotFound();
        if (DraftEditCheck(http, task, plan) is { } p) return p;
        await ledger.DeleteAsync(task, ct);
        return TypedResults.NoContent();
    }

    public static async Task<Results<Ok<TaskDto>, NotFound, ProblemHttpResult, ValidationProblem>> Merge(int id, MergeRequest request, TaskScope scope, TaskWorkflow ledger, LuoshiDb db, HttpContext http, CancellationToken ct)
    {
        if (await FindAsync(id, scope, ledger, db, http, ct) is not ({ } task, { } plan)) return TypedResults.NotFound();
        if (DraftEditCheck(http, task, plan) is { } p) return p;
        if (request.IntoTaskId is not { } intoId || intoId == id) return OrgUnitsApi.Invalid(["请选择要并入的另一个任务"]);
        if (await FindAsync(intoId, scope, ledger, db, http, ct) is not ({ } into, { } intoPlan) || intoPlan.Id != plan.Id)
            return OrgUnitsApi.Invalid(["要并入的任务不在同一计划中"]);
        await ledger.MergeAsync(task, into, ct);
        return TypedResults.Ok(ToDto(into, ledger.StatusOf(into), ledger.Settings.Today));
    }

    public static async Task<Results<Created<TaskDto>, NotFound, ProblemHttpResult, ValidationProblem>> Split(int id, SplitRequest request, TaskScope scope, TaskWorkflow ledger, LuoshiDb db, HttpContext http, CancellationToken ct)
    {
        if (await FindAsync(id, scope, ledger, db, http, ct) is not ({ } task, { } plan)) return TypedResults.NotFound();
        if (DraftEditCheck(http, task, plan) is { } p) return p;
        var sibling = await ledger.SplitAsync(task, request.At ?? -1, request.Title, ct);
        if (sibling is null) return OrgUnitsApi.Invalid([$"拆分位置应在任务内容之内（1–{Math.Max(1, task.Text.Length - 1)}）"]);
        return TypedResults.Created($"/api/v1/tasks/{sibling.Id}", ToDto(sibling, ledger.StatusOf(sibling), ledger.Settings.Today));
    }

    public static async Task<Results<Ok<Dictionary<string, int>>, ProblemHttpResult, ValidationProblem>> BulkAssign(BulkAssignRequest request, Assignments assignments, HttpContext http, CancellationToken ct)
    {
        var outcome = await assignments.AssignLeadAsync(http.User.ToCaller(), request.TaskIds, request.LeadDepartmentId, ct);
        return outcome.Refusal switch
        {
            Assignments.Refusal.None => TypedResults.Ok(new Dictionary<string, int> { ["updated"] = outcome.Count }),
            Assignments.Refusal.NotFound => TypedResults.Problem(statusCode: 404, detail: outcome.Problems![0]),
            Assignments.Refusal.Forbidden => TypedResults.Problem(statusCode: 403, detail: outcome.Problems![0]),
            _ => OrgUnitsApi.Invalid(outcome.Problems!),
        };
    }

    public static async Task<Results<Ok<TaskDto>, NotFound, ProblemHttpResult, ValidationProblem>> RequestCompletion(int id, ReasonRequest request, TaskScope scope, TaskWorkflow ledger, LuoshiDb db, HttpContext http, CancellationToken ct)
    {
        if (await FindAsync(id, scope, ledger, db, http, ct) is not ({ } task, { } plan)) return TypedResults.NotFound();
        var caller = http.User.ToCaller();
        if (!TaskScope.MayRequestCompletion(caller, task))
            return TypedResults.Problem(statusCode: 403, detail: "只有牵头处室可以申请办结");
        if (plan.Status != PlanStatus.Published) return TypedResults.Problem(statusCode: 409, detail: "计划尚未发布");
        return Done(await ledger.RequestCompletionAsync(task, request.Summary ?? request.Reason, ct), task, ledger);
    }

    public static Task<Results<Ok<TaskDto>, NotFound, ProblemHttpResult, ValidationProblem>> ApproveCompletion(int id, TaskScope scope, TaskWorkflow ledger, LuoshiDb db, HttpContext http, CancellationToken ct) =>
        Decide(id, true, null, scope, ledger, db, http, ct);

    public static Task<Results<Ok<TaskDto>, NotFound, ProblemHttpResult, ValidationProblem>> RefuseCompletion(int id, ReasonRequest request, TaskScope scope, TaskWorkflow ledger, LuoshiDb db, HttpContext http, CancellationToken ct) =>
        Decide(id, false, request.Reason, scope, ledger, db, http, ct);

    private static async Task<Results<Ok<TaskDto>, NotFound, ProblemHttpResult, ValidationProblem>> Decide(int id, bool approve, string? reason, TaskScope scope, TaskWorkflow ledger, LuoshiDb db, HttpContext http, CancellationToken ct)
    {
        if (await FindAsync(id, scope, ledger, db, http, ct) is not ({ } task, _)) return TypedResults.NotFound();
        var caller = http.User.ToCaller();
        if (!TaskScope.MayDecideCompletion(caller))
            return TypedResults.Problem(statusCode: 403, detail: "只有督查督导或局领导可以审批办结");
        return Done(await ledger.DecideCompletionAsync(task, approve, reason, caller.UserId, ct), task, ledger);
    }

    public static async Task<Results<Ok<TaskDto>, NotFound, ProblemHttpResult, ValidationProblem>> Reopen(int id, ReasonRequest request, TaskScope scope, TaskWorkflow ledger, LuoshiDb db, HttpContext http, CancellationToken ct)
    {
        if (await FindAsync(id, scope, ledger, db, http, ct) is not ({ } task, _)) return TypedResults.NotFound();
        if (!TaskScope.MayDecideCompletion(http.User.ToCaller()))
            return TypedResults.Problem(statusCode: 403, detail: "只有督查督导或局领导可以重新打开任务");
        return Done(await ledger.ReopenAsync(task, request.Reason, ct), task, ledger);
    }

    public static async Task<Results<Ok<TaskDto>, NotFound, ProblemHttpResult, ValidationProblem>> Cancel(int id, ReasonRequest request, TaskScope scope, TaskWorkflow ledger, LuoshiDb db, HttpContext http, CancellationToken ct)
    {
        if (await FindAsync(id, scope, ledger, db, http, ct) is not ({ } task, { } plan)) return TypedResults.NotFound();
        if (!TaskScope.MayEdit(http.User.ToCaller(), task, plan)) return TypedResults.Problem(statusCode: 403, detail: "没有权限取消该任务");
        return Done(await ledger.CancelAsync(task, request.Reason, ct), task, ledger);
    }

    private static Results<Ok<TaskDto>, NotFound, ProblemHttpResult, ValidationProblem> Done(List<string> problems, PlanTask task, TaskWorkflow ledger) =>
        problems.Count > 0
            ? TypedResults.Problem(statusCode: 409, detail: string.Join("；", problems))
            : TypedResults.Ok(ToDto(task, ledger.StatusOf(task), ledger.Settings.Today));
}
