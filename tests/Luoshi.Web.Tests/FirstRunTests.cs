using Luoshi.Data;
using Luoshi.Domain.People;
using Luoshi.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace Luoshi.Web.Tests;

/// <summary>A new database gets the current schema and one administrator; an old one is upgraded in place.</summary>
public sealed class FirstRunTests
{
    [Theory, Databases]
    public async Task An_empty_database_gets_an_admin_and_nothing_else(TestDatabase database)
    {
        using var app = await new LuoshiFactory(database, demo: false).StartAsync();
        var users = await app.WithDbAsync(db => db.Users.ToListAsync());
        var admin = Assert.Single(users);
        Assert.Equal("admin", admin.UserName);
        Assert.Equal(Role.Admin, admin.Role);
        Assert.Single(await app.WithDbAsync(db => db.OrgUnits.ToListAsync()));
        await app.SignedInAsync("admin");
    }

    [Theory, Databases]
    public async Task A_database_of_the_previous_schema_is_upgraded_without_losing_data(TestDatabase database)
    {
        using var store = TestStore.CreateEmpty(database);
        var settings = new DatabaseSettings(store.DataDirectory, store.PostgresConnection);
        await using (var old = new LuoshiDb(settings.BuildOptions()))
        {
            // The first schema version: units and users, no audit trail yet.
            await old.GetService<IMigrator>().MigrateAsync("Initial");
            Assert.DoesNotContain(await old.Database.GetAppliedMigrationsAsync(), m => m.EndsWith("_AuditTrail", StringComparison.Ordinal));
            await old.Database.ExecuteSqlRawAsync(
                "INSERT INTO org_units (\"Code\", \"Name\", \"Kind\", \"SortOrder\", \"Version\") VALUES ('OLD', '旧市教育局', 'Bureau', 0, 0)");
        }

        await using var db = new LuoshiDb(settings.BuildOptions());
        await DatabaseSetup.UpgradeAsync(db);
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        var unit = await db.OrgUnits.SingleAsync();
        Assert.Equal("旧市教育局", unit.Name);
        db.OrgUnits.Add(new Domain.OrgUnits.OrgUnit { Code = "NEW", Name = "新处室", Kind = Domain.OrgUnits.OrgUnitKind.Department, ParentId = unit.Id });
        await db.SaveChangesAsync();
        Assert.Equal(1, await db.AuditEntries.CountAsync());
    }

    [Fact]
    public void The_model_has_no_changes_missing_from_the_migrations()
    {
        foreach (var database in new[] { TestDatabase.Sqlite, TestDatabase.Postgres })
        {
            var settings = new DatabaseSettings(Path.GetTempPath(), database == TestDatabase.Postgres ? "Host=localhost;Database=none" : null);
            using var db = new LuoshiDb(settings.BuildOptions());
            Assert.False(db.Database.HasPendingModelChanges(), $"{database}: the model changed; add a migration for both providers");
        }
    }
}
