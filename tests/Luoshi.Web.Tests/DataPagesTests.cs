using System.Net;
using Luoshi.Domain.Data;
using Luoshi.Domain.OrgUnits;
using Luoshi.Domain.People;
using Luoshi.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace Luoshi.Web.Tests;

/// <summary>
/// The 数据填报 pages (issue 15) on a demo city of its own: a district enters and files for its school through the
/// grid and is refused for another district's, a bad value is refused with its reason and stores nothing, the check as
/// you type gives the same reason, and the set's list shows 已报, 零报告, 未报 and 逾期.
/// </summary>
public sealed class DataPagesTests
{
    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string url, params (string, string)[] fields) =>
        await client.PostAsync(url, Forms.Form(await client.TokenAsync("/Data"), fields));

    private static Task<List<DataValue>> ValuesAsync(LuoshiFactory data, int elementId) =>
        data.WithDbAsync(db => db.DataValues.Where(v => v.DataElementId == elementId).ToListAsync());

    [Theory, Databases]
    public async Task A_district_enters_and_files_for_its_school_in_the_grid_and_is_refused_for_another_districts(TestDatabase database)
    {
        await using var data = await DemoApps.OwnAsync(database);
        await using var app = data.At(new FakeTimeProvider(DataCollectionTests.Before));
        var s = await DataCollectionTests.SeedAsync(data);
        var district = await app.SignedInAsync("jiangdong");
        var (s01, q02School) = (await data.UnitIdAsync("Q01-S01"), await data.UnitIdAsync("Q02-S01"));

        // The set's page lists 江东区's schools, none reported yet (February was due five working days after its end: 逾期); the grid for Q01-S01 shows both elements (the second by option).
        var list = await (await district.GetAsync($"/Data/Sets/{s.MonthlySet}?period=2026-02")).Content.ReadAsStringAsync();
        Assert.Contains("data-testid=\"status-Q01-S01\">逾期", list);
        Assert.DoesNotContain("Q02-S01", list);
        var grid = await district.GetAsync($"/Data/Entry/{s.MonthlySet}?unit={s01}&period=2026-02");
        Assert.Equal(HttpStatusCode.OK, grid.StatusCode);
        var html = await grid.Content.ReadAsStringAsync();
        Assert.Contains($"在园幼儿总数{s.Word}", html);
        Assert.Contains("农村", html);

        // Saved and filed in one step: the values are stored and the school is 已报.
        var filed = await PostAsync(district, $"/Data/Entry/{s.MonthlySet}?handler=Save", ("unit", $"{s01}"), ("period", "2026-02"), ("submit", "true"),
            ("Cells[0].ElementId", $"{s.Total}"), ("Cells[0].Value", "320"),
            ("Cells[1].ElementId", $"{s.Public}"), ("Cells[1].Option", "城区"), ("Cells[1].Value", "180"),
            ("Cells[2].ElementId", $"{s.Public}"), ("Cells[2].Option", "农村"), ("Cells[2].Value", ""));
        Assert.Equal(HttpStatusCode.Redirect, filed.StatusCode);
        Assert.Equal(320m, Assert.Single(await ValuesAsync(data, s.Total)).Numeric);
        Assert.Equal([("城区", 180m)], (await ValuesAsync(data, s.Public)).Select(v => (v.Option, v.Numeric!.Value)));
        Assert.Contains("data-testid=\"status-Q01-S01\">已报 · 迟报", await (await district.GetAsync($"/Data/Sets/{s.MonthlySet}?period=2026-02")).Content.ReadAsStringAsync());

        // Another district's school: the grid and a save are refused, nothing stored.
        Assert.Equal(HttpStatusCode.Forbidden, (await district.GetAsync($"/Data/Entry/{s.MonthlySet}?unit={q02School}&period=2026-02")).StatusCode);
        var otherDistrict = await app.SignedInAsync(await data.AddUserAsync(Role.District, "Q02"));
        var refused = await PostAsync(otherDistrict, $"/Data/Entry/{s.MonthlySet}?handler=Save", ("unit", $"{s01}"), ("period", "2026-02"),
            ("Cells[0].ElementId", $"{s.Total}"), ("Cells[0].Value", "1"));
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(320m, Assert.Single(await ValuesAsync(data, s.Total)).Numeric);
    }

    [Theory, Databases]
    public async Task A_bad_value_in_the_grid_is_refused_with_its_reason_and_stores_nothing_and_the_check_as_you_type_says_the_same(TestDatabase database)
    {
        await using var data = await DemoApps.OwnAsync(database);
        await using var app = data.At(new FakeTimeProvider(DataCollectionTests.Before));
        var s = await DataCollectionTests.SeedAsync(data);
        var school = await app.SignedInAsync("school");

        var refused = await PostAsync(school, $"/Data/Entry/{s.MonthlySet}?handler=Save", ("period", "2026-02"),
            ("Cells[0].ElementId", $"{s.Total}"), ("Cells[0].Value", "320"),
            ("Cells[1].ElementId", $"{s.Public}"), ("Cells[1].Option", "城区"), ("Cells[1].Value", "十二"));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var html = WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync());
        Assert.Contains($"第 2 项：“公办园在园幼儿数{s.Word}”应为整数，“十二”不是", html);
        Assert.Contains("value=\"十二\"", html); // what was typed stays in the grid
        Assert.Empty(await ValuesAsync(data, s.Total));

        // The check posts the one cell being typed in (its row of the grid).
        var check = await PostAsync(school, $"/Data/Entry/{s.MonthlySet}?handler=Check", ("period", "2026-02"), ("Cells.Index", "1"),
            ("Cells[1].ElementId", $"{s.Public}"), ("Cells[1].Option", "城区"), ("Cells[1].Value", "十二"));
        Assert.Equal(HttpStatusCode.OK, check.StatusCode);
        Assert.Equal($"“公办园在园幼儿数{s.Word}”应为整数，“十二”不是", WebUtility.HtmlDecode(await check.Content.ReadAsStringAsync()));
        var fine = await PostAsync(school, $"/Data/Entry/{s.MonthlySet}?handler=Check", ("period", "2026-02"),
            ("Cells[0].ElementId", $"{s.Total}"), ("Cells[0].Value", "320"));
        Assert.Equal("", await fine.Content.ReadAsStringAsync());
        Assert.Empty(await ValuesAsync(data, s.Total));
    }

    [Theory, Databases]
    public async Task The_sets_page_shows_zero_reports_and_after_the_due_time_the_missing_as_overdue(TestDatabase database)
    {
        await using var data = await DemoApps.OwnAsync(database);
        var time = new FakeTimeProvider(DataCollectionTests.Before);
        await using var app = data.At(time);
        var s = await DataCollectionTests.SeedAsync(data);
        var school = await app.SignedInAsync("school");
        var second = await data.WithDbAsync(db => db.OrgUnits.Where(u => u.Parent!.Code == "Q01" && u.Kind == OrgUnitKind.School)
            .OrderBy(u => u.Code).Select(u => u.Code).Skip(1).FirstAsync());

        // The school's own grid (no unit named) offers 无情况 for the daily set; filing it makes the school 零报告.
        Assert.Contains("data-testid=\"zero\"", await (await school.GetAsync($"/Data/Entry/{s.DailySet}?period=2026-03-10")).Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(school, $"/Data/Entry/{s.DailySet}?handler=Zero", ("period", "2026-03-10"))).StatusCode);
        var district = await app.SignedInAsync("jiangdong");
        var before = await (await district.GetAsync($"/Data/Sets/{s.DailySet}?period=2026-03-10")).Content.ReadAsStringAsync();
        Assert.Contains("data-testid=\"status-Q01-S01\">零报告", before);
        Assert.Contains($"data-testid=\"status-{second}\">未报", before);

        // After 16:00 the school that has not reported is 逾期; a monthly set has no 无情况 button.
        time.SetUtcNow(new DateTimeOffset(2026, 3, 10, 9, 0, 0, TimeSpan.Zero));
        Assert.Contains($"data-testid=\"status-{second}\">逾期", await (await district.GetAsync($"/Data/Sets/{s.DailySet}?period=2026-03-10")).Content.ReadAsStringAsync());
        Assert.DoesNotContain("data-testid=\"zero\"", await (await school.GetAsync($"/Data/Entry/{s.MonthlySet}?period=2026-02")).Content.ReadAsStringAsync());
        // A district opening the grid without naming a school goes to the set's list of its schools.
        var redirected = await district.GetAsync($"/Data/Entry/{s.DailySet}");
        Assert.Equal(HttpStatusCode.Redirect, redirected.StatusCode);
        Assert.Equal($"/Data/Sets/{s.DailySet}", redirected.Headers.Location?.ToString());
    }

    [Theory, Databases]
    public async Task A_new_data_set_asking_for_an_element_another_set_collects_is_warned_about_ask_once(TestDatabase database)
    {
        await using var data = await DemoApps.OwnAsync(database);
        await using var app = data.At(new FakeTimeProvider(DataCollectionTests.Before));
        var s = await DataCollectionTests.SeedAsync(data);
        var supervisor = await app.SignedInAsync("supervisor");

        // A new quarterly set asking again for 在园幼儿总数 (already in 学校基础数据) and a new element: the page names the one asked before.
        var created = await PostAsync(supervisor, "/Data/Definitions?handler=Set", ("Set.Code", $"QT{s.Word}"), ("Set.Name", $"季度报表{s.Word}"),
            ("Set.PeriodType", "quarter"), ("Set.UnitKind", "school"), ("Set.DueWorkingDays", "5"), ("Set.DataElementIds", $"{s.Total}"), ("Set.DataElementIds", $"{s.Safe}"));
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var page = WebUtility.HtmlDecode(await (await supervisor.GetAsync(created.Headers.Location!.ToString())).Content.ReadAsStringAsync());
        Assert.Contains("data-testid=\"ask-once\"", page);
        Assert.Contains($"在园幼儿总数{s.Word}（ZS{s.Word}）：学校基础数据{s.Word}", page);
        Assert.Contains($"安全隐患数{s.Word}（AQ{s.Word}）：校园安全日报{s.Word}", page);
        Assert.DoesNotContain($"公办园在园幼儿数{s.Word}（", page);
    }
}
