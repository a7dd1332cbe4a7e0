using System.Net;
using Luoshi.Data;
using Luoshi.Data.Auditing;
using Luoshi.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Luoshi.Web.Tests;

/// <summary>
/// <c>/readyz</c> says whether an instance may take requests (database reachable and fully upgraded), <c>/healthz</c> only whether it
/// lives; instances starting together upgrade the database one at a time.
/// </summary>
public class ReadinessTests
{
    [Theory, Databases]
    public async Task Ready_only_while_the_database_has_every_migration_and_live_regardless(TestDatabase database)
    {
        await using var app = await new LuoshiFactory(database, demo: false).StartAsync();
        var client = app.NewClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/readyz")).StatusCode);

        // The database loses its newest migration (as if an older version had rebuilt it): not ready, and says why; still live.
        await app.WithDbAsync(db => db.Database.ExecuteSqlRawAsync(
            "DELETE FROM \"__EFMigrationsHistory\" WHERE \"MigrationId\" = (SELECT MAX(\"MigrationId\") FROM \"__EFMigrationsHistory\")"));
        var problem = await (await client.GetAsync("/readyz")).AssertProblemAsync(503);
        Assert.Contains("尚未升级", problem.GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz")).StatusCode);
    }

    [Theory, Databases]
    public async Task An_instance_starting_while_another_upgrades_the_database_waits_for_it(TestDatabase database)
    {
        using var store = TestStore.CreateEmpty(database);
        var settings = new DatabaseSettings(store.DataDirectory, store.PostgresConnection);
        Task<LuoshiFactory> starting;
        await using (await StartupLock.AcquireAsync(settings))
        {
            // Another instance holds the startup lock (it is migrating): this one starts but touches nothing meanwhile.
            starting = Task.Run(() => new LuoshiFactory(store, demo: true, ownsStore: false).StartAsync());
            await Task.Delay(TimeSpan.FromSeconds(5));
            Assert.False(starting.IsCompleted);
            await using var db = new LuoshiDb(settings.BuildOptions(), FixedAuditActor.CommandLine);
            Assert.Empty(await db.Database.GetAppliedMigrationsAsync());
        }

        await using var app = await starting.WaitAsync(TimeSpan.FromMinutes(3));
        Assert.Equal(HttpStatusCode.OK, (await app.NewClient().GetAsync("/readyz")).StatusCode);
        Assert.NotEmpty(await app.WithDbAsync(db => db.Users.ToListAsync()));
    }
}
