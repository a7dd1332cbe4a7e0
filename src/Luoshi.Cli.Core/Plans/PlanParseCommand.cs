using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Luoshi.Cli.CommandLine;
using Luoshi.Parsing;
using Luoshi.Parsing.Model;
using Luoshi.Parsing.Reading;
using Luoshi.Parsing.Rendering;
using Spectre.Console;

namespace Luoshi.Cli.Plans;

/// <summary>
/// <c>luoshi plan parse FILE|DIR|- ... [--format json|md|xlsx] [-o OUT] [-j N]</c>: parses plan documents.
/// One file (or <c>-</c>, standard input) → standard output or OUT; several files or a folder → one output per input
/// under OUT, in parallel, with a progress bar on a terminal and a one-line summary on standard error.
/// </summary>
public static class PlanParseCommand
{
    /// <summary>The input name that stands for standard input.</summary>
    public const string StandardInput = "-";

    private static readonly string[] Formats = ["json", "md", "xlsx"];

    /// <summary>Each batch worker renders into its own buffer, reused from file to file.</summary>
    [ThreadStatic]
    private static MemoryStream? renderBuffer;

    private static readonly string[] InputExtensions = [".txt", ".text", ".html", ".htm", ".docx", ".md"];

    /// <summary><c>luoshi plan</c> with its one subcommand: the same in the managed CLI and in the native host.</summary>
    public static Command Group() => CommandLineRunner.Group("plan", "工作计划文档", Create());

    public static Command Create()
    {
        var paths = new Argument<string[]>("paths")
        {
            HelpName = "文件|目录|-",
            Description = "计划文档（.txt UTF-8/GBK、.html、.docx）或含有这些文档的目录；- 表示从标准输入读取",
            Arity = ArgumentArity.OneOrMore,
        };
        var format = new Option<string>("--format", "-f")
        {
            HelpName = "json|md|xlsx",
            Description = """
                输出格式：json（默认，UTF-8，中文不转义）、md（可读提纲，目标加粗）、
                xlsx（任务分解表：序号、工作任务、具体目标、牵头/责任单位、完成时限）
                """,
            DefaultValueFactory = _ => "json",
            CustomParser = result =>
            {
                var text = result.Tokens.Single().Value.ToLowerInvariant();
                if (!Formats.Contains(text))
                {
                    result.AddError($"不支持的格式“{result.Tokens.Single().Value}”，可用：json、md、xlsx");
                }

                return text;
            },
        };
        format.CompletionSources.Add(Formats);
        var output = new Option<string?>("--output", "-o", "--out")
        {
            HelpName = "输出",
            Description = """
                输出位置。一个文件时：省略则写到标准输出（xlsx 只写到文件或管道，不写到终端）；
                给出则写到该文件（若是已存在的目录，则写到其中），所在目录须已存在。
                多个文件或目录时必须给出：每个输入在该目录下生成一个同名输出（目录不存在时创建，其上级须已存在）。
                """,
            CustomParser = CommonOptions.NotEmpty,
        };
        var jobs = CommonOptions.Integer("--jobs", "并行解析的线程数（默认为 CPU 核数）", Environment.ProcessorCount, 1, 256, "-j");
        var quiet = CommonOptions.Flag("--quiet", "不显示进度条和汇总", "-q");
        var command = new Command("parse", "解析工作计划文档，输出 luoshi.plan/1")
        {
            paths, format, output, jobs, quiet,
        };
        command.Validators.Add(result =>
        {
            // Words like "--bogus" are refused by the argument's own check, which runs after this one when it passes.
            var given = result.GetValue(paths) ?? [];
            if (given.Length == 0 || given.Any(p => p.Length > 1 && p.StartsWith('-')))
            {
                return;
            }

            if (given.Contains(StandardInput) && given.Length > 1)
            {
                result.AddError("“-”（标准输入）只能单独使用");
            }
            else if (given.Length > 1 && result.GetValue(output) is null)
            {
                result.AddError("解析多个文件或目录时需要用 -o 指定输出目录");
            }
        });
        command.SetAction((result, _) =>
        {
            var options = new Options(result.GetValue(paths)!, result.GetValue(format)!, result.GetValue(output), result.GetValue(jobs),
                result.GetValue(quiet));
            return RunAsync(options, HelpPage.PathOf(command));
        });
        return HelpPage.WithNotes(command, """
            解析教育工作要点、工作安排意见、会议报道等计划文档，
            找出提纲、数量指标、责任单位和完成时限（格式 luoshi.plan/1）。

            退出码：0 成功；1 有文件无法读取或解析、是空文档（给出警告，不写输出），或输出无法写入；2 参数错误。
            示例：
              luoshi plan parse 2022年教育工作要点.docx
              luoshi plan parse 要点.txt --format xlsx -o 任务分解表.xlsx
              curl -s https://… | luoshi plan parse - --format md
              luoshi plan parse plans/ --format json -o out/
            """);
    }

    private static async Task<int> RunAsync(Options options, string commandPath)
    {
        if (options.Paths is [StandardInput])
        {
            if (options.Output is not null && Directory.Exists(options.Output))
            {
                return CliOutput.UsageError(commandPath, ["从标准输入读取时，-o 应是输出文件而不是目录"]);
            }

            return await RunSingleAsync(new Input(StandardInput, StandardInput), options, commandPath);
        }

        var inputs = new List<Input>();
        foreach (var path in options.Paths)
        {
            if (File.Exists(path))
            {
                inputs.Add(new Input(path, Path.GetFileName(path)));
            }
            else if (Directory.Exists(path))
            {
                foreach (var file in Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
                {
                    if (InputExtensions.Contains(Path.GetExtension(file).ToLowerInvariant()) && !Path.GetFileName(file).StartsWith('.'))
                    {
                        inputs.Add(new Input(file, Path.GetRelativePath(path, file)));
                    }
                }
            }
            else
            {
                return CliOutput.Error($"找不到文件或目录“{path}”");
            }
        }

        if (options.Paths.Length == 1 && File.Exists(options.Paths[0]))
        {
            return await RunSingleAsync(inputs[0], options, commandPath);
        }

        if (options.Output is null)
        {
            return CliOutput.UsageError(commandPath, ["解析目录时需要用 -o 指定输出目录"]);
        }

        if (inputs.Count == 0)
        {
            return CliOutput.Error("目录中没有可解析的文件（.txt .html .htm .docx）");
        }

        return RunBatch(inputs, options);
    }

    private static async Task<int> RunSingleAsync(Input input, Options options, string commandPath)
    {
        var target = options.Output;
        if (target is not null && Directory.Exists(target))
        {
            target = Path.Combine(target, OutputName(input.Relative, options.Format));
        }

        if (target is null && options.Format == "xlsx" && !Console.IsOutputRedirected)
        {
            return CliOutput.UsageError(commandPath, ["xlsx 是二进制文件，不能写到终端：请用 -o 指定输出文件，或把标准输出重定向到文件或管道"]);
        }

        if (target is not null && MissingFolder(target) is { } missing)
        {
            return CliOutput.Error($"输出目录“{missing}”不存在，未写入任何内容");
        }

        PlanDocument document;
        var name = input.Path == StandardInput ? "标准输入" : input.Path;
        try
        {
            var fileName = input.Path == StandardInput ? null : input.Path;
            var text = PlanText(input.Path == StandardInput ? await ReadStandardInputAsync() : await File.ReadAllBytesAsync(input.Path), fileName);
            if (text is null)
            {
                CliOutput.Warning(EmptyDocument(name));
                return ExitCodes.Failed;
            }

            document = PlanParser.Parse(text, fileName);
        }
        catch (PlanDocumentException e)
        {
            return CliOutput.Error($"{name}：{e.Message}");
        }
        catch (IOException e)
        {
            return CliOutput.Error($"无法读取 {name}：{e.Message}");
        }
        catch (UnauthorizedAccessException)
        {
            return CliOutput.Error($"没有权限读取 {name}");
        }

        try
        {
            if (target is null)
            {
                using var stdout = Console.OpenStandardOutput();
                Render(document, options.Format, stdout);
                return ExitCodes.Ok;
            }

            using (var file = File.Create(target))
            {
                Render(document, options.Format, file);
            }

            if (!options.Quiet)
            {
                await Console.Error.WriteLineAsync($"已写入 {target}");
            }

            return ExitCodes.Ok;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return CliOutput.Error($"无法写入输出：{e.Message}");
        }
    }

    /// <summary>The folder that would hold <paramref name="path"/> when it does not exist; null when it does.</summary>
    private static string? MissingFolder(string path)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(path));
        return folder is null || Directory.Exists(folder) ? null : folder;
    }

    /// <summary>The document's text, or null when it holds none: an empty file or input, blank lines, a .docx without text.</summary>
    private static string? PlanText(byte[] content, string? fileName)
    {
        var text = PlanReader.ReadText(content, fileName);
        return string.IsNullOrWhiteSpace(text) ? null : text;
    }

    private static string EmptyDocument(string name) => $"{name}：空文档，没有可解析的内容，未写入任何内容";

    private static async Task<byte[]> ReadStandardInputAsync()
    {
        using var buffer = new MemoryStream();
        await using (var stdin = Console.OpenStandardInput())
        {
            await stdin.CopyToAsync(buffer);
        }

        return buffer.ToArray();
    }

    private static int RunBatch(List<Input> inputs, Options options)
    {
        var output = options.Output!;
        if (MissingFolder(output) is { } missing)
        {
            return CliOutput.Error($"输出目录“{missing}”不存在，未写入任何内容");
        }

        try
        {
            Directory.CreateDirectory(output);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return CliOutput.Error($"无法创建输出目录“{output}”：{e.Message}");
        }

        // A batch is throughput work: no background GC competing with the two parsing threads.
        System.Runtime.GCSettings.LatencyMode = System.Runtime.GCLatencyMode.Batch;
        long bytes = 0;
        long quantities = 0;
        var done = 0;
        var failures = new System.Collections.Concurrent.ConcurrentBag<string>();
        var empty = new System.Collections.Concurrent.ConcurrentBag<string>();
        var stopwatch = Stopwatch.StartNew();

        void Work(Input input)
        {
            try
            {
                var content = File.ReadAllBytes(input.Path);
                Interlocked.Add(ref bytes, content.Length);
                if (PlanText(content, input.Path) is not { } text)
                {
                    empty.Add(EmptyDocument(input.Path));
                    return;
                }

                var document = PlanParser.Parse(text, input.Path);
                Interlocked.Add(ref quantities, document.Items.Sum(i => i.Quantities.Count) + document.Quantities.Count);
                var target = Path.Combine(output, OutputName(input.Relative, options.Format));
                var directory = Path.GetDirectoryName(target);
                if (directory is not null && directory != output)
                {
                    Directory.CreateDirectory(directory);
                }

                var buffer = renderBuffer ??= new MemoryStream(1 << 16);
                buffer.SetLength(0);
                Render(document, options.Format, buffer);
                WriteFile(target, buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
            }
            catch (PlanDocumentException e)
            {
                failures.Add($"{input.Path}：{e.Message}");
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                failures.Add($"{input.Path}：无法读写文件（{e.Message}）");
            }
            finally
            {
                Interlocked.Increment(ref done);
            }
        }

        var showProgress = !options.Quiet && !Console.IsErrorRedirected && inputs.Count > 1;
        if (showProgress)
        {
            var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
            console.Progress()
                .AutoClear(true)
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
                .Start(ctx =>
                {
                    var task = ctx.AddTask("正在解析", maxValue: inputs.Count);
                    var worker = Task.Run(() => RunWorkers(inputs, options.Jobs, Work));
                    while (!worker.Wait(100))
                    {
                        task.Value = Volatile.Read(ref done);
                    }

                    worker.GetAwaiter().GetResult();
                    task.Value = inputs.Count;
                });
        }
        else
        {
            RunWorkers(inputs, options.Jobs, Work);
        }

        stopwatch.Stop();
        foreach (var failure in failures.Order(StringComparer.Ordinal))
        {
            CliOutput.Error(failure);
        }

        foreach (var warning in empty.Order(StringComparer.Ordinal))
        {
            CliOutput.Warning(warning);
        }

        if (!options.Quiet)
        {
            var seconds = Math.Max(stopwatch.Elapsed.TotalSeconds, 0.001);
            var megabytes = bytes / 1048576.0;
            var summary = string.Create(CultureInfo.InvariantCulture,
                $"已解析 {inputs.Count - failures.Count - empty.Count}/{inputs.Count} 个文件，{megabytes:0.0} MB，用时 {seconds:0.00} 秒，" +
                $"{megabytes / seconds:0.0} MB/秒，共找到 {quantities} 个数量指标");
            summary += failures.IsEmpty ? string.Empty : $"，{failures.Count} 个文件失败";
            Console.Error.WriteLine(empty.IsEmpty ? summary : summary + $"，{empty.Count} 个空文档");
        }

        return failures.IsEmpty && empty.IsEmpty ? ExitCodes.Ok : ExitCodes.Failed;
    }

    /// <summary>
    /// Runs <paramref name="work"/> on every input with <paramref name="jobs"/> threads (this one among them), each taking
    /// the next input until none is left (<see cref="Parallelism"/>, one input at a time).
    /// </summary>
    private static void RunWorkers(List<Input> inputs, int jobs, Action<Input> work) =>
        Parallelism.ForRanges(inputs.Count, 2, jobs, 1, (from, to) =>
        {
            for (var k = from; k < to; k++)
            {
                work(inputs[k]);
            }
        });

    /// <summary>
    /// Writes a batch output in one call, never truncating the file to empty: ext4 flushes a file that was truncated to
    /// empty when it is closed, which costs more than the parsing of a small plan (a batch run again over the outputs of
    /// an earlier one spent most of its time there). An existing output is overwritten in place and cut to the new length.
    /// </summary>
    private static void WriteFile(string path, ReadOnlySpan<byte> content)
    {
        using var handle = File.OpenHandle(path, FileMode.OpenOrCreate, FileAccess.Write);
        RandomAccess.Write(handle, content, 0);
        if (RandomAccess.GetLength(handle) > content.Length)
        {
            RandomAccess.SetLength(handle, content.Length);
        }
    }

    private static void Render(PlanDocument document, string format, Stream output)
    {
        switch (format)
        {
            case "md":
                var md = Encoding.UTF8.GetBytes(MarkdownPlanRenderer.Render(document));
                output.Write(md);
                break;
            case "xlsx":
                XlsxPlanRenderer.Write(document, output);
                break;
            default:
                JsonPlanRenderer.Write(document, output);
                output.WriteByte((byte)'\n');
                break;
        }
    }

    private static string OutputName(string relative, string format) => Path.ChangeExtension(relative, format);

    private sealed record Input(string Path, string Relative);

    private sealed record Options(string[] Paths, string Format, string? Output, int Jobs, bool Quiet);
}
