using System.Net;
using Luoshi.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Luoshi.Web.Tests;

/// <summary>
/// Behind an HTTPS reverse proxy (Luoshi:TrustedProxies) the session cookie is Secure; forwarded headers from anyone
/// else, or without the setting, are ignored. Runs on SQLite only: it is about HTTP, not the database.
/// </summary>
public sealed class ProxyTests(DemoCopies demo) : IClassFixture<DemoCopies>
{
    private const string Proxy = "10.20.30.40";

    private static async Task<string> SessionCookieAsync(WebApplicationFactory<Program> app, string from, bool forwardedHttps)
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/session")
        {
            Content = System.Net.Http.Json.JsonContent.Create(new { username = "leader", password = LuoshiFactory.Password }),
        };
        request.Headers.Add(RemoteAddressFromTest.Header, from);
        if (forwardedHttps)
        {
            request.Headers.Add("X-Forwarded-Proto", "https");
            request.Headers.Add("X-Forwarded-For", "203.0.113.9");
        }
        var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(Luoshi.Web.Auth.AuthSetup.CookieName + "=", StringComparison.Ordinal));
    }

    private static WebApplicationFactory<Program> With(LuoshiFactory app, string? trustedProxies) => app.WithWebHostBuilder(b =>
    {
        if (trustedProxies is not null) b.UseSetting("Luoshi:TrustedProxies", trustedProxies);
        b.ConfigureServices(s => s.AddSingleton<Microsoft.AspNetCore.Hosting.IStartupFilter, RemoteAddressFromTest>());
    });

    [Fact]
    public async Task Behind_a_trusted_HTTPS_proxy_the_session_cookie_is_Secure()
    {
        var app = await demo.For(TestDatabase.Sqlite);
        using var proxied = With(app, $"{Proxy}, 192.168.100.0/24");
        Assert.Contains("secure", await SessionCookieAsync(proxied, Proxy, forwardedHttps: true), StringComparison.OrdinalIgnoreCase);
        Assert.Contains("secure", await SessionCookieAsync(proxied, "192.168.100.7", forwardedHttps: true), StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("secure", await SessionCookieAsync(proxied, Proxy, forwardedHttps: false), StringComparison.OrdinalIgnoreCase);
        // Someone who is not the proxy cannot claim HTTPS.
        Assert.DoesNotContain("secure", await SessionCookieAsync(proxied, "198.51.100.1", forwardedHttps: true), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Without_trusted_proxies_forwarded_headers_are_ignored()
    {
        var app = await demo.For(TestDatabase.Sqlite);
        using var direct = With(app, trustedProxies: null);
        Assert.DoesNotContain("secure", await SessionCookieAsync(direct, Proxy, forwardedHttps: true), StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("secure", await SessionCookieAsync(direct, "127.0.0.1", forwardedHttps: true), StringComparison.OrdinalIgnoreCase);
    }
}
