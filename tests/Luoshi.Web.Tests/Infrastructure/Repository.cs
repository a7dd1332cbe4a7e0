namespace Luoshi.Web.Tests.Infrastructure;

/// <summary>The checkout the tests were built from.</summary>
public static class Repository
{
    /// <summary>The repository root: the first folder above the test's output holding Luoshi.slnx.</summary>
    public static string Root()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Luoshi.slnx"))) return dir.FullName;
        throw new InvalidOperationException("the repository root (Luoshi.slnx) was not found above " + AppContext.BaseDirectory);
    }
}
