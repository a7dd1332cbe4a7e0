using System.Diagnostics;
using System.Globalization;
using System.Text;
using Luoshi.Parsing;
using Luoshi.Parsing.Model;
using Luoshi.Parsing.Rendering;
using Spectre.Console;

namespace Luoshi.Cli.Plans;

/// <summary>
/// <c>luoshi plan parse FILE|DIR... [--format json|md|xlsx] [-o OUT] [-j N]</c>: parses plan documents.
/// One file → standard output; several files or a folder → one output per input under OUT, in parallel,
/// with a progress bar on a terminal and a one-line summary on standard error.
/// </summary>
public static class PlanParseCommand
{
    private const int ExitOk = 0;
    private const int ExitFailed = 1;
    private const int ExitUsage = 2;

    /// <summary>Each batch worker renders into its own buffer, reused from file to file.</summary>
    [ThreadStatic]
    private static MemoryStream? renderBuffer;

    private static readonly string[] InputExtensions = [".txt", ".text", ".html", ".htm", ".docx", ".md"];

    public const string Help = """
        用法：luoshi plan parse 文件|目录... [--format json|md|xlsx] [-o 输出] [-j 并行数] [-q]

        解析教育工作要点、工作安排意见、会议报道等计划文档（.txt UTF-8/GBK、.html、.docx），
        找出提纲、数量指标、责任单位和完成时限（格式 luoshi.plan/1）。

          --format, -f   输出格式：json（默认，UTF-8，中文不转义）、md（可读提纲，目标加粗）、
                         xlsx（任务分解表：序号、工作任务、具体目标、牵头/责任单位、完成时限）
          -o, --output   输出位置。一个文件时：省略则 json/md 写到标准输出，xlsx 写到当前目录的
                         “文件名.xlsx”；给出则写到该文件（若是已存在的目录，则写到其中）。
                         多个文件或目录时必须给出：每个输入在该目录下生成一个同名输出（自动创建）。
          -j, --jobs     并行解析的线程数（默认为 CPU 核数）
          -q, --quiet    不显示进度条和汇总
          -h, --help     显示本帮助

        退出码：0 成功；1 有文件无法读取或解析；2 参数错误。
        示例：
          luoshi plan parse 2022年教育工作要点.docx
          luoshi plan parse 要点.txt --format xlsx -o 任务分解表.xlsx
          luoshi plan parse plans/ --format json -o out/
        """;

    public static async Task<int> RunAsync(string[] args)
    {
        Options options;
        try
        {
            options = Options.Parse(args);
        }
        catch (UsageException e)
        {
            await Console.Error.WriteLineAsync("错误：" + e.Message);
            await Console.Error.WriteLineAsync("用 luoshi plan parse --help 查看用法。");
            return ExitUsage;
        }

        if (options.ShowHelp)
        {
            await Console.Out.WriteLineAsync(Help);
            return ExitOk;
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
                await Console.Error.WriteLineAsync($"错误：找不到文件或目录“{path}”");
                return ExitUsage;
            }
        }

        var single = options.Paths.Count == 1 && File.Exists(options.Paths[0]);
        if (single)
        {
            return await RunSingleAsync(inputs[0], options);
        }

        if (options.Output is null)
        {
            await Console.Error.WriteLineAsync("错误：解析多个文件或目录时需要用 -o 指定输出目录");
            return ExitUsage;
        }

        if (inputs.Count == 0)
        {
            await Console.Error.WriteLineAsync("错误：目录中没有可解析的文件（.txt .html .htm .docx）");
            return ExitFailed;
        }

        return RunBatch(inputs, options);
    }

    private static async Task<int> RunSingleAsync(Input input, Options options)
    {
        PlanDocument document;
        try
        {
            var bytes = await File.ReadAllBytesAsync(input.Path);
            document = PlanParser.Parse(bytes, input.Path);
        }
        catch (PlanDocumentException e)
        {
            await Console.Error.WriteLineAsync($"错误：{input.Path}：{e.Message}");
            return ExitFailed;
        }
        catch (IOException e)
        {
            await Console.Error.WriteLineAsync($"错误：无法读取 {input.Path}：{e.Message}");
            return ExitFailed;
        }
        catch (UnauthorizedAccessException)
        {
            await Console.Error.WriteLineAsync($"错误：没有权限读取 {input.Path}");
            return ExitFailed;
        }

        var target = options.Output;
        if (target is not null && Directory.Exists(target))
        {
            target = Path.Combine(target, OutputName(input.Relative, options.Format));
        }
        else if (target is null && options.Format == "xlsx")
        {
            target = OutputName(Path.GetFileName(input.Path), options.Format);
        }

        try
        {
            if (target is null)
            {
                using var stdout = Console.OpenStandardOutput();
                Render(document, options.Format, stdout);
                return ExitOk;
            }

            var directory = Path.GetDirectoryName(Path.GetFullPath(target));
            if (directory is not null)
            {
                Directory.CreateDirectory(directory);
            }

            using (var file = File.Create(target))
            {
                Render(document, options.Format, file);
            }

            if (!options.Quiet)
            {
                await Console.Error.WriteLineAsync($"已写入 {target}");
            }

            return ExitOk;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            await Console.Error.WriteLineAsync($"错误：无法写入输出：{e.Message}");
            return ExitFailed;
        }
    }

    private static int RunBatch(List<Input> inputs, Options options)
    {
        var output = options.Output!;
        try
        {
            Directory.CreateDirectory(output);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"错误：无法创建输出目录“{output}”：{e.Message}");
            return ExitFailed;
        }

        // A batch is throughput work: no background GC competing with the two parsing threads.
        System.Runtime.GCSettings.LatencyMode = System.Runtime.GCLatencyMode.Batch;
        long bytes = 0;
        long quantities = 0;
        var done = 0;
        var failures = new System.Collections.Concurrent.ConcurrentBag<string>();
        var stopwatch = Stopwatch.StartNew();

        void Work(Input input)
        {
            try
            {
                var content = File.ReadAllBytes(input.Path);
                Interlocked.Add(ref bytes, content.Length);
                var document = PlanParser.Parse(content, input.Path);
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

        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.Jobs ?? Environment.ProcessorCount };
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
                    var worker = Task.Run(() => Parallel.ForEach(inputs, parallel, Work));
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
            Parallel.ForEach(inputs, parallel, Work);
        }

        stopwatch.Stop();
        foreach (var failure in failures.Order(StringComparer.Ordinal))
        {
            Console.Error.WriteLine("错误：" + failure);
        }

        if (!options.Quiet)
        {
            var seconds = Math.Max(stopwatch.Elapsed.TotalSeconds, 0.001);
            var megabytes = bytes / 1048576.0;
            var summary = string.Create(CultureInfo.InvariantCulture,
                $"已解析 {inputs.Count - failures.Count}/{inputs.Count} 个文件，{megabytes:0.0} MB，用时 {seconds:0.00} 秒，{megabytes / seconds:0.0} MB/秒，共找到 {quantities} 个数量指标");
            Console.Error.WriteLine(failures.IsEmpty ? summary : summary + $"，{failures.Count} 个文件失败");
        }

        return failures.IsEmpty ? ExitOk : ExitFailed;
    }

    /// <summary>
    /// Writes a batch output in one call. A new file is created without truncating it: ext4 flushes a file that was
    /// truncated to empty when it is closed, which costs more than the parsing of a small plan.
    /// </summary>
    private static void WriteFile(string path, ReadOnlySpan<byte> content)
    {
        using var handle = File.OpenHandle(path, File.Exists(path) ? FileMode.Create : FileMode.CreateNew, FileAccess.Write);
        RandomAccess.Write(handle, content, 0);
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

    private sealed class UsageException(string message) : Exception(message);

    private sealed class Options
    {
        public List<string> Paths { get; } = [];

        public string Format { get; private set; } = "json";

        public string? Output { get; private set; }

        public int? Jobs { get; private set; }

        public bool Quiet { get; private set; }

        public bool ShowHelp { get; private set; }

        public static Options Parse(string[] args)
        {
            var o = new Options();
            for (var i = 0; i < args.Length; i++)
            {
                var a = args[i];
                string Value()
                {
                    if (i + 1 >= args.Length)
                    {
                        throw new UsageException($"{a} 需要一个值");
                    }

                    return args[++i];
                }

                switch (a)
                {
                    case "-h" or "--help" or "-?":
                        o.ShowHelp = true;
                        break;
                    case "-f" or "--format":
                        o.Format = Value().ToLowerInvariant();
                        break;
                    case "-o" or "--output" or "--out":
                        o.Output = Value();
                        break;
                    case "-j" or "--jobs":
                        o.Jobs = int.TryParse(Value(), NumberStyles.None, CultureInfo.InvariantCulture, out var j) && j is >= 1 and <= 256
                            ? j
                            : throw new UsageException("并行数应为 1 到 256 之间的整数");
                        break;
                    case "-q" or "--quiet":
                        o.Quiet = true;
                        break;
                    default:
                        if (a.StartsWith("--format=", StringComparison.Ordinal))
                        {
                            o.Format = a["--format=".Length..].ToLowerInvariant();
                        }
                        else if (a.StartsWith('-') && a.Length > 1)
                        {
                            throw new UsageException($"未知选项“{a}”");
                        }
                        else
                        {
                            o.Paths.Add(a);
                        }

                        break;
                }
            }

            if (o.Format is not ("json" or "md" or "xlsx"))
            {
                throw new UsageException($"不支持的格式“{o.Format}”，可用：json、md、xlsx");
            }

            if (!o.ShowHelp && o.Paths.Count == 0)
            {
                throw new UsageException("请给出要解析的文件或目录");
            }

            return o;
        }
    }
}
