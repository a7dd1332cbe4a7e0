using System.CommandLine;
using System.CommandLine.Invocation;
using System.Reflection;

namespace Luoshi.Cli.CommandLine;

/// <summary><c>luoshi --version</c>: the version and the git commit the program was built from.</summary>
public sealed class VersionText : SynchronousCommandLineAction
{
    public override bool ClearsParseErrors => true;

    /// <summary>
    /// <c>luoshi 0.1.0（提交 40 位哈希）</c>. The build puts the commit after a '+' in the informational version
    /// (SourceRevisionId, see Luoshi.Cli.csproj); a build without git says so.
    /// </summary>
    public static string Text()
    {
        var informational = typeof(VersionText).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0";
        var plus = informational.IndexOf('+', StringComparison.Ordinal);
        return plus < 0
            ? $"luoshi {informational}（提交未知：构建时没有 git）"
            : $"luoshi {informational[..plus]}（提交 {informational[(plus + 1)..]}）";
    }

    public override int Invoke(ParseResult parseResult)
    {
        parseResult.InvocationConfiguration.Output.WriteLine(Text());
        return ExitCodes.Ok;
    }

    /// <summary>Replaces <paramref name="root"/>'s version option by <c>--version</c>/<c>-V</c> printing <see cref="Text"/>.</summary>
    public static void Install(RootCommand root)
    {
        var builtIn = root.Options.OfType<VersionOption>().Single();
        root.Options.Remove(builtIn);
        root.Options.Add(new VersionOption("--version", "-V") { Description = "显示版本和构建所用的 git 提交", Action = new VersionText() });
    }
}
