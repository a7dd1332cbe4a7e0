using System.Reflection;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Luoshi.Data.Jobs;

/// <summary>
/// Quartz.NET's job store tables (prefix <see cref="Prefix"/>), created by the app's own migrations on both providers
/// from the script each provider project embeds as <c>quartz-schema.sql</c>: the scheduler finds them there and never
/// creates tables itself.
/// </summary>
public static class QuartzTables
{
    public const string Prefix = "qrtz_";

    /// <summary>Runs every statement of the script embedded in <paramref name="provider"/> (separated by lines reading exactly <c>--;;</c>; comment lines dropped).</summary>
    public static void Create(MigrationBuilder migration, Assembly provider)
    {
        using var stream = provider.GetManifestResourceStream("quartz-schema.sql")
            ?? throw new InvalidOperationException($"{provider.GetName().Name} 中缺少 quartz-schema.sql");
        using var reader = new StreamReader(stream);
        var statement = new List<string>();
        while (reader.ReadLine() is { } line)
        {
            if (line.Trim() == "--;;")
            {
                Run(migration, statement);
                continue;
            }
            if (!line.TrimStart().StartsWith("--", StringComparison.Ordinal)) statement.Add(line);
        }
        Run(migration, statement);
    }

    private static void Run(MigrationBuilder migration, List<string> lines)
    {
        var sql = string.Join('\n', lines).Trim();
        if (sql.Length > 0) migration.Sql(sql);
        lines.Clear();
    }
}
