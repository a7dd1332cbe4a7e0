using System.CommandLine;
using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Luoshi.Cli.CommandLine;
using Luoshi.Web;

namespace Luoshi.Cli.Tests;

/// <summary>
/// The command line as a user meets it, through the real built <c>luoshi</c>: help in Chinese on every command, exit
/// codes (0 done, 1 failed, 2 called wrongly) with Chinese messages in one style and never a stack trace, standard
/// input where a command reads it (and no waiting for it where a command does not), <c>--version</c> and bash completion.
/// Nothing long-running is started: bad calls are refused before a server or a load run would begin.
/// </summary>
public sealed partial class CommandLineTests
{
    internal const string PlanText = """
        江州市教育局2026年工作要点
        一、加强党的建设
        1. 全年开展专题培训不少于12次，2026年6月底前完成。（责任单位：组织人事处）
        二、推进义务教育优质均衡发展
        2. 新建改扩建中小学校5所，新增学位6000个。（牵头单位：基础教育处）
        """;

    /// <summary>Every command and subcommand the program has, as the words that call it (<c>["plan", "parse"]</c>).</summary>
    private static List<string[]> AllCommandPaths()
    {
        var paths = new List<string[]>();
        void Walk(Command command, string[] path)
        {
            paths.Add(path);
            foreach (var subcommand in command.Subcommands)
            {
                Walk(subcommand, [.. path, subcommand.Name]);
            }
        }

        Walk(LuoshiCommandLine.Create(), []);
        return paths;
    }

    [Fact]
    public async Task Every_command_and_subcommand_answers_help_in_Chinese_with_exit_code_0()
    {
        var paths = AllCommandPaths();
        Assert.Contains(paths, p => p.SequenceEqual(["serve"]));
        Assert.Contains(paths, p => p.SequenceEqual(["plan", "parse"]));
        var runs = await Task.WhenAll(paths.Select(async path => (Path: path, Run: await LuoshiProcess.RunAsync([.. path, "--help"]))));
        foreach (var (path, (exitCode, output, error)) in runs)
        {
            var shown = string.Join(' ', ["luoshi", .. path]);
            Assert.True(exitCode == 0, $"{shown} --help: {exitCode}\n{error}");
            Assert.Equal("", error);
            Assert.Contains($"用法：{shown}", output);
            Assert.Contains("选项：", output);
            Assert.Contains("-h, -?, --help", output);
            Assert.DoesNotContain("Usage:", output);
            Assert.DoesNotContain("Options:", output);
            Assert.DoesNotContain("Show help", output);
        }
    }

    [Fact]
    public void Every_command_option_and_argument_is_described_in_Chinese()
    {
        var root = LuoshiCommandLine.Create();
        var symbols = new List<Symbol>();
        void Walk(Command command)
        {
            symbols.Add(command);
            symbols.AddRange(command.Options);
            symbols.AddRange(command.Arguments);
            foreach (var subcommand in command.Subcommands)
            {
                Walk(subcommand);
            }
        }

        Walk(root);
        Assert.All(symbols, s => Assert.True(s.Description?.Any(c => c is >= '\u4E00' and <= '\u9FFF') == true, $"{s.Name}：{s.Description}"));
    }

    [Theory]
    [InlineData("plan", "parse")]
    [InlineData("user", "add")]
    [InlineData("bench", "load")]
    [InlineData("bench", "analytics")]
    [InlineData("jobs", "run")]
    [InlineData("attachments", "migrate")]
    public async Task A_command_that_groups_others_alone_lists_them(string group, string subcommand)
    {
        var (exitCode, output, error) = await LuoshiProcess.RunAsync([group]);
        Assert.True(exitCode == 0, error);
        Assert.Contains("命令：", output);
        Assert.Contains($"  {subcommand} ", output);
    }

    [Fact]
    public async Task Luoshi_alone_and_luoshi_help_list_the_commands_and_help_names_a_command()
    {
        foreach (var args in new[] { Array.Empty<string>(), ["--help"], ["-h"], ["help"] })
        {
            var (exitCode, output, _) = await LuoshiProcess.RunAsync(args);
            Assert.Equal(0, exitCode);
            foreach (var command in new[] { "serve", "user", "plan", "backup", "restore", "jobs", "bench", "completion" })
            {
                Assert.Contains($"  {command} ", output);
            }
        }

        var help = await LuoshiProcess.RunAsync(["help", "plan", "parse"]);
        Assert.Equal(0, help.ExitCode);
        Assert.Contains("用法：luoshi plan parse", help.Output);
    }

    [Theory]
    [InlineData(new[] { "bench", "load", "--seconds", "abc" }, "--seconds 应为 1 到 86400 之间的整数，收到“abc”")]
    [InlineData(new[] { "bench", "load", "--connections", "0" }, "--connections 应为 1 到 4096 之间的整数")]
    [InlineData(new[] { "bench", "load", "--users", "-5" }, "--users 应为")]
    [InlineData(new[] { "bench", "load", "--seconds" }, "选项 --seconds 需要一个值")]
    [InlineData(new[] { "bench", "load", "extra" }, "多余的参数“extra”")]
    [InlineData(new[] { "bench", "run" }, "未知命令“run”")]
    [InlineData(new[] { "bench", "analytics", "--months", "13" }, "--months 应为 1 到 12 之间的整数，收到“13”")]
    [InlineData(new[] { "serv" }, "未知命令“serv”，是不是要用 serve？")]
    [InlineData(new[] { "serve", "--urls", "localhost" }, "--urls 的地址“localhost”无效")]
    [InlineData(new[] { "serve", "--bogus" }, "luoshi serve 没有选项“--bogus”")]
    [InlineData(new[] { "serve", "--data", "" }, "--data 的值不能为空")]
    [InlineData(new[] { "plan", "parse" }, "缺少参数 <文件|目录|->")]
    [InlineData(new[] { "plan", "parse", "要点.txt", "--format", "pdf" }, "不支持的格式“pdf”，可用：json、md、xlsx")]
    [InlineData(new[] { "plan", "parse", "要点.txt", "-j", "abc" }, "-j 应为 1 到 256 之间的整数，收到“abc”")]
    [InlineData(new[] { "plan", "parse", "要点.txt", "--bogus" }, "luoshi plan parse 没有选项“--bogus”")]
    [InlineData(new[] { "plan", "parse", "a.txt", "b.txt" }, "解析多个文件或目录时需要用 -o 指定输出目录")]
    [InlineData(new[] { "plan", "parse", "要点.txt", "-o", "" }, "-o 的值不能为空")]
    [InlineData(new[] { "user", "add", "zhang", "--role", "admin", "--password-stdin", "--org", "" }, "--org 的值不能为空")]
    [InlineData(new[] { "plan", "parse", "-", "a.txt" }, "“-”（标准输入）只能单独使用")]
    [InlineData(new[] { "user", "add", "zhang", "--role", "nobody", "--password-stdin" }, "--role 应为 admin")]
    [InlineData(new[] { "user", "add", "zhang", "--role", "admin" }, "请用 --password-stdin 从标准输入提供密码")]
    [InlineData(new[] { "user", "add", "--role", "admin", "--password-stdin" }, "缺少参数 <用户名>")]
    [InlineData(new[] { "backup" }, "缺少参数 <文件>")]
    [InlineData(new[] { "restore", "a.zip", "b.zip" }, "多余的参数“b.zip”")]
    [InlineData(new[] { "completion", "zsh" }, "不支持的 shell“zsh”，目前只支持 bash")]
    [InlineData(new[] { "jobs", "run", "--date", "2026-13-01" }, "--date 应写作 YYYY-MM-DD，例如 2026-10-09，收到“2026-13-01”")]
    [InlineData(new[] { "jobs", "run", "--bogus" }, "luoshi jobs run 没有选项“--bogus”")]
    [InlineData(new[] { "jobs", "go" }, "未知命令“go”")]
    [InlineData(new[] { "attachments", "migrate", "--folder", "" }, "--folder 的值不能为空")]
    [InlineData(new[] { "attachments", "migrate", "extra" }, "多余的参数“extra”")]
    [InlineData(new[] { "help", "nothing" }, "未知命令“nothing”")]
    [InlineData(new[] { "help", "plan", "pars" }, "未知命令“pars”，是不是要用 parse？")]
    [InlineData(new[] { "help", "serve", "extra" }, "多余的参数“extra”")]
    public async Task A_wrong_call_is_a_usage_error_in_Chinese_with_exit_code_2(string[] args, string message)
    {
        var (exitCode, output, error) = await LuoshiProcess.RunAsync(args);
        Assert.True(exitCode == 2, $"{exitCode}\n{output}\n{error}");
        Assert.Equal("", output);
        Assert.Contains($"luoshi: 错误：{message}", error);
        // The longest command the words name (luoshi bench run → luoshi bench).
        var command = string.Join(' ', AllCommandPaths().Where(p => args.Take(p.Length).SequenceEqual(p)).MaxBy(p => p.Length)!);
        Assert.EndsWith($"luoshi: 用 {string.Join(' ', new[] { "luoshi", command }.Where(w => w.Length > 0))} --help 查看用法。\n", error);
        AssertOneStyle(error);
    }

    [Fact]
    public async Task Version_names_the_version_and_the_git_commit()
    {
        foreach (var option in new[] { "--version", "-V" })
        {
            var (exitCode, output, _) = await LuoshiProcess.RunAsync([option]);
            Assert.Equal(0, exitCode);
            if (InGitCheckout())
            {
                Assert.Matches(VersionLine(), output.Trim());
            }
            else
            {
                Assert.Matches(@"^luoshi \d+\.\d+\.\d+（提交未知：构建时没有 git）$", output.Trim());
            }
        }
    }

    [Fact]
    public async Task Plan_parse_reads_standard_input_for_a_dash_as_it_reads_a_file()
    {
        using var scope = TemporaryData.Use("cli-stdin");
        var folder = scope.Path;
        var file = await WritePlanAsync(folder);
        foreach (var format in new[] { "json", "md" })
        {
            var fromFile = await LuoshiProcess.RunAsync(["plan", "parse", file, "--format", format]);
            var fromStdin = await LuoshiProcess.RunAsync(["plan", "parse", "-", "--format", format], PlanText);
            Assert.True(fromStdin.ExitCode == 0, fromStdin.Error);
            Assert.Equal(fromFile.Output, fromStdin.Output);
        }

        var json = await LuoshiProcess.RunAsync(["plan", "parse", "-"], PlanText);
        using var plan = JsonDocument.Parse(json.Output);
        Assert.Equal("江州市教育局2026年工作要点", plan.RootElement.GetProperty("title").GetString());
        Assert.True(plan.RootElement.GetProperty("items").GetArrayLength() >= 2);

        var written = Path.Combine(folder, "标准输入.md");
        var toFile = await LuoshiProcess.RunAsync(["plan", "parse", "-", "-f", "md", "-o", written], PlanText);
        Assert.True(toFile.ExitCode == 0, toFile.Error);
        Assert.Contains("江州市教育局2026年工作要点", await File.ReadAllTextAsync(written));
    }

    [Fact]
    public async Task Plan_parse_writes_xlsx_to_a_pipe_and_refuses_a_terminal()
    {
        using var scope = TemporaryData.Use("cli-xlsx");
        var folder = scope.Path;
        var file = await WritePlanAsync(folder);

        var piped = await LuoshiProcess.RunBinaryAsync(["plan", "parse", file, "--format", "xlsx"]);
        Assert.True(piped.ExitCode == 0, piped.Error);
        Assert.Equal("PK\u0003\u0004"u8.ToArray(), piped.Output.Take(4));

        var fromStdin = await LuoshiProcess.RunBinaryAsync(["plan", "parse", "-", "--format", "xlsx"], Encoding.UTF8.GetBytes(PlanText));
        Assert.True(fromStdin.ExitCode == 0, fromStdin.Error);
        Assert.Equal("PK\u0003\u0004"u8.ToArray(), fromStdin.Output.Take(4));

        // script(1) gives the program a terminal as its standard output.
        var (exitCode, screen) = await OnTerminalAsync(folder, ["plan", "parse", file, "--format", "xlsx"]);
        Assert.True(exitCode == 2, screen);
        Assert.Contains("luoshi: 错误：xlsx 是二进制文件，不能写到终端", screen);
        Assert.DoesNotContain("PK", screen);
        Assert.Empty(Directory.EnumerateFiles(folder, "*.xlsx", SearchOption.AllDirectories));

        var markdown = await OnTerminalAsync(folder, ["plan", "parse", file, "--format", "md"]);
        Assert.True(markdown.ExitCode == 0, markdown.Screen);
        Assert.Contains("江州市教育局2026年工作要点", markdown.Screen);
    }

    [Fact]
    public async Task Plan_parse_fails_with_exit_code_1_on_a_missing_input_and_an_output_into_a_missing_folder()
    {
        using var scope = TemporaryData.Use("cli-missing");
        var folder = scope.Path;
        var file = await WritePlanAsync(folder);
        var missingInput = Path.Combine(folder, "没有这个文件.txt");
        var (exitCode, output, error) = await LuoshiProcess.RunAsync(["plan", "parse", missingInput]);
        Assert.Equal(1, exitCode);
        Assert.Equal("", output);
        Assert.Equal($"luoshi: 错误：找不到文件或目录“{missingInput}”\n", error);

        var missingFolder = Path.Combine(folder, "没有这个目录");
        foreach (var args in new[]
        {
            new[] { "plan", "parse", file, "-o", Path.Combine(missingFolder, "要点.json") },
            ["plan", "parse", file, "-f", "xlsx", "-o", Path.Combine(missingFolder, "要点.xlsx")],
            ["plan", "parse", "-", "-o", Path.Combine(missingFolder, "要点.json")],
            ["plan", "parse", folder, "-o", Path.Combine(missingFolder, "输出")],
        })
        {
            var run = await LuoshiProcess.RunAsync(args, args.Contains("-") ? PlanText : null);
            Assert.True(run.ExitCode == 1, $"{string.Join(' ', args)}: {run.ExitCode}\n{run.Error}");
            Assert.Contains($"luoshi: 错误：输出目录“{missingFolder}”不存在，未写入任何内容", run.Error);
            AssertOneStyle(run.Error);
            Assert.False(Directory.Exists(missingFolder));
        }

        // A batch creates its output folder when the folder above it is there.
        var batch = await LuoshiProcess.RunAsync(["plan", "parse", folder, "-o", Path.Combine(folder, "输出"), "-q"]);
        Assert.True(batch.ExitCode == 0, batch.Error);
        Assert.True(File.Exists(Path.Combine(folder, "输出", "要点.json")));
    }

    [Fact]
    public async Task User_add_reads_the_password_from_standard_input()
    {
        using var scope = TemporaryData.Use("cli-user");
        var data = scope.Path;
        // An empty database has no unit to put the user in: a failure (1), not a usage error.
        var empty = await LuoshiProcess.RunAsync(["user", "add", "zhang", "--role", "district", "--password-stdin", "--data", data], "");
        Assert.Equal(1, empty.ExitCode);
        Assert.Equal("luoshi: 错误：数据库中还没有单位，请先运行 luoshi serve 初始化\n", empty.Error);

        var app = LuoshiApp.Build(["--urls=http://127.0.0.1:0", $"--Luoshi:Data={data}", "--Logging:LogLevel:Default=Warning"]);
        await LuoshiApp.PrepareAsync(app);
        await app.DisposeAsync();

        var name = "u" + Guid.NewGuid().ToString("N")[..8];
        var created = await LuoshiProcess.RunAsync(
            ["user", "add", name, "--role", "leader", "--name", "张三", "--password-stdin", "--data", data], "Jiangzhou-2026-Secret!\n");
        Assert.True(created.ExitCode == 0, created.Error);
        Assert.Contains($"已创建用户 {name}", created.Output);

        var again = await LuoshiProcess.RunAsync(
            ["user", "add", name, "--role", "leader", "--password-stdin", "--data", data], "Jiangzhou-2026-Secret!\n");
        Assert.Equal(1, again.ExitCode);
        Assert.StartsWith("luoshi: 错误：", again.Error);
        AssertOneStyle(again.Error);

        var noPassword = await LuoshiProcess.RunAsync(["user", "add", name + "x", "--role", "leader", "--password-stdin", "--data", data], "");
        Assert.Equal(1, noPassword.ExitCode);
        Assert.StartsWith("luoshi: 错误：", noPassword.Error);
    }

    /// <summary>
    /// Commands that take no input end without touching standard input, which <see cref="LuoshiProcess.RunAsync"/> leaves
    /// open: waiting for it would hang the run. Each fails before anything long-running would start.
    /// </summary>
    [Fact]
    public async Task Serve_backup_and_restore_fail_with_exit_code_1_in_Chinese_without_waiting_for_input()
    {
        using var scope = TemporaryData.Use("cli-fail");
        var data = scope.Path;
        var missingBackup = Path.Combine(data, "没有这个备份.zip");
        var cases = new (string[] Args, string Message)[]
        {
            (["backup", Path.Combine(data, "备份.zip"), "--data", data], "luoshi: 错误：找不到数据库 "),
            (["restore", missingBackup, "--data", data], $"luoshi: 错误：找不到备份文件 {missingBackup}"),
            (["serve", "--urls", "http://127.0.0.1:0", "--data", "/dev/null/luoshi"], "luoshi: 错误：无法打开数据库："),
            (["serve", "--urls", "http://127.0.0.1:0", "--data", data, "--database", "Host=127.0.0.1;Port=1;Username=x;Database=x;Timeout=5"],
                "luoshi: 错误：无法打开数据库："),
        };
        foreach (var (args, message) in cases)
        {
            var (exitCode, _, error) = await LuoshiProcess.RunAsync(args);
            Assert.True(exitCode == 1, $"{string.Join(' ', args)}: {exitCode}\n{error}");
            Assert.StartsWith(message, error);
            AssertOneStyle(error);
        }

        Assert.False(File.Exists(Path.Combine(data, "备份.zip")));
    }

    [Fact]
    public async Task Bash_completion_asks_the_program_for_commands_options_and_values()
    {
        using var scope = TemporaryData.Use("cli-completion");
        var folder = scope.Path;
        var (exitCode, script, _) = await LuoshiProcess.RunAsync(["completion", "bash"]);
        Assert.Equal(0, exitCode);
        Assert.Contains($"complete -o default -o bashdefault -F {CompletionCommand.BashFunction} luoshi ./luoshi", script);
        var scriptFile = Path.Combine(folder, "luoshi.bash");
        await File.WriteAllTextAsync(scriptFile, script);

        string[] lines =
        [
            "luoshi pl",
            "luoshi plan ",
            "luoshi plan parse 要点.txt --format ",
            "luoshi user add zhang --role d",
            "luoshi serve --d",
            "luoshi serve ",
            "luoshi bench load --sec",
        ];
        var test = new StringBuilder();
        test.AppendLine($"luoshi() {{ {LuoshiProcess.ShellCommand([])} \"$@\"; }}");
        test.AppendLine($"source '{scriptFile}'");
        foreach (var line in lines)
        {
            // As bash sets them for the function when Tab is pressed at the end of the line.
            test.AppendLine($"COMP_LINE='{line}'; COMP_POINT=${{#COMP_LINE}}; read -ra COMP_WORDS <<< \"$COMP_LINE\"");
            test.AppendLine("[[ \"$COMP_LINE\" == *' ' ]] && COMP_WORDS+=('')");
            test.AppendLine("COMP_CWORD=$((${#COMP_WORDS[@]} - 1)); _luoshi_complete");
            test.AppendLine("echo \"$COMP_LINE|${COMPREPLY[*]}\"");
        }

        var testFile = Path.Combine(folder, "test.bash");
        await File.WriteAllTextAsync(testFile, test.ToString());
        var answers = await RunBashAsync(testFile);
        Assert.Equal("plan", answers["luoshi pl"]);
        Assert.Equal("parse", answers["luoshi plan "]);
        Assert.Equal("json md xlsx", answers["luoshi plan parse 要点.txt --format "]);
        Assert.Equal("department district", answers["luoshi user add zhang --role d"]);
        Assert.Equal("--data --database --demo", answers["luoshi serve --d"]);
        Assert.Equal("", answers["luoshi serve "]);
        Assert.Equal("--seconds", answers["luoshi bench load --sec"]);
    }

    /// <summary><see cref="PlanText"/> as the file 要点.txt in <paramref name="folder"/>.</summary>
    private static async Task<string> WritePlanAsync(string folder)
    {
        var file = Path.Combine(folder, "要点.txt");
        await File.WriteAllTextAsync(file, PlanText);
        return file;
    }

    /// <summary>Every line on standard error carries the one prefix, and none is a stack trace.</summary>
    private static void AssertOneStyle(string error)
    {
        foreach (var line in error.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            Assert.StartsWith("luoshi: ", line);
        }

        Assert.DoesNotContain("   at ", error);
        Assert.DoesNotContain("Exception", error);
    }

    private static async Task<(int ExitCode, string Screen)> OnTerminalAsync(string folder, string[] args)
    {
        var info = new ProcessStartInfo("script", ["-qec", LuoshiProcess.ShellCommand(args), "/dev/null"])
        {
            RedirectStandardOutput = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = folder,
            StandardOutputEncoding = Encoding.UTF8,
        };
        using var process = Process.Start(info)!;
        process.StandardInput.Close();
        var screen = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(3));
        return (process.ExitCode, screen);
    }

    private static async Task<Dictionary<string, string>> RunBashAsync(string file)
    {
        var info = new ProcessStartInfo("bash", [file])
        {
            RedirectStandardOutput = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
        };
        using var process = Process.Start(info)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(3));
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split('|', 2))
            .ToDictionary(parts => parts[0], parts => parts[1]);
    }

    /// <summary>Whether the tests were built in a git checkout (CI's is a clone), where the build knows its commit.</summary>
    private static bool InGitCheckout()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (Path.Exists(Path.Combine(folder.FullName, ".git")))
            {
                return true;
            }
        }

        return false;
    }

    [GeneratedRegex(@"^luoshi \d+\.\d+\.\d+（提交 [0-9a-f]{40}）$")]
    private static partial Regex VersionLine();
}
