using Microsoft.EntityFrameworkCore;

namespace Luoshi.Data.Search;

/// <summary>
/// Full-text search over plans, tasks and reports for Chinese, which has no spaces between words. On SQLite: FTS5
/// tables with the trigram tokenizer, kept in step by triggers; on PostgreSQL: pg_trgm indexes serve LIKE (see the
/// SearchIndexes migration). Queries shorter than three characters, which trigrams cannot match, fall back to LIKE.
/// </summary>
public sealed class TextSearch(LuoshiDb db)
{
    private static readonly (string Table, string Source, string Body)[] Indexes =
    [
        ("fts_plans", "plans", "new.\"Title\""),
        ("fts_tasks", "tasks", "new.\"Title\" || ' ' || new.\"Text\""),
        ("fts_reports", "reports", "new.\"Narrative\""),
    ];

    /// <summary>Creates the SQLite search tables and triggers if missing, and rebuilds a table that is out of step.</summary>
    public async Task EnsureAsync(CancellationToken ct = default)
    {
        if (!db.Database.IsSqlite()) return;
        foreach (var (table, source, body) in Indexes)
        {
            // Triggers are (re)created on every start: EF rebuilds a SQLite table for some schema changes, and drops its triggers then.
            var ddl = $"""
                CREATE VIRTUAL TABLE IF NOT EXISTS {table} USING fts5(body, tokenize = 'trigram');
                CREATE TRIGGER IF NOT EXISTS {table}_ai AFTER INSERT ON {source} BEGIN
                  INSERT INTO {table}(rowid, body) VALUES (new."Id", {body});
                END;
                CREATE TRIGGER IF NOT EXISTS {table}_au AFTER UPDATE ON {source} BEGIN
                  DELETE FROM {table} WHERE rowid = old."Id";
                  INSERT INTO {table}(rowid, body) VALUES (new."Id", {body});
                END;
                CREATE TRIGGER IF NOT EXISTS {table}_ad AFTER DELETE ON {source} BEGIN
                  DELETE FROM {table} WHERE rowid = old."Id";
                END;
                """;
            await db.Database.ExecuteSqlRawAsync(ddl, ct);
            // Table names come from the constant list above, never from input.
            string countIndexed = $"SELECT count(*) AS \"Value\" FROM {table}", countRows = $"SELECT count(*) AS \"Value\" FROM {source}";
            var indexed = await db.Database.SqlQueryRaw<long>(countIndexed).SingleAsync(ct);
            var rows = await db.Database.SqlQueryRaw<long>(countRows).SingleAsync(ct);
            if (indexed != rows)
            {
                var select = body.Replace("new.", "", StringComparison.Ordinal);
                string rebuild = $"DELETE FROM {table}; INSERT INTO {table}(rowid, body) SELECT \"Id\", {select} FROM {source};";
                await db.Database.ExecuteSqlRawAsync(rebuild, ct);
            }
        }
    }

    /// <summary>
    /// Ids of plans, tasks and reports whose text contains the query, as subqueries the caller filters by what it may
    /// see (so no match is cut off before the access rules apply); null when the caller should use LIKE.
    /// </summary>
    public (IQueryable<int> Plans, IQueryable<int> Tasks, IQueryable<int> Reports)? Match(string query)
    {
        if (!db.Database.IsSqlite() || query.Length < 3) return null;
        var phrase = "\"" + query.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
        // The table name is one of ours; the user's words go in as a parameter.
        IQueryable<int> Ids(string table)
        {
            string sql = $"SELECT rowid AS \"Value\" FROM {table} WHERE {table} MATCH {{0}}";
            return db.Database.SqlQueryRaw<int>(sql, phrase);
        }
        return (Ids("fts_plans"), Ids("fts_tasks"), Ids("fts_reports"));
    }
}
