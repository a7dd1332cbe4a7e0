using Luoshi.Data;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Luoshi.Web.Tests.Infrastructure;

/// <summary>
/// Where one test app keeps its data: a data folder (the SQLite file, the attachments) and,
/// on PostgreSQL, a database of its own on the test server. Made empty or as a copy of a template; deleted with its app.
/// </summary>
public sealed class TestStore : IDisposable
{
    private int deleted;

    private TestStore(TestDatabase database, string dataDirectory, string? postgresConnection)
    {
        Database = database;
        DataDirectory = dataDirectory;
        PostgresConnection = postgresConnection;
    }

    public TestDatabase Database { get; }

    public string DataDirectory { get; }

    public string? PostgresConnection { get; }

    private string? PostgresDatabase => PostgresConnection is null ? null : new NpgsqlConnectionStringBuilder(PostgresConnection).Database;

    private string SqliteConnectionString => new DatabaseSettings(DataDirectory, null).SqliteConnection;

    /// <summary>A fresh, empty store: a new data folder and, on PostgreSQL, a new database.</summary>
    public static TestStore CreateEmpty(TestDatabase database)
    {
        var (dataDirectory, postgres) = Databases.CreateEmpty(database);
        return new TestStore(database, dataDirectory, postgres);
    }

    /// <summary>
    /// The same store reached without connection pooling, for an app that must leave no connection open when it is
    /// disposed: PostgreSQL copies a database only while nobody is connected to it.
    /// </summary>
    public TestStore Unpooled() => PostgresConnection is null ? this
        : new TestStore(Database, DataDirectory, new NpgsqlConnectionStringBuilder(PostgresConnection) { Pooling = false }.ConnectionString);

    /// <summary>
    /// Makes the store copyable once its app is disposed: no pooled connection left, and the SQLite file complete in
    /// itself (the write-ahead log checkpointed into it and the journal switched back from WAL, so there is no -wal file
    /// to copy along; the app switches a copy to WAL again when it opens it).
    /// </summary>
    public void Settle()
    {
        if (PostgresConnection is not null)
        {
            NpgsqlConnection.ClearPool(new NpgsqlConnection(PostgresConnection));
            return;
        }
        SqliteConnection.ClearPool(new SqliteConnection(SqliteConnectionString));
        var file = new DatabaseSettings(DataDirectory, null).SqliteFile;
        using (var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Pooling = false }.ToString()))
        {
            connection.Open();
            using var checkpoint = connection.CreateCommand();
            checkpoint.CommandText = "PRAGMA wal_checkpoint(TRUNCATE)";
            using (var result = checkpoint.ExecuteReader())
            {
                if (!result.Read() || result.GetInt64(0) != 0)
                    throw new InvalidOperationException($"the template {file} is still in use: its log could not be checkpointed");
            }
            using var journal = connection.CreateCommand();
            journal.CommandText = "PRAGMA journal_mode=DELETE";
            if (journal.ExecuteScalar() as string != "delete")
                throw new InvalidOperationException($"the template {file} could not leave WAL mode");
        }
        if (File.Exists(file + "-wal"))
            throw new InvalidOperationException($"the template {file} still has a write-ahead log");
    }

    /// <summary>
    /// The same database seen by a second instance: on PostgreSQL a data folder of its own (as on another machine); on
    /// SQLite, whose file lives in the data folder, the same folder. Deleting it deletes nothing (the first store owns it).
    /// </summary>
    public TestStore SecondInstance()
    {
        if (PostgresConnection is null) return new TestStore(Database, DataDirectory, null) { deleted = 1 };
        var dataDirectory = Path.Combine(Path.GetTempPath(), "luoshi-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dataDirectory);
        return new TestStore(Database, dataDirectory, PostgresConnection) { deleted = 1 };
    }

    /// <summary>A copy of a settled template: its data folder copied file by file and, on PostgreSQL, <c>CREATE DATABASE … TEMPLATE</c>.</summary>
    public static TestStore CopyOf(TestStore template)
    {
        var dataDirectory = Path.Combine(Path.GetTempPath(), "luoshi-tests", Guid.NewGuid().ToString("N"));
        CopyFolder(template.DataDirectory, dataDirectory);
        if (template.PostgresConnection is null) return new TestStore(template.Database, dataDirectory, null);

        var name = "luoshi_t_" + Guid.NewGuid().ToString("N")[..16];
        Databases.Execute($"CREATE DATABASE {name} TEMPLATE {template.PostgresDatabase}");
        var copy = new NpgsqlConnectionStringBuilder(Databases.PostgresServer) { Database = name }.ConnectionString;
        return new TestStore(template.Database, dataDirectory, copy);
    }

    private static void CopyFolder(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from))
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        foreach (var folder in Directory.GetDirectories(from))
            CopyFolder(folder, Path.Combine(to, Path.GetFileName(folder)));
    }

    public void Dispose() => Delete();

    /// <summary>Deletes the data folder and drops the PostgreSQL database; safe to call more than once.</summary>
    public void Delete()
    {
        if (Interlocked.Exchange(ref deleted, 1) == 1) return;
        if (PostgresConnection is not null)
        {
            NpgsqlConnection.ClearPool(new NpgsqlConnection(PostgresConnection));
            try { Databases.Execute($"DROP DATABASE IF EXISTS {PostgresDatabase} WITH (FORCE)"); } catch (NpgsqlException) { }
        }
        else
        {
            SqliteConnection.ClearPool(new SqliteConnection(SqliteConnectionString));
        }
        try { Directory.Delete(DataDirectory, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
