using Npgsql;

namespace Luoshi.Data;

/// <summary>
/// One instance at a time brings the database up to date (migrations, search setup, the first data): the others wait here until it
/// is done and then find nothing left to do. On PostgreSQL a session advisory lock on the database (released when the holder
/// ends, even if killed); on the embedded database an exclusive lock on <c>DATA/startup.lock</c> (several processes on one data folder).
/// </summary>
public sealed class StartupLock : IAsyncDisposable
{
    /// <summary>The advisory lock's key ("Luoshi start"); advisory locks belong to one database, so other databases on the server do not wait.</summary>
    public const long PostgresKey = 0x4C756F7368690001;

    private readonly NpgsqlConnection? connection;
    private readonly FileStream? file;

    private StartupLock(NpgsqlConnection? connection, FileStream? file)
    {
        this.connection = connection;
        this.file = file;
    }

    /// <summary>Waits (as long as it takes; <paramref name="waiting"/> is called once if another instance holds the lock) and takes the lock.</summary>
    public static async Task<StartupLock> AcquireAsync(DatabaseSettings settings, Action? waiting = null, CancellationToken ct = default)
    {
        if (settings.IsPostgres)
        {
            var connection = new NpgsqlConnection(settings.PostgresConnection);
            try
            {
                await connection.OpenAsync(ct);
                if (await ExecuteAsync(connection, "SELECT pg_try_advisory_lock(@key)", ct) is not true)
                {
                    waiting?.Invoke();
                    await ExecuteAsync(connection, "SELECT pg_advisory_lock(@key)", ct);
                }
                return new StartupLock(connection, null);
            }
            catch
            {
                await connection.DisposeAsync();
                throw;
            }
        }

        var path = Path.Combine(Path.GetFullPath(settings.DataDirectory), "startup.lock");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var told = false;
        while (true)
        {
            try
            {
                return new StartupLock(null, new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
            }
            catch (IOException) when (!ct.IsCancellationRequested)
            {
                if (!told) waiting?.Invoke();
                told = true;
                await Task.Delay(TimeSpan.FromMilliseconds(200), ct);
            }
        }
    }

    private static async Task<object?> ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        command.Parameters.AddWithValue("key", PostgresKey);
        return await command.ExecuteScalarAsync(ct);
    }

    public async ValueTask DisposeAsync()
    {
        if (connection is not null)
        {
            try
            {
                await ExecuteAsync(connection, "SELECT pg_advisory_unlock(@key)", CancellationToken.None);
            }
            finally
            {
                await connection.DisposeAsync();
            }
        }
        if (file is not null) await file.DisposeAsync();
    }
}
