using Luoshi.Domain.Data;
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
        var set = await db.DataSets.AsNoTracking().FirstOrDefaultAsync(s => s.Id == dataSetId, ct);
        if (set is null) return DataProblems.DataSetNotFound;
        if (Period.Parse(periodText) is not { } period) return DataProblems.PeriodInvalid.With(periodText);
        if (period.Type != set.PeriodType) return DataProblems.PeriodWrongType.With(period.Text, PeriodTypes.ToChinese(set.PeriodType));
        var units = await db.OrgUnits.AsNoTracking().ToDictionaryAsync(u => u.Id, ct);
        if (orgUnitId is { } id && !units.ContainsKey(id)) return DataValueProblems.UnitUnknown.With(id);
        var scope = orgUnitId is { } root ? new DataSet { UnitKind = set.UnitKind, RootUnitId = root } : null;
        var expected = units.Values.Where(u => DataEntry.Assigned(set, u, units) && (scope is null || DataEntry.Assigned(scope, u, units)))
            .Select(u => u.Id).ToHashSet();
        var reports = await db.DataSetReports.AsNoTracking().Where(r => r.DataSetId == set.Id && r.Period == period.Text).ToListAsync(ct);
        var received = reports.Where(r => expected.Contains(r.OrgUnitId)).ToList();
        var missing = expected.Except(received.Select(r => r.OrgUnitId)).Order().ToList();
        return new Figures(set.Id, period.Text, orgUnitId, expected.Count, received.Count, received.Count(r => !r.IsLate),
            received.Count(r => r.IsZeroReport), missing);
    }
}
