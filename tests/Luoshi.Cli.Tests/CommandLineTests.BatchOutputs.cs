namespace Luoshi.Cli.Tests;

/// <summary><c>plan parse DIR -o OUT</c> run again over the outputs of an earlier run.</summary>
public sealed partial class CommandLineTests
{
    [Fact]
    public async Task Plan_parse_batch_over_a_longer_earlier_output_leaves_exactly_the_new_one()
    {
        using var scope = TemporaryData.Use("cli-rerun");
        var plans = Path.Combine(scope.Path, "plans");
        Directory.CreateDirectory(plans);
        await WritePlanAsync(plans);
        var output = Path.Combine(scope.Path, "输出");
        Directory.CreateDirectory(output);
        var earlier = Path.Combine(output, "要点.json");
        await File.WriteAllTextAsync(earlier, new string('x', 200_000)); // an output far longer than the new one

        var batch = await LuoshiProcess.RunAsync(["plan", "parse", plans, "-o", output, "-q"]);
        var single = await LuoshiProcess.RunAsync(["plan", "parse", Path.Combine(plans, "要点.txt")]);

        Assert.True(batch.ExitCode == 0, batch.Error);
        Assert.True(single.ExitCode == 0, single.Error);
        Assert.Equal(single.Output, await File.ReadAllTextAsync(earlier));
    }
}
