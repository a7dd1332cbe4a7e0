using Luoshi.Application.Access;
using Luoshi.Domain.Indicators;
using Luoshi.Domain.Problems;
using Microsoft.EntityFrameworkCore;

namespace Luoshi.Application.Analytics;

/// <summary>
/// Reading an indicator's figures (the analytics API, the pivot and the chart pages): who may see which unit — bureau
/// roles everything, a district or school its own subtree only — and each figure with the target set for its unit and year.
/// </summary>
public sealed class AnalyticsQueries(LuoshiDb db, AnalyticsStore store)
{
    public const int MaxLevels = AnalyticsEngine.MaxDepth - 1;

    /// <summary>One figure: unit, period, value (null when the data has none) and the unit's target for the year (null when none is set).</summary>
    public sealed record Item(int OrgUnitId, string Period, decimal? Value, decimal? Target);

    public sealed record Answer(Indicator Indicator, int OrgUnitId, AnalyticsPeriod Period, IReadOnlyList<Item> Items);

    /// <summary>The figures of the period (<paramref name="monthly"/>: of each of its months).</summary>
    public async Task<Outcome<Answer>> ForAsync(Caller caller, int? indicatorId, int? orgUnitId, string? periodText, int? level,
        CancellationToken ct = default, bool monthly = false)
    {
        var parsed = AnalyticsPeriod.Parse(periodText);
        if (parsed.Value is not { } asked) return parsed.Problems.ToList();
        var period = monthly ? asked with { Grain = PeriodGrain.Month } : asked;
        if (level is < 0 or > MaxLevels) return AnalyticsProblems.LevelInvalid.With(MaxLevels);
        var indicator = await db.Indicators.AsNoTracking().Include(i => i.Targets).SingleOrDefaultAsync(i => i.Id == (indicatorId ?? 0), ct);
        if (indicator is null) return IndicatorProblems.NotFound;
        var unitId = orgUnitId ?? (caller.SeesEverything
            ? await db.OrgUnits.Where(u => u.ParentId == null).OrderBy(u => u.SortOrder).ThenBy(u => u.Id).Select(u => u.Id).FirstOrDefaultAsync(ct)
            : caller.OrgUnitId);
        var unit = await db.OrgUnits.AsNoTracking().Where(u => u.Id == unitId).Select(u => new { u.Id, u.Name }).SingleOrDefaultAsync(ct);
        if (unit is null) return AnalyticsProblems.UnitUnknown.With(unitId);
        await store.EnsureLoadedAsync(db, ct);
        if (!caller.SeesEverything && !store.IsWithin(unit.Id, caller.OrgUnitId)) return AnalyticsProblems.Forbidden.With(unit.Name);
        var figures = await store.QueryAsync(db, indicator.Id, unit.Id, period, level ?? 0, ct, checkedNow: true);
        var targets = indicator.Targets.ToDictionary(t => (t.OrgUnitId, t.Year), t => t.Value);
        var items = figures.Select(f => new Item(f.OrgUnitId, f.Period, f.Value is { } v ? Math.Round((decimal)v, 4) : null,
            targets.TryGetValue((f.OrgUnitId, int.Parse(f.Period[..4], System.Globalization.CultureInfo.InvariantCulture)), out var t) ? t : null)).ToList();
        return new Answer(indicator, unit.Id, period, items);
    }
}
