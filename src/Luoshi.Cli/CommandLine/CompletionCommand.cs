using System.CommandLine;

namespace Luoshi.Cli.CommandLine;

/// <summary>
/// <c>luoshi completion bash</c>: prints a bash completion script. The script asks the program itself what may come next
/// (System.CommandLine's <c>[suggest:POSITION]</c> directive), so commands, options and values such as roles and formats
/// complete as the program defines them; where only options are suggested and no option is being typed, bash completes
/// file names instead.
/// </summary>
public static class CompletionCommand
{
    public const string BashFunction = "_luoshi_complete";

    public const string BashScript = """
        # luoshi 的 bash 补全。启用：source <(./luoshi completion bash)，或写入 ~/.bashrc
        _luoshi_complete() {
            local cur="${COMP_WORDS[COMP_CWORD]}" w
            local -a found=()
            COMPREPLY=()
            mapfile -t found < <("${COMP_WORDS[0]}" "[suggest:${COMP_POINT}]" "${COMP_LINE}" 2>/dev/null)
            for w in "${found[@]}"; do
                # Only words that continue what is typed; options only once a '-' is typed, else bash offers files.
                if [[ -n "$w" && "$w" == "$cur"* && ( "$cur" == -* || "$w" != -* ) ]]; then COMPREPLY+=("$w"); fi
            done
        }
        complete -o default -o bashdefault -F _luoshi_complete luoshi ./luoshi
        """;

    public static Command Create()
    {
        var shell = new Argument<string>("shell")
        {
            HelpName = "shell",
            Description = "目前只支持 bash",
        };
        shell.AcceptOnlyFromAmong("bash");
        shell.Validators.Clear();
        shell.Validators.Add(result =>
        {
            if (result.Tokens.Count == 1 && result.Tokens[0].Value != "bash")
            {
                result.AddError($"不支持的 shell“{result.Tokens[0].Value}”，目前只支持 bash");
            }
        });
        var command = new Command("completion", "打印 shell 补全脚本（bash）") { shell };
        command.SetAction(_ =>
        {
            Console.Out.Write(BashScript.ReplaceLineEndings("\n") + "\n");
            return ExitCodes.Ok;
        });
        return HelpPage.WithNotes(command, """
            启用：source <(./luoshi completion bash)
            脚本用 luoshi [suggest:位置] "命令行" 向程序本身询问补全。
            """);
    }
}
