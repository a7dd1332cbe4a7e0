using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Luoshi.Cli.Tests;

/// <summary>
/// The real <c>luoshi</c> program as a separate process, run from the build output beside the tests with the
/// <c>dotnet</c> host (which runs the app in its own process: killing it kills the server, not a wrapper).
/// </summary>
public sealed class LuoshiProcess : IDisposable
{
    private static readonly string Cli = Path.Combine(AppContext.BaseDirectory, "luoshi.dll");
    private static readonly string Dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";

    private readonly Process process;
    private readonly StringBuilder output;

    private LuoshiProcess(Process process, StringBuilder output, string url, string? password)
    {
        this.process = process;
        this.output = output;
        Url = url;
        DemoPassword = password;
    }

    public string Url { get; }

    /// <summary>The demo accounts' password, printed once when <c>--demo</c> created the city.</summary>
    public string? DemoPassword { get; }

    /// <summary>The server's process id: the process that <see cref="Kill"/> ends.</summary>
    public int Id => process.Id;

    /// <summary>What the server printed so far.</summary>
    public string Output
    {
        get
        {
            lock (output) return output.ToString();
        }
    }

    /// <summary>
    /// <c>luoshi serve</c> on a port of the system's choosing, on the SQLite database in <paramref name="data"/> or
    /// on PostgreSQL; waits until it says it has started. The demo city gets no plans (the tests make their own).
    /// <paramref name="environment"/> adds settings as environment variables (as systemd's <c>EnvironmentFile</c> would).
    /// </summary>
    public static async Task<LuoshiProcess> ServeAsync(string data, string? postgres = null, bool demo = false,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        List<string> args = ["serve", "--urls", "http://127.0.0.1:0", "--data", data];
        if (postgres is not null) args.AddRange(["--database", postgres]);
        if (demo) args.Add("--demo");
        var process = Start(args);
        process.StartInfo.Environment["Luoshi__DemoPlans"] = "none";
        foreach (var (name, value) in environment ?? new Dictionary<string, string>()) process.StartInfo.Environment[name] = value;
        var lines = new StringBuilder();
        var started = new TaskCompletionSource<(string Url, string? Password)>(TaskCreationOptions.RunContinuationsAsynchronously);
        string? password = null;
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is not { } line) return;
            lock (lines) lines.AppendLine(line);
            if (line.Trim().StartsWith("密码：", StringComparison.Ordinal)) password = line.Trim()["密码：".Length..];
            if (line.StartsWith("落实已启动：", StringComparison.Ordinal)) started.TrySetResult((line["落实已启动：".Length..].Split('（', ',')[0].Trim(), password));
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is { } line) lock (lines) lines.AppendLine(line);
        };
        process.Exited += (_, _) => started.TrySetException(new InvalidOperationException("luoshi serve 提前退出：\n" + lines));
        process.EnableRaisingEvents = true;
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            var (url, pw) = await started.Task.WaitAsync(TimeSpan.FromMinutes(3));
            return new LuoshiProcess(process, lines, url, pw);
        }
        catch
        {
            if (!process.HasExited) process.Kill();
            process.Dispose();
            throw;
        }
    }

    /// <summary>
    /// The native build of <c>luoshi plan parse</c> (src/Luoshi.Cli.Plan) that the luoshi script runs for that command:
    /// <c>LUOSHI_TEST_PLAN_NATIVE</c>, set by test.sh after the script built it; null when not given.
    /// </summary>
    public static string? NativePlanHost => Environment.GetEnvironmentVariable("LUOSHI_TEST_PLAN_NATIVE") is { Length: > 0 } path ? path : null;

    /// <summary>Runs a one-off command (<c>backup</c>, <c>restore</c>) to its end.</summary>
    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(IReadOnlyList<string> args, string? input = null,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        var (exitCode, output, error) = await RunBinaryAsync(args, input is null ? null : Encoding.UTF8.GetBytes(input), environment);
        return (exitCode, Encoding.UTF8.GetString(output), error);
    }

    /// <summary>
    /// Runs a command to its end with its standard output as bytes. <paramref name="input"/> is written to its standard
    /// input, which is then closed; without it, standard input stays open and unwritten until the command ends, so a
    /// command that waited for input would never end (and the test would time out).
    /// </summary>
    /// <paramref name="native"/>: run it with <see cref="NativePlanHost"/> instead of the managed program.
    public static async Task<(int ExitCode, byte[] Output, string Error)> RunBinaryAsync(IReadOnlyList<string> args, byte[]? input = null,
        IReadOnlyDictionary<string, string>? environment = null, bool native = false)
    {
        using var process = Start(args, native);
        foreach (var (name, value) in environment ?? new Dictionary<string, string>()) process.StartInfo.Environment[name] = value;
        process.StartInfo.RedirectStandardInput = true;
        process.Start();
        using var stdout = new MemoryStream();
        var copy = process.StandardOutput.BaseStream.CopyToAsync(stdout);
        var stderr = process.StandardError.ReadToEndAsync();
        if (input is not null)
        {
            await process.StandardInput.BaseStream.WriteAsync(input);
            process.StandardInput.Close();
        }

        try
        {
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(3));
        }
        catch (TimeoutException)
        {
            process.Kill();
            throw;
        }

        await copy;
        return (process.ExitCode, stdout.ToArray(), await stderr);
    }

    /// <summary>The command line that runs <c>luoshi</c> with <paramref name="args"/>, quoted for a POSIX shell.</summary>
    public static string ShellCommand(IEnumerable<string> args) =>
        string.Join(' ', new[] { Dotnet, Cli }.Concat(args).Select(a => "'" + a.Replace("'", "'\\''", StringComparison.Ordinal) + "'"));

    private static Process Start(IReadOnlyList<string> args, bool native = false)
    {
        var info = new ProcessStartInfo(native ? NativePlanHost ?? throw new InvalidOperationException("没有 LUOSHI_TEST_PLAN_NATIVE") : Dotnet)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        if (!native) info.ArgumentList.Add(Cli);
        foreach (var arg in args) info.ArgumentList.Add(arg);
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        info.Environment.Remove("LUOSHI_DATABASE");
        return new Process { StartInfo = info };
    }

    /// <summary>SIGKILL to the server process itself: no shutdown code runs, nothing is flushed by the app.</summary>
    public bool HasExited => process.HasExited;

    /// <summary>The server's resident memory (VmRSS) in bytes, as the operating system counts it.</summary>
    public long ResidentBytes()
    {
        foreach (var line in File.ReadLines($"/proc/{process.Id}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                return long.Parse(line["VmRSS:".Length..].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture) * 1024;
        }
        throw new InvalidOperationException("no VmRSS in /proc/PID/status");
    }

    /// <summary>SIGTERM, as systemd stops a service: the server shuts down gracefully.</summary>
    public void Terminate()
    {
        using var kill = Process.Start(new ProcessStartInfo("kill") { ArgumentList = { "-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) } })!;
        kill.WaitForExit();
        if (kill.ExitCode != 0) throw new InvalidOperationException("kill -TERM 失败");
    }

    /// <summary>Waits for the server process to end by itself; false when it is still running after <paramref name="within"/>.</summary>
    public bool WaitForExit(TimeSpan within) => process.WaitForExit(within);

    /// <summary>The exit code of the ended server process.</summary>
    public int ExitCode => process.ExitCode;

    public void Kill()
    {
        process.Kill(entireProcessTree: false);
        process.WaitForExit();
    }

    /// <summary>A client with its own cookies, signed in as <paramref name="user"/>.</summary>
    public async Task<HttpClient> SignedInAsync(string user, string password)
    {
        var client = new HttpClient(new SocketsHttpHandler { CookieContainer = new CookieContainer(), UseCookies = true })
        {
            BaseAddress = new Uri(Url),
            Timeout = TimeSpan.FromSeconds(60),
        };
        var response = await client.PostAsJsonAsync("/api/v1/session", new { username = user, password });
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{user} 登录失败：{(int)response.StatusCode}");
        return client;
    }

    public void Dispose()
    {
        if (!process.HasExited) Kill();
        process.Dispose();
    }
}

/// <summary>Reading JSON answers in the tests.</summary>
public static class JsonAnswers
{
    public static async Task<JsonElement> JsonAsync(this HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode} {response.RequestMessage?.RequestUri}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    public static async Task<JsonElement> GetJsonAsync(this HttpClient client, string url) => await (await client.GetAsync(url)).JsonAsync();
}
