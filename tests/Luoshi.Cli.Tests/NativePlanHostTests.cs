using System.IO.Compression;
using System.Text;
using System.Text.RegularExpressions;

namespace Luoshi.Cli.Tests;

/// <summary>
/// The native <c>plan parse</c> (src/Luoshi.Cli.Plan, which the luoshi script runs for that command) against the managed
/// CLI that the other tests check: for each call the same exit code, the same bytes on standard output, the same standard
/// error and the same files written. Help, usage errors, standard input, single files in every format, a .xlsx task table
/// as input, empty documents and batches (the test corpus and the issue's extra plans). A workbook differs from one run to
/// the next in its relationship ids, part name and time stamps (so it does between two managed runs): those are masked and
/// the parts compared.
/// </summary>
public sealed partial class NativePlanHostTests
{
    private const string PlanText = CommandLineTests.PlanText;

    public static TheoryData<string[], string?> Calls => new()
    {
        { ["plan", "parse", "--help"], null },
        { ["plan", "parse", "-h"], null },
        { ["plan", "parse"], null },
        { ["plan", "parse", "{dir}/要点.txt", "--bogus"], null },
        { ["plan", "parse", "{dir}/要点.txt", "--format", "pdf"], null },
        { ["plan", "parse", "{dir}/要点.txt", "-j", "abc"], null },
        { ["plan", "parse", "{dir}/要点.txt", "-o", ""], null },
        { ["plan", "parse", "a.txt", "b.txt"], null },
        { ["plan", "parse", "-", "a.txt"], null },
        { ["plan", "parse", "--version"], null },
        { ["plan", "parse", "{dir}/没有这个文件.txt"], null },
        { ["plan", "parse", "{dir}"], null },
        { ["plan", "parse", "{dir}/要点.txt", "-o", "{dir}/没有这个目录/要点.json"], null },
        { ["plan", "parse", "-"], PlanText },
        { ["plan", "parse", "-", "-f", "md"], PlanText },
        { ["plan", "parse", "-", "--format", "xlsx"], PlanText },
        { ["plan", "parse", "-"], "" },
        { ["plan", "parse", "-"], " \n\n\t \n" },
        { ["plan", "parse", "-", "-o", "{dir}"], PlanText },
        { ["plan", "parse", "{dir}/要点.txt"], null },
        { ["plan", "parse", "{dir}/要点.txt", "--format", "MD"], null },
        { ["plan", "parse", "{dir}/要点.txt", "-f", "xlsx", "-o", "{out}/要点.xlsx"], null },
        { ["plan", "parse", "{dir}/任务分解表.xlsx"], null },
        { ["plan", "parse", "{dir}/空白.txt", "-o", "{out}/空白.json"], null },
        { ["plan", "parse", "{dir}", "-o", "{out}/批量", "-q"], null },
        { ["plan", "parse", "{dir}", "-o", "{out}/批量", "-f", "md", "-q", "-j", "1"], null },
    };

    [NativePlanHostTheory]
    [MemberData(nameof(Calls))]
    public async Task Plan_parse_answers_natively_exactly_as_the_managed_cli(string[] call, string? input)
    {
        using var scope = TemporaryData.Use("cli-native");
        var plans = Path.Combine(scope.Path, "plans");
        Directory.CreateDirectory(plans);
        await File.WriteAllTextAsync(Path.Combine(plans, "要点.txt"), PlanText);
        await File.WriteAllTextAsync(Path.Combine(plans, "空白.txt"), "\n  \n");
        var workbook = await LuoshiProcess.RunBinaryAsync(["plan", "parse", "-", "-f", "xlsx"], Encoding.UTF8.GetBytes(PlanText));
        Assert.True(workbook.ExitCode == 0, workbook.Error);
        await File.WriteAllBytesAsync(Path.Combine(plans, "任务分解表.xlsx"), workbook.Output);

        var managed = await RunAsync(call, input, plans, Path.Combine(scope.Path, "managed"), native: false);
        var native = await RunAsync(call, input, plans, Path.Combine(scope.Path, "native"), native: true);

        Assert.Equal(managed.ExitCode, native.ExitCode);
        Assert.Equal(managed.Error, native.Error);
        Assert.Equal(Comparable(managed.Output), Comparable(native.Output));
        Assert.Equal(managed.Files.Keys, native.Files.Keys);
        foreach (var (name, content) in managed.Files)
        {
            Assert.True(Comparable(content) == Comparable(native.Files[name]), $"{name} 不同");
        }
    }

    [NativePlanHostFact]
    public async Task A_batch_of_the_test_corpora_gives_the_same_bytes_natively()
    {
        using var scope = TemporaryData.Use("cli-native-corpus");
        var data = Path.Combine(NginxSite.RepositoryRoot(), "tests", "Data");
        List<string> inputs = [Path.Combine(data, "corpus", "plans"), Path.Combine(data, "corpus-more", "plans")];
        foreach (var format in new[] { "json", "md" })
        {
            var managed = Path.Combine(scope.Path, $"managed-{format}");
            var native = Path.Combine(scope.Path, $"native-{format}");
            var one = await LuoshiProcess.RunBinaryAsync(["plan", "parse", .. inputs, "-o", managed, "-f", format, "-q"]);
            var other = await LuoshiProcess.RunBinaryAsync(["plan", "parse", .. inputs, "-o", native, "-f", format, "-q"], native: true);
            Assert.True(one.ExitCode == 0, one.Error);
            Assert.True(other.ExitCode == 0, other.Error);
            var expected = Files(managed);
            Assert.True(expected.Count >= 30, $"{expected.Count} 个输出");
            var actual = Files(native);
            Assert.Equal(expected.Keys, actual.Keys);
            foreach (var (name, content) in expected)
            {
                Assert.True(content.AsSpan().SequenceEqual(actual[name]), $"{format}：{name} 不同");
            }
        }
    }

    private static async Task<(int ExitCode, byte[] Output, string Error, SortedDictionary<string, byte[]> Files)> RunAsync(
        string[] call, string? input, string plans, string output, bool native)
    {
        Directory.CreateDirectory(output);
        var args = call.Select(a => a.Replace("{dir}", plans, StringComparison.Ordinal).Replace("{out}", output, StringComparison.Ordinal)).ToList();
        var run = await LuoshiProcess.RunBinaryAsync(args, input is null ? null : Encoding.UTF8.GetBytes(input), native: native);
        var outputs = Files(output);
        // A batch's or a single file's written name carries the folder: the same relative names are compared.
        return (run.ExitCode, run.Output, run.Error.Replace(output, "{out}", StringComparison.Ordinal), outputs);
    }

    /// <summary>The bytes as text to compare; a workbook (a zip) as its parts with the per-run values masked.</summary>
    private static string Comparable(byte[] content)
    {
        if (content is not [(byte)'P', (byte)'K', ..])
        {
            return Convert.ToBase64String(content);
        }

        using var zip = new ZipArchive(new MemoryStream(content), ZipArchiveMode.Read);
        var parts = new StringBuilder();
        foreach (var entry in zip.Entries.OrderBy(e => PerRun().Replace(e.FullName, "…"), StringComparer.Ordinal))
        {
            using var reader = new StreamReader(entry.Open());
            parts.Append(PerRun().Replace(entry.FullName, "…")).Append('\n').Append(PerRun().Replace(reader.ReadToEnd(), "…")).Append('\n');
        }

        return parts.ToString();
    }

    /// <summary>What OpenXml makes anew in every workbook: relationship ids, the core properties' part name, the time stamps.</summary>
    [GeneratedRegex(@"\bR[0-9a-f]{16}\b|[0-9a-f]{32}(?=\.psmdcp)|\d{4}-\d\d-\d\dT[\d:.]+Z")]
    private static partial Regex PerRun();

    private static SortedDictionary<string, byte[]> Files(string folder) =>
        new(Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .ToDictionary(f => Path.GetRelativePath(folder, f), File.ReadAllBytes), StringComparer.Ordinal);
}

/// <summary>
/// A test of the native plan host (<c>LUOSHI_TEST_PLAN_NATIVE</c>, which test.sh builds and sets): skipped with the reason
/// when it is missing, except under <c>CI=true</c>, where it runs and fails loudly.
/// </summary>
public sealed class NativePlanHostFactAttribute : FactAttribute
{
    public NativePlanHostFactAttribute() => Skip = NativePlanHost.SkipReason;
}

/// <inheritdoc cref="NativePlanHostFactAttribute"/>
public sealed class NativePlanHostTheoryAttribute : TheoryAttribute
{
    public NativePlanHostTheoryAttribute() => Skip = NativePlanHost.SkipReason;
}

internal static class NativePlanHost
{
    public static string? SkipReason =>
        string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase) || LuoshiProcess.NativePlanHost is not null
            ? null
            : "没有 plan parse 的本机版本（LUOSHI_TEST_PLAN_NATIVE，由 test.sh 用 ./luoshi 构建），本机版本的测试不运行";
}
