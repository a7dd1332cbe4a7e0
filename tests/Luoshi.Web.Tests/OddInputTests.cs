using System.Net;
using System.Text.RegularExpressions;
using Luoshi.Domain.People;
using Luoshi.Web.Tests.Infrastructure;

namespace Luoshi.Web.Tests;

/// <summary>
/// Odd input that once gave a 500: search words with control characters (SQLite FTS and PostgreSQL refuse NUL) get a
/// Chinese 400; a <c>back=</c> or <c>returnUrl=</c> that is not a path on this site, or carries control characters,
/// sends the browser to a safe place instead of breaking the redirect.
/// </summary>
public sealed partial class OddInputTests
{
    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex Token();

    private static readonly string[] ControlWords = ["ab%00cd", "%00", "幼儿园%00", "ab%0Acd", "%1B%5B31m", "a%09b", "%7F幼"];

    [Theory, Databases]
    public async Task Search_words_with_control_characters_get_a_Chinese_400(TestDatabase database)
    {
        var app = await DemoApps.For(database);
        var district = await app.SignedInAsync(await app.AddUserAsync(Role.District, "Q01"));
        foreach (var q in ControlWords)
        {
            var problem = await (await district.GetAsync($"/api/v1/search?q={q}")).AssertProblemAsync(400);
            Assert.Contains("控制字符", problem.GetProperty("detail").GetString());
            var page = await district.GetAsync($"/Search?q={q}");
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            Assert.Contains("搜索词不能包含控制字符", WebUtility.HtmlDecode(await page.Content.ReadAsStringAsync()));
        }
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
        var app = await DemoApps.For(TestDatabase.Sqlite);
        var response = await app.NewClient().GetAsync("/language?to=en&back=" + Uri.EscapeDataString(back));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(expected, response.Headers.Location!.OriginalString);
    }

    [Theory, MemberData(nameof(Backs))]
    public async Task Signing_in_returns_only_to_a_path_on_this_site(string back, string expected)
    {
        var app = await DemoApps.For(TestDatabase.Sqlite);
        var name = await app.AddUserAsync(Role.District, "Q01");
        var client = app.NewClient();
        var token = Token().Match(await client.GetStringAsync("/Login")).Groups[1].Value;
        var response = await client.PostAsync("/Login", new FormUrlEncodedContent(
            [new("__RequestVerificationToken", token), new("username", name), new("password", LuoshiFactory.Password), new("returnUrl", back)]));
        await AssertSafeAsync(response, back, expected);
    }

    /// <summary>
    /// A redirect to the expected place; a form field with NUL is refused before any page sees it (the 400 error page,
    /// in Chinese), which is safe too.
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
        var app = await DemoApps.For(database);
        var admin = await app.SignedInAsync(await app.AddUserAsync(Role.Admin, Data.People.UserAccounts.BureauCode));
        var (planId, tasks) = await Ledgers.DraftPlanAsync(admin);
        var taskId = tasks.TaskTitled("扩大普惠资源");
        var d03 = await app.UnitIdAsync("D03");
        await Ledgers.AssignAsync(admin, taskId, d03, await app.UnitIdAsync("Q01"));
        await Ledgers.PublishAsync(admin, planId);
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
}
