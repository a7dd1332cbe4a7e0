using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace Luoshi.Cli.Tests;

/// <summary>
/// The README's first command, <c>./luoshi serve --demo</c>, run as a newcomer runs it: the repository's own script,
/// which publishes the program into <c>.build/cli</c> and starts it. The other CLI tests run the build output beside
/// them, which has the web root and the static-asset manifest even when a publish leaves them out (as one did:
/// the server then could not start at all).
/// </summary>
public sealed partial class ReadmeCommandTests
{
    [Fact]
    public async Task The_readme_command_starts_the_demo_city_with_its_pages_and_static_files()
    {
        var root = RepositoryRoot();
        var data = Directory.CreateTempSubdirectory("luoshi-readme-");
        var info = new ProcessStartInfo("bash")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
            WorkingDirectory = root,
        };
        foreach (var arg in new[] { Path.Combine(root, "luoshi"), "serve", "--demo", "--urls", "http://127.0.0.1:0", "--data", data.FullName })
            info.ArgumentList.Add(arg);
        info.Environment["Luoshi__DemoPlans"] = "none";
        info.Environment.Remove("LUOSHI_DATABASE");
        using var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var lines = new StringBuilder();
        var started = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is not { } line) return;
            lock (lines) lines.AppendLine(line);
            if (line.StartsWith("落实已启动：", StringComparison.Ordinal)) started.TrySetResult(line["落实已启动：".Length..].Split('（', ',')[0].Trim());
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is { } line) lock (lines) lines.AppendLine(line);
        };
        process.Exited += (_, _) => started.TrySetException(new InvalidOperationException("./luoshi serve --demo 提前退出：\n" + lines));
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            // The first run publishes the program (a few minutes on a busy two-core machine).
            var url = await started.Task.WaitAsync(TimeSpan.FromMinutes(15));
            using var http = new HttpClient { BaseAddress = new Uri(url) };

            var signIn = await http.GetAsync("/Account/Login");
            Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);
            var page = await signIn.Content.ReadAsStringAsync();
            Assert.Contains("登录", page, StringComparison.Ordinal);

            // Every stylesheet and script the sign-in page names is served, under its fingerprinted address, for good.
            var assets = AssetAddress().Matches(page).Select(m => m.Groups[1].Value).Distinct().ToList();
            Assert.NotEmpty(assets);
            foreach (var asset in assets)
            {
                var response = await http.GetAsync(asset);
                Assert.True(response.StatusCode == HttpStatusCode.OK, $"{asset}: {(int)response.StatusCode}");
                Assert.NotEmpty(await response.Content.ReadAsByteArrayAsync());
            }
        }
        finally
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            data.Delete(recursive: true);
        }
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "luoshi")) && File.Exists(Path.Combine(dir.FullName, "Luoshi.slnx"))) return dir.FullName;
        }

        throw new InvalidOperationException("找不到仓库根目录（含 luoshi 与 Luoshi.slnx）");
    }

    [GeneratedRegex("""(?:href|src)="(/(?:css|js|lib|vendor)/[^"?#]+)""")]
    private static partial Regex AssetAddress();
}
