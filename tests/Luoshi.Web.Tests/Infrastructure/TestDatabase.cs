using System.Reflection;
using Npgsql;
using Xunit.Sdk;

namespace Luoshi.Web.Tests.Infrastructure;

/// <summary>The databases integration tests run on.</summary>
public enum TestDatabase
{
    Sqlite,
    Postgres,
}

/// <summary>
/// Runs a test once per database: SQLite always; PostgreSQL when the test command started one
/// (<c>LUOSHI_TEST_POSTGRES</c>), and always under <c>CI=true</c>, where a missing server must fail the run.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class DatabasesAttribute : DataAttribute
{
    public override IEnumerable<object[]> GetData(MethodInfo testMethod)
    {
        yield return [TestDatabase.Sqlite];
        if (Databases.PostgresServer is not null || Databases.IsCi)
            yield return [TestDatabase.Postgres];
    }
}

/// <summary>
/// A test of several instances, which only PostgreSQL has (SQLite is one instance): it runs when the test command started a
/// PostgreSQL server, and always under <c>CI=true</c> (where a missing server fails it); otherwise it is reported skipped.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        if (Databases.PostgresServer is null && !Databases.IsCi) Skip = "没有 PostgreSQL（LUOSHI_TEST_POSTGRES），多实例测试不运行（SQLite 只有一个实例）";
    }
}

public static class Databases
{
    public static string? PostgresServer => Environment.GetEnvironmentVariable("LUOSHI_TEST_POSTGRES") is { Length: > 0 } s ? s : null;

    public static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>A fresh, empty database: a new SQLite data folder, or a new database on the test PostgreSQL server.</summary>
    public static (string DataDirectory, string? PostgresConnection) CreateEmpty(TestDatabase database)
    {
        var dataDirectory = Path.Combine(Path.GetTempPath(), "luoshi-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dataDirectory);
        if (database == TestDatabase.Sqlite) return (dataDirectory, null);

        var server = PostgresServer ?? throw new InvalidOperationException(
            "PostgreSQL 测试需要 LUOSHI_TEST_POSTGRES（由测试命令启动的 PostgreSQL 服务器的连接串）");
        var name = "luoshi_t_" + Guid.NewGuid().ToString("N")[..16];
        Execute($"CREATE DATABASE {name} ENCODING 'UTF8' TEMPLATE template0");
        return (dataDirectory, new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString);
    }

    /// <summary>Runs a statement on the test PostgreSQL server's own database (creating and dropping test databases).</summary>
    public static void Execute(string sql)
    {
        using var connection = new NpgsqlConnection(PostgresServer);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
