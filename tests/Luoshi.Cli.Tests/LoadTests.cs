using Luoshi.Cli.Bench;

namespace Luoshi.Cli.Tests;

/// <summary>
/// A short run of <c>luoshi bench load</c> (the long one is a separate command, see README): reads with many
/// connections and district users submitting reports at once, with no error and no acknowledged report lost.
/// It checks behaviour only: how many requests a loaded machine manages in the time is a figure for
/// <c>./luoshi bench load</c> and the README, never an assertion.
/// </summary>
public sealed class LoadTests
{
    [Fact]
    public async Task Concurrent_reading_and_reporting_loses_nothing_and_fails_nothing()
    {
        var data = Path.Combine(Path.GetTempPath(), "luoshi-load-test-" + Guid.NewGuid().ToString("N")[..8]);
        var output = new StringWriter();
        try
        {
            var result = await LoadCommand.MeasureAsync(seconds: 3, connections: 16, users: 40, data, database: null, output, warmupSeconds: 2);
            Assert.True(result.Passed, output.ToString());
            // Both kinds of request really ran (however few a busy machine managed), so "nothing lost" is not vacuous.
            Assert.True(result.ReadRequests > 0, output.ToString());
            Assert.True(result.Acknowledged > 0, output.ToString());
            Assert.Equal(result.Acknowledged, result.Stored);
            Assert.Contains("预热：2 秒", output.ToString());
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try { Directory.Delete(data, recursive: true); } catch (IOException) { }
        }
    }
}
