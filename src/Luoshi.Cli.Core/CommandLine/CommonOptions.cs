using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace Luoshi.Cli.CommandLine;

/// <summary>Options that several commands share, and the checks of values that give Chinese usage errors.
/// (The database options are in the managed CLI: DatabaseOptions.)</summary>
public static class CommonOptions
{
    /// <summary>An option whose value is a whole number from <paramref name="min"/> to <paramref name="max"/>.</summary>
    public static Option<int> Integer(string name, string description, int defaultValue, int min, int max, params string[] aliases) =>
        new(name, aliases)
        {
            HelpName = "数",
            Description = description,
            DefaultValueFactory = _ => defaultValue,
            CustomParser = result => ParseInteger(result, min, max),
        };

    /// <summary>A flag such as <c>--demo</c>; <c>--demo=false</c> and the like are refused rather than read.</summary>
    public static Option<bool> Flag(string name, string description, params string[] aliases) =>
        new(name, aliases) { Description = description, Arity = ArgumentArity.Zero };

    private static int ParseInteger(ArgumentResult result, int min, int max)
    {
        var text = result.Tokens.Single().Value;
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
        {
            return value;
        }

        result.AddError($"{OptionName(result)} 应为 {min} 到 {max} 之间的整数，收到“{text}”");
        return 0;
    }

    /// <summary>A value that must not be empty (an empty file or folder name, an empty connection string).</summary>
    public static string NotEmpty(ArgumentResult result)
    {
        var text = result.Tokens.Single().Value;
        if (string.IsNullOrWhiteSpace(text))
        {
            result.AddError($"{OptionName(result)} 的值不能为空");
        }

        return text;
    }

    /// <summary>How the user wrote the option whose value this is (<c>-j</c> or <c>--jobs</c>).</summary>
    public static string OptionName(ArgumentResult result) =>
        result.Parent is OptionResult option ? option.IdentifierToken?.Value ?? option.Option.Name : $"<{result.Argument.HelpName}>";
}
