using BenchmarkDotNet.Attributes;
using Luoshi.Parsing;
using Luoshi.Parsing.Model;

namespace Luoshi.Bench;

/// <summary>
/// The plan parser on the corpus documents (<c>shared/corpus/plans</c>, found by walking up from here or given in
/// <c>LUOSHI_CORPUS</c>), from the file's bytes as <c>luoshi plan parse</c> reads them: one short and one long
/// document, and the whole corpus in one go.
/// </summary>
[MemoryDiagnoser]
public class PlanParsing
{
    private Dictionary<string, byte[]> corpus = [];

    [GlobalSetup]
    public void Load()
    {
        var folder = CorpusFolder();
        corpus = Directory.GetFiles(folder, "*.txt").Order(StringComparer.Ordinal)
            .ToDictionary(f => Path.GetFileName(f), File.ReadAllBytes);
        if (corpus.Count == 0) throw new InvalidOperationException($"no .txt plans in {folder}");
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
