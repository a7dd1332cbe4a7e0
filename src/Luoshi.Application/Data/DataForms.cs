using Luoshi.Application.Access;
using Luoshi.Domain.Calendar;
using Luoshi.Domain.Data;
using Luoshi.Domain.OrgUnits;
using Luoshi.Domain.Time;
using Microsoft.EntityFrameworkCore;

namespace Luoshi.Application.Data;

/// <summary>
/// What the 数据填报 pages show: the data sets a caller deals with, a set's units in the caller's scope with their
/// status for a period (已报, 零报告, 未报, 逾期), and one unit's form (the grid's rows with the values already given).
/// Entering and filing go through <see cref="DataEntry"/>; this class only reads.
/// </summary>
public sealed class DataForms(LuoshiDb db, ChinaClock? clock = null)
{
    private ChinaClock Clock => clock ?? ChinaClock.System;

    /// <summary>A unit's state for one period of a data set.</summary>
    public enum Status
    {
        Reported,
        ZeroReport,
        Missing,
        Overdue,
    }

    public static string ToChinese(Status status) => status switch
    {
        Status.Reported => "已报",
        Status.ZeroReport => "零报告",
        Status.Missing => "未报",
        _ => "逾期",
    };

    /// <summary>One unit on a set's status list, with its report when filed.</summary>
    public sealed record UnitStatus(OrgUnit Unit, Status Status, DataSetReport? Report, bool MayEnter);

    /// <summary>A set's units for a period, with when the period is due.</summary>
    public sealed record Desk(DataSet Set, Period Period, DateTime DueAt, IReadOnlyList<UnitStatus> Units);

    /// <summary>One row of the grid: an element, an option ("" for the total) and the value already given (as written).</summary>
    public sealed record Row(DataElement Element, string Option, string Value);

    /// <summary>One unit's form for a period.</summary>
    public sealed record Form(DataSet Set, OrgUnit Unit, Period Period, DateTime DueAt, IReadOnlyList<Row> Rows, DataSetReport? Report);

    /// <summary>The period a set's form opens on: today for a daily set, else the last period that has ended (last month).</summary>
    public Period DefaultPeriod(DataSet set)
    {
        var today = Clock.Today;
        return set.PeriodType == PeriodType.Day ? Period.Of(PeriodType.Day, today) : Period.Of(set.PeriodType, Period.Of(set.PeriodType, today).Start.AddDays(-1));
    }

    /// <summary>
    /// The set a page asks for among the caller's sets (the first when it asks for none; null when it asks for one not among
    /// them) and the period it asks for, else the set's default period.
    /// </summary>
    public (DataSet? Set, string Period) Choose(IReadOnlyList<DataSet> sets, int? dataSetId, string? period)
    {
        var set = sets.FirstOrDefault(s => s.Id == dataSetId) ?? (dataSetId is null ? sets.FirstOrDefault() : null);
        return (set, set is null ? "" : string.IsNullOrWhiteSpace(period) ? DefaultPeriod(set).Text : period.Trim());
    }

    /// <summary>Whether the caller sees this unit on status lists: those who see everything, the unit itself, a district for its schools.</summary>
    private static bool InScope(Caller caller, OrgUnit unit) => caller.SeesEverything || DataEntry.MayEnter(caller, unit);

    /// <summary>The data sets whose units the caller sees (all of them for those who see everything).</summary>
    public async Task<List<DataSet>> SetsForAsync(Caller caller, CancellationToken ct = default)
    {
        var sets = await db.DataSets.AsNoTracking().Include(s => s.Elements).OrderBy(s => s.Code).ToListAsync(ct);
        if (caller.SeesEverything) return sets;
        var units = await db.OrgUnits.AsNoTracking().ToDictionaryAsync(u => u.Id, ct);
        var mine = units.Values.Where(u => InScope(caller, u)).ToList();
        return [.. sets.Where(s => mine.Any(u => DataEntry.Assigned(s, u, units)))];
    }

    private async Task<Outcome<(DataSet Set, Period Period)>> SetAndPeriodAsync(int setId, string? periodText, CancellationToken ct)
    {
        var set = await db.DataSets.AsNoTracking().Include(s => s.Elements).FirstOrDefaultAsync(s => s.Id == setId, ct);
        if (set is null) return DataProblems.DataSetNotFound;
        if (string.IsNullOrWhiteSpace(periodText)) return (set, DefaultPeriod(set));
        if (Period.Parse(periodText) is not { } period) return DataProblems.PeriodInvalid.With(periodText);
        if (period.Type != set.PeriodType) return DataProblems.PeriodWrongType.With(period.Text, PeriodTypes.ToChinese(set.PeriodType));
        return (set, period);
    }

    /// <summary>The set's units in the caller's scope for a period, each with its status.</summary>
    public async Task<Outcome<Desk>> DeskAsync(Caller caller, int setId, string? periodText, WorkingDays days, CancellationToken ct = default)
    {
        var found = await SetAndPeriodAsync(setId, periodText, ct);
        if (!found.Succeeded) return found.Problems.ToList();
        var (set, period) = found.Value;
        var units = await db.OrgUnits.AsNoTracking().ToDictionaryAsync(u => u.Id, ct);
        var reports = await db.DataSetReports.AsNoTracking().Where(r => r.DataSetId == set.Id && r.Period == period.Text)
            .ToDictionaryAsync(r => r.OrgUnitId, ct);
        var due = set.DueAt(period, days);
        var overdue = Clock.Now > due;
        var rows = units.Values.Where(u => DataEntry.Assigned(set, u, units) && InScope(caller, u))
            .OrderBy(u => u.SortOrder).ThenBy(u => u.Code)
            .Select(u => reports.TryGetValue(u.Id, out var r)
                ? new UnitStatus(u, r.IsZeroReport ? Status.ZeroReport : Status.Reported, r, DataEntry.MayEnter(caller, u))
                : new UnitStatus(u, overdue ? Status.Overdue : Status.Missing, null, DataEntry.MayEnter(caller, u)))
            .ToList();
        return new Desk(set, period, due, rows);
    }

    /// <summary>One unit's form: refused when the caller may not enter for the unit or the set does not ask it.</summary>
    public async Task<Outcome<Form>> FormAsync(Caller caller, int setId, int unitId, string? periodText, WorkingDays days, CancellationToken ct = default)
    {
        var found = await SetAndPeriodAsync(setId, periodText, ct);
        if (!found.Succeeded) return found.Problems.ToList();
        var (set, period) = found.Value;
        var units = await db.OrgUnits.AsNoTracking().ToDictionaryAsync(u => u.Id, ct);
        if (!units.TryGetValue(unitId, out var unit)) return DataValueProblems.UnitUnknown.With(unitId);
        if (!DataEntry.MayEnter(caller, unit)) return DataProblems.Forbidden.With(unit.Name);
        if (!DataEntry.Assigned(set, unit, units)) return DataProblems.UnitNotAssigned.With(unit.Name, set.Name);
        var ids = set.Elements.OrderBy(e => e.SortOrder).Select(e => e.DataElementId).ToList();
        var elements = await db.DataElements.AsNoTracking().Where(e => ids.Contains(e.Id)).ToDictionaryAsync(e => e.Id, ct);
        var values = await db.DataValues.AsNoTracking()
            .Where(v => ids.Contains(v.DataElementId) && v.OrgUnitId == unit.Id && v.Period == period.Text)
            .ToDictionaryAsync(v => (v.DataElementId, v.Option), ct);
        var rows = new List<Row>();
        foreach (var element in ids.Where(elements.ContainsKey).Select(id => elements[id]))
            foreach (var option in element.OptionList.Count == 0 ? [""] : element.OptionList)
                rows.Add(new Row(element, option, values.TryGetValue((element.Id, option), out var v) ? Written(element, v) : ""));
        var report = await db.DataSetReports.AsNoTracking().FirstOrDefaultAsync(r => r.DataSetId == set.Id && r.OrgUnitId == unit.Id && r.Period == period.Text, ct);
        return new Form(set, unit, period, set.DueAt(period, days), rows, report);
    }

    /// <summary>A stored value as the grid shows it (是/否 for yes/no).</summary>
    public static string Written(DataElement element, DataValue value) => element.ValueType switch
    {
        DataValueType.Text => value.Text ?? "",
        DataValueType.YesNo => value.Numeric == 1 ? "是" : "否",
        _ => value.Numeric?.ToString("0.############", System.Globalization.CultureInfo.InvariantCulture) ?? "",
    };
}
