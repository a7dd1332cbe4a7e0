using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Luoshi.Domain.People;
using Luoshi.Web.Auth;
using Luoshi.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;

namespace Luoshi.Web.Tests;

/// <summary>
/// Sessions kept on the server: a cookie copied before the session ended (sign-out, 退出登录, a new password, role or
/// unit, a disabled account, ending it from the session list) no longer works; the session list shows the caller's own.
/// </summary>
public sealed partial class ServerSessionTests(DemoCopies demo) : IClassFixture<DemoCopies>
{
    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex Token();

    /// <summary>A copy of a session cookie, as someone who kept it (or stole it) would replay it.</summary>
    private sealed record KeptCookie(LuoshiFactory App, string Cookie)
    {
        private readonly HttpClient client = App.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });

        public static async Task<KeptCookie> SignInAsync(LuoshiFactory app, string userName, string userAgent = "Mozilla/5.0 (Windows NT 10.0) Chrome/130.0 Safari/537.36")
        {
            var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
            var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/session") { Content = JsonContent.Create(new { username = userName, password = LuoshiFactory.Password }) };
            request.Headers.UserAgent.ParseAdd(userAgent);
            var response = await client.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(AuthSetup.CookieName + "=", StringComparison.Ordinal));
            return new KeptCookie(app, cookie.Split(';')[0]);
        }

        public Task<HttpResponseMessage> SendAsync(HttpMethod method, string url, HttpContent? content = null, string? extraCookie = null)
        {
            var request = new HttpRequestMessage(method, url) { Content = content };
            request.Headers.Add("Cookie", extraCookie is null ? Cookie : Cookie + "; " + extraCookie);
            return client.SendAsync(request);
        }

        public Task<HttpResponseMessage> GetAsync(string url) => SendAsync(HttpMethod.Get, url);

        public async Task<int> MeStatusAsync() => (int)(await GetAsync("/api/v1/me")).StatusCode;

        /// <summary>Posts a page's form as the browser would: the page's antiforgery token and cookie with the session cookie.</summary>
        public async Task<HttpResponseMessage> PostPageAsync(string page, string form, Dictionary<string, string> fields)
        {
            var get = await GetAsync(page);
            Assert.Equal(HttpStatusCode.OK, get.StatusCode);
            var antiforgery = get.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(".luoshi.af=", StringComparison.Ordinal)).Split(';')[0];
            fields["__RequestVerificationToken"] = Token().Match(await get.Content.ReadAsStringAsync()).Groups[1].Value;
            return await SendAsync(HttpMethod.Post, form, new FormUrlEncodedContent(fields), antiforgery);
        }

        public async Task<List<System.Text.Json.JsonElement>> SessionsAsync()
        {
            var response = await GetAsync("/api/v1/session/all");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var body = await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
            return body.GetProperty("items").EnumerateArray().ToList();
        }
    }

    private static Task<int> UserIdAsync(LuoshiFactory app, string name) =>
        app.WithDbAsync(db => db.Users.Where(u => u.UserName == name).Select(u => u.Id).FirstAsync());

    [Theory, Databases]
    public async Task A_kept_cookie_is_refused_after_signing_out_through_the_API(TestDatabase database)
    {
        var app = await demo.For(database);
        var kept = await KeptCookie.SignInAsync(app, await app.AddUserAsync(Role.Department, "D03"));
        Assert.Equal(200, await kept.MeStatusAsync());
        Assert.Equal(HttpStatusCode.NoContent, (await kept.SendAsync(HttpMethod.Delete, "/api/v1/session")).StatusCode);
        Assert.Equal(401, await kept.MeStatusAsync());
    }

    [Theory, Databases]
    public async Task A_kept_cookie_is_refused_after_退出登录_on_the_page(TestDatabase database)
    {
        var app = await demo.For(database);
        var kept = await KeptCookie.SignInAsync(app, await app.AddUserAsync(Role.District, "Q01"));
        var signOut = await kept.PostPageAsync("/", "/Logout", []);
        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        var page = await kept.GetAsync("/MyTasks");
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.StartsWith("/Login", page.Headers.Location!.PathAndQuery);
        Assert.Equal(401, await kept.MeStatusAsync());
    }

    [Theory, Databases]
    public async Task A_new_password_a_new_role_or_unit_and_disabling_end_the_users_sessions(TestDatabase database)
    {
        var app = await demo.For(database);
        var admin = await app.SignedInAsync(await app.AddUserAsync(Role.Admin, Application.People.UserAccounts.BureauCode));
        var d05 = await app.UnitIdAsync("D05");
        foreach (var change in new object[]
        {
            new { password = "Another-Passw0rd!" },
            new { role = "supervisor" },
            new { orgUnitId = d05 },
            new { disabled = true },
        })
        {
            var name = await app.AddUserAsync(Role.Department, "D03");
            var kept = await KeptCookie.SignInAsync(app, name);
            var other = await app.SignedInAsync(await app.AddUserAsync(Role.District, "Q02"));
            Assert.Equal(200, await kept.MeStatusAsync());
            var request = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/users/{await UserIdAsync(app, name)}") { Content = JsonContent.Create(change) };
            request.Headers.TryAddWithoutValidation("If-Match", "*");
            var put = await admin.SendAsync(request);
            Assert.True(put.IsSuccessStatusCode, $"{change}: {(int)put.StatusCode} {await put.Content.ReadAsStringAsync()}");
            Assert.Equal(401, await kept.MeStatusAsync());
            Assert.Equal(HttpStatusCode.OK, (await other.GetAsync("/api/v1/me")).StatusCode); // someone else's session goes on
        }
    }

    [Theory, Databases]
    public async Task The_session_list_shows_the_callers_sessions_and_ends_one_or_all(TestDatabase database)
    {
        var app = await demo.For(database);
        var name = await app.AddUserAsync(Role.Department, "D05");
        var laptop = await KeptCookie.SignInAsync(app, name);
        var phone = await KeptCookie.SignInAsync(app, name, "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) MicroMessenger/8.0");
        var tablet = await KeptCookie.SignInAsync(app, name);
        var stranger = await KeptCookie.SignInAsync(app, await app.AddUserAsync(Role.Department, "D05"));

        var list = await laptop.SessionsAsync();
        Assert.Equal(3, list.Count);
        var mine = Assert.Single(list, s => s.GetProperty("current").GetBoolean());
        Assert.Contains(list, s => s.GetProperty("device").GetString() == "微信 · iPhone");
        Assert.Equal("Chrome 浏览器 · Windows", mine.GetProperty("device").GetString());

        // Ending the phone's session from the laptop: the phone is signed out, the list shows the other two.
        var phoneId = (await phone.SessionsAsync()).Single(s => s.GetProperty("current").GetBoolean()).GetProperty("id").GetInt64();
        Assert.Equal(HttpStatusCode.NoContent, (await laptop.SendAsync(HttpMethod.Delete, $"/api/v1/session/{phoneId}")).StatusCode);
        Assert.Equal(401, await phone.MeStatusAsync());
        var left = await laptop.SessionsAsync();
        Assert.Equal(2, left.Count);
        Assert.DoesNotContain(left, s => s.GetProperty("id").GetInt64() == phoneId);

        // Someone else's session cannot be ended (404), and goes on.
        var strangerId = (await stranger.SessionsAsync()).Single().GetProperty("id").GetInt64();
        await (await laptop.SendAsync(HttpMethod.Delete, $"/api/v1/session/{strangerId}")).AssertProblemAsync(404);
        Assert.Equal(200, await stranger.MeStatusAsync());

        // Signing out everywhere from the tablet ends the laptop's and the tablet's sessions, and no one else's.
        Assert.Equal(HttpStatusCode.NoContent, (await tablet.SendAsync(HttpMethod.Delete, "/api/v1/session/all")).StatusCode);
        Assert.Equal(401, await laptop.MeStatusAsync());
        Assert.Equal(401, await tablet.MeStatusAsync());
        Assert.Equal(200, await stranger.MeStatusAsync());
    }

    [Theory, Databases]
    public async Task The_account_page_lists_the_devices_and_退出_ends_one(TestDatabase database)
    {
        var app = await demo.For(database);
        var name = await app.AddUserAsync(Role.School, "Q01-S01");
        var here = await KeptCookie.SignInAsync(app, name);
        var there = await KeptCookie.SignInAsync(app, name, "Mozilla/5.0 (Linux; Android 14) Chrome/130.0 Mobile Safari/537.36");
        var thereId = (await there.SessionsAsync()).Single(s => s.GetProperty("current").GetBoolean()).GetProperty("id").GetInt64();
        var page = await (await here.GetAsync("/Account")).Content.ReadAsStringAsync();
        Assert.Contains("已登录的设备", page);
        Assert.Contains("Chrome 浏览器 · Android", page);
        Assert.Contains("当前设备", page);

        var ended = await here.PostPageAsync("/Account", "/Account?handler=End", new() { ["id"] = thereId.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        Assert.Equal(HttpStatusCode.Redirect, ended.StatusCode);
        Assert.Equal(401, await there.MeStatusAsync());
        Assert.Equal(200, await here.MeStatusAsync());

        var everywhere = await here.PostPageAsync("/Account", "/Account?handler=Everywhere", []);
        Assert.Equal(HttpStatusCode.Redirect, everywhere.StatusCode);
        Assert.Equal(401, await here.MeStatusAsync());
    }

    [Theory, Databases]
    public async Task The_sign_in_audit_row_names_the_user(TestDatabase database)
    {
        var app = await demo.For(database);
        var name = await app.AddUserAsync(Role.Leader, Application.People.UserAccounts.BureauCode);
        await app.SignedInAsync(name);
        var id = await UserIdAsync(app, name);
        var row = await app.WithDbAsync(db => db.AuditEntries.AsNoTracking()
            .FirstAsync(a => a.Action == "signIn" && a.EntityId == id.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal(id, row.UserId);
        Assert.Equal(name, row.UserName);
    }
}
