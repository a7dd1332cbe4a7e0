using System.CommandLine;
using System.Globalization;

namespace Luoshi.Cli.CommandLine;

/// <summary>
/// How a <c>luoshi</c> command line is parsed and run, shared by the managed CLI (every command) and the native
/// <c>plan parse</c> host: Chinese help and usage errors (exit code 2), <c>--version</c>, the handling of unexpected errors.
/// </summary>
public static class CommandLineRunner
{
    /// <summary>What the program's help says it is.</summary>
    public const string ProgramDescription = "落实 Luoshi —— 教育工作任务落实平台";

    private static readonly ParserConfiguration Parsing = new()
    {
        // "@file" is a file name to parse here, never a file of further arguments.
        ResponseFileTokenReplacer = null,
    };

    /// <summary>Chinese help on every command, refusal of unknown options, <c>--version</c>; the root alone prints its help.</summary>
    public static void Install(RootCommand root)
    {
        UsageErrors.RefuseUnknownOptions(root);
        HelpPage.Install(root);
        VersionText.Install(root);
        root.SetAction(result => new HelpPage().Invoke(result));
    }

    /// <summary>Parses <paramref name="args"/> and runs the command; usage errors are printed in Chinese with exit code 2.</summary>
    public static async Task<int> RunAsync(RootCommand root, string[] args)
    {
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
    public static ParseResult Parse(RootCommand root, IReadOnlyList<string> args)
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
    public static Command Group(string name, string description, params Command[] subcommands)
    {
        var group = new Command(name, description);
        foreach (var subcommand in subcommands)
        {
            group.Add(subcommand);
        }

        group.SetAction(result => new HelpPage().Invoke(result));
        return group;
    }
}
