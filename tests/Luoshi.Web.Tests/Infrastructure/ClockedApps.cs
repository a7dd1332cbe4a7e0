using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Luoshi.Web.Tests.Infrastructure;

/// <summary>Apps whose clock is set by the test, and clients signed in to them.</summary>
public static class ClockedApps
{
    /// <summary>The class's copy of the demo city on <paramref name="database"/>, run at <paramref name="now"/>.</summary>
    public static async Task<(LuoshiFactory Data, WebApplicationFactory<Program> App)> ClockedAsync(this DemoCopies demo, TestDatabase database,
        DateTimeOffset now)
    {
        var data = await demo.For(database);
        return (data, data.At(new FakeTimeProvider(now)));
    }

    /// <summary>The factory's app with its clock replaced by <paramref name="time"/>.</summary>
    public static WebApplicationFactory<Program> At(this LuoshiFactory factory, TimeProvider time) =>
        factory.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton(time)));

    /// <summary>A client of <paramref name="app"/> signed in as <paramref name="userName"/> (the test password), following no redirects.</summary>
    public static async Task<HttpClient> SignedInAsync(this WebApplicationFactory<Program> app, string userName)
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        (await client.PostAsJsonAsync("/api/v1/session", new { username = userName, password = LuoshiFactory.Password })).EnsureSuccessStatusCode();
        return client;
    }
}
