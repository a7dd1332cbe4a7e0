using System.Net.Http.Json;
using System.Text.Json;
using Luoshi.Domain.Data;
using Luoshi.Domain.Indicators;
using Luoshi.Domain.OrgUnits;
using Luoshi.Domain.People;
using Luoshi.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Luoshi.Web.Tests.Analytics;

/// <summary>
/// Indicators stored and served through HTTP on a demo city of its own (issue 15): definitions checked with Chinese
/// errors, figures worked out from the values entered (a district's share is the ratio of its schools' sums, not the
/// mean of their shares; a school without values has no figure rather than 0), a write seen by the next read, targets
/// alongside the figures, and a district kept to its own subtree.
/// </summary>
public sealed class IndicatorsApiTests
{
    private sealed record Fixture(string Word, int Total, int Public, int District, int S01, int S02, int S03);

    /// <summary>在园幼儿总数 and 公办园在园幼儿数 (unique codes) in a monthly set for 江东区's schools.</summary>
    private static Task<Fixture> SeedAsync(LuoshiFactory data) => data.WithDbAsync(async db =>
    {
        var word = Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        var q01 = await db.OrgUnits.Where(u => u.Code == "Q01").Select(u => u.Id).SingleAsync();
        var schools = await db.OrgUnits.Where(u => u.ParentId == q01 && u.Kind == OrgUnitKind.School).OrderBy(u => u.Code).Select(u => u.Id).Take(3).ToListAsync();
        var total = new DataElement { Code = $"ZS{word}", Name = $"在园幼儿总数{word}", ValueType = DataValueType.Integer, Aggregation = PeriodAggregation.Last, Unit = "人" };
        var pub = new DataElement { Code = $"GB{word}", Name = $"公办园在园幼儿数{word}", ValueType = DataValueType.Integer, Aggregation = PeriodAggregation.Last, Unit = "人" };
        db.DataElements.AddRange(total, pub);
        await db.SaveChangesAsync();
        db.DataSets.Add(new DataSet
        {
            Code = $"JC{word}", Name = $"学前基础数据{word}", PeriodType = PeriodType.Month, UnitKind = OrgUnitKind.School, RootUnitId = q01, DueWorkingDays = 5,
            Elements = [new() { DataElementId = total.Id, SortOrder = 1 }, new() { DataElementId = pub.Id, SortOrder = 2 }],
        });
        await db.SaveChangesAsync();
        return new Fixture(word, total.Id, pub.Id, q01, schools[0], schools[1], schools[2]);
    });

    private static async Task<int> IndicatorAsync(HttpClient supervisor, Fixture f, object? targets = null) =>
        (await supervisor.PostAsJsonAsync("/api/v1/indicators", new
        {
            code = $"GBZB{f.Word}", name = $"公办园在园幼儿占比{f.Word}", numerator = $"#{{GB{f.Word}}}", denominator = $"#{{ZS{f.Word}}}",
            factor = 100, unit = "%", targets = targets ?? Array.Empty<object>(),
        }).SucceedsAsync("define indicator")).GetProperty("id").GetInt32();

    private static Task<JsonElement> PutValuesAsync(HttpClient client, params object[] values) =>
        client.PutAsJsonAsync("/api/v1/data-values", new { values }).SucceedsAsync("enter values");

    private static object Value(int element, int unit, string period, int value) => new { dataElementId = element, orgUnitId = unit, period, value };

    private static async Task<Dictionary<int, JsonElement>> ItemsAsync(HttpClient client, string query) =>
        (await client.GetJsonAsync($"/api/v1/analytics?{query}")).GetProperty("items").EnumerateArray()
            .ToDictionary(i => i.GetProperty("orgUnitId").GetInt32());

    [Theory, Databases]
    public async Task A_districts_share_is_the_ratio_of_its_schools_sums_a_school_without_values_has_none_and_a_write_is_read_next(TestDatabase database)
    {
        await using var data = await DemoApps.OwnAsync(database);
        var f = await SeedAsync(data);
        var supervisor = await data.SignedInAsync("supervisor");
        var indicator = await IndicatorAsync(supervisor, f, new[] { new { orgUnitId = f.District, year = 2026, value = 80m } });

        // S01: 1 of 10 (10 %), S02: 90 of 100 (90 %), S03: nothing. The mean of the shares would be 50 %; the district's is 91/110.
        await PutValuesAsync(supervisor, Value(f.Public, f.S01, "2026-02", 1), Value(f.Total, f.S01, "2026-02", 10),
            Value(f.Public, f.S02, "2026-02", 90), Value(f.Total, f.S02, "2026-02", 100));
        var district = await ItemsAsync(supervisor, $"indicatorId={indicator}&orgUnitId={f.District}&period=2026-02");
        var q01 = Assert.Single(district.Values);
        Assert.Equal(82.7273m, q01.GetProperty("value").GetDecimal());
        Assert.Equal(80m, q01.GetProperty("target").GetDecimal());
        Assert.Equal("2026-02", q01.GetProperty("period").GetString());

        var schools = await ItemsAsync(supervisor, $"indicatorId={indicator}&orgUnitId={f.District}&period=2026-02&level=1");
        Assert.Equal(10m, schools[f.S01].GetProperty("value").GetDecimal());
        Assert.Equal(90m, schools[f.S02].GetProperty("value").GetDecimal());
        Assert.False(schools.ContainsKey(f.S03), "a school without values has no figure (missing, not 0)");
        Assert.Equal(JsonValueKind.Null, schools[f.S01].GetProperty("target").ValueKind);

        // A write (S01 now 10 of 10) is seen by the next read: (10 + 90) / 110.
        await PutValuesAsync(supervisor, Value(f.Public, f.S01, "2026-02", 10));
        var after = await ItemsAsync(supervisor, $"indicatorId={indicator}&orgUnitId={f.District}&period=2026-02");
        Assert.Equal(90.9091m, Assert.Single(after.Values).GetProperty("value").GetDecimal());

        // No value in March: no figure, not 0.
        Assert.Empty(await ItemsAsync(supervisor, $"indicatorId={indicator}&orgUnitId={f.District}&period=2026-03"));

        // The pivot's .xlsx: a row per school with a value (S03 has none), its February figure and the year's.
        var xlsx = await supervisor.GetAsync($"/Analytics/Pivot?handler=Xlsx&indicatorId={indicator}&orgUnitId={f.District}&year=2026&level=1");
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", xlsx.Content.Headers.ContentType?.MediaType);
        var cells = AccessMatrixTests.WorkbookText(await xlsx.Content.ReadAsByteArrayAsync()).Split('\n');
        var names = await data.WithDbAsync(db => db.OrgUnits.Where(u => u.Id == f.S01 || u.Id == f.S02 || u.Id == f.S03).ToDictionaryAsync(u => u.Id, u => u.Name));
        var s02 = Array.IndexOf(cells, names[f.S02]);
        Assert.True(s02 > 0, string.Join(" | ", cells));
        Assert.Equal(["", "90"], cells[(s02 + 1)..(s02 + 3)]);
        Assert.Contains(names[f.S01], cells);
        Assert.DoesNotContain(names[f.S03], cells);
    }

    [Theory, Databases]
    public async Task A_wrong_expression_is_a_422_in_Chinese_and_stores_nothing_and_only_supervisors_define(TestDatabase database)
    {
        await using var data = await DemoApps.OwnAsync(database);
        var f = await SeedAsync(data);
        var supervisor = await data.SignedInAsync("supervisor");

        var syntax = await (await supervisor.PostAsJsonAsync("/api/v1/indicators", new
        {
            code = $"BAD{f.Word}", name = "有误的指标", numerator = $"#{{GB{f.Word}}} +", denominator = $"#{{ZS{f.Word}}}", factor = 100,
        })).AssertProblemAsync(422);
        Assert.Contains("分子", syntax.GetProperty("detail").GetString());
        Assert.Contains("末尾缺少数据元", syntax.GetProperty("detail").GetString());

        var unknown = await (await supervisor.PostAsJsonAsync("/api/v1/indicators", new
        {
            code = $"BAD{f.Word}", name = "有误的指标", numerator = $"#{{GB{f.Word}}}", denominator = "#{NOPE}", factor = 100,
        })).AssertProblemAsync(422);
        Assert.Contains("分母中的数据元“NOPE”不存在", unknown.GetProperty("detail").GetString());

        var district = await data.SignedInAsync("jiangdong");
        await (await district.PostAsJsonAsync("/api/v1/indicators", new
        {
            code = $"BAD{f.Word}", name = "区里定义的指标", numerator = $"#{{GB{f.Word}}}", factor = 1,
        })).AssertProblemAsync(403);
        Assert.False(await data.WithDbAsync(db => db.Indicators.AnyAsync(i => i.Code == $"BAD{f.Word}")));

        // A good one, then changed with PUT: a wrong denominator is refused and the stored one stays.
        var id = await IndicatorAsync(supervisor, f);
        await (await supervisor.PutAsJsonAsync($"/api/v1/indicators/{id}", new
        {
            code = $"GBZB{f.Word}", name = "改名", numerator = $"#{{GB{f.Word}}}", denominator = "#{ZS", factor = 100,
        })).AssertProblemAsync(422);
        var stored = await supervisor.GetJsonAsync($"/api/v1/indicators/{id}");
        Assert.Equal($"#{{ZS{f.Word}}}", stored.GetProperty("denominator").GetString());
        var changed = await supervisor.PutAsJsonAsync($"/api/v1/indicators/{id}", new
        {
            code = $"GBZB{f.Word}", name = "公办园占比（改）", numerator = $"#{{GB{f.Word}}}", denominator = $"#{{ZS{f.Word}}}", factor = 100, unit = "%",
            targets = new[] { new { orgUnitId = f.District, year = 2026, value = 54m } },
        }).SucceedsAsync("change indicator");
        Assert.Equal("公办园占比（改）", changed.GetProperty("name").GetString());
        Assert.Equal(54m, Assert.Single(changed.GetProperty("targets").EnumerateArray().ToList()).GetProperty("value").GetDecimal());
    }

    [Theory, Databases]
    public async Task A_district_reads_its_own_subtree_only(TestDatabase database)
    {
        await using var data = await DemoApps.OwnAsync(database);
        var f = await SeedAsync(data);
        var supervisor = await data.SignedInAsync("supervisor");
        var indicator = await IndicatorAsync(supervisor, f);
        await PutValuesAsync(supervisor, Value(f.Public, f.S01, "2026-02", 3), Value(f.Total, f.S01, "2026-02", 4));
        var district = await data.SignedInAsync("jiangdong");

        // Its own unit by default, its school, but not another district, nor the city above it.
        Assert.Equal(f.District, Assert.Single((await ItemsAsync(district, $"indicatorId={indicator}&period=2026-02")).Keys));
        Assert.Equal(75m, (await ItemsAsync(district, $"indicatorId={indicator}&orgUnitId={f.S01}&period=2026-02"))[f.S01].GetProperty("value").GetDecimal());
        var (q02, city) = await data.WithDbAsync(async db => (await db.OrgUnits.Where(u => u.Code == "Q02").Select(u => u.Id).SingleAsync(),
            await db.OrgUnits.Where(u => u.Id == f.District).Select(u => u.ParentId!.Value).SingleAsync()));
        foreach (var other in new[] { q02, city })
        {
            var refused = await (await district.GetAsync($"/api/v1/analytics?indicatorId={indicator}&orgUnitId={other}&period=2026-02")).AssertProblemAsync(403);
            Assert.Contains("您只能查看本单位及下属单位的数据", refused.GetProperty("detail").GetString());
        }
        // The bureau sees every unit; a bad period is a Chinese 400.
        Assert.Single(await ItemsAsync(supervisor, $"indicatorId={indicator}&orgUnitId={city}&period=2026"));
        await (await supervisor.GetAsync($"/api/v1/analytics?indicatorId={indicator}&period=2026-13")).AssertProblemAsync(400);
    }
}
