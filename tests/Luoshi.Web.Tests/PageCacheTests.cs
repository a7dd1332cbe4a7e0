using System.Net;
using System.Text.RegularExpressions;
using Luoshi.Data;
using Luoshi.Domain.People;
using Luoshi.Web.Infrastructure;
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
    public async Task A_copy_past_its_lifetime_is_rendered_again_though_no_change_moved_the_data_version(TestDatabase database)
    {
        await using var data = await DemoApps.OwnAsync(database);
        var pages = await DistrictPages.PublishedAsync(data);
        var user = await data.AddUserAsync(Role.District, pages.UnitCode);
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var app = data.At(clock);
        var client = await app.SignedInAsync(user);
        for (var i = 0; i < 3; i++) // the first answer sets the browser's antiforgery cookie; the next is kept
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(pages.Task)).StatusCode);
        // A change written past the data version (no change the app makes is): within its lifetime the copy is still sent.
        var title = "绕过版本的改动" + Guid.NewGuid().ToString("N")[..8];
        await data.WithDbAsync(db => db.Tasks.Where(t => t.Id == pages.TaskId).ExecuteUpdateAsync(u => u.SetProperty(t => t.Title, title)));
        Assert.DoesNotContain(title, await client.GetStringAsync(pages.Task));
        // Past its lifetime the next request renders the page again (others meanwhile would still get the copy), and that
        // render is the copy from then on.
        clock.Advance(PageCache.Lifetime + TimeSpan.FromSeconds(1));
        Assert.Contains(title, await client.GetStringAsync(pages.Task));
        Assert.Contains(title, await client.GetStringAsync(pages.Task));
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

    [Theory, Databases]
    public async Task A_client_that_keeps_no_cookies_gets_kept_pages_each_with_its_own_working_antiforgery_cookie(TestDatabase database)
    {
        var app = await demo.For(database);
        var pages = await DistrictPages.PublishedAsync(app);
        var user = await app.AddUserAsync(Role.District, pages.UnitCode);
        // Like wrk: the session cookie on every request and nothing else, many requests at once.
        var client = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        var signIn = await client.PostAsync("/api/v1/session", System.Net.Http.Json.JsonContent.Create(new { username = user, password = LuoshiFactory.Password }));
        signIn.EnsureSuccessStatusCode();
        var session = signIn.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]).Single(c => c.StartsWith(".luoshi.session=", StringComparison.Ordinal));
        async Task<(string Html, string Cookie)> LoadAsync()
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, pages.Task);
            request.Headers.Add("Cookie", session);
            var response = await client.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var cookie = response.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]).Single(c => c.StartsWith(".luoshi.af=", StringComparison.Ordinal));
            return (await response.Content.ReadAsStringAsync(), cookie);
        }

        var loads = (await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => LoadAsync()))).ToList();
        for (var i = 0; i < 3; i++) loads.Add(await LoadAsync());
        Assert.Equal(loads.Count, loads.Select(l => l.Cookie).Distinct().Count());
        Assert.Equal(loads.Count, loads.Select(l => ReportKey().Match(l.Html).Groups[1].Value).Distinct().Count());
        // Each page's form token goes with the cookie sent beside it, and with no other.
        var (html, af) = loads[^1];
        var mismatched = new HttpRequestMessage(HttpMethod.Post, "/Logout") { Content = Forms.Form(Forms.TokenIn(html)) };
        mismatched.Headers.Add("Cookie", $"{session}; {loads[0].Cookie}");
        Assert.Equal(HttpStatusCode.BadRequest, (await client.SendAsync(mismatched)).StatusCode);
        var signOut = new HttpRequestMessage(HttpMethod.Post, "/Logout") { Content = Forms.Form(Forms.TokenIn(html)) };
        signOut.Headers.Add("Cookie", $"{session}; {af}");
        Assert.Equal(HttpStatusCode.Redirect, (await client.SendAsync(signOut)).StatusCode);
    }

    [Theory, Databases]
    public async Task A_kept_answer_is_sent_compressed_to_a_client_that_asks_and_reads_the_same(TestDatabase database)
    {
        var app = await demo.For(database);
        var pages = await DistrictPages.PublishedAsync(app);
        var client = await pages.SignedInAsync(app);
        var plain = await client.GetStringAsync(pages.MyTasks);
        foreach (var path in new[] { pages.MyTasks, pages.TaskList })
        {
            plain = await client.GetStringAsync(path);
            for (var i = 0; i < 3; i++)
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, path);
                request.Headers.Add("Accept-Encoding", "gzip");
                var response = await client.SendAsync(request);
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                Assert.Equal("gzip", Assert.Single(response.Content.Headers.ContentEncoding));
                Assert.Contains("Accept-Encoding", response.Headers.Vary);
                await using var unzip = new System.IO.Compression.GZipStream(await response.Content.ReadAsStreamAsync(), System.IO.Compression.CompressionMode.Decompress);
                Assert.Equal(plain, await new StreamReader(unzip).ReadToEndAsync());
            }
        }
    }
}
