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
/// The real web app on a database of its own: a fresh one (optionally seeded with the demo city on start), or a
/// private copy of the demo city's template (<see cref="DemoApps.OwnAsync"/>). Every demo account's password is
/// <see cref="Password"/> so tests can sign in. Disposing the app deletes its database and data folder.
/// </summary>
public sealed class LuoshiFactory : WebApplicationFactory<Program>
{
    public const string Password = "Test-Passw0rd!";

    public TestDatabase Database => store.Database;
    public string DataDirectory => store.DataDirectory;
    public string? PostgresConnection => store.PostgresConnection;
    private readonly TestStore store;
    private readonly bool demo;
    private readonly bool ownsStore;
    private readonly IReadOnlyDictionary<string, string> settings;

    public LuoshiFactory(TestDatabase database, bool demo = true) : this(TestStore.CreateEmpty(database), demo, ownsStore: true)
    {
    }

    /// <summary>The app on the store; with <paramref name="demo"/>, an empty store gets the demo city on start.</summary>
    internal LuoshiFactory(TestStore store, bool demo, bool ownsStore, IReadOnlyDictionary<string, string>? settings = null)
    {
        this.settings = settings ?? new Dictionary<string, string>();
        this.store = store;
        this.demo = demo;
        this.ownsStore = ownsStore;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Luoshi:Data", DataDirectory);
        builder.UseSetting("Luoshi:Database", PostgresConnection ?? "");
        builder.UseSetting("Luoshi:Demo", demo ? "true" : "false");
        builder.UseSetting("Luoshi:DemoPlans", "none");
        // Test apps run no scheduler of their own (Quartz keeps one scheduler per name in a process); SchedulerTests starts its own.
        builder.UseSetting("Luoshi:Scheduler", "false");
        // Tests send the outbox themselves (OutboxDispatcher.SendDueAsync), at the moments they choose.
        builder.UseSetting("Luoshi:Messages:PumpSeconds", "0");
        foreach (var (key, value) in settings) builder.UseSetting(key, value);
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
        if (disposing && ownsStore) store.Delete();
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (ownsStore) store.Delete();
    }
}
