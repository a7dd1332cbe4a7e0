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

    /// <summary>Runs every statement of the script embedded in <paramref name="provider"/> (separated by lines of <c>--;;</c>).</summary>
    public static void Create(MigrationBuilder migration, Assembly provider)
    {
        using var stream = provider.GetManifestResourceStream("quartz-schema.sql")
            ?? throw new InvalidOperationException($"{provider.GetName().Name} 中缺少 quartz-schema.sql");
        using var reader = new StreamReader(stream);
        foreach (var statement in reader.ReadToEnd().Split("--;;"))
        {
            var sql = string.Join('\n', statement.Split('\n').Where(l => !l.TrimStart().StartsWith("--", StringComparison.Ordinal))).Trim();
            if (sql.Length > 0) migration.Sql(sql);
        }
    }
}
