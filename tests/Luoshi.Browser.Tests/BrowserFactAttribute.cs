namespace Luoshi.Browser.Tests;

/// <summary>
/// A browser test: runs in Debian's Chromium (<c>LUOSHI_TEST_CHROMIUM</c>, set by the test command). Without it the
/// test is skipped with one clear line, except under <c>CI=true</c>, where it runs and fails.
/// </summary>
public sealed class BrowserFactAttribute : FactAttribute
{
    public BrowserFactAttribute()
    {
        var ci = string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);
        if (Chromium.Path is null && !ci)
            Skip = "没有 Chromium（/usr/bin/chromium），浏览器测试跳过";
    }
}

public static class Chromium
{
    public static string? Path =>
        Environment.GetEnvironmentVariable("LUOSHI_TEST_CHROMIUM") is { Length: > 0 } p ? p
        : File.Exists("/usr/bin/chromium") ? "/usr/bin/chromium" : null;
}
