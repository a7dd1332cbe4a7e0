using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Luoshi.Data;

/// <summary>Where Luoshi keeps its data: an embedded SQLite file under the data directory, or a PostgreSQL server.</summary>
public sealed record DatabaseSettings(string DataDirectory, string? PostgresConnection)
{
    public bool IsPostgres => !string.IsNullOrWhiteSpace(PostgresConnection);

    public string SqliteFile => Path.Combine(Path.GetFullPath(DataDirectory), "luoshi.db");

    public string SqliteConnection => new SqliteConnectionStringBuilder
    {
        DataSource = SqliteFile,
        Pooling = true,
        ForeignKeys = true,
        DefaultTimeout = 30,
    }.ToString();

    /// <summary>A folder every instance reaches (a shared mount) for attachments; null: <c>DATA/attachments</c>.</summary>
    public string? AttachmentsFolder { get; init; }

    /// <summary>Attachments' content kept in the database (<c>attachment_chunks</c>) rather than in a folder.</summary>
    public bool AttachmentsInDatabase { get; init; }

    /// <summary>Where attachments are stored: the shared folder when one is set, else <c>DATA/attachments</c>.</summary>
    public string AttachmentsRoot => string.IsNullOrWhiteSpace(AttachmentsFolder) ? LocalAttachmentsRoot : Path.GetFullPath(AttachmentsFolder);

    /// <summary>The data folder's own attachments, where files stored before a shared folder was set still are.</summary>
    public string LocalAttachmentsRoot => Path.Combine(Path.GetFullPath(DataDirectory), "attachments");

    public string Describe() => IsPostgres ? "PostgreSQL" : $"SQLite ({SqliteFile})";

    /// <summary>Points EF Core at the chosen database and at that provider's migrations.</summary>
    public void Configure(DbContextOptionsBuilder options)
    {
        if (IsPostgres)
        {
            options.UseNpgsql(PostgresTuned(PostgresConnection!), o => o.MigrationsAssembly("Luoshi.Data.Postgres"));
        }
        else
        {
            Directory.CreateDirectory(Path.GetFullPath(DataDirectory));
            options.UseSqlite(SqliteConnection, o => o.MigrationsAssembly("Luoshi.Data.Sqlite"));
            options.AddInterceptors(SqliteDurability.Instance);
        }
        options.AddInterceptors(Caching.DataVersionBump.Instance);
    }

    /// <summary>
    /// The PostgreSQL connection string with what a busy server needs unless it says otherwise: pooled connections, the
    /// statements EF sends again and again prepared once per connection (parsed and planned once, not on every request), and
    /// no reset of a connection handed back to the pool. Luoshi leaves no state on a connection (no SET, no session advisory
    /// lock outside <see cref="StartupLock"/>, which releases its own; no temporary tables), so the reset's seven statements
    /// (RESET ALL, CLOSE ALL, UNLISTEN *, …) that would open the next request's first query were pure cost: on a page sent
    /// from the page cache they were half the database's work.
    /// </summary>
    public static string PostgresTuned(string connection)
    {
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(connection);
        var said = connection.Replace(" ", "", StringComparison.Ordinal).ToLowerInvariant();
        if (!said.Contains("maxautoprepare", StringComparison.Ordinal)) builder.MaxAutoPrepare = 100;
        if (!said.Contains("autoprepareminusages", StringComparison.Ordinal)) builder.AutoPrepareMinUsages = 2;
        if (!said.Contains("noresetonclose", StringComparison.Ordinal)) builder.NoResetOnClose = true;
        return builder.ConnectionString;
    }

    public DbContextOptions<LuoshiDb> BuildOptions()
    {
        var builder = new DbContextOptionsBuilder<LuoshiDb>();
        Configure(builder);
        return builder.Options;
    }
}
