using Luoshi.Application.Calendar;
using Luoshi.Domain.Calendar;
using Luoshi.Domain.Data;
using Luoshi.Domain.OrgUnits;
using Luoshi.Domain.Time;
using Microsoft.EntityFrameworkCore;

namespace Luoshi.Application.Data;

/// <summary>
/// 最多报一次: the registry of everything Luoshi asks of schools and districts — each data set (the recurring daily and
/// zero reports are data sets too) with its elements, frequency and units — and the burden it puts on a unit: the values
/// of one form (an element with a category counts one value per option) × the periods a year (a daily set: the year's
/// working days on the work calendar; week 52, month 12, quarter 4, year and school year 1). An element that two or more
/// sets ask for is marked (its values are one and the same: a unit enters it once, every set reads it).
/// </summary>
public sealed class DataRegistry(LuoshiDb db, ChinaClock? clock = null)
{
    private ChinaClock Clock => clock ?? ChinaClock.System;

    /// <summary>One data set on the registry: its elements, values per form, periods and values per unit per year, and how many units it asks.</summary>
    public sealed record Entry(DataSet Set, IReadOnlyList<DataElement> Elements, int ValuesPerForm, int PeriodsPerYear, int Units)
    {
        public int ValuesPerYear => ValuesPerForm * PeriodsPerYear;
    }

    /// <summary>
    /// The registry for a year: every set, the elements asked by two or more sets (with those sets), and the burden on a
    /// school: the values per year of the sets that ask the most-asked school (the heaviest) and on average over schools.
    /// </summary>
    public sealed record Registry(int Year, IReadOnlyList<Entry> Entries, IReadOnlyDictionary<int, IReadOnlyList<DataSet>> AskedTwice,
        int HeaviestSchoolValues, decimal AverageSchoolValues);

    public async Task<Registry> ReadAsync(CancellationToken ct = default)
    {
        var year = Clock.Today.Year;
        var sets = await db.DataSets.AsNoTracking().Include(s => s.Elements).OrderBy(s => s.Code).ToListAsync(ct);
        var elements = await db.DataElements.AsNoTracking().ToDictionaryAsync(e => e.Id, ct);
        var units = await db.OrgUnits.AsNoTracking().ToDictionaryAsync(u => u.Id, ct);
        var days = sets.Any(s => s.PeriodType == PeriodType.Day) ? await new WorkCalendar(db).WorkingDaysAsync(ct) : WorkingDays.Ordinary;
        var entries = sets.Select(s =>
        {
            var asked = s.Elements.OrderBy(e => e.SortOrder).Where(e => elements.ContainsKey(e.DataElementId)).Select(e => elements[e.DataElementId]).ToList();
            return new Entry(s, asked, asked.Sum(e => Math.Max(1, e.OptionList.Count)), PeriodsPerYear(s.PeriodType, year, days),
                units.Values.Count(u => DataEntry.Assigned(s, u, units)));
        }).ToList();
        var twice = sets.SelectMany(s => s.Elements.Select(e => (e.DataElementId, Set: s))).GroupBy(x => x.DataElementId)
            .Where(g => g.Count() > 1).ToDictionary(g => g.Key, g => (IReadOnlyList<DataSet>)[.. g.Select(x => x.Set)]);
        var schools = units.Values.Where(u => u.Kind == OrgUnitKind.School).ToList();
        var perSchool = schools.Select(u => entries.Where(e => DataEntry.Assigned(e.Set, u, units)).Sum(e => e.ValuesPerYear)).ToList();
        return new Registry(year, entries, twice, perSchool.DefaultIfEmpty(0).Max(),
            perSchool.Count == 0 ? 0 : Math.Round((decimal)perSchool.Sum() / perSchool.Count, 1));
    }

    /// <summary>How many periods of a type a year holds (a daily set: the year's working days).</summary>
    public static int PeriodsPerYear(PeriodType type, int year, WorkingDays days) => type switch
    {
        PeriodType.Day => Enumerable.Range(0, DateTime.IsLeapYear(year) ? 366 : 365).Count(i => days.IsWorkday(new DateOnly(year, 1, 1).AddDays(i))),
        PeriodType.Week => 52,
        PeriodType.Month => 12,
        PeriodType.Quarter => 4,
        _ => 1,
    };
}
