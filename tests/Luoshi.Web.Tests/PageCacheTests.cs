using System.Net;
using System.Text.RegularExpressions;
using Luoshi.Data;
using Luoshi.Domain.People;
using Luoshi.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Luoshi.Web.Tests;

/// <summary>
/// The busiest pages are kept and sent again while nothing changed: a change shows on the very next request, even one made by
/// another instance behind the same database; one user's (or one browser's) copy never reaches another; the copies' forms work.
/// </summary>
public sealed partial class PageCacheTests(DemoCopies demo) : IClassFixture<DemoCopies>
{
    [GeneratedRegex("name=\"report.Key\" value=\"([0-9a-f]{32})\"")]
    private static partial Regex ReportKey();

    [Theory, Databases]
    public async Task A_change_saved_by_another_instance_shows_on_the_very_next_request(TestDatabase database)
    {
        var app = await demo.For(database);
        var pages = await DistrictPages.PublishedAsync(app);
        var client = await pages.SignedInAsync(app);
        string[] showTitle = [pages.TaskList, pages.Plan, pages.Task, pages.MyTasks];
        foreach (var path in showTitle)
            for (var i = 0; i < 3; i++)
                Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(path)).StatusCode);

        // Another instance behind the same database: its own context, nothing shared with this app but the database.
        var title = "缓存测试标题" + Guid.NewGuid().ToString("N")[..8];
        var settings = app.Services.GetRequiredService<DatabaseSettings>();
        await using (var other = new LuoshiDb(settings.BuildOptions()))
        {
            var task = await other.Tasks.FirstAsync(t => t.Id == pages.TaskId);
            task.Title = title;
            await other.SaveChangesAsync();
        }
        foreach (var path in showTitle)
            Assert.Contains(title, await client.GetStringAsync(path));
    }

    [Theory, Databases]
    public async Task A_change_made_in_the_app_shows_on_the_next_page(TestDatabase database)
    {
        var app = await demo.For(database);
        var pages = await DistrictPages.PublishedAsync(app);
        var client = await pages.SignedInAsync(app);
        for (var i = 0; i < 3; i++) await client.GetStringAsync(pages.Task);
        var admin = await app.SignedInAsync("admin");
        var title = "改过的任务" + Guid.NewGuid().ToString("N")[..8];
        var read = await admin.GetAsync($"/api/v1/tasks/{pages.TaskId}");
        var request = new HttpRequestMessage(HttpMethod.Patch, $"/api/v1/tasks/{pages.TaskId}") { Content = System.Net.Http.Json.JsonContent.Create(new { title }) };
        request.Headers.TryAddWithoutValidation("If-Match", read.Headers.ETag!.Tag);
        Assert.Equal(HttpStatusCode.OK, (await admin.SendAsync(request)).StatusCode);
        Assert.Contains(title, await client.GetStringAsync(pages.Task));
    }

    [Theory, Databases]
    public async Task One_users_kept_page_never_reaches_another_user(TestDatabase database)
    {
        var app = await demo.For(database);
        var pages = await DistrictPages.PublishedAsync(app);
        var first = await app.AddUserAsync(Role.District, pages.UnitCode);
        var second = await app.AddUserAsync(Role.District, pages.UnitCode);
        var a = await app.SignedInAsync(first);
        var b = await app.SignedInAsync(second);
        for (var i = 0; i < 3; i++)
        {
            var home = await a.GetStringAsync(pages.Home);
            Assert.Contains("测试" + first, home);
        }
        var theirs = await b.GetStringAsync(pages.Home);
        Assert.Contains("测试" + second, theirs);
        Assert.DoesNotContain("测试" + first, theirs);
    }

    [Theory, Databases]
    public async Task A_kept_page_carries_a_fresh_report_key_and_a_working_form_token(TestDatabase database)
    {
        var app = await demo.For(database);
        var pages = await DistrictPages.PublishedAsync(app);
        var client = await pages.SignedInAsync(app);
        var keys = new List<string>();
        string html = "";
        for (var i = 0; i < 4; i++)
        {
            html = await client.GetStringAsync(pages.Task);
            keys.Add(ReportKey().Match(html).Groups[1].Value);
        }
        Assert.All(keys, k => Assert.Equal(32, k.Length));
        Assert.Equal(keys.Count, keys.Distinct().Count());
        // The layout's sign-out form of a copy sent again works for the browser it was made for.
        var signOut = await client.PostAsync("/Logout", Forms.Form(Forms.TokenIn(html)));
        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/v1/me")).StatusCode);
    }
}
