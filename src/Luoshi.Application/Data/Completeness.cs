using Luoshi.Application.Access;
using Luoshi.Domain.Data;
using Luoshi.Domain.OrgUnits;
using Luoshi.Domain.Problems;
using Microsoft.EntityFrameworkCore;

namespace Luoshi.Application.Data;

/// <summary>
/// 报送率 and 及时率 of a data set for one period: of the units asked to report (optionally those under one unit), how
/// many have filed a report (a zero report counts; a missing report is no row) and how many of those came by the due time.
/// The ranking reads 数据填报完整率 from <see cref="ForAsync"/>.
/// </summary>
public sealed class Completeness(LuoshiDb db)
{
    /// <summary>The figures: units expected, reports received, of which on time and zero reports; rates in percent (null with nothing expected).</summary>
    public sealed record Figures(int DataSetId, string Period, int? OrgUnitId, int Expected, int Received, int OnTime, int ZeroReports,
        IReadOnlyList<int> MissingUnitIds)
    {
        public decimal? ReportingRate => Expected == 0 ? null : Math.Round(100m * Received / Expected, 1);

        public decimal? TimelyRate => Expected == 0 ? null : Math.Round(100m * OnTime / Expected, 1);
    }

    public async Task<Outcome<Figures>> ForAsync(int dataSetId, string? periodText, int? orgUnitId, CancellationToken ct = default)
    {
        var found = await LoadAsync(dataSetId, periodText, ct);
        if (found.Value is not { } loaded) return found.Problems.ToList();
        if (orgUnitId is { } id && !loaded.Units.ContainsKey(id)) return DataValueProblems.UnitUnknown.With(id);
        return loaded.Figure(orgUnitId);
    }

    /// <summary>A unit's state for the period: 已报 (on time), 零报告, 迟报 (filed after the due time), 未报.</summary>
    public enum UnitState
    {
        Reported,
        ZeroReport,
        Late,
        Missing,
    }

    public static string ToChinese(UnitState state) => state switch
    {
        UnitState.Reported => "已报",
        UnitState.ZeroReport => "零报告（无情况）",
        UnitState.Late => "迟报",
        _ => "未报",
    };

    /// <summary>One unit asked to report, with its district (null for a unit under none) and state.</summary>
    public sealed record UnitRow(OrgUnit Unit, OrgUnit? District, UnitState State, DataSetReport? Report);

    /// <summary>
    /// The completeness page's figures for a set and period: the top (the city, or the caller's district) with every
    /// district under it rolled up from its units, and every unit's state. Each figure is <see cref="ForAsync"/>'s.
    /// </summary>
    public sealed record Overview(DataSet Set, Period Period, Figures Top, IReadOnlyList<(OrgUnit District, Figures Figures)> Districts,
        IReadOnlyList<UnitRow> Units);

    /// <summary>Who sees the completeness page: those who see everything (the whole city), and a district (its own subtree).</summary>
    public static int? ScopeOf(Caller caller) => caller.SeesEverything ? null : caller.OrgUnitId;

    public static bool MaySee(Caller caller) => caller.SeesEverything || caller.Role == Domain.People.Role.District;

    public async Task<Outcome<Overview>> OverviewAsync(Caller caller, int dataSetId, string? periodText, CancellationToken ct = default)
    {
        if (!MaySee(caller)) return CompletenessProblems.Forbidden;
        var found = await LoadAsync(dataSetId, periodText, ct);
        if (found.Value is not { } loaded) return found.Problems.ToList();
        var scope = ScopeOf(caller);
        var top = loaded.Figure(scope);
        var rows = loaded.Expected(scope).Select(u => loaded.Row(u)).OrderBy(r => r.District?.SortOrder).ThenBy(r => r.District?.Code)
            .ThenBy(r => r.Unit.SortOrder).ThenBy(r => r.Unit.Code).ToList();
        var districts = rows.Where(r => r.District is not null).Select(r => r.District!).DistinctBy(d => d.Id)
            .Select(d => (d, loaded.Figure(d.Id))).ToList();
        return new Overview(loaded.Set, loaded.Period, top, districts, rows);
    }

    /// <summary>
    /// 催报: urges the missing units of a set's period in the caller's view (one unit, or all of them), each once per
    /// period (<see cref="Jobs.DataReportReminders.UrgeAsync"/>, the daily step's own message). Answers how many were urged.
    /// </summary>
    public async Task<Outcome<int>> UrgeAsync(Caller caller, int dataSetId, string? periodText, int? unitId, Jobs.DataReportReminders reminders,
        CancellationToken ct = default)
    {
        if (!MaySee(caller)) return CompletenessProblems.Forbidden;
        var found = await LoadAsync(dataSetId, periodText, ct);
        if (found.Value is not { } loaded) return found.Problems.ToList();
        var missing = loaded.Expected(ScopeOf(caller)).Where(u => !loaded.Reports.ContainsKey(u.Id) && (unitId is null || u.Id == unitId))
            .OrderBy(u => u.Code).ToList();
        if (unitId is { } one && missing.Count == 0) return CompletenessProblems.NotMissing.With(one);
        var urged = await reminders.UrgeAsync(loaded.Set, loaded.Period, missing, ct);
        // The messages are added to the request's unit of work (the daily step saves its own at the end of the step).
        await db.SaveChangesAsync(ct);
        return urged;
    }

    private async Task<Outcome<Loaded>> LoadAsync(int dataSetId, string? periodText, CancellationToken ct)
    {
        var set = await db.DataSets.AsNoTracking().FirstOrDefaultAsync(s => s.Id == dataSetId, ct);
        if (set is null) return DataProblems.DataSetNotFound;
        if (Period.Parse(periodText) is not { } period) return DataProblems.PeriodInvalid.With(periodText);
        if (period.Type != set.PeriodType) return DataProblems.PeriodWrongType.With(period.Text, PeriodTypes.ToChinese(set.PeriodType));
        var units = await db.OrgUnits.AsNoTracking().ToDictionaryAsync(u => u.Id, ct);
        var reports = await db.DataSetReports.AsNoTracking().Where(r => r.DataSetId == set.Id && r.Period == period.Text).ToListAsync(ct);
        return new Loaded(set, period, units, reports.ToDictionary(r => r.OrgUnitId));
    }

    /// <summary>A set's period with every unit and report read once; figures for any part of the tree.</summary>
    private sealed record Loaded(DataSet Set, Period Period, Dictionary<int, OrgUnit> Units, Dictionary<int, DataSetReport> Reports)
    {
        /// <summary>The units asked to report, under <paramref name="root"/> when given.</summary>
        public IEnumerable<OrgUnit> Expected(int? root)
        {
            var scope = root is { } r ? new DataSet { UnitKind = Set.UnitKind, RootUnitId = r } : null;
            return Units.Values.Where(u => DataEntry.Assigned(Set, u, Units) && (scope is null || DataEntry.Assigned(scope, u, Units)));
        }

        public Figures Figure(int? root)
        {
            var expected = Expected(root).Select(u => u.Id).ToHashSet();
            var received = expected.Where(Reports.ContainsKey).Select(id => Reports[id]).ToList();
            var missing = expected.Except(received.Select(r => r.OrgUnitId)).Order().ToList();
            return new Figures(Set.Id, Period.Text, root, expected.Count, received.Count, received.Count(r => !r.IsLate),
                received.Count(r => r.IsZeroReport), missing);
        }

        public UnitRow Row(OrgUnit unit)
        {
            var district = unit;
            while (district is not null && district.Kind != OrgUnitKind.District)
                district = district.ParentId is { } p && Units.TryGetValue(p, out var parent) ? parent : null;
            var report = Reports.GetValueOrDefault(unit.Id);
            var state = report is null ? UnitState.Missing : report.IsLate ? UnitState.Late : report.IsZeroReport ? UnitState.ZeroReport : UnitState.Reported;
            return new UnitRow(unit, district?.Id == unit.Id ? null : district, state, report);
        }
    }
}

/// <summary>Refusals of the completeness page, in Chinese and English.</summary>
public static class CompletenessProblems
{
    private static readonly ProblemCatalog Catalog = new("completeness");

    public static readonly ProblemType Forbidden = Catalog.Of(ProblemKind.Forbidden, "forbidden", "只有督导、局领导、管理员和区县可以查看报送情况",
        "Only supervisors, leaders, administrators and districts see completeness");
    public static readonly ProblemType NotMissing = Catalog.Invalid("not-missing", "单位 {0} 不是本期未报的单位，无需催报", "Unit {0} is not missing this period");
}
