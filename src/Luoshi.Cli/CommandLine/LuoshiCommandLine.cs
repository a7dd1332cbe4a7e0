using System.CommandLine;
using System.Globalization;
using Luoshi.Cli.Bench;
using Luoshi.Cli.Hosting;
using Luoshi.Cli.People;
using Luoshi.Cli.Plans;

namespace Luoshi.Cli.CommandLine;

/// <summary>
/// The one parser of the <c>luoshi</c> command line: every command, its help in Chinese, usage errors (exit code 2),
/// <c>--version</c> and shell completion.
/// </summary>
public static class LuoshiCommandLine
{
    private static readonly ParserConfiguration Parsing = new()
    {
        // "@file" is a file name to parse here, never a file of further arguments.
        ResponseFileTokenReplacer = null,
    };

    public static RootCommand Create()
    {
        var root = new RootCommand("落实 Luoshi —— 教育工作任务落实平台")
        {
            ServeCommand.Create(),
            Group("user", "管理用户", UserAddCommand.Create()),
            Group("plan", "工作计划文档", PlanParseCommand.Create()),
            BackupCommand.CreateBackup(),
            BackupCommand.CreateRestore(),
            Group("attachments", "佐证附件", AttachmentsMigrateCommand.Create()),
            Group("jobs", "定时任务", Jobs.JobsRunCommand.Create()),
            Group("bench", "基准测试", LoadCommand.Create(), AnalyticsCommand.Create()),
            CompletionCommand.Create(),
        };
        root.Add(HelpCommand(root));
        UsageErrors.RefuseUnknownOptions(root);
        HelpPage.Install(root);
        VersionText.Install(root);
        root.SetAction(result => new HelpPage().Invoke(result));
        return HelpPage.WithNotes(root, """
            用 luoshi 命令 --help 查看每个命令的用法，例如 luoshi plan parse --help。
            退出码：0 成功；1 执行失败（文件无法读写、数据库无法打开等）；2 用法错误。
            环境变量：LUOSHI_DATABASE（PostgreSQL 连接串）；LUOSHI_DEBUG=1 时意外错误附带详细信息。
            """);
    }

    /// <summary>Parses <paramref name="args"/> and runs the command; usage errors are printed in Chinese with exit code 2.</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        var root = Create();
        var result = Parse(root, args);
        if (result.Errors.Count > 0 && result.Action is not { ClearsParseErrors: true })
        {
            return CliOutput.UsageError(HelpPage.PathOf(result.CommandResult.Command), UsageErrors.Describe(result));
        }

        try
        {
            // Ctrl+C and SIGTERM stay with the commands (the web host stops gracefully on them), not System.CommandLine.
            var invocation = new InvocationConfiguration { EnableDefaultExceptionHandler = false, ProcessTerminationTimeout = null };
            return await result.InvokeAsync(invocation);
        }
        catch (OperationCanceledException)
        {
            return CliOutput.Error("已取消");
        }
        catch (Exception e)
        {
            CliOutput.Error($"意外错误（{e.GetType().Name}）：{e.Message}");
            if (Environment.GetEnvironmentVariable("LUOSHI_DEBUG") == "1")
            {
                Console.Error.WriteLine(e);
            }

            return ExitCodes.Failed;
        }
    }

    /// <summary>
    /// Parses with the invariant UI culture, so that System.CommandLine's own messages are never its partial Chinese
    /// translation: <see cref="UsageErrors"/> recognises and words them.
    /// </summary>
    private static ParseResult Parse(RootCommand root, string[] args)
    {
        var culture = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.InvariantCulture;
        try
        {
            return root.Parse(args, Parsing);
        }
        finally
        {
            CultureInfo.CurrentUICulture = culture;
        }
    }

    /// <summary>A command that only groups others: alone it prints its help, listing them.</summary>
    private static Command Group(string name, string description, params Command[] subcommands)
    {
        var group = new Command(name, description);
        foreach (var subcommand in subcommands)
        {
            group.Add(subcommand);
        }

        group.SetAction(result => new HelpPage().Invoke(result));
        return group;
    }

    /// <summary><c>luoshi help [命令...]</c>: the help of the named command, as <c>--help</c> after it prints it.</summary>
    private static Command HelpCommand(RootCommand root)
    {
        var words = new Argument<string[]>("command")
        {
            HelpName = "命令",
            Description = "要查看帮助的命令，如 plan parse",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var command = new Command("help", "显示命令的帮助") { words };
        command.SetAction(result =>
        {
            // The words must name a command: parsed alone first, so "help nothing" is a usage error (exit 2), not the root help.
            string[] named = result.GetValue(words) ?? [];
            var alone = Parse(root, named);
            if (alone.UnmatchedTokens.Count > 0 || alone.Tokens.Any(t => t.Type != System.CommandLine.Parsing.TokenType.Command))
            {
                var known = alone.CommandResult.Command;
                var word = named.Skip(alone.Tokens.TakeWhile(t => t.Type == System.CommandLine.Parsing.TokenType.Command).Count()).First();
                return CliOutput.UsageError(HelpPage.PathOf(command), [UsageErrors.NotACommand(known, word)]);
            }

            return root.Parse([.. named, "--help"], Parsing).Invoke();
        });
        return command;
    }
}
