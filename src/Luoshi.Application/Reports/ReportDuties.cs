using System.Globalization;
using Luoshi.Domain.Plans;
using Luoshi.Domain.Tasks;
using Microsoft.EntityFrameworkCore;

namespace Luoshi.Application.Reports;

/// <summary>
/// Who owes a month's progress report (进展反馈, due on the 5th of the next month): the one rule the daily reminders and the
/// ranking's 进展反馈按时率 share, so that no unit is ranked down for a report nobody reminded it of, nor reminded of one the
/// ranking does not count. Each responsible unit of every task of a published plan owes one, when the task is not a group,
/// had begun by the month's last day, is not cancelled, and was not closed (办结) at the moment asked about; the plan is for
/// the month's year or an earlier one and was published by that moment. The ranking asks about the month's end (what was
/// owed then); a reminder about now (what is still owed).
/// </summary>
public static class ReportDuties
{
    /// <summary>One report owed: by <see cref="OrgUnitId"/> on task <see cref="TaskId"/>.</summary>
    public sealed record Duty(int TaskId, int OrgUnitId);

    /// <summary>The reports owed for <paramref name="period"/> (YYYY-MM) as of <paramref name="asOfUtc"/>.</summary>
    public static async Task<List<Duty>> OwedAsync(LuoshiDb db, string period, DateTime asOfUtc, CancellationToken ct = default)
    {
        var first = DateOnly.ParseExact(period + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture);
        var lastDay = first.AddMonths(1).AddDays(-1);
        var published = db.Plans.Where(p => p.Status == PlanStatus.Published && (p.PublishedAt ?? p.CreatedAt) < asOfUtc && p.Year <= first.Year)
            .Select(p => p.Id);
        var tasks = db.Tasks.Where(t => !t.IsGroup && t.Closure != TaskClosure.Cancelled && published.Contains(t.PlanId)
            && (t.StartDate == null || t.StartDate <= lastDay) && (t.ClosedAt == null || t.ClosedAt >= asOfUtc));
        var rows = await db.TaskUnits.AsNoTracking().Where(u => u.Role == TaskUnitRole.Responsible)
            .Join(tasks, u => u.TaskId, t => t.Id, (u, t) => new { u.TaskId, u.OrgUnitId })
            .ToListAsync(ct);
        return rows.Select(r => new Duty(r.TaskId, r.OrgUnitId)).Distinct().ToList();
    }
}
