using System.CommandLine;
using System.CommandLine.Parsing;

namespace Luoshi.Cli.CommandLine;

/// <summary>
/// Turns System.CommandLine's parse errors into Chinese. The CLI's own checks (custom parsers and validators) already
/// report in Chinese; the library's own errors (parsed with the invariant culture, so they are never half translated)
/// are recognised by where they sit: an unknown word, an option without its value, a missing argument.
/// </summary>
public static class UsageErrors
{
    public static IEnumerable<string> Describe(ParseResult result)
    {
        var unmatched = new Queue<string>(result.UnmatchedTokens);
        foreach (var error in result.Errors)
        {
            yield return Arity(error.SymbolResult) ?? (IsChinese(error.Message) ? error.Message : Translate(error, unmatched));
        }
    }

    /// <summary>Too few or too many values: checked by the library before any of the CLI's own checks run.</summary>
    private static string? Arity(SymbolResult? result) => result switch
    {
        OptionResult option when option.Tokens.Count == 0 && option.Option.Arity.MinimumNumberOfValues > 0 =>
            $"选项 {Name(option)} 需要一个值",
        OptionResult option when option.Tokens.Count > option.Option.Arity.MaximumNumberOfValues =>
            $"选项 {Name(option)} 只能给一个值",
        ArgumentResult argument when argument.Tokens.Count < argument.Argument.Arity.MinimumNumberOfValues =>
            $"缺少参数 <{argument.Argument.HelpName ?? argument.Argument.Name}>：{argument.Argument.Description}",
        _ => null,
    };

    private static string Translate(ParseError error, Queue<string> unmatched) => error.SymbolResult switch
    {
        OptionResult { Option: VersionOption } => "--version 不能与其他参数一起使用",
        OptionResult option => $"选项 {Name(option)} 的值“{string.Join(' ', option.Tokens.Select(t => t.Value))}”无效",
        ArgumentResult argument => $"参数 <{argument.Argument.HelpName ?? argument.Argument.Name}> 的值无效",
        CommandResult command when unmatched.TryDequeue(out var token) => Unknown(command.Command, token),
        _ => $"命令行有误（{error.Message}）",
    };

    /// <summary>
    /// Makes every argument of <paramref name="command"/> and its subcommands refuse words that look like options: an
    /// option a command does not have would otherwise be taken as a file or user name.
    /// </summary>
    public static void RefuseUnknownOptions(Command command)
    {
        foreach (var argument in command.Arguments)
        {
            argument.Validators.Add(result =>
            {
                foreach (var token in result.Tokens.Where(t => t.Value.Length > 1 && t.Value.StartsWith('-')))
                {
                    result.AddError($"{HelpPage.PathOf(command)} 没有选项“{token.Value}”");
                }
            });
        }

        foreach (var subcommand in command.Subcommands)
        {
            RefuseUnknownOptions(subcommand);
        }
    }

    /// <summary>A word after <c>luoshi help …</c> that names no subcommand of <paramref name="command"/>.</summary>
    public static string NotACommand(Command command, string word) => Unknown(command, word);

    private static string Unknown(Command command, string token)
    {
        if (token.StartsWith('-'))
        {
            return $"{HelpPage.PathOf(command)} 没有选项“{token}”";
        }

        var near = command.Subcommands.Where(c => !c.Hidden && IsNear(c.Name, token)).Select(c => c.Name).ToList();
        return command.Subcommands.Count == 0 || command.Arguments.Count > 0
            ? $"多余的参数“{token}”"
            : $"未知命令“{token}”" + (near.Count > 0 ? $"，是不是要用 {string.Join("、", near)}？" : "");
    }

    /// <summary>A subcommand the user may have meant: sharing its first two letters, or one letter apart.</summary>
    private static bool IsNear(string name, string typed) =>
        (typed.Length >= 2 && name.StartsWith(typed[..2], StringComparison.OrdinalIgnoreCase)) ||
        (Math.Abs(name.Length - typed.Length) <= 1 && name.Zip(typed).Count(p => p.First != p.Second) <= 1);

    private static string Name(OptionResult option) => option.IdentifierToken?.Value ?? option.Option.Name;

    private static bool IsChinese(string text) => text.Any(c => c is >= '\u4E00' and <= '\u9FFF');
}
