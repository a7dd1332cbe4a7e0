using Luoshi.Application.Access;
using Luoshi.Domain.Data;
using Luoshi.Domain.OrgUnits;
using Microsoft.EntityFrameworkCore;

namespace Luoshi.Application.Data;

/// <summary>
/// Values flagged as outliers by <see cref="OutlierRule"/> (the rule's one home), against the unit's own last periods and
/// against its peers (the other units the set asks — one kind of unit — for the same period): for a whole data set and period (the violations page)
/// and for one unit's grid, as stored or as typed. A flag is a mark with its Chinese reason, never a refusal.
/// </summary>
public sealed class Outliers(LuoshiDb db)
{
    /// <summary>One flagged value with why.</summary>
    public sealed record Flag(OrgUnit Unit, DataElement Element, string Option, decimal Value, string Why);

    /// <summary>The flagged values of a set's period, for the units in the caller's view.</summary>
    public async Task<Outcome<List<Flag>>> OfSetAsync(Caller caller, int dataSetId, string? periodText, CancellationToken ct = default)
    {
        var set = await db.DataSets.AsNoTracking().Include(s => s.Elements).FirstOrDefaultAsync(s => s.Id == dataSetId, ct);
        if (set is null) return DataProblems.DataSetNotFound;
        if (Period.Parse(periodText) is not { } period || period.Type != set.PeriodType) return DataProblems.PeriodInvalid.With(periodText);
        var units = await db.OrgUnits.AsNoTracking().ToDictionaryAsync(u => u.Id, ct);
        return await FlagAsync(set, period, units, u => caller.SeesEverything || DataEntry.MayEnter(caller, u), [], ct);
    }

    /// <summary>The flagged values of one unit's grid: as stored, with the typed values (already checked) in their place.</summary>
    public async Task<List<Flag>> OfUnitAsync(int dataSetId, int unitId, Period period, IReadOnlyList<DataEntry.CheckedValue> typed, CancellationToken ct = default)
    {
        var set = await db.DataSets.AsNoTracking().Include(s => s.Elements).FirstOrDefaultAsync(s => s.Id == dataSetId, ct);
        if (set is null || period.Type != set.PeriodType) return [];
        var units = await db.OrgUnits.AsNoTracking().ToDictionaryAsync(u => u.Id, ct);
        return await FlagAsync(set, period, units, u => u.Id == unitId, typed, ct);
    }

    private async Task<List<Flag>> FlagAsync(DataSet set, Period period, Dictionary<int, OrgUnit> units, Func<OrgUnit, bool> flagged,
        IReadOnlyList<DataEntry.CheckedValue> typed, CancellationToken ct)
    {
        var ids = set.Elements.Select(e => e.DataElementId).ToList();
        var elements = await db.DataElements.AsNoTracking()
            .Where(e => ids.Contains(e.Id) && e.ValueType != DataValueType.Text && e.ValueType != DataValueType.YesNo).ToDictionaryAsync(e => e.Id, ct);
        if (elements.Count == 0) return [];
        // The last periods of the set's kind, oldest first.
        var history = new List<string>();
        var first = period;
        for (var i = 0; i < OutlierRule.HistoryPeriods; i++)
        {
            first = Period.Of(period.Type, first.Start.AddDays(-1));
            history.Insert(0, first.Text);
        }
        var numericIds = elements.Keys.ToList();
        var type = period.Type;
        var rows = await db.DataValues.AsNoTracking()
            .Where(v => numericIds.Contains(v.DataElementId) && v.PeriodType == type && v.StartDate >= first.Start && v.StartDate <= period.Start && v.Numeric != null)
            .Select(v => new { v.OrgUnitId, v.DataElementId, v.Option, v.Period, v.Numeric }).ToListAsync(ct);
        var values = rows.ToDictionary(v => (v.OrgUnitId, v.DataElementId, v.Option, v.Period), v => v.Numeric!.Value);
        foreach (var v in typed.Where(v => v.Number is not null && v.Period.Text == period.Text && elements.ContainsKey(v.Element.Id)))
            values[(v.Input.OrgUnitId!.Value, v.Element.Id, v.Option, period.Text)] = v.Number!.Value;
        var asked = units.Values.Where(u => DataEntry.Assigned(set, u, units)).ToList();
        var askedIds = asked.Select(u => u.Id).ToHashSet();
        var current = values.Where(x => x.Key.Item4 == period.Text && askedIds.Contains(x.Key.Item1)).ToList();
        var byElement = current.ToLookup(x => (x.Key.Item2, x.Key.Item3), x => (Unit: x.Key.Item1, x.Value));
        var flags = new List<Flag>();
        foreach (var unit in asked.Where(flagged).OrderBy(u => u.SortOrder).ThenBy(u => u.Code))
            foreach (var (key, value) in current.Where(x => x.Key.Item1 == unit.Id).OrderBy(x => ids.IndexOf(x.Key.Item2)).ThenBy(x => x.Key.Item3))
            {
                var own = history.Select(p => values.TryGetValue((unit.Id, key.Item2, key.Item3, p), out var h) ? h : (decimal?)null).ToList();
                var why = OutlierRule.AgainstHistory(value, [.. own.Where(h => h is not null).Select(h => h!.Value)], own[^1] is not null)
                    ?? OutlierRule.AgainstPeers(value, [.. byElement[(key.Item2, key.Item3)].Where(p => p.Unit != unit.Id).Select(p => p.Value)]);
                if (why is not null) flags.Add(new Flag(unit, elements[key.Item2], key.Item3, value, why));
            }
        return flags;
    }
}
