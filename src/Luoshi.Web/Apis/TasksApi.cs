using Luoshi.Application.Access;
using Luoshi.Application.Targets;
using Luoshi.Application.Tasks;
using Luoshi.Domain.Tasks;
using Luoshi.Web.Auth;
using Luoshi.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using static Luoshi.Web.Apis.LedgerDtos;

namespace Luoshi.Web.Apis;

/// <summary>
/// <c>/api/v1/tasks</c>: the ledger's tasks, what the caller may see of them, and their changes. Every change is one
/// call of a <see cref="TaskWorkflow"/> use case; this class only reads the request and maps the outcome.
/// </summary>
public static class TasksApi
{
    public sealed record MilestoneRequest(DateOnly? Date, string? Title, bool? Done);

    public sealed record PatchTaskRequest(string? Title, string? Text, string? Category, int? LeadDepartmentId, int[]? CoDepartmentIds,
        int[]? ResponsibleOrgUnitIds, int? LeaderUserId, DateOnly? StartDate, DateOnly? DueDate, MilestoneRequest[]? Milestones, decimal? Weight);

    /// <summary>A bulk assignment: what is given is set on every task (units are added to each task's own), the rest left as it is.</summary>
    public sealed record BulkAssignRequest(int[]? TaskIds, int? LeadDepartmentId, int[]? CoDepartmentIds, int[]? ResponsibleOrgUnitIds,
        int? LeaderUserId, DateOnly? DueDate);

    public sealed record MergeRequest(int? IntoTaskId);

    /// <summary>A school's part of one of the task's targets.</summary>
    public sealed record TargetPartRequest(int? TargetId, decimal? Value);

    /// <summary>A district gives its task, or parts of its targets, to its own schools.</summary>
    public sealed record BreakdownRequest(string? Title, int[]? ResponsibleOrgUnitIds, DateOnly? DueDate, TargetPartRequest?[]? Targets, string? Text);

    public sealed record SplitRequest(int? At, string? Title);

    public sealed record ReasonRequest(string? Reason, string? Summary);

    public static void MapTasksApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/tasks").WithTags("任务");
        group.MapGet("/", List).WithMetadata(new CachedPerBrowserAttribute()).WithSummary("可见的任务（可按计划、单位、状态、类别筛选）");
        group.MapGet("/{id:int}", Get).WithSummary("任务详情（带 ETag）");
        group.MapPatch("/{id:int}", Patch).WithSummary("修改任务（需 If-Match）");
        group.MapDelete("/{id:int}", Delete).WithSummary("删除草稿中的任务");
        group.MapPost("/{id:int}/merge", Merge).WithSummary("把草稿任务并入另一任务");
        group.MapPost("/{id:int}/split", Split).WithSummary("把草稿任务一分为二");
        group.MapPost("/{id:int}/children", BreakDown).WithSummary("区县把任务分解到本区县的学校（整项任务或目标份额）");
        group.MapPost("/bulk-assign", BulkAssign).WithSummary("批量分工：牵头处室、配合处室、责任单位、包保领导、完成时限");
        group.MapPost("/{id:int}/completion", RequestCompletion).WithSummary("申请办结");
        group.MapPost("/{id:int}/completion/approve", ApproveCompletion).WithSummary("同意办结");
        group.MapPost("/{id:int}/completion/refuse", RefuseCompletion).WithSummary("不同意办结");
        group.MapPost("/{id:int}/reopen", Reopen).WithSummary("重新打开任务");
        group.MapPost("/{id:int}/cancel", Cancel).WithSummary("取消任务");
    }

    public static async Task<Ok<PagedList<TaskDto>>> List(TaskScope scope, TaskWorkflow workflow, HttpContext http, int? planId, int? orgUnitId,
        string? status, string? category, string? q, int? page, int? pageSize, CancellationToken ct)
    {
        var query = scope.Visible(http.User.ToCaller()).AsNoTracking();
        if (planId is not null) query = query.Where(t => t.PlanId == planId);
        if (orgUnitId is not null) query = query.Where(t => t.LeadDepartmentId == orgUnitId || t.Units.Any(u => u.OrgUnitId == orgUnitId));
        if (TaskCategories.TryParse(category, out var cat)) query = query.Where(t => t.Category == cat);
        if (!string.IsNullOrWhiteSpace(q)) query = query.Where(t => t.Title.Contains(q) || t.Text.Contains(q));
        var tasks = await query.Include(t => t.Units).Include(t => t.Milestones).Include(t => t.Targets).ThenInclude(g => g.Breakdown)
            .AsSplitQuery().OrderBy(t => t.PlanId).ThenBy(t => t.Ordinal).ToListAsync(ct);
        // Status is computed, so filtering by it happens after loading; a city's ledger is hundreds of tasks, not millions.
        var states = await workflow.States.OfAsync(tasks, ct);
        var rows = tasks.Select(t => (Task: t, State: states[t.Id]));
        // A status asked for is a list of tasks (overdue, yellow…): groups show only their tasks' roll-up, so they are left out.
        if (WorkStatusRules.TryParse(status, out var st)) rows = rows.Where(r => !r.Task.IsGroup && r.State.Status == st);
        var list = rows.ToList();
        var paging = new Paging(page, pageSize);
        var items = list.Skip(paging.Skip).Take(paging.Size).Select(r => ToDto(r.Task, r.State)).ToList();
        return TypedResults.Ok(new PagedList<TaskDto>(items, list.Count));
    }

    public static async Task<Results<Ok<TaskDto>, NotFound>> Get(int id, TaskScope scope, TaskWorkflow workflow, Breakdowns breakdowns,
        HttpContext http, CancellationToken ct)
    {
        var caller = http.User.ToCaller();
        if (await scope.FindAsync(caller, id, ct) is not { } found) return TypedResults.NotFound();
        http.Response.SetETag(found.Task.Version);
        var figures = TargetWorkflow.FiguresOf(found.Task, await scope.ReadableReportsAsync(caller, found.Task, ct));
        var below = await breakdowns.OfAsync(caller, found.Task, ct);
        return TypedResults.Ok(ToDto(found.Task, await workflow.States.OfAsync(found.Task, ct), figures, below));
    }

    public static async Task<Results<Ok<TaskDto>, ProblemHttpResult>> Patch(int id, PatchTaskRequest request, TaskWorkflow workflow,
        HttpContext http, CancellationToken ct)
    {
        var changes = new TaskWorkflow.TaskChanges(
            request.Title, request.Text, request.Category,
            request.LeadDepartmentId is > 0 ? request.LeadDepartmentId : null, request.LeadDepartmentId == 0,
            request.CoDepartmentIds, request.ResponsibleOrgUnitIds,
            request.LeaderUserId is > 0 ? request.LeaderUserId : null, request.LeaderUserId == 0,
            request.StartDate, request.DueDate,
            request.Milestones?.Select(m => new TaskWorkflow.MilestoneChange(m.Date, m.Title ?? "", m.Done ?? false)).ToList(),
            request.Weight);
        return await AnswerAsync(await workflow.ChangeAsync(http.User.ToCaller(), id, Versions.Read(http.Request), changes, ct), workflow, http, ct);
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> Delete(int id, TaskWorkflow workflow, HttpContext http, CancellationToken ct)
    {
        var outcome = await workflow.DeleteAsync(http.User.ToCaller(), id, Versions.Read(http.Request).OrAny(), ct);
        return outcome.Succeeded ? TypedResults.NoContent() : outcome.ToProblem();
    }

    public static async Task<Results<Ok<TaskDto>, ProblemHttpResult>> Merge(int id, MergeRequest request, TaskWorkflow workflow, HttpContext http,
        CancellationToken ct) =>
        await AnswerAsync(await workflow.MergeAsync(http.User.ToCaller(), id, request.IntoTaskId, Versions.Read(http.Request).OrAny(), ct), workflow,
            http, ct);

    public static async Task<Results<Created<TaskDto>, ProblemHttpResult>> Split(int id, SplitRequest request, TaskWorkflow workflow,
        HttpContext http, CancellationToken ct)
    {
        var outcome = await workflow.SplitAsync(http.User.ToCaller(), id, request.At, request.Title, Versions.Read(http.Request).OrAny(), ct);
        if (outcome.Value is not { } sibling) return outcome.ToProblem();
        return TypedResults.Created($"/api/v1/tasks/{sibling.Id}", ToDto(sibling, await workflow.States.OfAsync(sibling, ct)));
    }

    public static async Task<Results<Created<TaskDto>, ProblemHttpResult>> BreakDown(int id, BreakdownRequest request, Breakdowns breakdowns,
        TaskWorkflow workflow, HttpContext http, CancellationToken ct)
    {
        var outcome = await breakdowns.BreakDownAsync(http.User.ToCaller(), id, new Breakdowns.Request(request.Title, request.ResponsibleOrgUnitIds,
            request.DueDate, request.Targets?.Select(t => new Breakdowns.TargetPart(t?.TargetId, t?.Value)).ToList(), request.Text), ct);
        if (outcome.Value is not { } child) return outcome.ToProblem();
        http.Response.SetETag(child.Version);
        return TypedResults.Created($"/api/v1/tasks/{child.Id}", ToDto(child, await workflow.States.OfAsync(child, ct)));
    }

    public static async Task<Results<Ok<Dictionary<string, int>>, ProblemHttpResult>> BulkAssign(BulkAssignRequest request, Assignments assignments,
        HttpContext http, CancellationToken ct)
    {
        var assignment = new Assignments.BulkAssignment(request.LeadDepartmentId, request.CoDepartmentIds, request.ResponsibleOrgUnitIds,
            request.LeaderUserId, request.DueDate);
        var outcome = await assignments.AssignAsync(http.User.ToCaller(), request.TaskIds, assignment, ct);
        return outcome.Succeeded ? TypedResults.Ok(new Dictionary<string, int> { ["updated"] = outcome.Value }) : outcome.ToProblem();
    }

    public static async Task<Results<Ok<TaskDto>, ProblemHttpResult>> RequestCompletion(int id, ReasonRequest request, TaskWorkflow workflow,
        HttpContext http, CancellationToken ct) =>
        await AnswerAsync(await workflow.RequestCompletionAsync(http.User.ToCaller(), id, request.Summary ?? request.Reason, ct), workflow, http, ct);

    public static async Task<Results<Ok<TaskDto>, ProblemHttpResult>> ApproveCompletion(int id, TaskWorkflow workflow, HttpContext http,
        CancellationToken ct) =>
        await AnswerAsync(await workflow.DecideCompletionAsync(http.User.ToCaller(), id, approve: true, null, ct), workflow, http, ct);

    public static async Task<Results<Ok<TaskDto>, ProblemHttpResult>> RefuseCompletion(int id, ReasonRequest request, TaskWorkflow workflow,
        HttpContext http, CancellationToken ct) =>
        await AnswerAsync(await workflow.DecideCompletionAsync(http.User.ToCaller(), id, approve: false, request.Reason, ct), workflow, http, ct);

    public static async Task<Results<Ok<TaskDto>, ProblemHttpResult>> Reopen(int id, ReasonRequest request, TaskWorkflow workflow, HttpContext http,
        CancellationToken ct) =>
        await AnswerAsync(await workflow.ReopenAsync(http.User.ToCaller(), id, request.Reason, ct), workflow, http, ct);

    public static async Task<Results<Ok<TaskDto>, ProblemHttpResult>> Cancel(int id, ReasonRequest request, TaskWorkflow workflow, HttpContext http,
        CancellationToken ct) =>
        await AnswerAsync(await workflow.CancelAsync(http.User.ToCaller(), id, request.Reason, ct), workflow, http, ct);

    /// <summary>The task as it is after the use case, with its new ETag; or the refusal.</summary>
    private static async Task<Results<Ok<TaskDto>, ProblemHttpResult>> AnswerAsync(Application.Outcome<TaskAccess> outcome, TaskWorkflow workflow,
        HttpContext http, CancellationToken ct)
    {
        if (outcome.Value is not { Task: var task }) return outcome.ToProblem();
        http.Response.SetETag(task.Version);
        return TypedResults.Ok(ToDto(task, await workflow.States.OfAsync(task, ct)));
    }
}
