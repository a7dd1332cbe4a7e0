using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Luoshi.Data;

/// <summary>
/// Sets each SQLite connection up so that an acknowledged write survives a crash: WAL journal,
/// synchronous=FULL (WAL's default NORMAL may lose the last commits on power loss), and a busy timeout
/// so concurrent writers wait instead of failing. Read-only connections (EF Core opens one to see whether the
/// database exists) only get the timeout: switching a file that is not yet in WAL mode, such as a restored backup,
/// is a write, which a read-only connection refuses.
/// </summary>
internal sealed class SqliteDurability : DbConnectionInterceptor
{
    public static SqliteDurability Instance { get; } = new();

    private const string Pragmas = "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA busy_timeout=30000; PRAGMA foreign_keys=ON;";
    private const string ReadOnlyPragmas = "PRAGMA busy_timeout=30000;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData,
        CancellationToken cancellationToken = default)
    {
        Apply(connection);
        return Task.CompletedTask;
    }

    private static void Apply(DbConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = new SqliteConnectionStringBuilder(connection.ConnectionString).Mode == SqliteOpenMode.ReadOnly ? ReadOnlyPragmas
            : Pragmas;
        command.ExecuteNonQuery();
    }
}
