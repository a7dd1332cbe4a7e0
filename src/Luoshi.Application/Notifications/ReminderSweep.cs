using Luoshi.Application.Tasks;
using Luoshi.Domain.Plans;
using Luoshi.Domain.Tasks;
using Luoshi.Domain.Time;
using Microsoft.EntityFrameworkCore;

namespace Luoshi.Application.Notifications;

/// <summary>Looks over published tasks and reminds their units of milestones coming up and of tasks overdue (once each).</summary>
public sealed class ReminderSweep(LuoshiDb db, Notifier notifier, TaskWorkflow ledger, ChinaClock clock)
{
    public const int MilestoneDays = 3;

    public async Task<int> RunAsync(CancellationToken ct = default)
    {
        var today = clock.Today;
        var published = db.Plans.Where(p => p.Status == PlanStatus.Published).Select(p => p.Id);
        var tasks = await db.Tasks.Include(t => t.Units).Include(t => t.Milestones)
            .Where(t => published.Contains(t.PlanId) && t.Closure == TaskClosure.Open && !t.IsGroup).AsSplitQuery().ToListAsync(ct);
        var before = db.ChangeTracker.Entries().Count();
        foreach (var task in tasks)
        {
            var units = task.ResponsibleOrgUnitIds.ToList();
            if (task.LeadDepartmentId is { } lead) units.Add(lead);
            if (ledger.StatusOf(task) == WorkStatus.Overdue)
                await notifier.ToUnitsAsync(units, Notifier.Overdue, $"任务已逾期：{task.Title}", $"/Tasks/{task.Id}", $"overdue:{task.Id}", ct);
            foreach (var m in task.Milestones.Where(m => !m.Done && m.Date >= today && m.Date.DayNumber - today.DayNumber <= MilestoneDays))
                await notifier.ToUnitsAsync(units, Notifier.MilestoneSoon, $"节点将到期（{m.Date:M月d日}）：{task.Title}——{m.Title}", $"/Tasks/{task.Id}",
                    $"milestone:{m.Id}", ct);
        }
        var added = db.ChangeTracker.Entries().Count() - before;
        await db.SaveChangesAsync(ct);
        return added;
    }
}
