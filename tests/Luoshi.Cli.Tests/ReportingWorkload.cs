using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Luoshi.Cli.Tests;

/// <summary>
/// A published plan whose tasks 江东区教育局 carries out, set up through the HTTP API as the demo users would
/// (基础教育处 uploads and publishes, the supervisor assigns), and a burst of progress reports on it.
/// </summary>
public sealed class ReportingWorkload
{
    private const string PlanText = """
        江州市教育局2026年教育工作要点

        一、推进学前教育普及普惠
        （一）扩大普惠资源。新建改扩建公办幼儿园12所，公办幼儿园在园儿童占比达到54%。
        （二）提升保教质量。创建省级示范幼儿园8所，6月底前完成。
        二、推进义务教育优质均衡
        （一）新建学校。新建中小学15所，新增学位2万个。
        """;

    private long sequence;

    private ReportingWorkload(HttpClient district, int[] taskIds, string marker)
    {
        District = district;
        TaskIds = taskIds;
        Marker = marker;
    }

    /// <summary>江东区教育局's signed-in client.</summary>
    public HttpClient District { get; }

    public int[] TaskIds { get; }

    /// <summary>Words every report of this workload carries, so the tests find exactly theirs.</summary>
    public string Marker { get; }

    /// <summary>A report the server acknowledged with 201.</summary>
    public sealed record Report(int Id, int TaskId, string Period, int Progress, string Narrative);

    public static async Task<ReportingWorkload> PrepareAsync(LuoshiProcess server, string password)
    {
        var jichu = await server.SignedInAsync("jichu", password);
        var created = await (await jichu.PostAsync("/api/v1/plans", new StringContent(PlanText, Encoding.UTF8, "text/plain"))).JsonAsync();
        var planId = created.GetProperty("id").GetInt32();
        var tasks = (await jichu.GetJsonAsync($"/api/v1/tasks?planId={planId}&pageSize=100")).GetProperty("items").EnumerateArray().ToList();
        foreach (var target in tasks.SelectMany(t => t.GetProperty("targets").EnumerateArray()).Where(t => t.GetProperty("placeholder").GetBoolean()))
            Assert.Equal(HttpStatusCode.NoContent, (await jichu.DeleteAsync($"/api/v1/targets/{target.GetProperty("id").GetInt32()}")).StatusCode);
        await (await jichu.PostAsync($"/api/v1/plans/{planId}/publish", null)).JsonAsync();

        var supervisor = await server.SignedInAsync("supervisor", password);
        var units = (await supervisor.GetJsonAsync("/api/v1/org-units?pageSize=200")).GetProperty("items").EnumerateArray().ToList();
        int Unit(string code) => units.First(u => u.GetProperty("code").GetString() == code).GetProperty("id").GetInt32();
        var chosen = tasks.Where(t => t.GetProperty("title").GetString() is { } title && (title.Contains("普惠资源") || title.Contains("保教质量") || title.Contains("新建学校")))
            .Select(t => t.GetProperty("id").GetInt32()).ToArray();
        Assert.Equal(3, chosen.Length);
        foreach (var id in chosen)
        {
            var read = await supervisor.GetAsync($"/api/v1/tasks/{id}");
            var patch = new HttpRequestMessage(HttpMethod.Patch, $"/api/v1/tasks/{id}")
            {
                Content = JsonContent.Create(new { leadDepartmentId = Unit("D03"), responsibleOrgUnitIds = new[] { Unit("Q01") } }),
            };
            patch.Headers.TryAddWithoutValidation("If-Match", read.Headers.ETag!.Tag);
            await (await supervisor.SendAsync(patch)).JsonAsync();
        }
        supervisor.Dispose();
        jichu.Dispose();
        return new ReportingWorkload(await server.SignedInAsync("jiangdong", password), chosen, "耐久性测试" + Guid.NewGuid().ToString("N")[..8]);
    }

    /// <summary>
    /// Submits one report on the next (task, month) pair, so no two submissions compete for the same report.
    /// Returns the acknowledged report; any answer but 201 fails the test.
    /// </summary>
    public async Task<Report> SubmitAsync(Action<string>? attempted = null, CancellationToken ct = default)
    {
        var n = Interlocked.Increment(ref sequence);
        var task = TaskIds[n % TaskIds.Length];
        var month = n / TaskIds.Length;
        var period = PastPeriod(month);
        var progress = (int)(n % 101);
        var narrative = $"{Marker} 第{n}次报送：已完成{n % 13}所幼儿园的改扩建。";
        attempted?.Invoke(narrative);
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/tasks/{task}/reports")
        {
            Content = JsonContent.Create(new { period, progress, narrative }),
        };
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString("N"));
        using var response = await District.SendAsync(request, ct);
        if (response.StatusCode != HttpStatusCode.Created)
            throw new InvalidOperationException($"报送得到 {(int)response.StatusCode}：{await response.Content.ReadAsStringAsync(ct)}");
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("id").GetInt32();
        return new Report(id, task, period, progress, narrative);
    }

    /// <summary>Every report of this workload the server now has, by id, as 江东区 reads them.</summary>
    public static async Task<Dictionary<int, Report>> StoredAsync(HttpClient district, IEnumerable<int> taskIds, string marker)
    {
        var stored = new Dictionary<int, Report>();
        foreach (var task in taskIds)
        {
            // A task's reports come a page at a time (at most 500 a page): every page is read.
            var reports = new List<System.Text.Json.JsonElement>();
            for (var page = 1; ; page++)
            {
                var items = (await district.GetJsonAsync($"/api/v1/tasks/{task}/reports?page={page}&pageSize=500")).GetProperty("items")
                    .EnumerateArray().ToList();
                reports.AddRange(items);
                if (items.Count < 500) break;
            }
            foreach (var r in reports)
            {
                var narrative = r.GetProperty("narrative").GetString()!;
                if (!narrative.StartsWith(marker, StringComparison.Ordinal)) continue;
                var id = r.GetProperty("id").GetInt32();
                Assert.True(stored.TryAdd(id, new Report(id, r.GetProperty("taskId").GetInt32(), r.GetProperty("period").GetString()!,
                    r.GetProperty("progress").GetInt32(), narrative)), $"报送 {id} 出现了两次");
            }
        }
        return stored;
    }

    /// <summary>Runs <paramref name="writers"/> submitters until cancelled or the server stops answering.</summary>
    public Task BurstAsync(int writers, ConcurrentBag<Report> acknowledged, ConcurrentBag<string> attempted, Action<Report> onAcknowledged, CancellationToken ct) =>
        Task.WhenAll(Enumerable.Range(0, writers).Select(_ => Task.Run(async () =>
        {
            while (!ct.IsCancellationRequested)
            {
                Report report;
                try
                {
                    report = await SubmitAsync(attempted.Add, ct);
                }
                catch (Exception e) when (e is HttpRequestException or OperationCanceledException)
                {
                    return;
                }
                acknowledged.Add(report);
                onAcknowledged(report);
            }
        }, CancellationToken.None)));

    /// <summary>The month <paramref name="n"/> months before 1999-12: far from the demo year, and never in the future (future periods are refused).</summary>
    public static string PastPeriod(long n) => new DateOnly(1999, 12, 1).AddMonths(-(int)n).ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);
}
