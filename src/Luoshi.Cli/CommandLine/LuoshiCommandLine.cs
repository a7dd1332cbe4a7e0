using System.CommandLine;
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
    public static RootCommand Create()
    {
        var root = new RootCommand(CommandLineRunner.ProgramDescription)
        {
            ServeCommand.Create(),
            CommandLineRunner.Group("user", "管理用户", UserAddCommand.Create()),
            PlanParseCommand.Group(),
            BackupCommand.CreateBackup(),
            BackupCommand.CreateRestore(),
            CommandLineRunner.Group("attachments", "佐证附件", AttachmentsMigrateCommand.Create()),
            CommandLineRunner.Group("jobs", "定时任务", Jobs.JobsRunCommand.Create()),
            CommandLineRunner.Group("bench", "基准测试", LoadCommand.Create(), AnalyticsCommand.Create()),
            CompletionCommand.Create(),
        };
        root.Add(HelpCommand(root));
        CommandLineRunner.Install(root);
        return HelpPage.WithNotes(root, """
            用 luoshi 命令 --help 查看每个命令的用法，例如 luoshi plan parse --help。
            退出码：0 成功；1 执行失败（文件无法读写、数据库无法打开等）；2 用法错误。
            环境变量：LUOSHI_DATABASE（PostgreSQL 连接串）；LUOSHI_DEBUG=1 时意外错误附带详细信息。
            """);
    }

    /// <summary>Parses <paramref name="args"/> and runs the command; usage errors are printed in Chinese with exit code 2.</summary>
    public static Task<int> RunAsync(string[] args) => CommandLineRunner.RunAsync(Create(), args);

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
            var alone = CommandLineRunner.Parse(root, named);
            if (alone.UnmatchedTokens.Count > 0 || alone.Tokens.Any(t => t.Type != System.CommandLine.Parsing.TokenType.Command))
            {
                var known = alone.CommandResult.Command;
                var word = named.Skip(alone.Tokens.TakeWhile(t => t.Type == System.CommandLine.Parsing.TokenType.Command).Count()).First();
                return CliOutput.UsageError(HelpPage.PathOf(command), [UsageErrors.NotACommand(known, word)]);
            }

            return CommandLineRunner.Parse(root, [.. named, "--help"]).Invoke();
        });
        return command;
    }
}
