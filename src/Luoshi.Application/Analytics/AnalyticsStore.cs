using Luoshi.Domain.Data;
using Luoshi.Domain.Indicators;
using Microsoft.EntityFrameworkCore;

namespace Luoshi.Application.Analytics;

/// <summary>
/// The one analytics engine of the process, fed from the stored data: every monthly numeric value is bulk-loaded once
/// (on start, or at the first query), each saved batch of values is applied as it is stored (<see cref="Applied"/>, called
/// by <c>DataEntry</c>), and the org tree, elements and indicators are read again when they change. A write is seen by the next query.
/// </summary>
public sealed class AnalyticsStore : IDisposable
{
    private readonly AnalyticsEngine engine = new();
    private readonly SemaphoreSlim gate = new(1, 1);
    private bool loaded;
    private long definitionsVersion = 1;
    private (long, int, int, int, int) definitionsSeen;
    private long unitsSeen = -1;
    private Dictionary<int, (int? Parent, int Depth)> units = [];

    private long changedElsewhere;
    private long changedElsewhereSeen;

    /// <summary>Another instance stored values or definitions (its notice, or notices missed): the next query loads everything again.</summary>
    public void ChangedElsewhere() => Interlocked.Increment(ref changedElsewhere);

    /// <summary>Marks the indicators (and elements) as changed: the next query reads them again.</summary>
    public void DefinitionsChanged() => Interlocked.Increment(ref definitionsVersion);

    /// <summary>Loads every stored value once (the hosted start calls it; a query before that does it itself).</summary>
    public async Task EnsureLoadedAsync(LuoshiDb db, CancellationToken ct = default)
    {
        await gate.WaitAsync(ct);
        try
        {
            if (Interlocked.Read(ref changedElsewhere) is var elsewhere && elsewhere != changedElsewhereSeen)
            {
                (loaded, unitsSeen, definitionsSeen, changedElsewhereSeen) = (false, -1, default, elsewhere);
            }
            await RefreshAsync(db, ct);
            if (loaded) return;
            var rows = await (from v in db.DataValues.AsNoTracking()
                              join e in db.DataElements.AsNoTracking() on v.DataElementId equals e.Id
                              where v.PeriodType == PeriodType.Month && v.Numeric != null
                              select new { v.OrgUnitId, v.StartDate, e.Code, v.Option, v.Numeric }).ToListAsync(ct);
            engine.ClearValues();
            engine.Load(rows.Select(r => new ValueRow(r.OrgUnitId, Months.Key(r.StartDate.Year, r.StartDate.Month), r.Code, r.Option,
                (double)r.Numeric!.Value)));
            loaded = true;
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Applies a stored batch of values (the hook of <c>DataEntry</c>): monthly numbers replace their old value; others are not analysed.</summary>
    public async Task Applied(IEnumerable<(DataElement Element, DataValue Value)> saved, CancellationToken ct = default)
    {
        var changes = saved.Where(s => s.Value.PeriodType == PeriodType.Month)
            .Select(s => (s.Value.OrgUnitId, Months.Key(s.Value.StartDate.Year, s.Value.StartDate.Month), s.Element.Code, s.Value.Option,
                (double?)s.Value.Numeric))
            .ToList();
        if (changes.Count == 0) return;
        await gate.WaitAsync(ct);
        try
        {
            // Before the first load nothing is kept: the load reads these values from the database.
            if (loaded) engine.Apply(changes);
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>The figures of one indicator for a unit (<paramref name="levelsBelow"/> = 0) or its descendants that many levels down.</summary>
    public async Task<IReadOnlyList<AnalyticsFigure>> QueryAsync(LuoshiDb db, int indicatorId, int orgUnitId, AnalyticsPeriod period,
        int levelsBelow, CancellationToken ct = default)
    {
        await EnsureLoadedAsync(db, ct);
        await gate.WaitAsync(ct);
        try
        {
            if (!units.TryGetValue(orgUnitId, out var unit)) return [];
            var depth = unit.Depth + levelsBelow;
            return [.. engine.Query(indicatorId, orgUnitId, period.FromMonth, period.ToMonth, period.Grain, levelsBelow)
                .Where(f => units.TryGetValue(f.OrgUnitId, out var u) && u.Depth == depth)];
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Whether <paramref name="unitId"/> is <paramref name="ancestorId"/> or below it (as the store's tree has it).</summary>
    public bool IsWithin(int unitId, int ancestorId)
    {
        var tree = units;
        for (int? at = unitId; at is { } a && tree.TryGetValue(a, out var u); at = u.Parent)
            if (a == ancestorId) return true;
        return false;
    }

    /// <summary>Reads the org tree again when it changed, and the elements and indicators when they changed.</summary>
    private async Task RefreshAsync(LuoshiDb db, CancellationToken ct)
    {
        var unitsVersion = Luoshi.Data.Caching.ReferenceVersion.Of(db);
        if (unitsVersion != unitsSeen || units.Count == 0)
        {
            var all = await db.OrgUnits.AsNoTracking().Select(u => new UnitRow(u.Id, u.ParentId)).ToListAsync(ct);
            engine.SetUnits(all);
            units = Depths(all);
            unitsSeen = unitsVersion;
        }
        // Indicators and elements saved here bump the version; those saved elsewhere (another instance, a seeder) change the counts.
        var indicatorsNow = await db.Indicators.GroupBy(_ => 1).Select(g => new { Count = g.Count(), Max = g.Max(i => i.Id), Versions = g.Sum(i => i.Version) })
            .FirstOrDefaultAsync(ct);
        var version = (Interlocked.Read(ref definitionsVersion), indicatorsNow?.Count ?? 0, indicatorsNow?.Max ?? 0, indicatorsNow?.Versions ?? 0,
            await db.DataElements.CountAsync(ct));
        if (version == definitionsSeen) return;
        var elements = await db.DataElements.AsNoTracking().Select(e => new ElementRow(e.Code, e.Aggregation)).ToListAsync(ct);
        engine.SetElements(elements);
        var indicators = await db.Indicators.AsNoTracking().ToListAsync(ct);
        engine.SetIndicators(indicators.Select(Row).OfType<IndicatorRow>());
        definitionsSeen = version;
    }

    private static IndicatorRow? Row(Indicator i)
    {
        if (IndicatorExpression.Parse(i.Numerator, "分子").Expression is not { } numerator) return null;
        var denominator = i.Denominator.Length == 0 ? null : IndicatorExpression.Parse(i.Denominator, "分母").Expression;
        return i.Denominator.Length > 0 && denominator is null ? null : new IndicatorRow(i.Id, numerator, denominator, i.Factor);
    }

    private static Dictionary<int, (int? Parent, int Depth)> Depths(List<UnitRow> all)
    {
        var parents = all.ToDictionary(u => u.Id, u => u.ParentId);
        var result = new Dictionary<int, (int?, int)>();
        foreach (var unit in all)
        {
            var depth = 0;
            for (var at = unit.ParentId; at is { } a && parents.ContainsKey(a) && depth < AnalyticsEngine.MaxDepth; at = parents[a]) depth++;
            result[unit.Id] = (unit.ParentId, depth);
        }
        return result;
    }

    public void Dispose()
    {
        engine.Dispose();
        gate.Dispose();
    }
}
