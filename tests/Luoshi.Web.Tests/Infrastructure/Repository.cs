namespace Luoshi.Web.Tests.Infrastructure;

/// <summary>The source tree the tests were built from.</summary>
public static class Repository
{
    /// <summary>The folder holding Luoshi.slnx, above the test binaries.</summary>
    public static string Root { get; } = Find();

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Luoshi.slnx"))) return dir.FullName;
        throw new InvalidOperationException("the repository root (Luoshi.slnx) was not found above " + AppContext.BaseDirectory);
    }
}
