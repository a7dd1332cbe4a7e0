using Luoshi.Application.Demo;
using Luoshi.Domain.People;
using Luoshi.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Luoshi.Web.Tests;

/// <summary>The tests' own demo cities: each copy holds the city once, keeps its changes to itself, and goes when disposed.</summary>
public sealed class DemoAppsTests
{
    [Theory, Databases]
    public async Task A_copy_holds_the_demo_city_once_and_keeps_its_changes_to_itself(TestDatabase database)
    {
        await using var first = await DemoApps.OwnAsync(database);
        await using var second = await DemoApps.OwnAsync(database);
        var accounts = DemoCity.Accounts.Select(a => a.UserName).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(accounts, (await first.WithDbAsync(db => db.Users.Select(u => u.UserName).ToListAsync())).Order(StringComparer.Ordinal));
        Assert.Equal(1, await first.WithDbAsync(db => db.OrgUnits.CountAsync(u => u.Code == "Q01")));
        await first.SignedInAsync("jiangdong");

        var name = await first.AddUserAsync(Role.District, "Q01");
        await first.SignedInAsync(name);
        Assert.False(await second.WithDbAsync(db => db.Users.AnyAsync(u => u.UserName == name)));
        Assert.Equal(accounts, (await second.WithDbAsync(db => db.Users.Select(u => u.UserName).ToListAsync())).Order(StringComparer.Ordinal));
    }

    [Theory, Databases]
    public async Task Disposing_a_copy_deletes_its_data_folder_and_database(TestDatabase database)
    {
        var app = await DemoApps.OwnAsync(database);
        var folder = app.DataDirectory;
        var postgres = app.PostgresConnection is null ? null : new NpgsqlConnectionStringBuilder(app.PostgresConnection).Database;
        await app.SignedInAsync("admin");
        await app.DisposeAsync();

        Assert.False(Directory.Exists(folder), $"{folder} is still there");
        if (postgres is null) return;
        await using var server = new NpgsqlConnection(Databases.PostgresServer);
        await server.OpenAsync();
        await using var query = new NpgsqlCommand("SELECT count(*) FROM pg_database WHERE datname = @name", server);
        query.Parameters.AddWithValue("name", postgres);
        Assert.Equal(0L, await query.ExecuteScalarAsync());
    }
}
