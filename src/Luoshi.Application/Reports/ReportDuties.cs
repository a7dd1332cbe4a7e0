using System.Globalization;
using Luoshi.Domain.Plans;
using Luoshi.Domain.Tasks;
using Microsoft.EntityFrameworkCore;

namespace Luoshi.Application.Reports;

/// <summary>
/// Who owes a month's progress report (进展反馈, due on the 5th of the next month): the one rule that the daily reminders, the
/// agenda of districts and schools (我的待办) and the ranking's 进展反馈按时率 share, so that no unit is ranked down for a report
/// it was never asked for, nor asked for one the ranking does not count. Each responsible unit of every task of a published
/// plan owes one, when the task is not a group, had begun by the month's last day, is not cancelled, and was not closed (办结)
/// at the moment asked about; the plan is for the month's year or an earlier one and was published by that moment. The
/// ranking asks about the month's end (what was owed then); reminders and the agenda about now (what is still owed).
/// </summary>
public static class ReportDuties
{
    /// <summary>One report owed: for <see cref="Period"/> by <see cref="OrgUnitId"/> on task <see cref="TaskId"/>.</summary>
    public sealed record Duty(string Period, int TaskId, int OrgUnitId, string TaskTitle);

    /// <summary>The reports owed for <paramref name="period"/> (YYYY-MM) as of <paramref name="asOfUtc"/>.</summary>
    public static Task<List<Duty>> OwedAsync(LuoshiDb db, string period, DateTime asOfUtc, CancellationToken ct = default) =>
        OwedAsync(db, [period], asOfUtc, null, ct);

    /// <summary>
    /// The reports owed for each of <paramref name="periods"/> as of <paramref name="asOfUtc"/>, of one unit when
    /// <paramref name="orgUnitId"/> is given: one query, the months told apart in memory.
    /// </summary>
    public static async Task<List<Duty>> OwedAsync(LuoshiDb db, IReadOnlyCollection<string> periods, DateTime asOfUtc, int? orgUnitId,
        CancellationToken ct = default)
    {
        var months = periods.Distinct().Select(p => (Period: p, First: DateOnly.ParseExact(p + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture)))
            .Select(m => (m.Period, m.First.Year, LastDay: m.First.AddMonths(1).AddDays(-1))).ToList();
        if (months.Count == 0) return [];
        var (latestYear, latestDay) = (months.Max(m => m.Year), months.Max(m => m.LastDay));
        var plans = db.Plans.Where(p => p.Status == PlanStatus.Published && (p.PublishedAt ?? p.CreatedAt) < asOfUtc && p.Year <= latestYear);
        var tasks = db.Tasks.Where(t => !t.IsGroup && t.Closure != TaskClosure.Cancelled && (t.StartDate == null || t.StartDate <= latestDay)
            && (t.ClosedAt == null || t.ClosedAt >= asOfUtc));
        var units = db.TaskUnits.AsNoTracking().Where(u => u.Role == TaskUnitRole.Responsible);
        if (orgUnitId is { } unit) units = units.Where(u => u.OrgUnitId == unit);
        var rows = await units.Join(tasks, u => u.TaskId, t => t.Id, (u, t) => new { u.OrgUnitId, Task = t })
            .Join(plans, x => x.Task.PlanId, p => p.Id, (x, p) => new { x.OrgUnitId, x.Task.Id, x.Task.Title, x.Task.StartDate, p.Year })
            .ToListAsync(ct);
        return [.. months.SelectMany(m => rows.Where(r => r.Year <= m.Year && (r.StartDate is null || r.StartDate <= m.LastDay))
                .Select(r => new Duty(m.Period, r.Id, r.OrgUnitId, r.Title)))
            .Distinct()];
    }
}
