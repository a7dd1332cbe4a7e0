using System.Globalization;
using Luoshi.Application.Access;
using Luoshi.Parsing.Rendering.Office;
using Microsoft.EntityFrameworkCore;

namespace Luoshi.Application.Analytics;

/// <summary>
/// The pivot of an indicator (units × months of a year, the year's figure and the unit's target beside them, each figure
/// coloured by how far it has reached the target), and its .xlsx: the one home of the table the pivot page shows and exports.
/// </summary>
public sealed class AnalyticsPivot(AnalyticsQueries queries, LuoshiDb db)
{
    /// <summary>How far a figure has reached its unit's target.</summary>
    public enum Attainment
    {
        None,
        Met,
        Near,
        Far,
    }

    public sealed record Row(int OrgUnitId, string UnitName, IReadOnlyList<decimal?> Months, decimal? Year, decimal? Target)
    {
        public Attainment Of(decimal? value) => (value, Target) switch
        {
            ({ } v, { } t) when v >= t => Attainment.Met,
            ({ } v, { } t) when t != 0 && v / t >= 0.9m => Attainment.Near,
            ({ }, { }) => Attainment.Far,
            _ => Attainment.None,
        };
    }

    public sealed record Table(Domain.Indicators.Indicator Indicator, int OrgUnitId, int Year, int Level, IReadOnlyList<Row> Rows);

    public async Task<Outcome<Table>> ForAsync(Caller caller, int? indicatorId, int? orgUnitId, int year, int? level, CancellationToken ct = default)
    {
        var y = year;
        var period = y.ToString(CultureInfo.InvariantCulture);
        var yearly = await queries.ForAsync(caller, indicatorId, orgUnitId, period, level ?? 1, ct);
        if (yearly.Value is not { } years) return yearly.Problems.ToList();
        var monthly = await queries.ForAsync(caller, indicatorId, years.OrgUnitId, period, level ?? 1, ct, monthly: true);
        var months = monthly.Value?.Items ?? [];
        var unitIds = years.Items.Select(i => i.OrgUnitId).Concat(months.Select(i => i.OrgUnitId)).Distinct().ToList();
        var names = await db.OrgUnits.AsNoTracking().Where(u => unitIds.Contains(u.Id))
            .Select(u => new { u.Id, u.Name, u.SortOrder, u.Code }).ToListAsync(ct);
        var targets = years.Indicator.Targets.Where(t => t.Year == y).ToDictionary(t => t.OrgUnitId, t => t.Value);
        var rows = names.OrderBy(u => u.SortOrder).ThenBy(u => u.Code).Select(u => new Row(u.Id, u.Name,
            [.. Enumerable.Range(1, 12).Select(m => months.FirstOrDefault(i => i.OrgUnitId == u.Id && i.Period == $"{y:D4}-{m:D2}")?.Value)],
            years.Items.FirstOrDefault(i => i.OrgUnitId == u.Id)?.Value, targets.TryGetValue(u.Id, out var t) ? t : null)).ToList();
        return new Table(years.Indicator, years.OrgUnitId, y, level ?? 1, rows);
    }

    /// <summary>The table as a workbook: 单位, 1月 … 12月, 全年, 目标值.</summary>
    public static byte[] Workbook(Table table, DateTime nowUtc)
    {
        var title = $"{table.Indicator.Name}（{table.Year}年）";
        SheetColumn[] columns = [new("单位", 24), .. Enumerable.Range(1, 12).Select(m => new SheetColumn($"{m}月", 9)), new("全年", 10), new("目标值", 10)];
        static SheetCell Cell(decimal? v) => v is { } x ? SheetCell.Of((double)Math.Round(x, 2)) : SheetCell.Of("");
        var rows = table.Rows.Select(r => new SheetRow([SheetCell.Of(r.UnitName), .. r.Months.Select(Cell), Cell(r.Year), Cell(r.Target)])).ToList();
        return WorkbookWriter.Write(new DocumentInfo(title, "落实 Luoshi", null, nowUtc),
            new SheetTable(table.Indicator.Code.Length > 28 ? table.Indicator.Code[..28] : table.Indicator.Code, columns, rows) { Title = title });
    }
}
