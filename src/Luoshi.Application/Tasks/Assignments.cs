using Luoshi.Application.Access;
using Microsoft.EntityFrameworkCore;

namespace Luoshi.Application.Tasks;

/// <summary>
/// Assigning many tasks at once, with the access rules that go with it: one lead department for a selection of
/// tasks (批量交办), or last year's assignments copied to this year's plan by task title (沿用往年分工).
/// </summary>
public sealed class Assignments(TaskScope scope, TaskWorkflow ledger, LuoshiDb db)
{
    /// <summary>Why nothing was done: something not found (or not visible), not allowed, or invalid input.</summary>
    public enum Refusal
    {
        None,
        NotFound,
        Forbidden,
        Invalid,
    }

    /// <summary>How many tasks were changed, or why none were, with the Chinese problems.</summary>
    public sealed record Outcome(int Count, Refusal Refusal = Refusal.None, IReadOnlyList<string>? Problems = null)
    {
        public static Outcome Refused(Refusal refusal, params IReadOnlyList<string> problems) => new(0, refusal, problems);
    }

    public async Task<Outcome> AssignLeadAsync(Caller caller, IReadOnlyCollection<int>? taskIds, int? leadDepartmentId, CancellationToken ct = default)
    {
        var ids = taskIds?.Distinct().ToList() ?? [];
        if (ids.Count == 0 || ids.Count > 1000) return Outcome.Refused(Refusal.Invalid, "请选择 1–1000 个任务");
        if (leadDepartmentId is not { } lead) return Outcome.Refused(Refusal.Invalid, "请选择牵头处室");
        var visible = await scope.Visible(caller).Where(t => ids.Contains(t.Id)).ToListAsync(ct);
        if (visible.Count != ids.Count) return Outcome.Refused(Refusal.NotFound, "有的任务不存在或不可见");
        var planIds = visible.Select(t => t.PlanId).Distinct().ToList();
        var plans = await db.Plans.Where(p => planIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, ct);
        if (visible.Any(t => !TaskScope.MayEdit(caller, t, plans[t.PlanId]))) return Outcome.Refused(Refusal.Forbidden, "有的任务您无权修改");
        var problems = await ledger.AssignLeadAsync(visible, lead, ct);
        return problems.Count > 0 ? Outcome.Refused(Refusal.Invalid, problems) : new(visible.Count);
    }

    public async Task<Outcome> CopyFromAsync(Caller caller, int toPlanId, int? fromPlanId, CancellationToken ct = default)
    {
        var plans = scope.VisiblePlans(caller);
        var to = await plans.FirstOrDefaultAsync(p => p.Id == toPlanId, ct);
        var from = fromPlanId is { } f ? await plans.FirstOrDefaultAsync(p => p.Id == f, ct) : null;
        if (to is null || from is null) return Outcome.Refused(Refusal.NotFound, "找不到要沿用分工的计划");
        if (!caller.DraftsPlans) return Outcome.Refused(Refusal.Forbidden, "没有权限修改分工");
        return new(await ledger.CopyAssignmentsAsync(from, to, ct));
    }
}
