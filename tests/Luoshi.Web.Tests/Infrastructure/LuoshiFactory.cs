using System.Net;
using System.Net.Http.Json;
using Luoshi.Application.People;
using Luoshi.Data;
using Luoshi.Domain.People;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Luoshi.Web.Tests.Infrastructure;

/// <summary>
/// The real web app on a fresh database of the chosen kind, optionally with the demo city; every demo account's
/// password is set to <see cref="Password"/> so tests can sign in.
/// </summary>
public sealed class LuoshiFactory : WebApplicationFactory<Program>
{
    public const string Password = "Test-Passw0rd!";

    public TestDatabase Database { get; }
    public string DataDirectory { get; }
    public string? PostgresConnection { get; }
    private readonly bool demo;

    public LuoshiFactory(TestDatabase database, bool demo = true)
    {
        Database = database;
        this.demo = demo;
        (DataDirectory, PostgresConnection) = Databases.CreateEmpty(database);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Luoshi:Data", DataDirectory);
        builder.UseSetting("Luoshi:Database", PostgresConnection ?? "");
        builder.UseSetting("Luoshi:Demo", demo ? "true" : "false");
        builder.UseSetting("Luoshi:DemoPlans", "none");
    }

    /// <summary>Starts the app (migrating and seeding) and gives every existing account the test password.</summary>
    public async Task<LuoshiFactory> StartAsync()
    {
        _ = Server;
        await WithDbAsync(async db =>
        {
            foreach (var user in await db.Users.ToListAsync())
                UserAccounts.SetPassword(user, Password);
            await db.SaveChangesAsync();
        });
        return this;
    }

    public async Task WithDbAsync(Func<LuoshiDb, Task> work)
    {
        using var scope = Services.CreateScope();
        await work(scope.ServiceProvider.GetRequiredService<LuoshiDb>());
    }

    public async Task<T> WithDbAsync<T>(Func<LuoshiDb, Task<T>> work)
    {
        using var scope = Services.CreateScope();
        return await work(scope.ServiceProvider.GetRequiredService<LuoshiDb>());
    }

    /// <summary>A client with its own cookie jar, not following redirects, so tests see what a browser is told.</summary>
    public HttpClient NewClient() => CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    public async Task<HttpClient> SignedInAsync(string userName)
    {
        var client = NewClient();
        var response = await client.PostAsJsonAsync("/api/v1/session", new { username = userName, password = Password });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return client;
    }

    /// <summary>Adds a user with a unique name to the unit with the given code, and returns the name.</summary>
    public async Task<string> AddUserAsync(Role role, string unitCode)
    {
        var name = $"{role.ToCode()}-{Guid.NewGuid():N}"[..20];
        await WithDbAsync(async db =>
        {
            var unit = await db.OrgUnits.FirstAsync(u => u.Code == unitCode);
            db.Users.Add(UserAccounts.New(name, "测试" + name, role, unit.Id, Password));
            await db.SaveChangesAsync();
        });
        return name;
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (!disposing) return;
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(DataDirectory, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}

/// <summary>One demo-city app per database, shared by the tests of this assembly; tests add their own unique data.</summary>
public static class DemoApps
{
    private static readonly Dictionary<TestDatabase, Task<LuoshiFactory>> Apps = [];
    private static readonly Lock Gate = new();

    public static Task<LuoshiFactory> For(TestDatabase database)
    {
        lock (Gate)
        {
            if (!Apps.TryGetValue(database, out var app))
                Apps[database] = app = new LuoshiFactory(database).StartAsync();
            return app;
        }
    }
}
