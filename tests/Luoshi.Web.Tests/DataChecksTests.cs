using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Luoshi.Domain.Data;
using Luoshi.Domain.Indicators;
using Luoshi.Domain.OrgUnits;
using Luoshi.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace Luoshi.Web.Tests;

/// <summary>
/// The checks of data collection (issue 15 items 4, 6, 10 and “Bad input”) on a demo city of its own: validation rules
/// refusing (error) or listing (warning) on entry, import and in bulk; outliers marked; locked periods refused on the
/// API, the entry page and import; the completeness page's figures worked out by hand; the registry's burden by hand.
/// </summary>
public sealed class DataChecksTests
{
    private static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string url, params (string, string)[] fields) =>
        await client.PostAsync(url, Forms.Form(await client.TokenAsync("/Data"), fields));

    private static Task<List<DataValue>> ValuesAsync(LuoshiFactory data, params int[] elementIds) =>
        data.WithDbAsync(db => db.DataValues.Where(v => elementIds.Contains(v.DataElementId)).ToListAsync());

    private static string RowOf(string html, string testId) => Regex.Match(html, $"<tr data-testid=\"{testId}\">.*?</tr>").Value;

    private static string Flat(string html) => Regex.Replace(WebUtility.HtmlDecode(html), @">\s+<", "><");

    /// <summary>公办园在园幼儿数 (by 城区/农村, read as a total by the sum of its options) ≤ 在园幼儿总数, an error; 农村 &gt; 0, a warning.</summary>
    private static async Task<(int Error, int Warning)> RulesAsync(HttpClient supervisor, DataCollectionTests.Seeded s)
    {
        var error = await supervisor.PostAsJsonAsync("/api/v1/validation-rules", new
        {
            dataSetId = s.MonthlySet, name = $"公办不超过总数{s.Word}", left = $"#{{GB{s.Word}}}", @operator = "≤", right = $"#{{ZS{s.Word}}}",
            message = "公办园在园幼儿数不能超过在园幼儿总数", severity = "error",
        }).SucceedsAsync("error rule");
        var warning = await supervisor.PostAsJsonAsync("/api/v1/validation-rules", new
        {
            dataSetId = s.MonthlySet, name = $"农村有公办{s.Word}", left = $"#{{GB{s.Word}.农村}}", @operator = ">", right = "0",
            message = "农村公办园在园幼儿数通常大于 0，请核实", severity = "warning",
        }).SucceedsAsync("warning rule");
        return (error.GetProperty("id").GetInt32(), warning.GetProperty("id").GetInt32());
    }

    [Theory, Databases]
    public async Task An_error_rule_refuses_a_batch_with_one_bad_value_and_a_warning_rule_stores_and_lists_on_entry_and_in_bulk(TestDatabase database)
    {
        await using var data = await DemoApps.OwnAsync(database);
        await using var app = data.At(new FakeTimeProvider(DataCollectionTests.Before));
        var s = await DataCollectionTests.SeedAsync(data);
        var supervisor = await app.SignedInAsync("supervisor");
        var school = await app.SignedInAsync("school");
        var s01 = await data.UnitIdAsync("Q01-S01");

        // Rules are the supervisors'; a school is refused, and a rule naming an element the set does not ask is refused in Chinese.
        await (await school.PostAsJsonAsync("/api/v1/validation-rules", new { dataSetId = s.MonthlySet, name = "x", left = "1", @operator = "≤", right = "2", message = "x" }))
            .AssertProblemAsync(403);
        var bad = await (await supervisor.PostAsJsonAsync("/api/v1/validation-rules", new
        {
            dataSetId = s.MonthlySet, name = "x", left = $"#{{AQ{s.Word}}}", @operator = "≈", right = "2", message = "x",
        })).AssertProblemAsync(400);
        Assert.Contains($"数据元“AQ{s.Word}”不在数据集", bad.GetProperty("detail").GetString());
        Assert.Contains("比较符“≈”应为", bad.GetProperty("detail").GetString());
        var (errorRule, _) = await RulesAsync(supervisor, s);
        var listed = await school.GetJsonAsync($"/api/v1/validation-rules?dataSetId={s.MonthlySet}");
        Assert.Equal(2, listed.GetArrayLength());

        // A batch whose public figure (280 + 40) is above the total (300): 422 naming the rule and both sides; nothing stored.
        object Batch(int total, int urban, int rural) => new
        {
            values = new object[]
            {
                new { dataElementId = s.Total, orgUnitId = s01, period = "2026-02", value = total },
                new { dataElementId = s.Public, orgUnitId = s01, period = "2026-02", option = "城区", value = urban },
                new { dataElementId = s.Public, orgUnitId = s01, period = "2026-02", option = "农村", value = rural },
            },
        };
        var refused = await (await school.PutAsJsonAsync("/api/v1/data-values", Batch(300, 280, 40))).AssertProblemAsync(422);
        var detail = refused.GetProperty("detail").GetString()!;
        Assert.Contains($"公办不超过总数{s.Word}：公办园在园幼儿数不能超过在园幼儿总数（320 ≤ 300 不成立）", detail);
        Assert.Contains("江东区第一中学", detail);
        Assert.Empty(await ValuesAsync(data, s.Total, s.Public));

        // Within the rule but breaking the warning (农村 0): stored, and the warning answered.
        var stored = await school.PutAsJsonAsync("/api/v1/data-values", Batch(330, 280, 0)).SucceedsAsync("warning only");
        Assert.Equal(3, stored.GetProperty("saved").GetInt32());
        Assert.Contains("农村公办园在园幼儿数通常大于 0，请核实", Assert.Single(stored.GetProperty("warnings").EnumerateArray()).GetString());
        Assert.Equal(3, (await ValuesAsync(data, s.Total, s.Public)).Count);

        // One value alone is read with the values already stored: a total below the stored public figure is refused.
        await (await school.PutAsJsonAsync("/api/v1/data-values", new { dataElementId = s.Total, orgUnitId = s01, period = "2026-02", value = 250 }))
            .AssertProblemAsync(422);
        Assert.Equal(330m, (await ValuesAsync(data, s.Total)).Single().Numeric);

        // In bulk: the warning is on the violations list with both sides' values; the page says the same.
        var violations = await supervisor.GetJsonAsync($"/api/v1/validation-rules/violations?dataSetId={s.MonthlySet}&period=2026-02");
        var v = Assert.Single(violations.EnumerateArray());
        Assert.Equal(("江东区第一中学", "2026-02", 0m, ">", 0m, "warning"), (v.GetProperty("orgUnitName").GetString(), v.GetProperty("period").GetString(),
            v.GetProperty("left").GetDecimal(), v.GetProperty("operator").GetString(), v.GetProperty("right").GetDecimal(), v.GetProperty("severity").GetString()));
        var page = Flat(await (await supervisor.GetAsync($"/Data/Violations?dataSetId={s.MonthlySet}&period=2026-02")).Content.ReadAsStringAsync());
        Assert.Contains($"农村有公办{s.Word}", page);
        Assert.Contains("data-testid=\"violation-Q01-S01\"", page);

        // The grid shows the broken warning rule, and as you type it shows the error rule a new figure would break (nothing stored).
        var grid = Flat(await (await school.GetAsync($"/Data/Entry/{s.MonthlySet}?period=2026-02")).Content.ReadAsStringAsync());
        Assert.Contains("data-testid=\"broken-rules\"", grid);
        Assert.Contains("农村公办园在园幼儿数通常大于 0", grid);
        var typing = await PostFormAsync(school, $"/Data/Entry/{s.MonthlySet}?handler=Rules", ("period", "2026-02"),
            ("Cells[0].ElementId", $"{s.Total}"), ("Cells[0].Value", "100"),
            ("Cells[1].ElementId", $"{s.Public}"), ("Cells[1].Option", "城区"), ("Cells[1].Value", "280"),
            ("Cells[2].ElementId", $"{s.Public}"), ("Cells[2].Option", "农村"), ("Cells[2].Value", "5"));
        Assert.Equal(HttpStatusCode.OK, typing.StatusCode);
        Assert.Contains("（285 ≤ 100 不成立）", WebUtility.HtmlDecode(await typing.Content.ReadAsStringAsync()));
        // Saving it from the grid is refused the same way, nothing changed.
        var save = await PostFormAsync(school, $"/Data/Entry/{s.MonthlySet}?handler=Save", ("period", "2026-02"),
            ("Cells[0].ElementId", $"{s.Total}"), ("Cells[0].Value", "100"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, save.StatusCode);
        Assert.Equal(330m, (await ValuesAsync(data, s.Total)).Single().Numeric);

        // A rule changed to a warning no longer refuses; deleted, it is gone.
        await supervisor.PutAsJsonAsync($"/api/v1/validation-rules/{errorRule}", new
        {
            name = $"公办不超过总数{s.Word}", left = $"#{{GB{s.Word}}}", @operator = "≤", right = $"#{{ZS{s.Word}}}", message = "公办园在园幼儿数不能超过在园幼儿总数",
            severity = "warning",
        }).SucceedsAsync("update rule");
        // (Only the rules a batch's values take part in are read: the 农村 rule names no value of this one.)
        var warned = await school.PutAsJsonAsync("/api/v1/data-values", new { dataElementId = s.Total, orgUnitId = s01, period = "2026-02", value = 250 })
            .SucceedsAsync("now a warning");
        Assert.Contains("（280 ≤ 250 不成立）", Assert.Single(warned.GetProperty("warnings").EnumerateArray()).GetString());
        Assert.Equal(HttpStatusCode.NoContent, (await supervisor.DeleteAsync($"/api/v1/validation-rules/{errorRule}")).StatusCode);
        Assert.Equal(1, (await school.GetJsonAsync($"/api/v1/validation-rules?dataSetId={s.MonthlySet}")).GetArrayLength());
    }

    [Theory, Databases]
    public async Task A_value_far_from_the_units_history_is_stored_and_marked_as_an_outlier_in_the_grid_and_on_the_violations_page(TestDatabase database)
    {
        await using var data = await DemoApps.OwnAsync(database);
        await using var app = data.At(new FakeTimeProvider(DataCollectionTests.Before));
        var s = await DataCollectionTests.SeedAsync(data);
        var s01 = await data.UnitIdAsync("Q01-S01");
        // Twelve months of 在园幼儿总数 from 300 to 311 (March 2025 – February 2026).
        await data.WithDbAsync(async db =>
        {
            for (var i = 0; i < 12; i++)
            {
                var month = Period.Month(2025, 3).Start.AddMonths(i);
                var period = Period.Month(month.Year, month.Month);
                db.DataValues.Add(new DataValue
                {
                    DataElementId = s.Total, OrgUnitId = s01, Period = period.Text, PeriodType = PeriodType.Month, StartDate = period.Start, EndDate = period.End,
                    Numeric = 300 + i, UpdatedAt = DateTime.UtcNow,
                });
            }
            await db.SaveChangesAsync();
        });
        var school = await app.SignedInAsync("school");
        await school.PutAsJsonAsync("/api/v1/data-values", new { dataElementId = s.Total, orgUnitId = s01, period = "2026-03", value = 900 }).SucceedsAsync("outlier");
        Assert.Contains(await ValuesAsync(data, s.Total), v => v.Period == "2026-03" && v.Numeric == 900);

        var grid = Flat(await (await school.GetAsync($"/Data/Entry/{s.MonthlySet}?period=2026-03")).Content.ReadAsStringAsync());
        Assert.Contains("data-testid=\"outlier-0\"", grid);
        Assert.Contains("比上一期（311）增加 189.4%，超过 50%", grid);
        var page = Flat(await (await (await app.SignedInAsync("supervisor")).GetAsync($"/Data/Violations?dataSetId={s.MonthlySet}&period=2026-03")).Content.ReadAsStringAsync());
        Assert.Contains("data-testid=\"outlier-Q01-S01\"", page);
        Assert.Contains("比上一期（311）增加 189.4%", page);
        // A value in line with its history is not marked.
        await school.PutAsJsonAsync("/api/v1/data-values", new { dataElementId = s.Total, orgUnitId = s01, period = "2026-03", value = 312 }).SucceedsAsync("in line");
        Assert.DoesNotContain("data-testid=\"outlier-0\"", await (await school.GetAsync($"/Data/Entry/{s.MonthlySet}?period=2026-03")).Content.ReadAsStringAsync());
    }

    [Theory, Databases]
    public async Task An_import_of_20000_rows_with_3_rows_breaking_an_error_rule_lists_exactly_those_3_and_stores_nothing(TestDatabase database)
    {
        await using var data = await DemoApps.OwnAsync(database);
        await using var app = data.At(new FakeTimeProvider(DataCollectionTests.Before));
        var word = Guid.NewGuid().ToString("N")[..8];
        var (set, classes, large) = await data.WithDbAsync(async db =>
        {
            var q01 = await db.OrgUnits.Where(u => u.Code == "Q01").Select(u => u.Id).SingleAsync();
            var classes = new DataElement { Code = $"BJ{word}", Name = $"班级总数{word}", ValueType = DataValueType.Integer, Unit = "个" };
            var large = new DataElement { Code = $"DB{word}", Name = $"大班额班数{word}", ValueType = DataValueType.Integer, Unit = "个" };
            db.DataElements.AddRange(classes, large);
            await db.SaveChangesAsync();
            var set = new DataSet
            {
                Code = $"BE{word}", Name = $"班额日报{word}", PeriodType = PeriodType.Day, RootUnitId = q01, DueTime = new TimeOnly(16, 0),
                Elements = [new() { DataElementId = classes.Id, SortOrder = 1 }, new() { DataElementId = large.Id, SortOrder = 2 }],
            };
            db.DataSets.Add(set);
            await db.SaveChangesAsync();
            return (set.Id, classes.Id, large.Id);
        });
        var supervisor = await app.SignedInAsync("supervisor");
        await supervisor.PostAsJsonAsync("/api/v1/validation-rules", new
        {
            dataSetId = set, name = "大班额不超过班级数", left = $"#{{DB{word}}}", @operator = "≤", right = $"#{{BJ{word}}}", message = "大班额班数不能超过班级总数",
        }).SucceedsAsync("rule");
        var schools = await data.WithDbAsync(db => db.OrgUnits.Where(u => u.Parent!.Code == "Q01" && u.Kind == OrgUnitKind.School)
            .OrderBy(u => u.Code).Select(u => u.Code).ToListAsync());

        // 20,000 rows: each school of 江东区 for each day back from 9 March 2026; rows 7, 9999 and 20001 have more large classes than classes.
        var csv = new StringBuilder($"单位代码,报告期,班级总数{word}[BJ{word}],大班额班数{word}[DB{word}]\n");
        var first = new DateOnly(2026, 3, 9);
        for (var i = 0; i < 20_000; i++)
        {
            var (unit, day) = (schools[i % schools.Count], first.AddDays(-(i / schools.Count)).ToString("yyyy-MM-dd"));
            var row = i + 2;
            csv.Append(row is 7 or 9999 or 20001 ? $"{unit},{day},10,12\n" : $"{unit},{day},10,{i % 3}\n");
        }
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(csv.ToString()));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        var district = await app.SignedInAsync("jiangdong");
        var problem = await (await district.PostAsync($"/api/v1/data-sets/{set}/import", new MultipartFormDataContent { { file, "file", "data.csv" } }))
            .AssertProblemAsync(400);
        var rows = problem.GetProperty("errors").GetProperty("rows").EnumerateArray().Select(r => r.GetString()!).ToList();
        Assert.Equal(["第 7 行：", "第 9999 行：", "第 20001 行："], rows.Select(r => r[..(r.IndexOf('：') + 1)]));
        Assert.All(rows, r => Assert.EndsWith("大班额不超过班级数：大班额班数不能超过班级总数（12 ≤ 10 不成立）", r));
        Assert.Empty(await ValuesAsync(data, classes, large));
    }

    [Theory, Databases]
    public async Task A_locked_period_is_refused_on_the_api_the_entry_page_and_import_and_an_unlock_is_audited(TestDatabase database)
    {
        await using var data = await DemoApps.OwnAsync(database);
        await using var app = data.At(new FakeTimeProvider(DataCollectionTests.Before));
        var s = await DataCollectionTests.SeedAsync(data);
        var supervisor = await app.SignedInAsync("supervisor");
        var school = await app.SignedInAsync("school");
        var s01 = await data.UnitIdAsync("Q01-S01");

        // Only supervisors lock; a locked period refuses the API, the grid and an import with the reason, and nothing is stored.
        await (await school.PutAsJsonAsync($"/api/v1/data-sets/{s.MonthlySet}/locks", new { period = "2026-02", locked = true })).AssertProblemAsync(403);
        var locked = await supervisor.PutAsJsonAsync($"/api/v1/data-sets/{s.MonthlySet}/locks", new { period = "2026-02", locked = true }).SucceedsAsync("lock");
        Assert.True(locked.GetProperty("locked").GetBoolean());
        var api = await (await school.PutAsJsonAsync("/api/v1/data-values", new { dataElementId = s.Total, orgUnitId = s01, period = "2026-02", value = 300 }))
            .AssertProblemAsync(409);
        Assert.Contains("2026-02 已锁定", api.GetProperty("detail").GetString());
        var page = await PostFormAsync(school, $"/Data/Entry/{s.MonthlySet}?handler=Save", ("period", "2026-02"), ("Cells[0].ElementId", $"{s.Total}"), ("Cells[0].Value", "300"));
        Assert.Equal(HttpStatusCode.Conflict, page.StatusCode);
        Assert.Contains("已锁定", WebUtility.HtmlDecode(await page.Content.ReadAsStringAsync()));
        var csv = new ByteArrayContent(Encoding.UTF8.GetBytes($"单位代码,报告期,[ZS{s.Word}]\nQ01-S01,2026-01,300\nQ01-S01,2026-02,300\n"));
        csv.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        Assert.Contains("已锁定", (await (await school.PostAsync($"/api/v1/data-sets/{s.MonthlySet}/import", new MultipartFormDataContent { { csv, "file", "data.csv" } }))
            .AssertProblemAsync(409)).GetProperty("detail").GetString());
        await (await school.PostAsJsonAsync($"/api/v1/data-sets/{s.MonthlySet}/reports", new { period = "2026-02" })).AssertProblemAsync(409);
        Assert.Empty(await ValuesAsync(data, s.Total));
        // Another period of the same set is open.
        await school.PutAsJsonAsync("/api/v1/data-values", new { dataElementId = s.Total, orgUnitId = s01, period = "2026-01", value = 298 }).SucceedsAsync("open period");

        // Unlocked (from the set's page), the value is taken; the lock and unlock are on the audit trail with who did them.
        var unlock = await PostFormAsync(supervisor, $"/Data/Sets/{s.MonthlySet}?handler=Lock", ("period", "2026-02"), ("locked", "false"));
        Assert.Equal(HttpStatusCode.Redirect, unlock.StatusCode);
        await school.PutAsJsonAsync("/api/v1/data-values", new { dataElementId = s.Total, orgUnitId = s01, period = "2026-02", value = 300 }).SucceedsAsync("unlocked");
        var audited = await data.WithDbAsync(db => db.AuditEntries.Where(a => a.Entity == "DataPeriodLock").OrderBy(a => a.Id).Select(a => new { a.Action, a.UserName }).ToListAsync());
        Assert.Equal(["create", "update"], audited.Select(a => a.Action));
        Assert.All(audited, a => Assert.Equal("supervisor", a.UserName));

        // A set that locks itself 0 days after its due time: yesterday's daily report (due 16:00 yesterday) is locked, today's is open.
        await data.WithDbAsync(async db =>
        {
            var daily = await db.DataSets.SingleAsync(x => x.Id == s.DailySet);
            daily.LockAfterDays = 0;
            await db.SaveChangesAsync();
        });
        await (await school.PutAsJsonAsync("/api/v1/data-values", new { dataElementId = s.Safe, orgUnitId = s01, period = "2026-03-09", value = 1 })).AssertProblemAsync(409);
        await (await school.PostAsJsonAsync($"/api/v1/data-sets/{s.DailySet}/reports", new { period = "2026-03-09", zeroReport = true })).AssertProblemAsync(409);
        await school.PutAsJsonAsync("/api/v1/data-values", new { dataElementId = s.Safe, orgUnitId = s01, period = "2026-03-10", value = 1 }).SucceedsAsync("today");
        Assert.True((await school.GetJsonAsync($"/api/v1/data-sets/{s.DailySet}/locks?period=2026-03-09")).GetProperty("locked").GetBoolean());
    }

    [Theory, Databases]
    public async Task The_completeness_page_shows_reported_zero_late_and_missing_units_rolled_up_school_district_city_by_hand(TestDatabase database)
    {
        await using var data = await DemoApps.OwnAsync(database);
        await using var app = data.At(new FakeTimeProvider(DataCollectionTests.Before));
        var word = Guid.NewGuid().ToString("N")[..8];
        // A daily set for every school; in 江东区 S01 reported on time, S02 filed 无情况, S03 reported late; in 城南区 Q02-S01 reported on time.
        var (set, q01Schools, allSchools) = await data.WithDbAsync(async db =>
        {
            var element = new DataElement { Code = $"WC{word}", Name = $"完整性{word}", ValueType = DataValueType.Integer };
            db.DataElements.Add(element);
            await db.SaveChangesAsync();
            var set = new DataSet
            {
                Code = $"WC{word}", Name = $"完整性日报{word}", PeriodType = PeriodType.Day, DueTime = new TimeOnly(16, 0), AllowZeroReport = true,
                Elements = [new() { DataElementId = element.Id, SortOrder = 1 }],
            };
            db.DataSets.Add(set);
            await db.SaveChangesAsync();
            var units = await db.OrgUnits.Where(u => u.Kind == OrgUnitKind.School).Select(u => new { u.Id, u.Code, Parent = u.Parent!.Code }).ToListAsync();
            DataSetReport Report(string code, bool zero, bool late) => new()
            {
                DataSetId = set.Id, OrgUnitId = units.Single(u => u.Code == code).Id, Period = "2026-03-09", StartDate = new(2026, 3, 9), EndDate = new(2026, 3, 9),
                SubmittedAt = new DateTime(2026, 3, 9, late ? 9 : 7, 0, 0, DateTimeKind.Utc), IsZeroReport = zero, IsLate = late,
            };
            db.DataSetReports.AddRange(Report("Q01-S01", false, false), Report("Q01-S02", true, false), Report("Q01-S03", false, true), Report("Q02-S01", false, false));
            await db.SaveChangesAsync();
            return (set.Id, units.Count(u => u.Parent == "Q01"), units.Count);
        });
        var jiangdong = await data.WithDbAsync(db => db.OrgUnits.Where(u => u.Code == "Q01").Select(u => u.Name).SingleAsync());
        static string Rate(int part, int whole) => $"{Math.Round(100m * part / whole, 1):0.#}%";
        var supervisor = await app.SignedInAsync("supervisor");
        var html = Flat(await (await supervisor.GetAsync($"/Data/Completeness?dataSetId={set}&period=2026-03-09")).Content.ReadAsStringAsync());
        // City: 4 received of every school, 3 on time, 1 zero report. 江东区: 3 of its schools, 2 on time, 1 zero. 城南区: 1, on time.
        Assert.Equal($"<tr data-testid=\"rollup-top\"><td><strong>全市</strong></td><td>{allSchools}</td><td>4</td><td>1</td><td>3</td><td>{allSchools - 4}</td><td>{Rate(4, allSchools)}</td><td>{Rate(3, allSchools)}</td></tr>", RowOf(html, "rollup-top"));
        Assert.Equal($"<tr data-testid=\"rollup-Q01\"><td>{jiangdong}</td><td>{q01Schools}</td><td>3</td><td>1</td><td>2</td><td>{q01Schools - 3}</td><td>{Rate(3, q01Schools)}</td><td>{Rate(2, q01Schools)}</td></tr>", RowOf(html, "rollup-Q01"));
        Assert.Contains("data-testid=\"state-Q01-S01\">已报<", html);
        Assert.Contains("data-testid=\"state-Q01-S02\">零报告（无情况）<", html);
        Assert.Contains("data-testid=\"state-Q01-S03\">迟报<", html);
        Assert.Contains("data-testid=\"state-Q01-S04\">未报<", html);
        Assert.Contains("data-testid=\"urge-Q01-S04\"", html);
        Assert.DoesNotContain("data-testid=\"urge-Q01-S01\"", html);
        // The API's figures (what the ranking's 数据填报完整率 reads) are the same.
        var q01 = await data.UnitIdAsync("Q01");
        var api = await supervisor.GetJsonAsync($"/api/v1/completeness?dataSetId={set}&period=2026-03-09&orgUnitId={q01}");
        Assert.Equal((q01Schools, 3, 2, 1), (api.GetProperty("expected").GetInt32(), api.GetProperty("received").GetInt32(), api.GetProperty("onTime").GetInt32(),
            api.GetProperty("zeroReports").GetInt32()));

        // A district sees its own schools only, with its own figures at the top; a school may not open the page.
        var district = Flat(await (await (await app.SignedInAsync("jiangdong")).GetAsync($"/Data/Completeness?dataSetId={set}&period=2026-03-09")).Content.ReadAsStringAsync());
        Assert.Contains($"<tr data-testid=\"rollup-top\"><td><strong>本区</strong></td><td>{q01Schools}</td><td>3</td>", district);
        Assert.DoesNotContain("Q02-S01", district);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.SignedInAsync("school")).GetAsync($"/Data/Completeness?dataSetId={set}&period=2026-03-09")).StatusCode);

        // 催报 of one missing unit: one message to its people, linking to its form, once.
        var s04 = await data.UnitIdAsync("Q01-S04");
        await data.AddUserAsync(Luoshi.Domain.People.Role.School, "Q01-S04");
        for (var i = 0; i < 2; i++)
            Assert.Equal(HttpStatusCode.Redirect, (await PostFormAsync(supervisor, "/Data/Completeness?handler=Urge", ("dataSetId", $"{set}"), ("period", "2026-03-09"), ("unit", $"{s04}"))).StatusCode);
        var key = $"data-late:{set}:{s04}:2026-03-09";
        Assert.Equal(1, await data.WithDbAsync(db => db.Notifications.Select(n => n.DedupKey).Distinct().CountAsync(k => k == key)));
        Assert.Equal(HttpStatusCode.BadRequest,
            (await PostFormAsync(supervisor, "/Data/Completeness?handler=Urge", ("dataSetId", $"{set}"), ("period", "2026-03-09"), ("unit", $"{await data.UnitIdAsync("Q01-S01")}"))).StatusCode);
    }

    [Theory, Databases]
    public async Task The_registry_shows_each_sets_burden_worked_out_by_hand_marks_an_element_asked_twice_and_the_creation_form_offers_reuse(TestDatabase database)
    {
        await using var data = await DemoApps.OwnAsync(database);
        await using var app = data.At(new FakeTimeProvider(DataCollectionTests.Before));
        var word = Guid.NewGuid().ToString("N")[..8];
        var (a, b, c) = await data.WithDbAsync(async db =>
        {
            var a = new DataElement { Code = $"A{word}", Name = $"在校生数{word}", ValueType = DataValueType.Integer };
            var b = new DataElement { Code = $"B{word}", Name = $"教师数{word}", ValueType = DataValueType.Integer, Category = "性别", Options = "男/女" };
            var c = new DataElement { Code = $"C{word}", Name = $"班级数{word}", ValueType = DataValueType.Integer };
            db.DataElements.AddRange(a, b, c);
            await db.SaveChangesAsync();
            var q01 = await db.OrgUnits.Where(u => u.Code == "Q01").Select(u => u.Id).SingleAsync();
            db.DataSets.AddRange(
                new DataSet { Code = $"X{word}", Name = $"月报{word}", PeriodType = PeriodType.Month, Elements = [new() { DataElementId = a.Id, SortOrder = 1 }, new() { DataElementId = b.Id, SortOrder = 2 }] },
                new DataSet { Code = $"Y{word}", Name = $"季报{word}", PeriodType = PeriodType.Quarter, RootUnitId = q01, Elements = [new() { DataElementId = c.Id, SortOrder = 1 }] });
            await db.SaveChangesAsync();
            return (a.Id, b.Id, c.Id);
        });
        var supervisor = await app.SignedInAsync("supervisor");

        // A new set asking 在校生数 again: the definitions page offers to reuse it, and taking the offer leaves the set asking 班级数 only.
        var created = await PostFormAsync(supervisor, "/Data/Definitions?handler=Set", ("Set.Code", $"Z{word}"), ("Set.Name", $"学年报{word}"),
            ("Set.PeriodType", "quarter"), ("Set.UnitKind", "school"), ("Set.DueWorkingDays", "5"), ("Set.DataElementIds", $"{c}"), ("Set.DataElementIds", $"{a}"));
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var offer = Flat(await (await supervisor.GetAsync(created.Headers.Location!.ToString())).Content.ReadAsStringAsync());
        Assert.Contains($"data-testid=\"reuse-button-A{word}\"", offer);
        Assert.Contains($"月报{word}", offer);
        var z = await data.WithDbAsync(db => db.DataSets.Where(s => s.Code == $"Z{word}").Select(s => s.Id).SingleAsync());
        Assert.Equal(HttpStatusCode.Redirect, (await PostFormAsync(supervisor, "/Data/Definitions?handler=Reuse", ("set", $"{z}"), ("element", $"{a}"))).StatusCode);
        Assert.Equal([c], await data.WithDbAsync(db => db.DataSetElements.Where(e => e.DataSetId == z).Select(e => e.DataElementId).ToListAsync()));
        // Its only element left: not removed.
        Assert.Equal(HttpStatusCode.BadRequest, (await PostFormAsync(supervisor, "/Data/Definitions?handler=Reuse", ("set", $"{z}"), ("element", $"{c}"))).StatusCode);

        // By hand: 月报 asks 在校生数 (1 value) and 教师数 by 男/女 (2 values) 12 times a year: 36; 季报 and 学年报 ask 班级数 4 times a year: 4.
        // 班级数 is asked by two sets and marked.
        var html = Flat(await (await (await app.SignedInAsync("school")).GetAsync("/Data/Registry")).Content.ReadAsStringAsync());
        Assert.Contains($"data-testid=\"values-X{word}\">36<", html);
        Assert.Contains($"data-testid=\"values-Y{word}\">4<", html);
        Assert.Contains($"data-testid=\"values-Z{word}\">4<", html);
        Assert.Contains($"data-testid=\"twice-C{word}\"", html);
        Assert.DoesNotContain($"data-testid=\"twice-A{word}\"", html);
        _ = b;
    }
}
