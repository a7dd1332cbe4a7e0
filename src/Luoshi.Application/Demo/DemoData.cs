using Luoshi.Domain.Data;
using Luoshi.Domain.Indicators;
using Luoshi.Domain.OrgUnits;
using Microsoft.EntityFrameworkCore;

namespace Luoshi.Application.Demo;

/// <summary>
/// The demo city's data collection: a 校园安全日报 for every school (due 16:00 each working day, “无情况” allowed) and a
/// monthly 学校基础数据 (在园幼儿总数 YEZS and 公办园在园幼儿数 GBYEZS, no disaggregation), with each school's values and
/// reports for the twelve months before this one (公办 about 49% of the total in January, rising to about 53% by October),
/// so completeness and indicators have something true to show, and the plan's 54% 公办园占比 target linked to the
/// indicator 公办园在园幼儿占比. Nothing is added when the codes are already there.
/// </summary>
public sealed class DemoData(LuoshiDb db)
{
    public const string TotalCode = "YEZS";
    public const string PublicCode = "GBYEZS";
    public const string SafetyCode = "AQYHS";
    public const string DailyCode = "XYAQRB";
    public const string MonthlyCode = "XXJCSJ";

    public async Task<bool> SeedAsync(DateOnly today, CancellationToken ct = default)
    {
        if (await db.DataElements.AnyAsync(e => e.Code == TotalCode || e.Code == PublicCode, ct)) return false;
        var total = new DataElement { Code = TotalCode, Name = "在园幼儿总数", ValueType = DataValueType.Integer, Aggregation = PeriodAggregation.Last, Unit = "人" };
        var pub = new DataElement { Code = PublicCode, Name = "公办园在园幼儿数", ValueType = DataValueType.Integer, Aggregation = PeriodAggregation.Last, Unit = "人" };
        var safety = new DataElement { Code = SafetyCode, Name = "发现安全隐患数", ValueType = DataValueType.Integer, Aggregation = PeriodAggregation.Sum, Unit = "处" };
        db.DataElements.AddRange(total, pub, safety);
        await db.SaveChangesAsync(ct);
        var monthly = new DataSet
        {
            Code = MonthlyCode, Name = "学校基础数据", PeriodType = PeriodType.Month, UnitKind = OrgUnitKind.School, DueWorkingDays = 5,
            Elements = [new() { DataElementId = total.Id, SortOrder = 1 }, new() { DataElementId = pub.Id, SortOrder = 2 }],
        };
        var daily = new DataSet
        {
            Code = DailyCode, Name = "校园安全日报", PeriodType = PeriodType.Day, UnitKind = OrgUnitKind.School, DueTime = new TimeOnly(16, 0),
            AllowZeroReport = true, Elements = [new() { DataElementId = safety.Id, SortOrder = 1 }],
        };
        db.DataSets.AddRange(monthly, daily);
        await db.SaveChangesAsync(ct);

        var schools = await db.OrgUnits.AsNoTracking().Where(u => u.Kind == OrgUnitKind.School).OrderBy(u => u.Code).ToListAsync(ct);
        var thisMonth = Period.Of(PeriodType.Month, today);
        for (var m = 12; m >= 1; m--)
        {
            var month = Period.Month(thisMonth.Start.AddMonths(-m).Year, thisMonth.Start.AddMonths(-m).Month);
            var filed = TimeZoneInfo.ConvertTimeToUtc(month.End.AddDays(3).ToDateTime(new TimeOnly(10, 0)), Domain.Time.ChinaClock.Zone);
            for (var i = 0; i < schools.Count; i++)
            {
                var school = schools[i];
                // A steady, school-specific size that grows a little each month; 公办 around 49% in January, each school ±4
                // points, rising 0.45 points a month as new public kindergartens open (about 53% by October).
                var children = 180 + (i * 37 % 160) + (12 - m);
                var sinceJanuary = (month.Start.Year - today.Year) * 12 + month.Start.Month - 1;
                var share = 49m + (i * 7 % 11 - 5) * 0.8m + 0.45m * sinceJanuary;
                var publicChildren = (int)Math.Round(children * share / 100);
                foreach (var (element, value) in new[] { (total, children), (pub, publicChildren) })
                    db.DataValues.Add(new DataValue
                    {
                        DataElementId = element.Id, OrgUnitId = school.Id, Period = month.Text, PeriodType = PeriodType.Month, StartDate = month.Start,
                        EndDate = month.End, Numeric = value, UpdatedAt = filed,
                    });
                db.DataSetReports.Add(new DataSetReport
                {
                    DataSetId = monthly.Id, OrgUnitId = school.Id, Period = month.Text, StartDate = month.Start, EndDate = month.End, SubmittedAt = filed,
                });
            }
        }
        await db.SaveChangesAsync(ct);
        await LinkShareTargetAsync(today, ct);
        return true;
    }

    public const string ShareIndicatorCode = "GBYZB";

    /// <summary>
    /// The indicator 公办园在园幼儿占比 = GBYEZS / YEZS × 100, with the 54% target of the year for the city and each district,
    /// and the demo plan's 54% 公办幼儿园在园儿童占比 target linked to it from a baseline of 49% to the year's end: its
    /// actual then follows the schools' data along the expected path.
    /// </summary>
    private async Task LinkShareTargetAsync(DateOnly today, CancellationToken ct)
    {
        var tops = await db.OrgUnits.AsNoTracking().Where(u => u.ParentId == null || u.Kind == OrgUnitKind.District).Select(u => u.Id).ToListAsync(ct);
        var indicator = new Indicator
        {
            Code = ShareIndicatorCode, Name = "公办园在园幼儿占比", Numerator = $"#{{{PublicCode}}}", Denominator = $"#{{{TotalCode}}}", Factor = 100, Unit = "%",
            Targets = [.. tops.Select(id => new IndicatorTarget { OrgUnitId = id, Year = today.Year, Value = 54 })],
        };
        db.Indicators.Add(indicator);
        await db.SaveChangesAsync(ct);
        var target = await db.Targets.Where(g => g.Subject.Contains("公办幼儿园在园儿童占比") && g.Unit == "%").OrderByDescending(g => g.Id).FirstOrDefaultAsync(ct);
        if (target is null) return;
        target.IndicatorId = indicator.Id;
        target.Baseline = 49;
        target.DueDate = new DateOnly(today.Year, 12, 31);
        target.Version++;
        await db.SaveChangesAsync(ct);
    }
}
