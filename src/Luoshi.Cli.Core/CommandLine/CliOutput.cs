namespace Luoshi.Cli.CommandLine;

/// <summary>The CLI's exit codes, as every command's help names them.</summary>
public static class ExitCodes
{
    public const int Ok = 0;

    /// <summary>The command ran and failed: a file that cannot be read or written, a database that cannot be opened.</summary>
    public const int Failed = 1;

    /// <summary>The command was called wrongly: an unknown option, a bad value, a missing argument.</summary>
    public const int Usage = 2;
}

/// <summary>The one home of the prefix that every message of the CLI on standard error carries.</summary>
public static class CliOutput
{
    public const string Prefix = "luoshi: ";

    /// <summary>Writes <c>luoshi: 错误：…</c> to standard error and returns <see cref="ExitCodes.Failed"/>.</summary>
    public static int Error(string message)
    {
        Console.Error.WriteLine($"{Prefix}错误：{message}");
        return ExitCodes.Failed;
    }

    public static void Warning(string message) => Console.Error.WriteLine($"{Prefix}警告：{message}");

    /// <summary>Writes a usage mistake and where to read the command's help; returns <see cref="ExitCodes.Usage"/>.</summary>
    public static int UsageError(string commandPath, IEnumerable<string> messages)
    {
        foreach (var message in messages.Distinct(StringComparer.Ordinal))
        {
            Console.Error.WriteLine($"{Prefix}错误：{message}");
        }

        Console.Error.WriteLine($"{Prefix}用 {commandPath} --help 查看用法。");
        return ExitCodes.Usage;
    }
}
