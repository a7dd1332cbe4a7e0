using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Npgsql;

namespace Luoshi.Cli.Tests;

/// <summary>
/// docs/deploy.md followed by a test: two <c>luoshi serve</c> processes on one PostgreSQL database, configured by
/// <c>deploy/luoshi.env.example</c>, behind a real nginx serving <c>deploy/nginx-luoshi.conf</c> over TLS. Whichever instance
/// answers, the user stays signed in and sees what the other wrote; and when the instance running the daily job is killed in the
/// middle of it, the other one finishes the day's work without sending anything twice.
/// </summary>
public sealed class NginxTwoInstanceTests
{
    /// <summary>Fires only in the year 2099: the first instance must not start the daily job before the test has set up its day.</summary>
    private const string NeverCron = "0 0 7 1 1 ? 2099";

    /// <summary>Every 5 seconds: the job fires soon after the second instance starts; the ledger makes every firing after the first a no-op.</summary>
    private const string SoonCron = "0/5 * * * * ?";

    private const string Delayed = "测试延迟：每日任务在发出提醒之后等待";

    /// <summary>The address the test's browser connects to nginx from, so the audit log can tell it from nginx's own 127.0.0.1.</summary>
    private static readonly IPAddress ClientAddress = IPAddress.Parse("127.0.0.2");

    [NginxFact]
    public async Task Two_instances_behind_nginx_share_sessions_attachments_and_writes_and_one_takes_over_the_job_the_other_was_killed_in()
    {
        var database = ServerDatabasesAttribute.CreatePostgresDatabase();
        using var folder = TemporaryData.Use("nginx");
        var shared = Directory.CreateDirectory(Path.Combine(folder.Path, "attachments")).FullName;
        var settings = EnvironmentFile(database, shared);

        using var a = await LuoshiProcess.ServeAsync(Directory.CreateDirectory(Path.Combine(folder.Path, "a")).FullName, demo: true,
            environment: With(settings, ("Luoshi__InstanceName", "luoshi-a"), ("Luoshi__Jobs__DailyCron", NeverCron)));
        var password = a.DemoPassword!;
        var workload = await ReportingWorkload.PrepareAsync(a, password);
        var today = ChinaToday();
        await MakeWorkdayAsync(await a.SignedInAsync("admin", password), today);

        using var b = await LuoshiProcess.ServeAsync(Directory.CreateDirectory(Path.Combine(folder.Path, "b")).FullName,
            environment: With(settings, ("Luoshi__InstanceName", "luoshi-b"), ("Luoshi__Jobs__DailyCron", SoonCron)));
        using var nginx = await NginxSite.StartAsync(Directory.CreateDirectory(Path.Combine(folder.Path, "nginx")).FullName,
            new Uri(a.Url).Authority, new Uri(b.Url).Authority);

        // Signed in through nginx, with a forged X-Forwarded-For: the session holds on both instances, and the audit log has the
        // address nginx saw (127.0.0.2), not nginx's own and not the forged one.
        using var admin = Browser(nginx);
        using (var signIn = new HttpRequestMessage(HttpMethod.Post, "/api/v1/session") { Content = JsonContent.Create(new { username = "admin", password }) })
        {
            signIn.Headers.Add("X-Forwarded-For", "198.51.100.7");
            Assert.Equal(HttpStatusCode.OK, (await admin.SendAsync(signIn)).StatusCode);
        }
        var answeredBy = new HashSet<string>();
        for (var i = 0; i < 6; i++)
        {
            using var me = await admin.GetAsync("/api/v1/me");
            Assert.Equal(HttpStatusCode.OK, me.StatusCode);
            answeredBy.Add(Instance(me));
        }
        Assert.Equal(new[] { "luoshi-a", "luoshi-b" }, answeredBy.Order().ToArray());
        var signIns = (await admin.GetJsonAsync("/api/v1/audit?action=signIn&pageSize=100")).GetProperty("items").EnumerateArray()
            .Select(e => e.GetProperty("ip").GetString()).ToList();
        Assert.Contains(ClientAddress.ToString(), signIns);
        Assert.DoesNotContain("198.51.100.7", signIns);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/healthz")).StatusCode);

        // A report written via one instance is read at once via the other; its attachment uploaded via one is downloaded via the other.
        using var district = Browser(nginx);
        Assert.Equal(HttpStatusCode.OK, (await district.PostAsJsonAsync("/api/v1/session", new { username = "jiangdong", password })).StatusCode);
        var task = workload.TaskIds[0];
        var narrative = "两实例测试" + Guid.NewGuid().ToString("N")[..8];
        using var report = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/tasks/{task}/reports")
        {
            Content = JsonContent.Create(new { period = ReportingWorkload.PastPeriod(1), progress = 40, narrative }),
        };
        report.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString("N"));
        using var written = await district.SendAsync(report);
        var reportId = (await written.JsonAsync()).GetProperty("id").GetInt32();
        var reads = await OnTheOtherAsync(district, Instance(written), $"/api/v1/tasks/{task}/reports?pageSize=100");
        Assert.Contains(narrative, await reads.Content.ReadAsStringAsync());

        var png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");
        using var upload = await district.PostAsync($"/api/v1/reports/{reportId}/attachments",
            new MultipartFormDataContent { { new ByteArrayContent(png), "file", "现场照片.png" } });
        var url = (await upload.JsonAsync()).GetProperty("url").GetString()!;
        using var download = await OnTheOtherAsync(district, Instance(upload), url);
        Assert.Equal(png, await download.Content.ReadAsByteArrayAsync());

        // The daily job fired once, on one instance, and sent the reminders; that instance dies in the middle of the job (SIGKILL).
        var (victim, survivor) = await RunningTheJobAsync(a, b);
        var reminders = await WaitForRunAsync(database, today, "reminders");
        victim.Kill();

        // The survivor takes the job over: the rest of the day's steps are done, each once, and the reminders are not sent again.
        await WaitForRunAsync(database, today, "escalation", TimeSpan.FromMinutes(4));
        Assert.Contains("接手每日任务", survivor.Output);
        Assert.DoesNotContain(Delayed, survivor.Output);
        Assert.Single(Regex.Matches(victim.Output, Delayed));
        var runs = await QueryAsync(database, """SELECT "Job", COUNT(*)::int FROM job_runs WHERE "Date" = @day GROUP BY "Job" ORDER BY "Job" """, today,
            r => (r.GetString(0), r.GetInt32(1)));
        Assert.Equal(new[] { ("data-reminders", 1), ("escalation", 1), ("reminders", 1) }, runs.ToArray());
        var sent = int.Parse(Regex.Match(reminders, "共发出 (\\d+) 条站内通知").Groups[1].Value, CultureInfo.InvariantCulture);
        Assert.True(sent > 0, "提醒应当发出站内通知：" + reminders);
        var stored = (await QueryAsync(database,
            """SELECT COUNT(*)::int FROM notifications WHERE "Kind" IN ('overdue', 'deadlineSoon', 'milestoneSoon', 'reportDue', 'reportLate')""",
            today, r => r.GetInt32(0))).Single();
        Assert.Equal(sent, stored);

        // With one instance gone, nginx sends every request to the other; the session still holds.
        for (var i = 0; i < 3; i++)
        {
            using var me = await admin.GetAsync("/api/v1/me");
            Assert.Equal(HttpStatusCode.OK, me.StatusCode);
            Assert.Equal(survivor == a ? "luoshi-a" : "luoshi-b", Instance(me));
        }
        Assert.Contains("/api/v1/me", nginx.AccessLog);
        Assert.DoesNotContain("/healthz", nginx.AccessLog);
    }

    /// <summary>deploy/luoshi.env.example as systemd reads it, with the test's database and shared attachments folder.</summary>
    private static Dictionary<string, string> EnvironmentFile(string database, string attachments)
    {
        var settings = new Dictionary<string, string>();
        foreach (var line in File.ReadLines(Path.Combine(NginxSite.RepositoryRoot(), "deploy", "luoshi.env.example")))
        {
            if (line.TrimStart().StartsWith('#') || line.IndexOf('=', StringComparison.Ordinal) is not (> 0 and var at)) continue;
            settings[line[..at].Trim()] = line[(at + 1)..].Trim();
        }
        foreach (var name in new[] { "LUOSHI_DATABASE", "Luoshi__Attachments__Folder", "Luoshi__TrustedProxies" })
            Assert.True(settings.ContainsKey(name), $"deploy/luoshi.env.example 中没有 {name}");
        settings["LUOSHI_DATABASE"] = database;
        settings["Luoshi__Attachments__Folder"] = attachments;
        settings["Luoshi__Jobs__TestDelaySeconds"] = "600";
        return settings;
    }

    private static Dictionary<string, string> With(Dictionary<string, string> settings, params (string Name, string Value)[] more)
    {
        var all = new Dictionary<string, string>(settings);
        foreach (var (name, value) in more) all[name] = value;
        return all;
    }

    /// <summary>A browser with its own cookies that reaches nginx over TLS from <see cref="ClientAddress"/>, trusting the test's certificate.</summary>
    private static HttpClient Browser(NginxSite nginx)
    {
        var handler = new SocketsHttpHandler
        {
            CookieContainer = new CookieContainer(),
            UseCookies = true,
            ConnectCallback = async (context, ct) =>
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    socket.Bind(new IPEndPoint(ClientAddress, 0));
                    await socket.ConnectAsync(context.DnsEndPoint, ct);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, _) =>
            certificate is not null && certificate.GetCertHashString() == nginx.Certificate.GetCertHashString();
        return new HttpClient(handler) { BaseAddress = nginx.HttpsUrl, Timeout = TimeSpan.FromSeconds(60) };
    }

    private static string Instance(HttpResponseMessage response) =>
        response.Headers.TryGetValues("X-Luoshi-Instance", out var values) ? values.Single() : "（没有 X-Luoshi-Instance）";

    /// <summary>GETs <paramref name="url"/> through nginx until an instance other than <paramref name="instance"/> answers; its answer, 200.</summary>
    private static async Task<HttpResponseMessage> OnTheOtherAsync(HttpClient client, string instance, string url)
    {
        for (var i = 0; i < 10; i++)
        {
            var response = await client.GetAsync(url);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}：{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            if (Instance(response) != instance) return response;
            response.Dispose();
        }
        throw new InvalidOperationException($"nginx 把 {url} 一直交给 {instance}");
    }

    /// <summary>Waits until one of the two instances says the daily job is paused after the reminders: (that one, the other).</summary>
    private static async Task<(LuoshiProcess Victim, LuoshiProcess Survivor)> RunningTheJobAsync(LuoshiProcess a, LuoshiProcess b)
    {
        for (var i = 0; i < 1200; i++)
        {
            if (a.Output.Contains(Delayed, StringComparison.Ordinal)) return (a, b);
            if (b.Output.Contains(Delayed, StringComparison.Ordinal)) return (b, a);
            await Task.Delay(250);
        }
        throw new InvalidOperationException("每日任务没有运行。\n实例 a：\n" + a.Output + "\n实例 b：\n" + b.Output);
    }

    /// <summary>Waits for the ledger row of <paramref name="job"/> on <paramref name="day"/>; returns its summary.</summary>
    private static async Task<string> WaitForRunAsync(string database, DateOnly day, string job, TimeSpan? timeout = null)
    {
        var until = DateTime.UtcNow + (timeout ?? TimeSpan.FromMinutes(1));
        while (true)
        {
            var found = await QueryAsync(database, """SELECT "Summary" FROM job_runs WHERE "Date" = @day AND "Job" = '""" + job + "'", day, r => r.GetString(0));
            if (found.Count == 1) return found[0];
            if (DateTime.UtcNow > until) throw new InvalidOperationException($"job_runs 中没有 {job} {day:yyyy-MM-dd}");
            await Task.Delay(500);
        }
    }

    private static async Task<List<T>> QueryAsync<T>(string database, string sql, DateOnly day, Func<NpgsqlDataReader, T> read)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        if (sql.Contains("@day", StringComparison.Ordinal)) command.Parameters.AddWithValue("day", day);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<T>();
        while (await reader.ReadAsync()) rows.Add(read(reader));
        return rows;
    }

    /// <summary>The date in China, the date the daily job runs as of.</summary>
    private static DateOnly ChinaToday() => DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));

    /// <summary>Today becomes a working day (调休上班) if it is not one, so the reminders are sent whatever day the test runs on.</summary>
    private static async Task MakeWorkdayAsync(HttpClient admin, DateOnly day)
    {
        var date = day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var year = await admin.GetJsonAsync($"/api/v1/calendar/{day.Year}");
        if (year.GetProperty("days").EnumerateArray().Any(d => d.GetProperty("date").GetString() == date && d.GetProperty("workday").GetBoolean())) return;
        using var request = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/calendar/days/{date}")
        {
            Content = new StringContent(JsonSerializer.Serialize(new { workday = true, name = "测试调休" }), Encoding.UTF8, "application/json"),
        };
        await (await admin.SendAsync(request)).JsonAsync();
    }
}

/// <summary>
/// A test that needs PostgreSQL (<c>LUOSHI_TEST_POSTGRES</c>) and nginx: skipped with the reason when either is missing, except under
/// <c>CI=true</c>, where it runs and fails loudly.
/// </summary>
public sealed class NginxFactAttribute : FactAttribute
{
    public NginxFactAttribute()
    {
        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase)) return;
        if (Environment.GetEnvironmentVariable("LUOSHI_TEST_POSTGRES") is not { Length: > 0 })
            Skip = "没有 PostgreSQL（LUOSHI_TEST_POSTGRES），nginx 下的两实例测试不运行";
        else if (!File.Exists(NginxSite.Binary))
            Skip = $"没有 nginx（{NginxSite.Binary}；test.sh 以 root 运行时用 apt-get 安装），nginx 下的两实例测试不运行";
    }
}
