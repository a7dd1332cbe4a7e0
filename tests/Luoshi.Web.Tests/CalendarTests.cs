using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Luoshi.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Luoshi.Web.Tests;

/// <summary>
/// The working-day calendar: the shipped 2026 holidays as the State Council's notice has them, administrators replacing
/// and importing a year (a table with bad rows is refused whole, 422 naming every bad row), and no one else writing.
/// Each test writes a year of its own (20xx far from the shipped years), so the tests of this class never meet.
/// </summary>
public sealed class CalendarTests(DemoCopies demo) : IClassFixture<DemoCopies>
{
    private static Dictionary<string, JsonElement> ByDate(JsonElement year) =>
        year.GetProperty("days").EnumerateArray().ToDictionary(d => d.GetProperty("date").GetString()!);

    [Theory, Databases]
    public async Task Every_day_of_2026_with_the_national_day_week_off_and_its_tiaoxiu_Saturday_worked(TestDatabase database)
    {
        var app = await demo.For(database);
        var school = await app.SignedInAsync("school");
        var days = ByDate(await school.GetJsonAsync("/api/v1/calendar/2026"));
        Assert.Equal(365, days.Count);
        Assert.False(days["2026-10-01"].GetProperty("workday").GetBoolean());
        Assert.Equal("国庆节", days["2026-10-01"].GetProperty("name").GetString());
        Assert.True(days["2026-10-10"].GetProperty("workday").GetBoolean());            // a Saturday
        Assert.Equal("国庆节调休上班", days["2026-10-10"].GetProperty("name").GetString());
        Assert.True(days["2026-10-12"].GetProperty("workday").GetBoolean());            // an ordinary Monday
        Assert.Equal(JsonValueKind.Null, days["2026-10-12"].GetProperty("name").ValueKind);
        Assert.False(days["2026-10-11"].GetProperty("workday").GetBoolean());           // an ordinary Sunday
        Assert.False(days["2026-02-17"].GetProperty("workday").GetBoolean());           // 春节, a Tuesday
        Assert.True(days["2026-02-28"].GetProperty("workday").GetBoolean());            // 春节调休上班, a Saturday
        Assert.Equal(366, ByDate(await school.GetJsonAsync("/api/v1/calendar/2028")).Count);
        await (await school.GetAsync("/api/v1/calendar/1800")).AssertProblemAsync(400);
    }

    [Theory, Databases]
    public async Task A_year_with_bad_rows_is_refused_whole_listing_every_bad_row(TestDatabase database)
    {
        var app = await demo.For(database);
        var admin = await app.SignedInAsync("admin");
        var good = new { date = "2091-10-01", workday = false, name = "国庆节" };
        var body = new
        {
            days = new object[]
            {
                good,
                new { date = "2091-13-01", workday = false, name = "坏日期" },
                new { date = "2091-10-01", workday = true, name = "同一天又上班" },
                new { date = "2092-01-01", workday = false, name = "元旦" },
                new { date = "2091-10-02", workday = false, name = "" },
            },
        };
        var problem = await (await admin.PutAsJsonAsync("/api/v1/calendar/2091", body)).AssertProblemAsync(422);
        var detail = problem.GetProperty("detail").GetString()!;
        Assert.Contains("4 行有误", detail);
        Assert.Contains("第 2 行：日期“2091-13-01”无效", detail);
        Assert.Contains("第 3 行：日期 2091-10-01 与第 1 行重复", detail);
        Assert.Contains("第 4 行：日期 2092-01-01 不在 2091 年内", detail);
        Assert.Contains("第 5 行：请填写名称", detail);
        Assert.Equal(0, await app.WithDbAsync(db => db.CalendarDays.CountAsync(d => d.Date.Year == 2091)));
        Assert.True(ByDate(await admin.GetJsonAsync("/api/v1/calendar/2091"))["2091-10-01"].GetProperty("workday").GetBoolean());

        var stored = await admin.PutAsJsonAsync("/api/v1/calendar/2091", new { days = new object[] { good, new { date = "2091-09-29", workday = true, name = "国庆节调休上班" } } })
            .SucceedsAsync("replace 2091");
        Assert.Equal(2, stored.GetProperty("rows").GetInt32());
        var days = ByDate(await admin.GetJsonAsync("/api/v1/calendar/2091"));
        Assert.False(days["2091-10-01"].GetProperty("workday").GetBoolean());
        Assert.True(days["2091-09-29"].GetProperty("workday").GetBoolean()); // a Saturday
    }

    [Theory, Databases]
    public async Task An_imported_file_replaces_its_years_and_a_bad_one_stores_nothing(TestDatabase database)
    {
        var app = await demo.For(database);
        var admin = await app.SignedInAsync("admin");
        await admin.PutAsJsonAsync("/api/v1/calendar/days/2093-05-01", new { workday = false, name = "劳动节" }).SucceedsAsync("one day");
        var bad = Csv("日期,上班/放假,名称\n2093-10-01,放假,国庆节\n2093-10-01,放假,国庆节\n2093/10/40,放假,国庆节\n2093-10-03,休息吧,国庆节\n");
        var problem = await (await admin.PostAsync("/api/v1/calendar/import", bad)).AssertProblemAsync(422);
        var detail = problem.GetProperty("detail").GetString()!;
        Assert.Contains("第 3 行：日期 2093-10-01 与第 2 行重复", detail);
        Assert.Contains("第 4 行：日期“2093/10/40”无效", detail);
        Assert.Contains("第 5 行：“休息吧”应为“上班”或“放假”", detail);
        Assert.Equal(1, await app.WithDbAsync(db => db.CalendarDays.CountAsync(d => d.Date.Year == 2093)));

        var stored = await admin.PostAsync("/api/v1/calendar/import", Csv("2093-10-01,放假,国庆节\n2093-10-08,上班,国庆节调休上班\n\n")).SucceedsAsync("import");
        Assert.Equal(2, stored.GetProperty("rows").GetInt32());
        var days = ByDate(await admin.GetJsonAsync("/api/v1/calendar/2093"));
        Assert.True(days["2093-05-01"].GetProperty("workday").GetBoolean()); // the year was replaced: the single day is gone
        Assert.Equal("国庆节调休上班", days["2093-10-08"].GetProperty("name").GetString());
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync("/api/v1/calendar/days/2093-10-08")).StatusCode);
        await (await admin.DeleteAsync("/api/v1/calendar/days/2093-10-08")).AssertProblemAsync(404);
    }

    [Theory, Databases]
    public async Task Only_administrators_change_the_calendar(TestDatabase database)
    {
        var app = await demo.For(database);
        foreach (var user in new[] { "leader", "supervisor", "jichu", "jiangdong", "school" })
        {
            var client = await app.SignedInAsync(user);
            await (await client.PutAsJsonAsync("/api/v1/calendar/days/2094-10-01", new { workday = false, name = "国庆节" })).AssertProblemAsync(403);
            await (await client.PutAsJsonAsync("/api/v1/calendar/2094", new { days = Array.Empty<object>() })).AssertProblemAsync(403);
            await (await client.PostAsync("/api/v1/calendar/import", Csv("2094-10-01,放假,国庆节\n"))).AssertProblemAsync(403);
            await (await client.DeleteAsync("/api/v1/calendar/days/2026-10-01")).AssertProblemAsync(403);
        }
        Assert.Equal(0, await app.WithDbAsync(db => db.CalendarDays.CountAsync(d => d.Date.Year == 2094)));
        Assert.True(await app.WithDbAsync(db => db.CalendarDays.AnyAsync(d => d.Date == new DateOnly(2026, 10, 1))));
    }

    [Theory, Databases]
    public async Task The_admin_page_shows_the_year_and_refuses_a_bad_import_listing_every_row(TestDatabase database)
    {
        var app = await demo.For(database);
        var admin = await app.SignedInAsync("admin");
        var page = await admin.GetStringAsync("/Admin/WorkCalendar?year=2026");
        Assert.Contains("data-date=\"2026-10-01\" data-workday=\"false\"", page);
        Assert.Contains("title=\"国庆节调休上班\" data-date=\"2026-10-10\" data-workday=\"true\"", page);
        Assert.Contains("2027 年的通知尚未发布", page);

        var token = await admin.TokenAsync("/Admin/WorkCalendar?year=2095");
        var form = new MultipartFormDataContent
        {
            { new StringContent("2095"), "year" }, { new StringContent(token), "__RequestVerificationToken" },
            { new ByteArrayContent(Encoding.UTF8.GetBytes("2095-10-01,放假,国庆节\n2095-10-01,上班,国庆节\n2095-02-30,放假,春节\n")), "file", "holidays.csv" },
        };
        var refused = await admin.PostAsync("/Admin/WorkCalendar?handler=Import", form);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        var html = await refused.Content.ReadAsStringAsync();
        Assert.Contains("第 2 行：日期 2095-10-01 与第 1 行重复", html);
        Assert.Contains("第 3 行：日期“2095-02-30”无效", html);
        Assert.Equal(0, await app.WithDbAsync(db => db.CalendarDays.CountAsync(d => d.Date.Year == 2095)));

        var saved = await admin.PostAsync("/Admin/WorkCalendar?handler=Save",
            Forms.Form(token, ("year", "2095"), ("date", "2095-10-01"), ("workday", "放假"), ("name", "国庆节")));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Contains("data-date=\"2095-10-01\" data-workday=\"false\"", await admin.GetStringAsync("/Admin/WorkCalendar?year=2095"));
    }

    private static MultipartFormDataContent Csv(string text) =>
        new() { { new ByteArrayContent(Encoding.UTF8.GetBytes(text)), "file", "holidays.csv" } };
}
