using Luoshi.Data.Caching;
using Luoshi.Domain.Data;
using Luoshi.Domain.Indicators;
using Microsoft.EntityFrameworkCore;

namespace Luoshi.Application.Analytics;

/// <summary>
/// The one analytics engine of the process, fed from the stored data: every numeric value is bulk-loaded once (on start,
/// or at the first query), each saved batch of values is applied as it is stored (<see cref="Applied"/>, called by
/// <c>DataEntry</c>), and the org tree, elements and indicators are read again when they change. A write is seen by the
/// next query.
/// <para>
/// Currency costs a warm query one cheap command: the database's data version (<see cref="DataVersion"/>, one row by
/// primary key), which every stored change moves on. Only when it has moved are the definitions checked (and read again
/// if they changed); the org tree is read again after a change to units in this process (<see cref="ReferenceVersion"/>).
/// </para>
/// <para>
/// The engine keeps months. A value of another period is placed by the period's start date: a quarter's, a year's and a
/// 学年's value at its first month (so a quarter or year answer combines them as the element says, and a 学年 counts in the
/// year it starts); days and weeks are first combined into the month their period starts in, as the element aggregates
/// (sum, average, or the last day's value), so a week that starts on 30 March counts in March.
/// </para>
/// </summary>
public sealed class AnalyticsStore : IDisposable
{
    private readonly AnalyticsEngine engine = new();
    private readonly SemaphoreSlim gate = new(1, 1);
    private readonly HashSet<(int Unit, int Element, string Option, int Month)> staleMonths = [];
    private bool loaded;
    private long definitionsVersion = 1;
    private (long, int, int, int, int) definitionsSeen;
    private long dataVersionSeen = -1;
    private long unitsSeen = -1;
    private Dictionary<int, (int? Parent, int Depth)> units = [];
    private Dictionary<int, (string Code, PeriodAggregation Aggregation)> elements = [];

    private long changedElsewhere;
    private long changedElsewhereSeen;

    /// <summary>Another instance stored values or definitions (its notice, or notices missed): the next query loads everything again.</summary>
    public void ChangedElsewhere() => Interlocked.Increment(ref changedElsewhere);

    /// <summary>Marks the indicators (and elements) as changed: the next query reads them again.</summary>
    public void DefinitionsChanged() => Interlocked.Increment(ref definitionsVersion);

    /// <summary>Loads every stored value once (the hosted start calls it; a query before that does it itself), and keeps the store current.</summary>
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
            if (loaded)
            {
                if (staleMonths.Count > 0) await RollUpStaleMonthsAsync(db, ct);
                return;
            }
            var rows = await (from v in db.DataValues.AsNoTracking()
                              where v.Numeric != null
                              select new StoredValue(v.OrgUnitId, v.DataElementId, v.Option, v.PeriodType, v.StartDate, v.Numeric!.Value))
                .ToListAsync(ct);
            engine.ClearValues();
            engine.Load(MonthlyRows(rows));
            staleMonths.Clear();
            loaded = true;
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>A stored value as the store reads it.</summary>
    private sealed record StoredValue(int Unit, int Element, string Option, PeriodType Type, DateOnly Start, decimal Value);

    /// <summary>The values as months: days and weeks combined into their start's month as the element says, the rest at their first month.</summary>
    private IEnumerable<ValueRow> MonthlyRows(IEnumerable<StoredValue> values)
    {
        var subMonth = new List<StoredValue>();
        foreach (var v in values)
        {
            if (!elements.TryGetValue(v.Element, out var element)) continue;
            if (v.Type is PeriodType.Day or PeriodType.Week) subMonth.Add(v);
            else yield return new ValueRow(v.Unit, Months.Key(v.Start.Year, v.Start.Month), element.Code, v.Option, (double)v.Value);
        }
        foreach (var month in subMonth.GroupBy(v => (v.Unit, v.Element, v.Option, Month: Months.Key(v.Start.Year, v.Start.Month))))
            yield return new ValueRow(month.Key.Unit, month.Key.Month, elements[month.Key.Element].Code, month.Key.Option,
                (double)Combine(elements[month.Key.Element].Aggregation, month));
    }

    /// <summary>Days or weeks of one month as one value: their sum, average, or the latest one.</summary>
    private static decimal Combine(PeriodAggregation aggregation, IEnumerable<StoredValue> days) => aggregation switch
    {
        PeriodAggregation.Average => days.Average(d => d.Value),
        PeriodAggregation.Last => days.MaxBy(d => d.Start)!.Value,
        _ => days.Sum(d => d.Value),
    };

    /// <summary>
    /// Applies a stored batch of values (the hook of <c>DataEntry</c>): a value of a month or longer replaces the old one
    /// at its first month; a day's or week's value marks its month to be combined again from the database at the next query.
    /// </summary>
    public async Task Applied(IEnumerable<(DataElement Element, DataValue Value)> saved, CancellationToken ct = default)
    {
        var list = saved.ToList();
        if (list.Count == 0) return;
        await gate.WaitAsync(ct);
        try
        {
            // Before the first load nothing is kept: the load reads these values from the database.
            if (!loaded) return;
            var changes = new List<(int, int, string, string, double?)>();
            foreach (var (element, value) in list)
            {
                var month = Months.Key(value.StartDate.Year, value.StartDate.Month);
                if (value.PeriodType is PeriodType.Day or PeriodType.Week) staleMonths.Add((value.OrgUnitId, element.Id, value.Option, month));
                else changes.Add((value.OrgUnitId, month, element.Code, value.Option, (double?)value.Numeric));
            }
            if (changes.Count > 0) engine.Apply(changes);
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Combines again, from the database, the months whose days or weeks were written since the last query.</summary>
    private async Task RollUpStaleMonthsAsync(LuoshiDb db, CancellationToken ct)
    {
        var changes = new List<(int, int, string, string, double?)>();
        foreach (var (unit, element, option, month) in staleMonths)
        {
            if (!elements.TryGetValue(element, out var e)) continue;
            var first = new DateOnly(month / 100, month % 100, 1);
            var next = first.AddMonths(1);
            var days = await db.DataValues.AsNoTracking()
                .Where(v => v.OrgUnitId == unit && v.DataElementId == element && v.Option == option && v.Numeric != null
                    && (v.PeriodType == PeriodType.Day || v.PeriodType == PeriodType.Week) && v.StartDate >= first && v.StartDate < next)
                .Select(v => new StoredValue(v.OrgUnitId, v.DataElementId, v.Option, v.PeriodType, v.StartDate, v.Numeric!.Value)).ToListAsync(ct);
            changes.Add((unit, month, e.Code, option, days.Count == 0 ? null : (double)Combine(e.Aggregation, days)));
        }
        staleMonths.Clear();
        engine.Apply(changes);
    }

    /// <summary>
    /// The figures of one indicator for a unit (<paramref name="levelsBelow"/> = 0) or its descendants that many levels down;
    /// <paramref name="checkedNow"/> when the caller has just made the store current (<see cref="EnsureLoadedAsync"/>).
    /// </summary>
    public async Task<IReadOnlyList<AnalyticsFigure>> QueryAsync(LuoshiDb db, int indicatorId, int orgUnitId, AnalyticsPeriod period,
        int levelsBelow, CancellationToken ct = default, bool checkedNow = false)
    {
        if (!checkedNow) await EnsureLoadedAsync(db, ct);
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

    /// <summary>
    /// Reads the org tree again when it changed, and the elements and indicators when they changed; a warm call with
    /// nothing changed costs one command (the data version).
    /// </summary>
    private async Task RefreshAsync(LuoshiDb db, CancellationToken ct)
    {
        var unitsVersion = ReferenceVersion.Of(db);
        if (unitsVersion != unitsSeen || units.Count == 0)
        {
            var all = await db.OrgUnits.AsNoTracking().Select(u => new UnitRow(u.Id, u.ParentId)).ToListAsync(ct);
            engine.SetUnits(all);
            units = Depths(all);
            unitsSeen = unitsVersion;
        }
        // Read before the definitions: a change saved meanwhile moves the version on again, and the next query looks.
        var dataVersion = await DataVersion.ReadAsync(db, ct);
        var local = Interlocked.Read(ref definitionsVersion);
        if (loaded && dataVersion == dataVersionSeen && local == definitionsSeen.Item1) return;
        // Indicators and elements saved here bump the local version; those saved elsewhere (another instance, a seeder) change the counts.
        var indicatorsNow = await db.Indicators.GroupBy(_ => 1).Select(g => new { Count = g.Count(), Max = g.Max(i => i.Id), Versions = g.Sum(i => i.Version) })
            .FirstOrDefaultAsync(ct);
        var version = (local, indicatorsNow?.Count ?? 0, indicatorsNow?.Max ?? 0, indicatorsNow?.Versions ?? 0, await db.DataElements.CountAsync(ct));
        dataVersionSeen = dataVersion;
        if (version == definitionsSeen) return;
        var elementRows = await db.DataElements.AsNoTracking().Select(e => new { e.Id, e.Code, e.Aggregation }).ToListAsync(ct);
        engine.SetElements(elementRows.Select(e => new ElementRow(e.Code, e.Aggregation)));
        elements = elementRows.ToDictionary(e => e.Id, e => (e.Code, e.Aggregation));
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
