using System.Net;
using System.Net.Http.Json;
using Luoshi.Web.Tests.Infrastructure;

namespace Luoshi.Web.Tests;

/// <summary>Signing in and out through the API, and what an anonymous caller may reach.</summary>
public sealed class SessionTests(DemoCopies demo) : IClassFixture<DemoCopies>
{
    [Theory, Databases]
    public async Task Sign_in_returns_the_user_and_me_describes_them(TestDatabase database)
    {
        var app = await demo.For(database);
        var client = app.NewClient();
        var response = await client.PostAsJsonAsync("/api/v1/session", new { username = "jiangdong", password = LuoshiFactory.Password });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(response.Headers.GetValues("Set-Cookie"), c => c.Contains("httponly", StringComparison.OrdinalIgnoreCase) && c.Contains("samesite=lax", StringComparison.OrdinalIgnoreCase));

        var me = await client.GetJsonAsync("/api/v1/me");
        Assert.Equal("jiangdong", me.GetProperty("username").GetString());
        Assert.Equal("district", me.GetProperty("role").GetString());
        Assert.Equal("刘强（江东区教育局）", me.GetProperty("displayName").GetString());
        Assert.Equal("江东区教育局", me.GetProperty("orgUnitName").GetString());
        Assert.True(me.GetProperty("orgUnitId").GetInt32() > 0);
    }

    [Theory, Databases]
    public async Task A_wrong_password_is_401_with_a_Chinese_problem(TestDatabase database)
    {
        var app = await demo.For(database);
        var response = await app.NewClient().PostAsJsonAsync("/api/v1/session", new { username = "leader", password = "wrong-password-1" });
        var problem = await response.AssertProblemAsync(401);
        Assert.Equal("用户名或密码错误", problem.GetProperty("title").GetString());
    }

    [Theory, Databases]
    public async Task Signing_out_ends_the_session(TestDatabase database)
    {
        var app = await demo.For(database);
        var client = await app.SignedInAsync("supervisor");
        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync("/api/v1/session")).StatusCode);
        await (await client.GetAsync("/api/v1/me")).AssertProblemAsync(401);
    }

    [Theory, Databases]
    public async Task Signing_out_everywhere_ends_other_devices_sessions(TestDatabase database)
    {
        var app = await demo.For(database);
        var name = await app.AddUserAsync(Domain.People.Role.Department, "D05");
        var laptop = await app.SignedInAsync(name);
        var phone = await app.SignedInAsync(name);
        Assert.Equal(HttpStatusCode.NoContent, (await phone.DeleteAsync("/api/v1/session/all")).StatusCode);
        await (await laptop.GetAsync("/api/v1/me")).AssertProblemAsync(401);
    }

    [Theory, Databases]
    public async Task Repeated_failures_lock_the_account_with_429(TestDatabase database)
    {
        var app = await demo.For(database);
        var name = await app.AddUserAsync(Domain.People.Role.School, "Q02-S01");
        var client = app.NewClient();
        for (var i = 0; i < Auth.SignInThrottle.AccountLimit; i++)
            await (await client.PostAsJsonAsync("/api/v1/session", new { username = name, password = "nope-nope-1" })).AssertProblemAsync(401);
        var locked = await client.PostAsJsonAsync("/api/v1/session", new { username = name, password = LuoshiFactory.Password });
        await locked.AssertProblemAsync(429);
        Assert.True(locked.Headers.RetryAfter is not null);
    }

    [Theory, Databases]
    public async Task Api_calls_need_sign_in_but_health_does_not(TestDatabase database)
    {
        var app = await demo.For(database);
        var client = app.NewClient();
        var health = await client.GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        foreach (var url in new[] { "/api/v1/me", "/api/v1/org-units", "/api/v1/users", "/openapi/v1.json" })
            await (await client.GetAsync(url)).AssertProblemAsync(401);
    }

    [Theory, Databases]
    public async Task Pages_redirect_to_the_sign_in_page(TestDatabase database)
    {
        var app = await demo.For(database);
        var response = await app.NewClient().GetAsync("/Admin/Users");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Login", response.Headers.Location!.PathAndQuery);
        var login = await app.NewClient().GetStringAsync("/Login");
        Assert.Contains("用户名", login);
        Assert.Contains("登录", login);
    }

    [Theory, Databases]
    public async Task Every_response_carries_the_security_headers(TestDatabase database)
    {
        var app = await demo.For(database);
        var response = await app.NewClient().GetAsync("/Login");
        var csp = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("script-src 'self'", csp);
        Assert.DoesNotContain("unsafe-inline", csp);
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("same-origin", response.Headers.GetValues("Referrer-Policy").Single());
    }

    [Theory, Databases]
    public async Task The_OpenAPI_document_describes_the_api(TestDatabase database)
    {
        var app = await demo.For(database);
        var client = await app.SignedInAsync("admin");
        var doc = await client.GetJsonAsync("/openapi/v1.json");
        var paths = doc.GetProperty("paths");
        foreach (var path in new[] { "/api/v1/session", "/api/v1/me", "/api/v1/org-units", "/api/v1/users", "/api/v1/users/{id}" })
            Assert.True(paths.TryGetProperty(path, out _), $"OpenAPI lacks {path}");
    }
}
