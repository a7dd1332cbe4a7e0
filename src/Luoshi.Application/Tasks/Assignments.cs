using Luoshi.Application.Access;
using Luoshi.Domain.Plans;
using Luoshi.Domain.Tasks;
using Microsoft.EntityFrameworkCore;

namespace Luoshi.Application.Tasks;

/// <summary>
/// Assigning many tasks at once, with the access rules that go with it: one lead department for a selection of
/// tasks (批量交办), or last year's assignments copied to this year's plan by task title (沿用往年分工).
/// </summary>
public sealed class Assignments(TaskScope scope, TaskWorkflow workflow, LuoshiDb db)
{
    public const int MaxSelection = 1000;

    /// <summary>Sets one lead department on the selected tasks; the count changed, or why none were.</summary>
    public async Task<Outcome<int>> AssignLeadAsync(Caller caller, IReadOnlyCollection<int>? taskIds, int? leadDepartmentId,
        CancellationToken ct = default)
    {
        var ids = taskIds?.Distinct().ToList() ?? [];
        if (ids.Count is 0 or > MaxSelection) return TaskProblems.SelectionSize.With(MaxSelection);
        if (leadDepartmentId is not { } lead) return TaskProblems.LeadMissing;
        var visible = await scope.Visible(caller).Include(t => t.Units).Where(t => ids.Contains(t.Id)).ToListAsync(ct);
        if (visible.Count != ids.Count) return TaskProblems.SelectionNotFound;
        var planIds = visible.Select(t => t.PlanId).Distinct().ToList();
        var plans = await db.Plans.Where(p => planIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, ct);
        if (visible.Any(t => !new TaskPermissions(caller, t, plans[t.PlanId]).CanEdit)) return TaskProblems.SelectionForbidden;
        return await workflow.AssignLeadAsync(visible, lead, ct) is { } problem ? problem : visible.Count;
    }

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
