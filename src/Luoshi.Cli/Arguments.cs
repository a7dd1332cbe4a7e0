namespace Luoshi.Cli;

/// <summary>A command's arguments: positional words and <c>--name value</c> / <c>--flag</c> options, with Chinese errors.</summary>
public sealed class Arguments
{
    private readonly Dictionary<string, string?> options = new(StringComparer.Ordinal);

    public List<string> Positional { get; } = [];

    /// <summary>Parses <paramref name="args"/>; <paramref name="flags"/> are options that take no value.</summary>
    public static Arguments Parse(IReadOnlyList<string> args, IReadOnlySet<string> valued, IReadOnlySet<string> flags)
    {
        var result = new Arguments();
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (arg.StartsWith('-') && arg.Length > 1)
            {
                var name = arg;
                string? value = null;
                var eq = arg.IndexOf('=', StringComparison.Ordinal);
                if (eq > 0) (name, value) = (arg[..eq], arg[(eq + 1)..]);
                if (flags.Contains(name))
                {
                    result.options[name] = value ?? "true";
                }
                else if (valued.Contains(name))
                {
                    if (value is null)
                    {
                        if (i + 1 >= args.Count) throw new UsageException($"选项 {name} 需要一个值");
                        value = args[++i];
                    }
                    result.options[name] = value;
                }
                else
                {
                    throw new UsageException($"未知选项：{name}");
                }
            }
            else
            {
                result.Positional.Add(arg);
            }
        }
        return result;
    }

    public string? this[string name] => options.GetValueOrDefault(name);

    public bool Has(string name) => options.ContainsKey(name);
}

/// <summary>A mistake in how a command was called; printed with the command's help, exit code 2.</summary>
public sealed class UsageException(string message) : Exception(message);
