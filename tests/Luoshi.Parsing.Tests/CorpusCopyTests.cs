namespace Luoshi.Parsing.Tests;

/// <summary>
/// The corpus the tests read (tests/Data/corpus) is the shared corpus (../shared/corpus beside the repository), byte for
/// byte: the shared folder stays the reference. Skipped with one line where the shared folder is not there.
/// </summary>
public class CorpusCopyTests
{
    [SharedCorpusFact]
    public void The_copy_in_the_repository_is_the_shared_corpus()
    {
        foreach (var folder in new[] { "plans", "gold" })
        {
            var shared = Path.Combine(SharedCorpus.Path!, folder);
            var copy = Path.Combine(SharedCorpus.Repository!, "tests", "Data", "corpus", folder);
            var names = Names(shared);
            Assert.Equal(names, Names(copy));
            foreach (var name in names)
            {
                Assert.True(File.ReadAllBytes(Path.Combine(shared, name)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(copy, name))),
                    $"tests/Data/corpus/{folder}/{name} differs from ../shared/corpus: copy it again");
            }
        }
    }

    private static List<string> Names(string folder) =>
        Directory.GetFiles(folder).Select(f => System.IO.Path.GetFileName(f)).Order(StringComparer.Ordinal).ToList();
}

/// <summary>A test that needs ../shared/corpus beside the repository; skipped with one clear line without it.</summary>
public sealed class SharedCorpusFactAttribute : FactAttribute
{
    public SharedCorpusFactAttribute()
    {
        if (SharedCorpus.Path is null)
            Skip = "仓库旁没有共享语料（../shared/corpus），语料副本核对跳过";
    }
}

public static class SharedCorpus
{
    /// <summary>The repository's root (the folder of Luoshi.slnx) above the test binaries.</summary>
    public static string? Repository { get; } = FindRepository();

    /// <summary>../shared/corpus beside the repository, when it is there.</summary>
    public static string? Path { get; } =
        Repository is not null && Directory.Exists(System.IO.Path.Combine(Repository, "..", "shared", "corpus"))
            ? System.IO.Path.GetFullPath(System.IO.Path.Combine(Repository, "..", "shared", "corpus"))
            : null;

    private static string? FindRepository()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "Luoshi.slnx"))) return dir.FullName;
        }
        return null;
    }
}
