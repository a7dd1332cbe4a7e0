using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Luoshi.Data;

/// <summary>
/// Sets each SQLite connection up so that an acknowledged write survives a crash: WAL journal,
/// synchronous=FULL (WAL's default NORMAL may lose the last commits on power loss), and a busy timeout
/// so concurrent writers wait instead of failing. Read-only connections (EF Core opens one to see whether the
/// database exists) only get the timeout: switching a file that is not yet in WAL mode, such as a restored backup,
/// is a write, which a read-only connection refuses. The pool keeps the underlying connection open, and these settings with it,
/// so each one is set up once, not on every open (EF opens a connection per query).
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

    /// <summary>The underlying SQLite connections already set up; they leave the table when the pool lets them go.</summary>
    private static readonly ConditionalWeakTable<object, object> Prepared = [];

    private static void Apply(DbConnection connection)
    {
        if (connection is SqliteConnection { Handle: { } handle })
        {
            if (Prepared.TryGetValue(handle, out _)) return;
            Prepared.AddOrUpdate(handle, Prepared);
        }
        using var command = connection.CreateCommand();
        command.CommandText = new SqliteConnectionStringBuilder(connection.ConnectionString).Mode == SqliteOpenMode.ReadOnly ? ReadOnlyPragmas
            : Pragmas;
        command.ExecuteNonQuery();
    }
}
