using Luoshi.Application.Access;
using Luoshi.Domain.Plans;
using Luoshi.Domain.Tasks;
using Microsoft.EntityFrameworkCore;

namespace Luoshi.Application.Tasks;

/// <summary>
/// Assigning many tasks at once, with the access rules that go with it: who leads, helps, answers for and oversees a
/// selection of tasks and by when (批量分工), or last year's assignments copied to this year's plan by task title (沿用往年分工).
/// </summary>
public sealed class Assignments(TaskScope scope, TaskWorkflow workflow, LuoshiDb db)
{
    public const int MaxSelection = 1000;

    /// <summary>
    /// What a bulk assignment sets on every selected task. Null (or empty) leaves that part of each task as it is;
    /// the co-departments and responsible units given are added to each task's own, none taken away.
    /// </summary>
    public sealed record BulkAssignment(
        int? LeadDepartmentId = null,
        IReadOnlyList<int>? CoDepartmentIds = null,
        IReadOnlyList<int>? ResponsibleOrgUnitIds = null,
        int? LeaderUserId = null,
        DateOnly? DueDate = null)
    {
        public bool IsEmpty => LeadDepartmentId is null && LeaderUserId is null && DueDate is null && CoDepartmentIds is not { Count: > 0 }
            && ResponsibleOrgUnitIds is not { Count: > 0 };
    }

    /// <summary>
    /// Sets the assignment on every selected task the caller may edit, all or none: the count changed, or why none were.
    /// The units a task newly goes to are told when its plan is published.
    /// </summary>
    public async Task<Outcome<int>> AssignAsync(Caller caller, IReadOnlyCollection<int>? taskIds, BulkAssignment assignment,
        CancellationToken ct = default)
    {
        var ids = taskIds?.Distinct().ToList() ?? [];
        if (ids.Count is 0 or > MaxSelection) return TaskProblems.SelectionSize.With(MaxSelection);
        if (assignment.IsEmpty) return TaskProblems.AssignmentEmpty;
        var tasks = await scope.Visible(caller).Include(t => t.Units).Include(t => t.Milestones).Where(t => ids.Contains(t.Id)).ToListAsync(ct);
        if (tasks.Count != ids.Count) return TaskProblems.SelectionNotFound;
        var planIds = tasks.Select(t => t.PlanId).Distinct().ToList();
        var plans = await db.Plans.Where(p => planIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, ct);
        if (tasks.Any(t => !new TaskPermissions(caller, t, plans[t.PlanId]).CanEdit)) return TaskProblems.SelectionForbidden;

        var given = new TaskWorkflow.TaskChanges(LeadDepartmentId: assignment.LeadDepartmentId, CoDepartmentIds: assignment.CoDepartmentIds,
            ResponsibleOrgUnitIds: assignment.ResponsibleOrgUnitIds, LeaderUserId: assignment.LeaderUserId, DueDate: assignment.DueDate);
        var problems = await workflow.CheckAsync(null, given, ct);
        if (assignment.DueDate is { } due && tasks.Any(t => t.StartDate > due)) problems.Add(TaskProblems.DueBeforeStart);
        if (problems.Count > 0) return problems;

        foreach (var task in tasks)
        {
            var changes = given with
            {
                CoDepartmentIds = Added(task, TaskUnitRole.CoDepartment, assignment.CoDepartmentIds),
                ResponsibleOrgUnitIds = Added(task, TaskUnitRole.Responsible, assignment.ResponsibleOrgUnitIds),
            };
            await workflow.ApplyAsync(task, plans[task.PlanId], changes, ct);
        }
        return await db.SaveOrStaleAsync(TaskProblems.Stale, ct) is { } stale ? stale : tasks.Count;
    }

    /// <summary>The task's units in a role with the given ones added; null (leave as is) when none are given.</summary>
    private static List<int>? Added(PlanTask task, TaskUnitRole role, IReadOnlyList<int>? ids) =>
        ids is { Count: > 0 } ? [.. task.Units.Where(u => u.Role == role).Select(u => u.OrgUnitId).Union(ids)] : null;

    /// <summary>Copies the assignments of an earlier plan to this one, task by task title.</summary>
    public async Task<Outcome<int>> CopyFromAsync(Caller caller, int toPlanId, int? fromPlanId, CancellationToken ct = default)
    {
        var plans = scope.VisiblePlans(caller);
        var to = await plans.FirstOrDefaultAsync(p => p.Id == toPlanId, ct);
        var from = fromPlanId is { } f ? await plans.FirstOrDefaultAsync(p => p.Id == f, ct) : null;
        if (to is null) return PlanProblems.NotFound;
        if (from is null) return PlanProblems.CopySourceMissing;
        if (!caller.DraftsPlans) return PlanProblems.DraftForbidden;
        return await workflow.CopyAssignmentsAsync(from, to, ct);
    }
}
