using Luoshi.Application.Analytics;
using Luoshi.Application.Tasks;
using Luoshi.Domain.Indicators;
using Luoshi.Domain.OrgUnits;
using Luoshi.Domain.Targets;
using Luoshi.Domain.Tasks;
using Luoshi.Domain.Time;
using Microsoft.EntityFrameworkCore;

namespace Luoshi.Application.Targets;

/// <summary>
/// What the data says of a target linked to an indicator: the unit whose subtree is measured, the latest month with data
/// (<see cref="Period"/>, yyyy-MM), the actual (the indicator's year-to-date figure up to that month, a ratio of sums),
/// the baseline and where the expected path puts that month, attainment, the verdict and the words of the check before 办结.
/// </summary>
public sealed record TargetReading(int TargetId, int IndicatorId, int OrgUnitId, string? Period, decimal? Actual, decimal Baseline,
    decimal? Expected, decimal? Attainment, DataVerdict Verdict, string Check);

/// <summary>
/// The one home of how a linked target follows the data. The measured unit is the task's one responsible district or
/// school (its subtree); a task for several units, for a department or for none is a city target, measured over the whole
/// city (the top unit). The actual is the indicator's figure from January of the latest month with data up to that month,
/// rolled up as a ratio of sums (each element over the months as it aggregates: sum, average, last); the path runs from
/// the baseline (the target's own, else the data's first month of the plan's year) at the task's start (else 1 January
/// of the plan's year) to the target value at the target's deadline (else 31 December), linear by month
/// (<see cref="ExpectedPath"/>); the verdict uses the tolerance of <see cref="LedgerSettings"/>. Data is read from the
/// analytics store, which is current with every stored value.
/// </summary>
public sealed class LinkedTargets(LuoshiDb db, AnalyticsStore store, ChinaClock clock, LedgerSettings settings)
{
    /// <summary>The readings of every linked target of <paramref name="tasks"/> (their targets loaded), by target id.</summary>
    public Task<Dictionary<int, TargetReading>> ReadAsync(IReadOnlyCollection<PlanTask> tasks, CancellationToken ct = default) =>
        ReadAsOfAsync(tasks, clock.Today, ct);

    /// <summary>
    /// The readings as they stood on <paramref name="asOf"/> (a month's ranking reads them as of its last day): the data
    /// up to that month, the verdict on that day.
    /// </summary>
    public async Task<Dictionary<int, TargetReading>> ReadAsOfAsync(IReadOnlyCollection<PlanTask> tasks, DateOnly asOf, CancellationToken ct = default)
    {
        var readings = new Dictionary<int, TargetReading>();
        var linked = tasks.SelectMany(t => t.Targets.Where(g => g.IndicatorId is not null).Select(g => (Task: t, Target: g))).ToList();
        if (linked.Count == 0) return readings;
        var planIds = linked.Select(l => l.Task.PlanId).Distinct().ToList();
        var years = await db.Plans.AsNoTracking().Where(p => planIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Year, ct);
        var unitIds = linked.SelectMany(l => l.Task.ResponsibleOrgUnitIds).Distinct().ToList();
        var kinds = await db.OrgUnits.AsNoTracking().Where(u => unitIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Kind, ct);
        var city = await db.OrgUnits.AsNoTracking().Where(u => u.ParentId == null).OrderBy(u => u.SortOrder).ThenBy(u => u.Id)
            .Select(u => u.Id).FirstOrDefaultAsync(ct);
        await store.EnsureLoadedAsync(db, ct);
        foreach (var (task, target) in linked)
        {
            var responsible = task.ResponsibleOrgUnitIds.ToList();
            var unit = responsible.Count == 1 && kinds.GetValueOrDefault(responsible[0]) is OrgUnitKind.District or OrgUnitKind.School
                ? responsible[0]
                : city;
            var year = years.GetValueOrDefault(task.PlanId, asOf.Year);
            readings[target.Id] = await ReadAsync(task, target, unit, year, asOf, ct);
        }
        return readings;
    }

    /// <summary>The reading of one linked target of <paramref name="task"/>, or null when it is not linked.</summary>
    public async Task<TargetReading?> ReadAsync(PlanTask task, Target target, CancellationToken ct = default) =>
        target.IndicatorId is null ? null : (await ReadAsync([task], ct)).GetValueOrDefault(target.Id);

    private async Task<TargetReading> ReadAsync(PlanTask task, Target target, int unit, int year, DateOnly today, CancellationToken ct)
    {
        var indicator = target.IndicatorId!.Value;
        var start = task.StartDate ?? new DateOnly(year, 1, 1);
        var due = target.DueBy(task.DueDate) ?? new DateOnly(year, 12, 31);
        var last = due > today ? today : due;
        if (last.Year < year) return new TargetReading(target.Id, indicator, unit, null, null, target.Baseline ?? 0, null, null, DataVerdict.NoData, "暂无数据");
        var monthly = await store.QueryAsync(db, indicator, unit,
            new AnalyticsPeriod(Months.Key(year, 1), Months.Key(last.Year, last.Month), PeriodGrain.Month), 0, ct, checkedNow: true);
        var withData = monthly.Where(f => f.Value is not null).ToList();
        if (withData.Count == 0)
            return new TargetReading(target.Id, indicator, unit, null, null, target.Baseline ?? 0, null, null, DataVerdict.NoData, "暂无数据");
        var latest = withData.MaxBy(f => f.Period, StringComparer.Ordinal)!;
        var latestMonth = new DateOnly(int.Parse(latest.Period[..4], System.Globalization.CultureInfo.InvariantCulture),
            int.Parse(latest.Period[5..], System.Globalization.CultureInfo.InvariantCulture), 1);
        var toDate = await store.QueryAsync(db, indicator, unit,
            new AnalyticsPeriod(Months.Key(latestMonth.Year, 1), Months.Key(latestMonth.Year, latestMonth.Month), PeriodGrain.Year), 0, ct, checkedNow: true);
        var actual = toDate.FirstOrDefault()?.Value is { } v ? Math.Round((decimal)v, 4) : (decimal?)null;
        var baseline = target.Baseline ?? Math.Round((decimal)withData.MinBy(f => f.Period, StringComparer.Ordinal)!.Value!.Value, 4);
        var path = new ExpectedPath(baseline, target.Value ?? 0, target.Comparator, start, due);
        var tolerance = new PathTolerance(settings.DataTolerancePercent, settings.DataFarBehindPercent);
        return new TargetReading(target.Id, indicator, unit, latest.Period, actual, baseline, path.ExpectedAt(latestMonth),
            Attainments.Of(target.Comparator, target.Value, target.Upper, actual), path.Verdict(actual, latestMonth, today, tolerance),
            path.Check(actual, target.Unit));
    }
}
