using BenchmarkDotNet.Attributes;
using Luoshi.Parsing;
using Luoshi.Parsing.Model;
using Luoshi.Parsing.Rendering;

namespace Luoshi.Bench;

/// <summary>
/// The plan parser on the corpus documents (<c>shared/corpus/plans</c>, found by walking up from here or given in
/// <c>LUOSHI_CORPUS</c>), from the file's bytes as <c>luoshi plan parse</c> reads them: one short and one long
/// document, the whole corpus in one go, and one 8.5 MB document made of the corpus repeated.
/// </summary>
[MemoryDiagnoser]
public class PlanParsing
{
    private Dictionary<string, byte[]> corpus = [];
    private byte[] longDocument = [];

    [GlobalSetup]
    public void Load()
    {
        var folder = CorpusFolder();
        corpus = Directory.GetFiles(folder, "*.txt").Order(StringComparer.Ordinal)
            .ToDictionary(f => Path.GetFileName(f), File.ReadAllBytes);
        if (corpus.Count == 0) throw new InvalidOperationException($"no .txt plans in {folder}");
        longDocument = LongDocument(corpus.Values);
    }

    /// <summary>The plans' bytes repeated in order until they reach 8.5 MiB (whole plans: the last round is not cut).</summary>
    public static byte[] LongDocument(IEnumerable<byte[]> plans)
    {
        const int size = 17 * 512 * 1024;
        using var buffer = new MemoryStream();
        while (buffer.Length < size)
            foreach (var plan in plans)
                buffer.Write(plan);
        return buffer.ToArray();
    }

    /// <summary>203: a Shaoxing summer arrangement, 9.7 KB.</summary>
    [Benchmark]
    public PlanDocument Parse_203_summer_arrangements() => Parse("203_");

    /// <summary>003: Haicheng's 2019 arrangement with site chrome and spam, 20 KB.</summary>
    [Benchmark]
    public PlanDocument Parse_003_haicheng_arrangement() => Parse("003_");

    /// <summary>All corpus documents, 170 KB in 11 files.</summary>
    [Benchmark]
    public int Parse_whole_corpus()
    {
        var items = 0;
        foreach (var (name, bytes) in corpus)
            items += PlanParser.Parse(bytes, name).Items.Count;
        return items;
    }

    /// <summary>
    /// One long document of 8.6 MB: the corpus plans one after another, again and again until the text reaches 8.5 MiB
    /// (the document the README's CLI figure uses).
    /// </summary>
    [Benchmark]
    public int Parse_8_5_MB_document() => PlanParser.Parse(longDocument, "long.txt").Items.Count;

    /// <summary>
    /// The same document parsed and written as luoshi.plan/1 JSON (18 MB, thrown away), the work of
    /// <c>luoshi plan parse long.txt -o long.json</c> without starting the process and writing the file.
    /// </summary>
    [Benchmark]
    public int Parse_and_write_json_8_5_MB_document()
    {
        var document = PlanParser.Parse(longDocument, "long.txt");
        JsonPlanRenderer.Write(document, Stream.Null);
        return document.Items.Count;
    }

    private PlanDocument Parse(string prefix)
    {
        var (name, bytes) = corpus.First(p => p.Key.StartsWith(prefix, StringComparison.Ordinal));
        return PlanParser.Parse(bytes, name);
    }

    private static string CorpusFolder()
    {
        if (Environment.GetEnvironmentVariable("LUOSHI_CORPUS") is { Length: > 0 } configured) return configured;
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "corpus", "plans");
            if (Directory.Exists(candidate)) return candidate;
        }
        throw new DirectoryNotFoundException("shared/corpus/plans not found; set LUOSHI_CORPUS");
    }
}
