using System.Collections.Concurrent;
using System.CommandLine;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Luoshi.Application.People;
using Luoshi.Cli.CommandLine;
using Luoshi.Data;
using Luoshi.Domain.OrgUnits;
using Luoshi.Domain.People;
using Luoshi.Domain.Plans;
using Luoshi.Domain.Tasks;
using Luoshi.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Luoshi.Cli.Bench;

/// <summary>
/// <c>luoshi bench load</c>: starts Luoshi on a fresh demo database, then (1) reads each of the main endpoints and pages in
/// turn as a district user with N connections for S seconds (a table of requests, errors, throughput, p50 and p99 per
/// endpoint), and (2) runs 200 district users submitting reports at once; checks that every acknowledged report is stored.
/// </summary>
public static class LoadCommand
{
    private const string Password = "Load-Test-2026!";

    public static Command Create()
    {
        var seconds = CommonOptions.Integer("--seconds", "每个接口的读取时长和报送阶段的时长（秒，默认 60）", 60, 1, 86_400);
        var connections = CommonOptions.Integer("--connections", "读取阶段每个接口的连接数（默认 64）", 64, 1, 4_096);
        var users = CommonOptions.Integer("--users", "同时报送的区县用户数（默认 200）", 200, 1, 10_000);
        var warmup = CommonOptions.Integer("--warmup", "计时前的预热时长（秒，默认 10；0 不预热）：各接口轮流读取，不计入表中", 10, 0, 3_600);
        var data = new Option<string?>("--data")
        {
            HelpName = "目录",
            Description = "数据目录（默认在临时目录中新建）",
            CustomParser = CommonOptions.NotEmpty,
        };
        var database = DatabaseOptions.Database("PostgreSQL 连接串（不给时用内置数据库）");
        var command = new Command("load", "负载测试：先以多个连接读取主要接口和页面，再让多个区县用户同时报送进展")
        {
            seconds, connections, users, warmup, data, database,
        };
        command.SetAction(async (result, _) =>
        {
            var folder = result.GetValue(data) ?? Path.Combine(Path.GetTempPath(), "luoshi-load-" + Guid.NewGuid().ToString("N")[..8]);
            var run = await MeasureAsync(
                result.GetValue(seconds), result.GetValue(connections), result.GetValue(users), folder, result.GetValue(database), Console.Out,
                warmupSeconds: result.GetValue(warmup));
            return run.Passed ? ExitCodes.Ok : ExitCodes.Failed;
        });
        return HelpPage.WithNotes(command, """
            在新的演示数据库上启动落实；输出错误数、p50/p99 延迟和吞吐，并核对每一份已确认的报送都已保存。
            退出码：0 没有错误、没有丢失；1 有错误或丢失；2 用法错误。
            示例：luoshi bench load --seconds 60
            """);
    }

    /// <summary>What a load run saw: errors of both phases, acknowledged and stored reports.</summary>
    public sealed record LoadResult(int ReadRequests, int ReadErrors, int WriteRequests, int WriteErrors, int Acknowledged, int Stored)
    {
        public bool Passed => ReadErrors == 0 && WriteErrors == 0 && Stored == Acknowledged && Acknowledged > 0;
    }

    public static async Task<LoadResult> MeasureAsync(
        int seconds, int connections, int users, string data, string? database, TextWriter output, string? demoPlans = null,
        int warmupSeconds = 0)
    {
        var settings = new List<string>
        {
            "--urls=http://127.0.0.1:0", $"--Luoshi:Data={data}", "--Luoshi:Demo=true", "--Logging:LogLevel:Default=Warning",
            // What is measured is reading and reporting: no scheduler writing its own rows (triggers, the outbox) meanwhile.
            "--Luoshi:Scheduler=false",
        };
        if (database is not null) settings.Add($"--Luoshi:Database={database}");
        if (demoPlans is not null) settings.Add($"--Luoshi:DemoPlans={demoPlans}");
        var app = LuoshiApp.Build([.. settings]);
        await LuoshiApp.PrepareAsync(app);
        await app.StartAsync();
        try
        {
            var url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            output.WriteLine($"负载测试：{url}，数据目录 {data}，{Environment.ProcessorCount} 核");
            var loaders = await PrepareUsersAsync(app, users);
            output.WriteLine($"已准备 {loaders.Count} 个区县用户，每人有可报送的任务");

            var endpoints = await EndpointsAsync(app, loaders[0]);
            output.WriteLine($"读取：以区县用户 {loaders[0].UserName} 登录，每个接口和页面 {connections} 个连接各 {seconds} 秒");
            output.WriteLine("| 接口或页面 | 请求 | 错误 | 吞吐（次/秒） | p50 (ms) | p99 (ms) |");
            output.WriteLine("| --- | --- | --- | --- | --- | --- |");
            var read = new Stats();
            var readers = new List<HttpClient>();
            for (var i = 0; i < connections; i++)
            {
                readers.Add(Client(url));
                await SignInAsync(readers[^1], loaders[0].UserName);
            }
            if (warmupSeconds > 0)
            {
                // A server just started runs its code first as compiled ahead of time, then compiles the busy parts again
                // fully optimised: the first endpoint timed would pay for all of them. Errors of the warm-up still count.
                var warm = await ReadInTurnAsync(readers, endpoints, TimeSpan.FromSeconds(warmupSeconds));
                output.WriteLine($"预热：{warmupSeconds} 秒，各接口轮流读取 {warm.Latencies.Count + warm.Errors} 次（不计入下表），错误 {warm.Errors} 次");
                read.Errors += warm.Errors;
                foreach (var (kind, n) in warm.ErrorKinds) read.ErrorKinds.AddOrUpdate(kind, n, (_, m) => m + n);
            }
            foreach (var path in endpoints)
            {
                var one = await ReadInTurnAsync(readers, [path], TimeSpan.FromSeconds(seconds));
                PrintRow(output, path, one);
                read.Add(one);
            }
            readers.ForEach(c => c.Dispose());
            var (write, acknowledged) = await WritePhaseAsync(url, loaders, TimeSpan.FromSeconds(seconds));
            Print(output, $"混合负载（{loaders.Count} 个区县用户同时报送与查看，{seconds} 秒）", write);

            using var scope = app.Services.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<LuoshiDb>();
            var ids = acknowledged.ToList();
            var stored = 0;
            foreach (var chunk in ids.Chunk(500))
                stored += await db.Reports.CountAsync(r => chunk.Contains(r.Id));
            output.WriteLine($"已确认的报送 {ids.Count} 份，数据库中找到 {stored} 份{(stored == ids.Count ? "（全部保存）" : "（有丢失！）")}");
            return new LoadResult(
                read.Latencies.Count + read.Errors, read.Errors, write.Latencies.Count + write.Errors, write.Errors, ids.Count, stored);
        }
        finally
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }

    private sealed record Loader(string UserName, int OrgUnitId, int[] TaskIds, int Slot);

    private sealed class Stats
    {
        public ConcurrentBag<double> Latencies { get; } = [];
        public int Errors;
        public ConcurrentDictionary<string, int> ErrorKinds { get; } = new();
        public double Seconds;

        public void Add(Stats other)
        {
            foreach (var latency in other.Latencies) Latencies.Add(latency);
            Errors += other.Errors;
            foreach (var (kind, n) in other.ErrorKinds) ErrorKinds.AddOrUpdate(kind, n, (_, m) => m + n);
            Seconds += other.Seconds;
        }
    }

    /// <summary>
    /// The calls and pages of issue 16's measurements, as a district user sees them: who am I, a plan's tasks, the home page,
    /// the plan page, one of the district's tasks and 我的任务.
    /// </summary>
    private static async Task<string[]> EndpointsAsync(WebApplication app, Loader district)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<LuoshiDb>();
        var task = district.TaskIds[0];
        var plan = await db.Tasks.Where(t => t.Id == task).Select(t => t.PlanId).FirstAsync();
        return ["/api/v1/me", $"/api/v1/tasks?planId={plan}", "/", $"/Plans/{plan}", $"/Tasks/{task}", "/MyTasks"];
    }

    private static async Task<List<Loader>> PrepareUsersAsync(WebApplication app, int count)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<LuoshiDb>();
        var published = db.Plans.Where(p => p.Status == PlanStatus.Published).Select(p => p.Id);
        var assignments = await db.TaskUnits
            .Where(u => u.Role == TaskUnitRole.Responsible &&
                        db.Tasks.Any(t => t.Id == u.TaskId && published.Contains(t.PlanId) && t.Closure == TaskClosure.Open))
            .Select(u => new { u.OrgUnitId, u.TaskId }).ToListAsync();
        var byUnit = assignments.GroupBy(x => x.OrgUnitId).ToDictionary(g => g.Key, g => g.Select(x => x.TaskId).ToArray());
        var districts = await db.OrgUnits.Where(u => u.Kind == OrgUnitKind.District && byUnit.Keys.Contains(u.Id)).Select(u => u.Id).ToListAsync();
        if (districts.Count == 0) throw new InvalidOperationException("演示数据中没有分配给区县的任务（找不到演示计划文档？）");
        var loaders = new List<Loader>();
        for (var i = 0; i < count; i++)
        {
            var unit = districts[i % districts.Count];
            var name = $"load{i:000}";
            if (!await db.Users.AnyAsync(u => u.UserName == name))
                db.Users.Add(UserAccounts.New(name, $"负载测试用户{i}", Role.District, unit, Password));
            loaders.Add(new Loader(name, unit, byUnit[unit], i / districts.Count));
        }
        var admin = await db.Users.FirstAsync(u => u.UserName == "admin");
        UserAccounts.SetPassword(admin, Password);
        await db.SaveChangesAsync();
        return loaders;
    }

    private static HttpClient Client(string url) => new(new SocketsHttpHandler
    {
        CookieContainer = new CookieContainer(),
        UseCookies = true,
        MaxConnectionsPerServer = 4,
        PooledConnectionLifetime = TimeSpan.FromMinutes(10),
    })
    { BaseAddress = new Uri(url), Timeout = TimeSpan.FromSeconds(60) };

    private static async Task SignInAsync(HttpClient client, string user)
    {
        var response = await client.PostAsJsonAsync("/api/v1/session", new { username = user, password = Password });
        response.EnsureSuccessStatusCode();
    }

    /// <summary>Every signed-in client reads the paths in turn (one path: the same again and again), each starting at another one, for the duration.</summary>
    private static async Task<Stats> ReadInTurnAsync(List<HttpClient> clients, string[] paths, TimeSpan duration)
    {
        var stats = new Stats();
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(clients.Select(async (client, i) =>
        {
            for (var n = i; watch.Elapsed < duration; n++)
                await TimeAsync(stats, () => client.GetAsync(paths[n % paths.Length]));
        }));
        stats.Seconds = watch.Elapsed.TotalSeconds;
        return stats;
    }

    private static async Task<(Stats, ConcurrentBag<int>)> WritePhaseAsync(string url, List<Loader> loaders, TimeSpan duration)
    {
        var stats = new Stats();
        var acknowledged = new ConcurrentBag<int>();
        var clients = new List<(HttpClient, Loader)>();
        foreach (var loader in loaders)
        {
            var c = Client(url);
            await SignInAsync(c, loader.UserName);
            clients.Add((c, loader));
        }
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(clients.Select(async pair =>
        {
            var (client, loader) = pair;
            var iteration = 0;
            while (watch.Elapsed < duration)
            {
                // Users of one district report on distinct periods, so no two submissions compete for the same report,
                // and far from the demo year, whose reports already fill this year's months; in the past, since a
                // period that has not begun is refused.
                var p = loader.Slot * 500 + iteration;
                var period = new DateOnly(1999, 12, 1).AddMonths(-p).ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);
                var task = loader.TaskIds[iteration % loader.TaskIds.Length];
                iteration++;
                if (iteration % 4 == 0)
                {
                    await TimeAsync(stats, () => client.GetAsync("/api/v1/tasks?pageSize=20"));
                    continue;
                }
                var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/tasks/{task}/reports")
                {
                    Content = JsonContent.Create(new
                    {
                        orgUnitId = loader.OrgUnitId, period, progress = iteration % 100, narrative = $"负载测试报送 {loader.UserName} {period}",
                    }),
                };
                request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString("N"));
                var response = await TimeAsync(stats, () => client.SendAsync(request));
                if (response?.StatusCode == HttpStatusCode.Created)
                    acknowledged.Add((await response.Content.ReadFromJsonAsync<IdOnly>())!.Id);
            }
        }));
        stats.Seconds = watch.Elapsed.TotalSeconds;
        foreach (var (c, _) in clients) c.Dispose();
        return (stats, acknowledged);
    }

    private sealed record IdOnly(int Id);

    private static async Task<HttpResponseMessage?> TimeAsync(Stats stats, Func<Task<HttpResponseMessage>> send)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            var response = await send();
            if (!response.IsSuccessStatusCode)
            {
                Interlocked.Increment(ref stats.Errors);
                var status = ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture);
                stats.ErrorKinds.AddOrUpdate(status, 1, (_, n) => n + 1);
            }
            else if (response.Content.Headers.ContentLength is null or > 0)
            {
                await response.Content.LoadIntoBufferAsync();
            }
            stats.Latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            return response;
        }
        catch (HttpRequestException e)
        {
            Interlocked.Increment(ref stats.Errors);
            stats.ErrorKinds.AddOrUpdate(e.GetType().Name, 1, (_, n) => n + 1);
            return null;
        }
        catch (TaskCanceledException)
        {
            Interlocked.Increment(ref stats.Errors);
            stats.ErrorKinds.AddOrUpdate("timeout", 1, (_, n) => n + 1);
            return null;
        }
    }

    private static void PrintRow(TextWriter output, string path, Stats stats)
    {
        var sorted = stats.Latencies.Order().ToArray();
        double P(double q) => sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)(q * sorted.Length))];
        output.WriteLine($"| `{path}` | {sorted.Length + stats.Errors} | {stats.Errors} | {sorted.Length / Math.Max(stats.Seconds, 0.001):0} | " +
            $"{P(0.50):0.0} | {P(0.99):0.0} |" +
            (stats.ErrorKinds.IsEmpty ? "" : $"（{string.Join("，", stats.ErrorKinds.Select(k => $"{k.Key}×{k.Value}"))}）"));
    }

    private static void Print(TextWriter output, string title, Stats stats)
    {
        var sorted = stats.Latencies.OrderBy(x => x).ToArray();
        double P(double q) => sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)(q * sorted.Length))];
        output.WriteLine($"{title}：请求 {sorted.Length + stats.Errors} 次，错误 {stats.Errors} 次，" +
            $"吞吐 {sorted.Length / Math.Max(stats.Seconds, 0.001):0} 次/秒，p50 {P(0.50):0.0} ms，p99 {P(0.99):0.0} ms，最大 {P(1):0.0} ms" +
            (stats.ErrorKinds.IsEmpty ? "" : $"（{string.Join("，", stats.ErrorKinds.Select(k => $"{k.Key}×{k.Value}"))}）"));
    }
}
