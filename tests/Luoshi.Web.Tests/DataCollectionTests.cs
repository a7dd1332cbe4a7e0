using System.Net.Http.Json;
using System.Text.Json;
using Luoshi.Domain.Data;
using Luoshi.Domain.Indicators;
using Luoshi.Domain.OrgUnits;
using Luoshi.Domain.People;
using Luoshi.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace Luoshi.Web.Tests;

/// <summary>
/// Data collection (issue 15) through HTTP on a demo city of its own: values checked by type and stored whole or not at
/// all, a district entering for its school and refused for another district's, zero reports counting as reported while
/// a missing report does not, and 报送率/及时率 worked out by hand.
/// </summary>
public sealed class DataCollectionTests
{
    /// <summary>Tuesday 10 March 2026, 15:00 in Beijing (before the 16:00 due time of a daily set).</summary>
    internal static readonly DateTimeOffset Before = new(2026, 3, 10, 7, 0, 0, TimeSpan.Zero);

    internal sealed record Seeded(int Total, int Public, int Safe, int MonthlySet, int DailySet, string Word);

    /// <summary>Two elements (在园幼儿总数, 公办园在园幼儿数 by 办学性质), one safety element, a monthly set and a daily set for 江东区's schools.</summary>
    internal static Task<Seeded> SeedAsync(LuoshiFactory data) => data.WithDbAsync(async db =>
    {
        var word = Guid.NewGuid().ToString("N")[..8];
        var q01 = await db.OrgUnits.Where(u => u.Code == "Q01").Select(u => u.Id).SingleAsync();
        var total = new DataElement { Code = $"ZS{word}", Name = $"在园幼儿总数{word}", ValueType = DataValueType.Integer, Aggregation = PeriodAggregation.Last, Unit = "人" };
        var pub = new DataElement
        {
            Code = $"GB{word}", Name = $"公办园在园幼儿数{word}", ValueType = DataValueType.Integer, Aggregation = PeriodAggregation.Last, Unit = "人",
            Category = "城乡", Options = "城区/农村",
        };
        var safe = new DataElement { Code = $"AQ{word}", Name = $"安全隐患数{word}", ValueType = DataValueType.Integer, Aggregation = PeriodAggregation.Sum, Unit = "处" };
        db.DataElements.AddRange(total, pub, safe);
        await db.SaveChangesAsync();
        var monthly = new DataSet
        {
            Code = $"JC{word}", Name = $"学校基础数据{word}", PeriodType = PeriodType.Month, UnitKind = OrgUnitKind.School, RootUnitId = q01, DueWorkingDays = 5,
            Elements = [new() { DataElementId = total.Id, SortOrder = 1 }, new() { DataElementId = pub.Id, SortOrder = 2 }],
        };
        var daily = new DataSet
        {
            Code = $"RB{word}", Name = $"校园安全日报{word}", PeriodType = PeriodType.Day, UnitKind = OrgUnitKind.School, RootUnitId = q01,
            DueTime = new TimeOnly(16, 0), AllowZeroReport = true, Elements = [new() { DataElementId = safe.Id, SortOrder = 1 }],
        };
        db.DataSets.AddRange(monthly, daily);
        await db.SaveChangesAsync();
        return new Seeded(total.Id, pub.Id, safe.Id, monthly.Id, daily.Id, word);
    });

    private static Task<List<DataValue>> ValuesAsync(LuoshiFactory data, int elementId) =>
        data.WithDbAsync(db => db.DataValues.Where(v => v.DataElementId == elementId).OrderBy(v => v.Option).ToListAsync());

    [Theory, Databases]
    public async Task Values_are_checked_by_type_and_a_batch_with_one_bad_value_stores_nothing(TestDatabase database)
    {
        await using var data = await DemoApps.OwnAsync(database);
        await using var app = data.At(new FakeTimeProvider(Before));
        var s = await SeedAsync(data);
        var school = await app.SignedInAsync("school");
        var s01 = await data.UnitIdAsync("Q01-S01");

        // Four values, one of them not a whole number and one an option the element does not have: nothing is stored and both are named.
        var refused = await (await school.PutAsJsonAsync("/api/v1/data-values", new
        {
            values = new object[]
            {
                new { dataElementId = s.Total, orgUnitId = s01, period = "2026-02", value = 320 },
                new { dataElementId = s.Public, orgUnitId = s01, period = "2026-02", option = "城区", value = "180" },
                new { dataElementId = s.Public, orgUnitId = s01, period = "2026-02", option = "农村", value = "12.5" },
                new { dataElementId = s.Public, orgUnitId = s01, period = "2026-02", option = "山区", value = "3" },
            },
        })).AssertProblemAsync(400);
        var detail = refused.GetProperty("detail").GetString()!;
        Assert.Contains($"第 3 项：“公办园在园幼儿数{s.Word}”应为整数，“12.5”不是", detail);
        Assert.Contains($"第 4 项：“山区”不是“公办园在园幼儿数{s.Word}”的分类选项", detail);
        Assert.DoesNotContain("第 1 项", detail);
        Assert.Empty(await ValuesAsync(data, s.Total));
        Assert.Empty(await ValuesAsync(data, s.Public));

        // A period of the wrong kind (a day for a monthly set) and a word for a number are refused too.
        var wrong = await (await school.PutAsJsonAsync("/api/v1/data-values", new { dataElementId = s.Total, orgUnitId = s01, period = "2026-02-03", value = "三百" }))
            .AssertProblemAsync(400);
        Assert.Contains("不在", wrong.GetProperty("detail").GetString());
        Assert.Contains("应为整数", (await (await school.PutAsJsonAsync("/api/v1/data-values",
            new { dataElementId = s.Total, orgUnitId = s01, period = "2026-02", value = "三百" })).AssertProblemAsync(400)).GetProperty("detail").GetString());
        // A value whose text holds a lone surrogate (\ud896 with no pair) cannot be read: a Chinese 400, never a server error.
        var unreadable = new StringContent($$"""{"dataElementId":{{s.Total}},"orgUnitId":{{s01}},"period":"2026-02","value":"三\ud896百"}""",
            System.Text.Encoding.UTF8, "application/json");
        Assert.Contains("无法识别的字符", (await (await school.PutAsync("/api/v1/data-values", unreadable)).AssertProblemAsync(400)).GetProperty("detail").GetString());

        // Corrected, the whole batch is stored; sent again with a new figure, the value is replaced, not doubled.
        var good = new
        {
            values = new object[]
            {
                new { dataElementId = s.Total, orgUnitId = s01, period = "2026-02", value = 320 },
                new { dataElementId = s.Public, orgUnitId = s01, period = "2026-02", option = "城区", value = "180" },
                new { dataElementId = s.Public, orgUnitId = s01, period = "2026-02", option = "农村", value = "12" },
            },
        };
        Assert.Equal(3, (await school.PutAsJsonAsync("/api/v1/data-values", good).SucceedsAsync("store")).GetProperty("saved").GetInt32());
        await school.PutAsJsonAsync("/api/v1/data-values", new { dataElementId = s.Total, orgUnitId = s01, period = "2026-02", value = 321 }).SucceedsAsync("replace");
        var total = Assert.Single(await ValuesAsync(data, s.Total));
        Assert.Equal((321m, "2026-02", new DateOnly(2026, 2, 1), new DateOnly(2026, 2, 28)), (total.Numeric, total.Period, total.StartDate, total.EndDate));
        Assert.Equal([("农村", 12m), ("城区", 180m)], (await ValuesAsync(data, s.Public)).Select(v => (v.Option, v.Numeric!.Value)));

        // The change is audited with its old and new figure.
        var audited = await data.WithDbAsync(db => db.AuditEntries.Where(a => a.Entity == "DataValue" && a.EntityId == total.Id.ToString() && a.Action == "update")
            .Select(a => a.Before + a.After).ToListAsync());
        Assert.Contains(audited, a => a.Contains("320") && a.Contains("321"));
    }

    [Theory, Databases]
    public async Task A_district_enters_for_its_school_and_is_refused_for_another_districts(TestDatabase database)
    {
        await using var data = await DemoApps.OwnAsync(database);
        await using var app = data.At(new FakeTimeProvider(Before));
        var s = await SeedAsync(data);
        var district = await app.SignedInAsync("jiangdong");
        var (s01, q02School) = (await data.UnitIdAsync("Q01-S01"), await data.UnitIdAsync("Q02-S01"));
        var otherDistrict = await app.SignedInAsync(await data.AddUserAsync(Role.District, "Q02"));

        await district.PutAsJsonAsync("/api/v1/data-values", new { dataElementId = s.Total, orgUnitId = s01, period = "2026-02", value = 300 }).SucceedsAsync("district for its school");
        Assert.Equal(300m, Assert.Single(await ValuesAsync(data, s.Total)).Numeric);

        // 城南区 may not enter for 江东区's school, nor 江东区 for 城南区's; nothing changes.
        await (await otherDistrict.PutAsJsonAsync("/api/v1/data-values", new { dataElementId = s.Total, orgUnitId = s01, period = "2026-02", value = 1 })).AssertProblemAsync(403);
        await (await district.PutAsJsonAsync("/api/v1/data-values", new { dataElementId = s.Total, orgUnitId = q02School, period = "2026-02", value = 1 })).AssertProblemAsync(403);
        await (await otherDistrict.PostAsJsonAsync($"/api/v1/data-sets/{s.DailySet}/reports", new { orgUnitId = s01, period = "2026-03-10", zeroReport = true }))
            .AssertProblemAsync(403);
        Assert.Equal(300m, Assert.Single(await ValuesAsync(data, s.Total)).Numeric);

        // The district files its school's zero report.
        var report = await district.PostAsJsonAsync($"/api/v1/data-sets/{s.DailySet}/reports", new { orgUnitId = s01, period = "2026-03-10", zeroReport = true })
            .SucceedsAsync("district files a zero report for its school");
        Assert.True(report.GetProperty("isZeroReport").GetBoolean());
    }

    [Theory, Databases]
    public async Task A_zero_report_counts_as_reported_a_missing_one_does_not_and_a_late_one_is_not_timely(TestDatabase database)
    {
        await using var data = await DemoApps.OwnAsync(database);
        var time = new FakeTimeProvider(Before);
        await using var app = data.At(time);
        var s = await SeedAsync(data);
        var schools = await data.WithDbAsync(db => db.OrgUnits.Where(u => u.Parent!.Code == "Q01" && u.Kind == OrgUnitKind.School)
            .OrderBy(u => u.Code).Select(u => u.Id).ToListAsync());
        Assert.True(schools.Count >= 3, "江东区 has at least three schools in the demo city");
        var supervisor = await app.SignedInAsync("supervisor");
        var school = await app.SignedInAsync("school");
        var s01 = await data.UnitIdAsync("Q01-S01");
        Assert.Equal(s01, schools[0]);

        // 15:00: Q01-S01 files “无情况”, on time.
        var zero = await school.PostAsJsonAsync($"/api/v1/data-sets/{s.DailySet}/reports", new { period = "2026-03-10", zeroReport = true }).SucceedsAsync("zero report");
        Assert.False(zero.GetProperty("isLate").GetBoolean());
        // Twice is refused; a monthly set has no zero reports.
        await (await school.PostAsJsonAsync($"/api/v1/data-sets/{s.DailySet}/reports", new { period = "2026-03-10", zeroReport = true })).AssertProblemAsync(409);
        Assert.Contains("不允许零报告", (await (await school.PostAsJsonAsync($"/api/v1/data-sets/{s.MonthlySet}/reports", new { period = "2026-02", zeroReport = true }))
            .AssertProblemAsync(400)).GetProperty("detail").GetString());

        // 17:00, after the 16:00 due time: the district files for its second school with a value — reported, but late.
        time.SetUtcNow(new DateTimeOffset(2026, 3, 10, 9, 0, 0, TimeSpan.Zero));
        var district = await app.SignedInAsync("jiangdong");
        await district.PutAsJsonAsync("/api/v1/data-values", new { dataElementId = s.Safe, orgUnitId = schools[1], period = "2026-03-10", value = 2 }).SucceedsAsync("value");
        var late = await district.PostAsJsonAsync($"/api/v1/data-sets/{s.DailySet}/reports", new { orgUnitId = schools[1], period = "2026-03-10" }).SucceedsAsync("late report");
        Assert.True(late.GetProperty("isLate").GetBoolean());

        // By hand: N schools expected, 2 received (one zero report), 1 on time; the rest are missing.
        var n = schools.Count;
        var figures = await supervisor.GetJsonAsync($"/api/v1/completeness?dataSetId={s.DailySet}&period=2026-03-10");
        Assert.Equal((n, 2, 1, 1), (figures.GetProperty("expected").GetInt32(), figures.GetProperty("received").GetInt32(),
            figures.GetProperty("onTime").GetInt32(), figures.GetProperty("zeroReports").GetInt32()));
        Assert.Equal(Math.Round(200m / n, 1), figures.GetProperty("reportingRate").GetDecimal());
        Assert.Equal(Math.Round(100m / n, 1), figures.GetProperty("timelyRate").GetDecimal());
        Assert.Equal(schools.Skip(2), figures.GetProperty("missingUnitIds").EnumerateArray().Select(e => e.GetInt32()));
        // Another day nobody reported: nothing received.
        var empty = await supervisor.GetJsonAsync($"/api/v1/completeness?dataSetId={s.DailySet}&period=2026-03-09");
        Assert.Equal((n, 0, 0m), (empty.GetProperty("expected").GetInt32(), empty.GetProperty("received").GetInt32(), empty.GetProperty("reportingRate").GetDecimal()));
        // A school sees its own part only; a bad period is refused in Chinese.
        var own = await school.GetJsonAsync($"/api/v1/completeness?dataSetId={s.DailySet}&period=2026-03-10");
        Assert.Equal((1, 1), (own.GetProperty("expected").GetInt32(), own.GetProperty("received").GetInt32()));
        await (await school.GetAsync($"/api/v1/completeness?dataSetId={s.DailySet}&period=2026-03-10&orgUnitId={schools[1]}")).AssertProblemAsync(403);
        Assert.Contains("无法识别", (await (await supervisor.GetAsync($"/api/v1/completeness?dataSetId={s.DailySet}&period=2026-13"))
            .AssertProblemAsync(400)).GetProperty("detail").GetString());
    }

    [Theory, Databases]
    public async Task A_supervisor_defines_an_element_and_a_monthly_set_that_a_school_then_fills(TestDatabase database)
    {
        await using var data = await DemoApps.OwnAsync(database);
        await using var app = data.At(new FakeTimeProvider(Before));
        var supervisor = await app.SignedInAsync("supervisor");
        var school = await app.SignedInAsync("school");
        var word = Guid.NewGuid().ToString("N")[..8];
        var element = await supervisor.PostAsJsonAsync("/api/v1/data-elements", new
        {
            code = $"YE{word}", name = $"在园幼儿数{word}", valueType = "integer", aggregation = "last", unit = "人", category = "办学性质", options = "公办 / 民办",
        }).SucceedsAsync("define element");
        Assert.Equal(["公办", "民办"], element.GetProperty("options").EnumerateArray().Select(o => o.GetString()));
        var id = element.GetProperty("id").GetInt32();
        // The same code twice, an unknown type, and a school defining: refused in Chinese, nothing added.
        await (await supervisor.PostAsJsonAsync("/api/v1/data-elements", new { code = $"YE{word}", name = "重复", valueType = "integer" })).AssertProblemAsync(409);
        Assert.Contains("数值类型", (await (await supervisor.PostAsJsonAsync("/api/v1/data-elements", new { code = $"X{word}", name = "x", valueType = "money" }))
            .AssertProblemAsync(400)).GetProperty("detail").GetString());
        await (await school.PostAsJsonAsync("/api/v1/data-elements", new { code = $"S{word}", name = "x", valueType = "integer" })).AssertProblemAsync(403);
        Assert.Equal(1, await data.WithDbAsync(db => db.DataElements.CountAsync(e => e.Code.EndsWith(word))));

        var set = await supervisor.PostAsJsonAsync("/api/v1/data-sets", new
        {
            code = $"JC{word}", name = $"学校基础数据{word}", periodType = "month", unitKind = "school", dueWorkingDays = 5, dataElementIds = new[] { id },
        }).SucceedsAsync("define set");
        Assert.Equal([id], set.GetProperty("dataElementIds").EnumerateArray().Select(e => e.GetInt32()));
        var s01 = await data.UnitIdAsync("Q01-S01");
        await school.PutAsJsonAsync("/api/v1/data-values", new { dataElementId = id, orgUnitId = s01, period = "2026-02", option = "公办", value = 88 }).SucceedsAsync("fill");
        Assert.Equal(("公办", 88m), (Assert.Single(await ValuesAsync(data, id)).Option, Assert.Single(await ValuesAsync(data, id)).Numeric!.Value));
    }
}
