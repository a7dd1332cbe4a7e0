using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using System.Runtime.CompilerServices;
using System.Text;

namespace Luoshi.Cli.CommandLine;

/// <summary>
/// The help of a command in Chinese: what it does, its usage line, arguments, options, subcommands and the command's
/// closing notes (exit codes, examples). Replaces System.CommandLine's help, whose headings are English.
/// </summary>
public sealed class HelpPage : SynchronousCommandLineAction
{
    private const int MaxFirstColumn = 34;

    private static readonly ConditionalWeakTable<Command, string> Notes = [];

    public override bool ClearsParseErrors => true;

    /// <summary>Text printed at the end of <paramref name="command"/>'s help: exit codes, examples.</summary>
    public static T WithNotes<T>(T command, string notes)
        where T : Command
    {
        Notes.AddOrUpdate(command, notes);
        return command;
    }

    /// <summary>The program's name, whichever host runs it (the managed <c>luoshi.dll</c> or the native plan host).</summary>
    public const string ProgramName = "luoshi";

    /// <summary>How the command is called, from the root: <c>luoshi plan parse</c>.</summary>
    public static string PathOf(Command command)
    {
        var names = new List<string>();
        for (Command? c = command; c is not null; c = c.Parents.OfType<Command>().FirstOrDefault())
        {
            names.Add(c is RootCommand ? ProgramName : c.Name);
        }

        names.Reverse();
        return string.Join(' ', names);
    }

    public override int Invoke(ParseResult parseResult)
    {
        Write(parseResult.CommandResult.Command, parseResult.InvocationConfiguration.Output);
        return ExitCodes.Ok;
    }

    public static void Write(Command command, TextWriter output)
    {
        var text = new StringBuilder();
        if (!string.IsNullOrEmpty(command.Description))
        {
            text.AppendLine(command.Description).AppendLine();
        }

        text.Append("用法：").AppendLine(Usage(command));
        var arguments = command.Arguments.Where(a => !a.Hidden).Select(a => (Argument(a), a.Description ?? "")).ToList();
        Section(text, "参数", arguments);
        var options = VisibleOptions(command).Select(o => (OptionName(o), o.Description ?? "")).ToList();
        Section(text, "选项", options);
        var commands = command.Subcommands.Where(c => !c.Hidden).Select(c => (CommandName(c), c.Description ?? "")).ToList();
        Section(text, "命令", commands);
        if (Notes.TryGetValue(command, out var notes))
        {
            text.AppendLine().AppendLine(notes.TrimEnd());
        }

        output.Write(text.ToString());
        output.Flush();
    }

    private static string Usage(Command command)
    {
        var usage = new StringBuilder(PathOf(command));
        if (command.Subcommands.Any(c => !c.Hidden))
        {
            usage.Append(command.Action is null ? " 命令" : " [命令]");
        }

        foreach (var argument in command.Arguments.Where(a => !a.Hidden))
        {
            usage.Append(' ').Append(argument.Arity.MinimumNumberOfValues == 0 ? $"[{Argument(argument)}]" : Argument(argument));
        }

        return usage.Append(" [选项]").ToString();
    }

    private static IEnumerable<Option> VisibleOptions(Command command)
    {
        var inherited = command.Parents.OfType<Command>()
            .SelectMany(parent => VisibleOptions(parent).Where(o => o.Recursive));
        return command.Options.Where(o => !o.Hidden).Concat(inherited).Distinct();
    }

    private static string Argument(Argument argument)
    {
        var name = $"<{argument.HelpName ?? argument.Name}>";
        return argument.Arity.MaximumNumberOfValues > 1 ? name + "..." : name;
    }

    private static string OptionName(Option option)
    {
        var names = option.Aliases.Append(option.Name)
            .Distinct()
            .OrderBy(a => a.StartsWith("--", StringComparison.Ordinal) ? 1 : 0)
            .ThenBy(a => a.Length);
        var text = string.Join(", ", names);
        return option.Arity.MaximumNumberOfValues == 0 ? text : $"{text} <{option.HelpName ?? "值"}>";
    }

    private static string CommandName(Command command) =>
        string.Join(", ", command.Aliases.Prepend(command.Name).Distinct());

    private static void Section(StringBuilder text, string title, List<(string Name, string Description)> rows)
    {
        if (rows.Count == 0)
        {
            return;
        }

        text.AppendLine().Append(title).AppendLine("：");
        var column = Math.Min(rows.Max(r => DisplayWidth(r.Name)), MaxFirstColumn) + 2;
        foreach (var (name, description) in rows)
        {
            var lines = description.Split('\n');
            text.Append("  ").Append(name);
            var width = DisplayWidth(name);
            if (width > MaxFirstColumn)
            {
                text.AppendLine().Append(' ', column + 2);
            }
            else
            {
                text.Append(' ', column - width);
            }

            text.AppendLine(lines[0].TrimEnd());
            foreach (var line in lines.Skip(1))
            {
                text.Append(' ', column + 2).AppendLine(line.Trim());
            }
        }
    }

    /// <summary>Columns a terminal gives the text: Chinese characters and full-width forms take two.</summary>
    public static int DisplayWidth(string text)
    {
        var width = 0;
        foreach (var c in text)
        {
            width += c is >= '\u1100' and <= '\u115F' or >= '\u2E80' and <= '\uA4CF' or >= '\uAC00' and <= '\uD7A3'
                or >= '\uF900' and <= '\uFAFF' or >= '\uFE30' and <= '\uFE4F' or >= '\uFF00' and <= '\uFF60' or >= '\uFFE0' and <= '\uFFE6'
                ? 2
                : 1;
        }

        return width;
    }

    /// <summary>Puts this help on <paramref name="root"/>'s help option (which every subcommand inherits).</summary>
    public static void Install(RootCommand root)
    {
        var help = root.Options.OfType<HelpOption>().Single();
        help.Description = "显示帮助";
        help.Aliases.Remove("/h");
        help.Aliases.Remove("/?");
        help.Action = new HelpPage();
    }
}
