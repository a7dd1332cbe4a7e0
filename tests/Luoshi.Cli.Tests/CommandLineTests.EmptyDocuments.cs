namespace Luoshi.Cli.Tests;

/// <summary><c>plan parse</c> on a document with no text: a warning, exit code 1, and no output written.</summary>
public sealed partial class CommandLineTests
{
    [Fact]
    public async Task Plan_parse_warns_of_an_empty_document_on_standard_input_and_exits_with_1()
    {
        foreach (var input in new[] { "", " \n\n\t \n" })
        {
            var run = await LuoshiProcess.RunAsync(["plan", "parse", "-"], input);
            Assert.True(run.ExitCode == 1, $"«{input}»: {run.ExitCode}\n{run.Error}");
            Assert.Equal("", run.Output);
            Assert.Equal("luoshi: 警告：标准输入：空文档，没有可解析的内容，未写入任何内容\n", run.Error);
        }
    }

    [Fact]
    public async Task Plan_parse_warns_of_an_empty_file_writes_nothing_for_it_and_exits_with_1_in_a_batch_too()
    {
        using var scope = TemporaryData.Use("cli-empty");
        var plans = Path.Combine(scope.Path, "plans");
        Directory.CreateDirectory(plans);
        await WritePlanAsync(plans);
        var empty = Path.Combine(plans, "空白.txt");
        await File.WriteAllTextAsync(empty, "\n  \n");

        var target = Path.Combine(scope.Path, "空白.json");
        var single = await LuoshiProcess.RunAsync(["plan", "parse", empty, "-o", target]);
        Assert.True(single.ExitCode == 1, single.Error);
        Assert.Equal($"luoshi: 警告：{empty}：空文档，没有可解析的内容，未写入任何内容\n", single.Error);
        Assert.False(File.Exists(target));

        var output = Path.Combine(scope.Path, "输出");
        var batch = await LuoshiProcess.RunAsync(["plan", "parse", plans, "-o", output, "-q"]);
        Assert.True(batch.ExitCode == 1, batch.Error);
        Assert.Contains($"luoshi: 警告：{empty}：空文档，没有可解析的内容，未写入任何内容", batch.Error);
        AssertOneStyle(batch.Error);
        Assert.True(File.Exists(Path.Combine(output, "要点.json")));
        Assert.False(File.Exists(Path.Combine(output, "空白.json")));
    }
}
