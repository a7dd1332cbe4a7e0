using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Luoshi.Domain.People;
using Luoshi.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Luoshi.Web.Tests;

/// <summary>
/// Odd input that once gave a 500: search words with control characters (SQLite FTS and PostgreSQL refuse NUL) get a
/// Chinese 400; a <c>back=</c> or <c>returnUrl=</c> that is not a path on this site, or carries control characters,
/// sends the browser to a safe place instead of breaking the redirect.
/// </summary>
public sealed partial class OddInputTests(DemoCopies demo) : IClassFixture<DemoCopies>
{
    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex Token();

    /// <summary>A published plan of the test's own whose 扩大普惠资源 task is led by 基础教育处 (D03) for 江东区 (Q01).</summary>
    private async Task<(LuoshiFactory App, HttpClient Admin, int PlanId, int TaskId, System.Text.Json.JsonElement Target)> PublishedTaskAsync(TestDatabase database)
    {
        var app = await demo.For(database);
        var admin = await app.SignedInAsync(await app.AddUserAsync(Role.Admin, Application.People.UserAccounts.BureauCode));
        var (planId, tasks) = await Ledgers.DraftPlanAsync(admin);
        var taskId = tasks.TaskTitled("扩大普惠资源");
        await Ledgers.AssignAsync(admin, taskId, await app.UnitIdAsync("D03"), await app.UnitIdAsync("Q01"));
        await Ledgers.PublishAsync(admin, planId);
        return (app, admin, planId, taskId, tasks.First(t => t.GetProperty("id").GetInt32() == taskId).GetProperty("targets").EnumerateArray().First());
    }

    private static readonly string[] ControlWords = ["ab%00cd", "%00", "幼儿园%00", "ab%0Acd", "%1B%5B31m", "a%09b", "%7F幼"];

    [Theory, Databases]
    public async Task A_calendar_month_at_the_ends_of_the_date_range_shows_this_month_instead_of_failing(TestDatabase database)
    {
        // The fuzz test found /Calendar?month=9999-12 answering 500: the weeks around December 9999 run past the last date.
        var app = await demo.For(database);
        var admin = await app.SignedInAsync(await app.AddUserAsync(Role.Admin, Application.People.UserAccounts.BureauCode));
        foreach (var month in new[] { "9999-12", "0001-01", "1899-12", "3000-01" })
        {
            var page = await admin.GetAsync($"/Calendar?month={month}");
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            // This month is shown: its "next month" link leads to the month after China's today.
            var today = Domain.Time.ChinaClock.System.Today;
            var next = new DateOnly(today.Year, today.Month, 1).AddMonths(1).ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);
            Assert.Contains($"/Calendar?month={next}", await page.Content.ReadAsStringAsync());
        }
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/Calendar?month=2026-02")).StatusCode);
    }

    [Theory, Databases]
    public async Task Search_words_with_control_characters_get_a_Chinese_400(TestDatabase database)
    {
        var app = await demo.For(database);
        var district = await app.SignedInAsync(await app.AddUserAsync(Role.District, "Q01"));
        foreach (var q in ControlWords)
        {
            // A NUL is refused for every address before anything reads it (QueryGuard); other control characters by search.
            var nul = q.Contains("%00", StringComparison.Ordinal);
            var problem = await (await district.GetAsync($"/api/v1/search?q={q}")).AssertProblemAsync(400);
            Assert.Contains(nul ? "空字符" : "控制字符", problem.GetProperty("detail").GetString());
            var page = await district.GetAsync($"/Search?q={q}");
            Assert.Equal(nul ? HttpStatusCode.BadRequest : HttpStatusCode.OK, page.StatusCode);
            Assert.Contains(nul ? "请求有误" : "搜索词不能包含控制字符", WebUtility.HtmlDecode(await page.Content.ReadAsStringAsync()));
        }
        // Lists filtered by words, which PostgreSQL could not compare with a NUL.
        foreach (var url in new[] { "/api/v1/org-units?q=a%00b", "/api/v1/tasks?q=%00", "/api/v1/users?q=%00" })
            await (await district.GetAsync(url)).AssertProblemAsync(400);
        // Words around a control character are still searched for once it is gone; a NUL never reaches the database.
        Assert.Equal(HttpStatusCode.OK, (await district.GetAsync("/api/v1/search?q=abcd")).StatusCode);
    }

    public static TheoryData<string, string> Backs => new()
    {
        { "/Plans?year=2026", "/Plans?year=2026" },
        { "/Search?q=幼儿园", "/Search?q=%E5%B9%BC%E5%84%BF%E5%9B%AD" },
        { "//evil.example/", "/" },
        { "/\\evil.example/", "/" },
        { "https://evil.example/", "/" },
        { "Plans", "/" },
        { "", "/" },
        { "/Plans\0", "/" },
        { "/Plans\r\nSet-Cookie: a=b", "/" },
        { "/Plans\u001b[31m", "/" },
        { "/Plans\u0085", "/" },
    };

    [Theory, MemberData(nameof(Backs))]
    public async Task The_language_switch_returns_only_to_a_path_on_this_site(string back, string expected)
    {
        var app = await demo.For(TestDatabase.Sqlite);
        var response = await app.NewClient().GetAsync("/language?to=en&back=" + Uri.EscapeDataString(back));
        await AssertSafeAsync(response, back, expected);
    }

    [Theory, MemberData(nameof(Backs))]
    public async Task Signing_in_returns_only_to_a_path_on_this_site(string back, string expected)
    {
        var app = await demo.For(TestDatabase.Sqlite);
        var name = await app.AddUserAsync(Role.District, "Q01");
        var client = app.NewClient();
        var token = Token().Match(await client.GetStringAsync("/Login")).Groups[1].Value;
        var response = await client.PostAsync("/Login", new FormUrlEncodedContent(
            [new("__RequestVerificationToken", token), new("username", name), new("password", LuoshiFactory.Password), new("returnUrl", back)]));
        await AssertSafeAsync(response, back, expected);
    }

    /// <summary>
    /// A redirect to the expected place; a NUL (in a form field or the query string) is refused before any page sees it
    /// (the 400 error page, in Chinese), which is safe too.
    /// </summary>
    private static async Task AssertSafeAsync(HttpResponseMessage response, string back, string expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        if (back.Contains('\0', StringComparison.Ordinal))
        {
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"back={back} → {(int)response.StatusCode} {body}");
            Assert.Contains("请求有误", body);
            return;
        }
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"back={back} → {(int)response.StatusCode} {body}");
        Assert.Equal(expected, response.Headers.Location!.OriginalString);
    }

    [Theory, Databases]
    public async Task The_boards_filters_with_control_characters_are_dropped_not_a_500(TestDatabase database)
    {
        var (app, admin, planId, taskId, _) = await PublishedTaskAsync(database);
        var d03 = await app.UnitIdAsync("D03");
        var board = $"/Plans/{planId}";
        var token = Token().Match(await admin.GetStringAsync(board)).Groups[1].Value;
        foreach (var (back, expected) in new[]
                 {
                     ("?status=overdue", $"{board}?status=overdue&notice=assigned&n=1"),
                     ("?status=over\0due", $"{board}?notice=assigned&n=1"),
                     ("?status=red\r\nSet-Cookie: a=b", $"{board}?notice=assigned&n=1"),
                     ("?q=幼儿园", $"{board}?q=%E5%B9%BC%E5%84%BF%E5%9B%AD&notice=assigned&n=1"),
                     ("//evil.example", $"{board}?notice=assigned&n=1"),
                 })
        {
            var response = await admin.PostAsync($"{board}?handler=BulkAssign", new FormUrlEncodedContent(
                [new("__RequestVerificationToken", token), new("taskIds", taskId.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                 new("leadDepartmentId", d03.ToString(System.Globalization.CultureInfo.InvariantCulture)), new("back", back)]));
            await AssertSafeAsync(response, back, expected);
        }
    }

    [Theory, Databases]
    public async Task Text_with_NUL_in_a_multipart_form_is_never_a_500(TestDatabase database)
    {
        var (app, admin, _, taskId, _) = await PublishedTaskAsync(database);
        var district = await app.SignedInAsync(await app.AddUserAsync(Role.District, "Q01"));

        // A pasted plan: the NUL is kept out of what is stored (PostgreSQL cannot store it), the draft is made.
        var token = Token().Match(await admin.GetStringAsync("/Plans/New")).Groups[1].Value;
        var plan = await admin.PostAsync("/Plans/New", new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new StringContent(Ledgers.PlanText.Replace("扩大普惠资源", "扩大\0普惠资源", StringComparison.Ordinal)), "text" },
        });
        Assert.True(plan.StatusCode == HttpStatusCode.Redirect, $"/Plans/New → {(int)plan.StatusCode} {await plan.Content.ReadAsStringAsync()}");

        // A report from the task page: refused or saved, never a server error.
        var page = $"/Tasks/{taskId}";
        token = Token().Match(await district.GetStringAsync(page)).Groups[1].Value;
        var report = await district.PostAsync($"{page}?handler=Report", new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" }, { new StringContent("2026-05"), "report.Period" },
            { new StringContent("30"), "report.Progress" }, { new StringContent("已完成\0选址"), "report.Narrative" },
        });
        Assert.True(report.StatusCode == HttpStatusCode.Redirect, $"{page}?handler=Report → {(int)report.StatusCode} {await report.Content.ReadAsStringAsync()}");
        var api = await district.PostAsJsonAsync($"/api/v1/tasks/{taskId}/reports", new { period = "2026-06", progress = 30, narrative = "已完成\0选址" });
        Assert.True(api.StatusCode == HttpStatusCode.Created, $"report API → {(int)api.StatusCode} {await api.Content.ReadAsStringAsync()}");
        // Both are stored without the NUL, the same on SQLite and PostgreSQL.
        var narratives = await app.WithDbAsync(db => db.Reports.Where(r => r.TaskId == taskId).Select(r => r.Narrative).ToListAsync());
        Assert.Equal(["已完成选址", "已完成选址"], narratives);
    }

    [Theory, Databases]
    public async Task A_breakdown_form_without_shares_is_an_empty_breakdown_not_a_500(TestDatabase database)
    {
        var (app, admin, _, taskId, target) = await PublishedTaskAsync(database);
        var page = $"/Tasks/{taskId}";
        var token = Token().Match(await admin.GetStringAsync(page)).Groups[1].Value;
        var version = await app.WithDbAsync(db => db.Targets.Where(g => g.Id == target.GetProperty("id").GetInt32()).Select(g => g.Version).FirstAsync());
        var response = await admin.PostAsync($"{page}?handler=Breakdown", new FormUrlEncodedContent(
            [new("__RequestVerificationToken", token), new("targetId", target.GetProperty("id").ToString()), new("version", version.ToString(System.Globalization.CultureInfo.InvariantCulture))]));
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"→ {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }
}
