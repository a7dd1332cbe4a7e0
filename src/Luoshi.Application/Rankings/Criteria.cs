using Luoshi.Application.Calendar;
using Luoshi.Application.Data;
using Luoshi.Application.Supervision;
using Luoshi.Domain.Data;
using Luoshi.Domain.OrgUnits;
using Luoshi.Domain.Plans;
using Luoshi.Domain.Rankings;
using Luoshi.Domain.Reports;
using Luoshi.Domain.Tasks;
using Microsoft.EntityFrameworkCore;

namespace Luoshi.Application.Rankings;

/// <summary>
/// One measurable criterion of a 考核方案: for a month, each unit's <see cref="Measure"/> (due, met, the records behind it).
/// A unit absent from the answer has nothing to measure: the criterion is not applicable to it. A new criterion
/// (数据填报完整率, …) is one more class, registered in <see cref="CriterionCatalog"/>.
/// </summary>
public interface ICriterion
{
    string Key { get; }

    string Name { get; }

    /// <summary>What the ids of a <see cref="Measure"/> are: <c>task</c>, <c>report</c>, <c>notice</c>, <c>finding</c>.</summary>
    string RecordKind { get; }

    Task<IReadOnlyDictionary<int, Measure>> MeasureAsync(RankingMonth month, CancellationToken ct);
}

internal static class Measures
{
    /// <summary>Groups (unit, record id, met) rows into a measure per unit.</summary>
    public static IReadOnlyDictionary<int, Measure> Of(IEnumerable<(int Unit, int Id, bool Met)> rows) =>
        rows.GroupBy(r => r.Unit).ToDictionary(g => g.Key, g => new Measure(g.Count(), g.Count(r => r.Met), [.. g.Select(r => r.Id).Distinct().Order()]));
}

/// <summary>
/// 任务按时完成率: of the tasks of published plans due from the year's start to the month's day (cumulative, so the
/// year's work counts), how many were closed (办结) by the end of their deadline. A district or school answers for the
/// tasks it is responsible for (责任单位), a department for those it leads (牵头). Groups and cancelled tasks do not count.
/// </summary>
public sealed class TaskCompletionCriterion(LuoshiDb db) : ICriterion
{
    public string Key => "tasks";

    public string Name => "任务按时完成率";

    public string RecordKind => "task";

    public async Task<IReadOnlyDictionary<int, Measure>> MeasureAsync(RankingMonth month, CancellationToken ct)
    {
        var yearStart = new DateOnly(month.Year, 1, 1);
        var tasks = db.Tasks.AsNoTracking().Where(t => !t.IsGroup && t.Closure != TaskClosure.Cancelled && t.DueDate >= yearStart && t.DueDate <= month.Day
            && db.Plans.Any(p => p.Id == t.PlanId && p.Status == PlanStatus.Published));
        var rows = month.Kind == OrgUnitKind.Department
            ? await tasks.Where(t => t.LeadDepartmentId != null)
                .Select(t => new { Unit = t.LeadDepartmentId!.Value, t.Id, t.DueDate, t.Closure, t.ClosedAt }).ToListAsync(ct)
            : await tasks.SelectMany(t => t.Units.Where(u => u.Role == TaskUnitRole.Responsible),
                (t, u) => new { Unit = u.OrgUnitId, t.Id, t.DueDate, t.Closure, t.ClosedAt }).ToListAsync(ct);
        var cutoff = month.CutoffUtc;
        return Measures.Of(rows.Select(r => (r.Unit, r.Id,
            r.Closure == TaskClosure.Done && r.ClosedAt is { } closed && closed < cutoff && closed < RankingMonth.EndOfDayUtc(r.DueDate!.Value))));
    }
}

/// <summary>
/// 进展反馈按时率: of the unit's current progress reports for the month that were submitted by the month's day, how many
/// came in by the period's deadline (not late). Reports never submitted are not counted yet.
/// </summary>
public sealed class ReportTimelinessCriterion(LuoshiDb db) : ICriterion
{
    public string Key => "reports";

    public string Name => "进展反馈按时率";

    public string RecordKind => "report";

    public async Task<IReadOnlyDictionary<int, Measure>> MeasureAsync(RankingMonth month, CancellationToken ct)
    {
        var cutoff = month.CutoffUtc;
        var period = month.Period;
        var rows = await db.Reports.AsNoTracking()
            .Where(r => r.Period == period && r.Live == true && r.Status != ReportStatus.Draft && r.SubmittedAt != null && r.SubmittedAt < cutoff)
            .Select(r => new { r.OrgUnitId, r.Id, r.Late }).ToListAsync(ct);
        return Measures.Of(rows.Select(r => (r.OrgUnitId, r.Id, !r.Late)));
    }
}

/// <summary>
/// 督办按时答复率: of the 督办单 and 催办单 addressed to the unit whose 办理时限 fell in the month (up to its day), how
/// many it answered by the end of that day.
/// </summary>
public sealed class NoticeResponseCriterion(LuoshiDb db) : ICriterion
{
    public string Key => "notices";

    public string Name => "督办按时答复率";

    public string RecordKind => "notice";

    public async Task<IReadOnlyDictionary<int, Measure>> MeasureAsync(RankingMonth month, CancellationToken ct)
    {
        var (first, day) = (month.First, month.Day);
        var rows = await db.Notices.AsNoTracking().Where(n => n.RespondBy >= first && n.RespondBy <= day)
            .Select(n => new { n.OrgUnitId, n.Id, n.RespondBy, n.AnsweredAt }).ToListAsync(ct);
        var cutoff = month.CutoffUtc;
        return Measures.Of(rows.Select(n => (n.OrgUnitId, n.Id,
            n.AnsweredAt is { } answered && answered < cutoff && answered < RankingMonth.EndOfDayUtc(n.RespondBy))));
    }
}

/// <summary>整改完成率: <see cref="RectificationStats"/>: of the 整改 items due in the month, how many were closed on time.</summary>
public sealed class RectificationCriterion(RectificationStats stats) : ICriterion
{
    public string Key => "rectification";

    public string Name => "整改完成率";

    public string RecordKind => "finding";

    public async Task<IReadOnlyDictionary<int, Measure>> MeasureAsync(RankingMonth month, CancellationToken ct) =>
        (await stats.ForMonthAsync(month.Year, month.Month, month.Day, ct)).ToDictionary(s => s.OrgUnitId, s => new Measure(s.Due, s.ClosedOnTime, s.FindingIds));
}

/// <summary>
/// 数据填报完整率: of the data set returns due in the month (up to its day) that the unit answers for, how many were filed
/// (a zero report counts), read from <see cref="Completeness.ForAsync"/> with the unit as the root: a school answers for
/// its own return, a district for its schools' (or its own, for a district data set). A return is due in the month when
/// its period's due day (<see cref="DataSet.DueAt"/>) falls in it; monthly and longer periods only (a daily or weekly
/// set's completeness is read on its own). Not applicable to a unit with no return due that month. Filed means filed
/// now: a return filed after the month's end still counts for that month.
/// </summary>
public sealed class DataCompletenessCriterion(LuoshiDb db, Completeness completeness) : ICriterion
{
    public string Key => "data";

    public string Name => "数据填报完整率";

    public string RecordKind => "dataset";

    public async Task<IReadOnlyDictionary<int, Measure>> MeasureAsync(RankingMonth month, CancellationToken ct)
    {
        var sets = await db.DataSets.AsNoTracking()
            .Where(s => s.PeriodType == PeriodType.Month || s.PeriodType == PeriodType.Quarter || s.PeriodType == PeriodType.Year || s.PeriodType == PeriodType.SchoolYear)
            .ToListAsync(ct);
        if (sets.Count == 0) return new Dictionary<int, Measure>();
        var days = await new WorkCalendar(db).WorkingDaysAsync(ct);
        var due = sets.SelectMany(s => new[] { Period.Of(s.PeriodType, month.First.AddDays(-1)), Period.Of(s.PeriodType, month.Day) }.Distinct()
                .Where(p => DateOnly.FromDateTime(s.DueAt(p, days)) is var d && d >= month.First && d <= month.Day).Select(p => (Set: s.Id, Period: p.Text)))
            .ToList();
        var units = await db.OrgUnits.AsNoTracking().Where(u => u.Kind == month.Kind).Select(u => u.Id).ToListAsync(ct);
        var rows = new List<(int Unit, int Id, int Expected, int Received)>();
        foreach (var (set, period) in due)
            foreach (var unit in units)
                if ((await completeness.ForAsync(set, period, unit, ct)).Value is { Expected: > 0 } f)
                    rows.Add((unit, set, f.Expected, f.Received));
        return rows.GroupBy(r => r.Unit).ToDictionary(g => g.Key,
            g => new Measure(g.Sum(r => r.Expected), g.Sum(r => r.Received), [.. g.Select(r => r.Id).Distinct().Order()]));
    }
}

/// <summary>Every criterion a scheme may use, by key.</summary>
public sealed class CriterionCatalog(LuoshiDb db, RectificationStats rectification, Completeness completeness)
{
    public IReadOnlyList<ICriterion> All { get; } =
    [
        new TaskCompletionCriterion(db), new ReportTimelinessCriterion(db), new NoticeResponseCriterion(db), new RectificationCriterion(rectification),
        new DataCompletenessCriterion(db, completeness),
    ];

    public ICriterion? Find(string key) => All.FirstOrDefault(c => c.Key == key);
}
