using System.Text.RegularExpressions;

namespace Luoshi.Cli.Tests;

/// <summary>
/// <c>luoshi bench analytics</c> at a tiny size: the one closing line's shape and DuckDB agreeing with PostgreSQL on the
/// same data — never how fast either was (that is a figure for the README). Without a PostgreSQL server to compare
/// with, the command refuses with a Chinese error and exit code 1.
/// </summary>
public sealed partial class AnalyticsBenchTests
{
    [Theory]
    [ServerDatabases]
    public async Task The_bench_ends_with_one_line_and_both_engines_agree(string database)
    {
        var args = new List<string> { "bench", "analytics", "--schools", "40", "--months", "3", "--elements", "4" };
        if (database == "postgres") args.AddRange(["--database", ServerDatabasesAttribute.CreatePostgresDatabase()]);
        var (exit, output, error) = await LuoshiProcess.RunAsync(args);
        if (database != "postgres")
        {
            Assert.Equal(1, exit);
            Assert.Contains("luoshi: 错误：需要 PostgreSQL 连接串", error);
            Assert.Empty(output);
            return;
        }
        Assert.True(exit == 0, output + error);
        var lines = output.TrimEnd().Split('\n');
        Assert.Matches(ClosingLine(), lines[^1]);
        Assert.Contains(lines, l => l.Contains("结果一致"));
    }

    [GeneratedRegex(@"^engine_s=\d+\.\d+ postgres_s=\d+\.\d+ ratio=\d+(\.\d+)? load_s=\d+\.\d+ memory_mb=\d+$")]
    private static partial Regex ClosingLine();
}
