using Luoshi.Domain.Data;
using Luoshi.Domain.Indicators;
using Luoshi.Domain.OrgUnits;
using Microsoft.EntityFrameworkCore;

namespace Luoshi.Application.Demo;

/// <summary>
/// The demo city's data collection: a 校园安全日报 for every school (due 16:00 each working day, “无情况” allowed) and a
/// monthly 学校基础数据 (在园幼儿总数 YEZS and 公办园在园幼儿数 GBYEZS, no disaggregation), with each school's values and
/// reports for the twelve months before this one (公办 about 50–60% of the total), so completeness and indicators have
/// something true to show. Nothing is added when the codes are already there.
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
                // A steady, school-specific size that grows a little each month; 公办 between 50% and 60%.
                var children = 180 + (i * 37 % 160) + (12 - m);
                var publicChildren = children * (50 + i * 7 % 11) / 100;
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
        return true;
    }
}
