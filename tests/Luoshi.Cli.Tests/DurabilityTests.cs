using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Reflection;
using Luoshi.Data;
using Luoshi.Web;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace Luoshi.Cli.Tests;

/// <summary>
/// What a bureau relies on: a report the server acknowledged is kept, even when the server process dies in the
/// middle of a burst of writes. The server runs as its own process and is killed with SIGKILL.
/// </summary>
public sealed class DurabilityTests(ITestOutputHelper log)
{
    private const int Burst = 150;
    private const int Writers = 8;

    [Theory, ServerDatabases]
    public async Task Every_acknowledged_report_survives_killing_the_server_mid_burst(string database)
    {
        var data = TemporaryData.Create("durability");
        var postgres = database == "postgres" ? ServerDatabasesAttribute.CreatePostgresDatabase() : null;
        try
        {
            var acknowledged = new ConcurrentBag<ReportingWorkload.Report>();
            var attempted = new ConcurrentBag<string>();
            int[] tasks;
            string marker, password;
            var inFlightAtKill = 0;
            int serverId;
            using (var server = await LuoshiProcess.ServeAsync(data, postgres, demo: true))
            {
                password = server.DemoPassword ?? throw new InvalidOperationException("没有显示演示密码：\n" + server.Output);
                var workload = await ReportingWorkload.PrepareAsync(server, password);
                (tasks, marker) = (workload.TaskIds, workload.Marker);
                serverId = server.Id;

                // The kill comes from the writer whose acknowledgement reaches the burst size; the others are mid-request.
                var killed = 0;
                var burst = workload.BurstAsync(Writers, acknowledged, attempted, _ =>
                {
                    if (acknowledged.Count >= Burst && Interlocked.Exchange(ref killed, 1) == 0)
                    {
                        inFlightAtKill = attempted.Count - acknowledged.Count;
                        server.Kill();
                    }
                }, CancellationToken.None);
                await burst.WaitAsync(TimeSpan.FromMinutes(3));
                Assert.Equal(1, killed);
                await AssertNothingAnswersAsync(server.Url);
            }
            Assert.True(acknowledged.Count >= Burst);
            Assert.True(inFlightAtKill > 0, "the server was killed while no write was in flight");

            using (var restarted = await LuoshiProcess.ServeAsync(data, postgres))
            {
                Assert.NotEqual(serverId, restarted.Id);
                var district = await restarted.SignedInAsync("jiangdong", password);
                var stored = await ReportingWorkload.StoredAsync(district, tasks, marker);
                foreach (var report in acknowledged)
                {
                    Assert.True(stored.TryGetValue(report.Id, out var kept), $"已确认的报送 {report.Id}（{report.Period}）在重启后不见了");
                    Assert.Equal(report, kept);
                }
                // Nothing beyond what was sent: at most the writes that were in flight are there unacknowledged.
                log.WriteLine($"{database}: {acknowledged.Count} acknowledged, {inFlightAtKill} in flight at the kill, {stored.Count} stored after the restart");
                Assert.InRange(stored.Count, acknowledged.Count, acknowledged.Count + inFlightAtKill);
                Assert.All(stored.Values, r => Assert.Contains(r.Narrative, attempted));

                // The restarted server takes writes again.
                var after = await district.PostAsJsonAsync($"/api/v1/tasks/{tasks[0]}/reports", new { period = "2000-01", progress = 100, narrative = marker + " 重启后报送" });
                await after.JsonAsync();
            }

            if (postgres is null) AssertSqliteFileIsSound(data);
        }
        finally
        {
            TemporaryData.Delete(data);
        }
    }

    /// <summary>
    /// WAL with synchronous=FULL is what makes a commit durable on power loss (a killed process keeps the OS cache; a
    /// lost machine does not). Each opening of a connection must set it, also when the pool hands back a connection
    /// whose settings were changed, through the web app's own services and the command line's options alike.
    /// </summary>
    [Fact]
    public async Task Every_connection_to_the_embedded_database_is_opened_in_WAL_with_synchronous_FULL()
    {
        var data = TemporaryData.Create("pragmas");
        try
        {
            var app = LuoshiApp.Build(["--urls=http://127.0.0.1:0", $"--Luoshi:Data={data}"]);
            await LuoshiApp.PrepareAsync(app);
            var settings = app.Services.GetRequiredService<DatabaseSettings>();
            for (var round = 0; round < 3; round++)
            {
                // Several contexts at once, so the pool holds several physical connections; each is checked on its first open
                // and again when the pool hands it out in the next rounds (the settings are made once per physical connection).
                var scopes = Enumerable.Range(0, 6).Select(_ => app.Services.CreateScope()).ToList();
                var contexts = scopes.Select(s => s.ServiceProvider.GetRequiredService<LuoshiDb>()).Append(new LuoshiDb(settings.BuildOptions())).ToList();
                foreach (var db in contexts) await db.Database.OpenConnectionAsync();
                foreach (var db in contexts)
                {
                    var connection = db.Database.GetDbConnection();
                    Assert.Equal("wal", await PragmaAsync(connection, "journal_mode"));
                    Assert.Equal("2", await PragmaAsync(connection, "synchronous"));
                    Assert.Equal("1", await PragmaAsync(connection, "foreign_keys"));
                    Assert.Equal("30000", await PragmaAsync(connection, "busy_timeout"));
                    await db.Database.CloseConnectionAsync();
                }
                foreach (var db in contexts) await db.DisposeAsync();
                foreach (var scope in scopes) scope.Dispose();
            }

            // And a query that opens its connection by itself.
            using (var scope = app.Services.CreateScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<LuoshiDb>();
                Assert.Equal(2L, await db.Database.SqlQueryRaw<long>("SELECT synchronous AS Value FROM pragma_synchronous").SingleAsync());
            }
            await app.DisposeAsync();
        }
        finally
        {
            TemporaryData.Delete(data);
        }
    }

    private static async Task<string?> PragmaAsync(System.Data.Common.DbConnection connection, string pragma)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA {pragma}";
        return (await command.ExecuteScalarAsync())?.ToString();
    }

    private static async Task AssertNothingAnswersAsync(string url)
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        await Assert.ThrowsAsync<HttpRequestException>(() => client.GetAsync(url + "/healthz"));
    }

    private static void AssertSqliteFileIsSound(string data)
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(data, "luoshi.db")};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA integrity_check";
        Assert.Equal("ok", command.ExecuteScalar());
        command.CommandText = "PRAGMA journal_mode";
        Assert.Equal("wal", command.ExecuteScalar());
    }
}

/// <summary>Temporary data folders for servers started by the tests.</summary>
public static class TemporaryData
{
    public static string Create(string purpose)
    {
        var data = Path.Combine(Path.GetTempPath(), "luoshi-tests", $"{purpose}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(data);
        return data;
    }

    public static void Delete(string data)
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(data, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    /// <summary>A folder of the test's own, deleted when the test is done with it (<c>using var folder = …</c>).</summary>
    public static Folder Use(string purpose) => new(Create(purpose));

    public sealed record Folder(string Path) : IDisposable
    {
        public void Dispose() => Delete(Path);
    }
}

/// <summary>
/// Runs a server test on SQLite, and on PostgreSQL when the test command started one (<c>LUOSHI_TEST_POSTGRES</c>),
/// or always under <c>CI=true</c>, where a missing server must fail the run.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class ServerDatabasesAttribute : DataAttribute
{
    private static string? Server => Environment.GetEnvironmentVariable("LUOSHI_TEST_POSTGRES") is { Length: > 0 } s ? s : null;

    public override IEnumerable<object[]> GetData(MethodInfo testMethod)
    {
        yield return ["sqlite"];
        if (Server is not null || string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
            yield return ["postgres"];
    }

    /// <summary>A new, empty database on the test PostgreSQL server.</summary>
    public static string CreatePostgresDatabase()
    {
        var server = Server ?? throw new InvalidOperationException("PostgreSQL 测试需要 LUOSHI_TEST_POSTGRES");
        var name = "luoshi_d_" + Guid.NewGuid().ToString("N")[..16];
        using (var connection = new NpgsqlConnection(server))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = $"CREATE DATABASE {name} ENCODING 'UTF8' TEMPLATE template0";
            command.ExecuteNonQuery();
        }
        return new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
    }
}
