using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Luoshi.Domain.People;
using Luoshi.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Luoshi.Web.Tests;

/// <summary>The ledger's whole flow through HTTP: document → draft → publish → assign → report → review → close.</summary>
public sealed class LedgerFlowTests(DemoCopies demo) : IClassFixture<DemoCopies>
{
    /// <summary>A small plan written for these tests: one XX placeholder, a responsible department, a deadline.</summary>
    private const string PlanText = """
        江州市教育局2026年教育工作要点

        一、全面加强党的建设
        （一）深化党建品牌创建。创建30所中小学党建示范校，培育XX个党建品牌。（责任科室：基础教育处）
        （二）加强干部队伍建设。遴选培养中小学后备干部50人，6月底前完成。
        二、推进学前教育普及普惠
        （一）扩大普惠资源。新建改扩建公办幼儿园12所，公办幼儿园在园儿童占比达到54%。
        """;

    private static StringContent Text(string text) => new(text, Encoding.UTF8, "text/plain");

    private static async Task<int> UnitIdAsync(LuoshiFactory app, string code) =>
        await app.WithDbAsync(db => db.OrgUnits.Where(u => u.Code == code).Select(u => u.Id).FirstAsync());

    private static async Task<JsonElement> CreatePlanAsync(HttpClient client, string text = PlanText)
    {
        var response = await client.PostAsync("/api/v1/plans", Text(text));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await response.ReadJsonAsync();
    }

    private static async Task<HttpResponseMessage> PatchAsync(HttpClient client, string url, object body, string? etag)
    {
        var request = new HttpRequestMessage(HttpMethod.Patch, url) { Content = JsonContent.Create(body) };
        if (etag is not null) request.Headers.TryAddWithoutValidation("If-Match", etag);
        return await client.SendAsync(request);
    }

    [Theory, Databases]
    public async Task Parsing_returns_the_plan_format_and_saves_nothing(TestDatabase database)
    {
        var app = await demo.For(database);
        var client = await app.SignedInAsync("jiangdong");
        var stored = await app.WithDbAsync(async db => (await db.Plans.CountAsync(), await db.Tasks.CountAsync()));
        var word = "PX" + Guid.NewGuid().ToString("N")[..8];
        var response = await client.PostAsync("/api/v1/plans/parse", Text(PlanText.Replace("深化党建品牌创建", "深化党建品牌创建" + word, StringComparison.Ordinal)));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var plan = await response.ReadJsonAsync();
        Assert.Equal("luoshi.plan/1", plan.GetProperty("schema").GetString());
        Assert.Equal(2026, plan.GetProperty("year").GetInt32());
        Assert.Contains(plan.GetProperty("items").EnumerateArray(), i => i.GetProperty("heading").GetString()!.Contains("全面加强党的建设"));
        Assert.Contains(word, plan.ToString());
        Assert.Equal(stored, await app.WithDbAsync(async db => (await db.Plans.CountAsync(), await db.Tasks.CountAsync())));
    }

    [Theory, Databases]
    public async Task Documents_over_10_MB_get_413_and_unreadable_files_422(TestDatabase database)
    {
        var app = await demo.For(database);
        var client = await app.SignedInAsync("jichu");
        var big = new ByteArrayContent(new byte[11 * 1024 * 1024]);
        big.Headers.ContentType = new MediaTypeHeaderValue("text/plain");
        await (await client.PostAsync("/api/v1/plans/parse", big)).AssertProblemAsync(413);

        var fake = new ByteArrayContent(Encoding.UTF8.GetBytes("这不是一个 Word 文档"));
        fake.Headers.ContentType = new MediaTypeHeaderValue("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
        var form = new MultipartFormDataContent { { fake, "file", "计划.docx" } };
        var problem = await (await client.PostAsync("/api/v1/plans", form)).AssertProblemAsync(422);
        Assert.Contains("docx", problem.GetProperty("detail").GetString(), StringComparison.OrdinalIgnoreCase);
    }

    [Theory, Databases]
    public async Task A_plan_with_an_XX_target_cannot_be_published_until_it_is_filled(TestDatabase database)
    {
        var app = await demo.For(database);
        var client = await app.SignedInAsync("jichu");
        var plan = await CreatePlanAsync(client);
        var id = plan.GetProperty("id").GetInt32();
        Assert.Equal("draft", plan.GetProperty("status").GetString());
        // Three tasks under two headings: the headings are groups, not tasks (issue 12, item 2).
        Assert.Equal(3, plan.GetProperty("taskCount").GetInt32());
        Assert.True(plan.GetProperty("targetCount").GetInt32() >= 4);

        var refused = await client.PostAsync($"/api/v1/plans/{id}/publish", null);
        var problem = await refused.AssertProblemAsync(409);
        Assert.Contains("XX", problem.GetProperty("detail").GetString());

        var tasks = await client.GetJsonAsync($"/api/v1/tasks?planId={id}");
        var placeholder = tasks.GetProperty("items").EnumerateArray().SelectMany(t => t.GetProperty("targets").EnumerateArray())
            .First(t => t.GetProperty("placeholder").GetBoolean());
        var targetId = placeholder.GetProperty("id").GetInt32();
        var fill = await PatchAsync(client, $"/api/v1/targets/{targetId}", new { value = 8 }, $"\"{placeholder.GetProperty("version").GetInt32()}\"");
        Assert.Equal(HttpStatusCode.OK, fill.StatusCode);
        Assert.False((await fill.ReadJsonAsync()).GetProperty("placeholder").GetBoolean());

        var published = await client.PostAsync($"/api/v1/plans/{id}/publish", null);
        Assert.Equal(HttpStatusCode.OK, published.StatusCode);
        Assert.Equal("published", (await published.ReadJsonAsync()).GetProperty("status").GetString());
    }

    [Theory, Databases]
    public async Task A_month_of_work_from_assignment_to_closure(TestDatabase database)
    {
        var app = await demo.For(database);
        var jichu = await app.SignedInAsync("jichu");
        var plan = await CreatePlanAsync(jichu);
        var planId = plan.GetProperty("id").GetInt32();
        var tasks = (await jichu.GetJsonAsync($"/api/v1/tasks?planId={planId}")).GetProperty("items").EnumerateArray().ToList();
        foreach (var t in tasks.SelectMany(t => t.GetProperty("targets").EnumerateArray()).Where(t => t.GetProperty("placeholder").GetBoolean()))
            Assert.Equal(HttpStatusCode.NoContent, (await jichu.DeleteAsync($"/api/v1/targets/{t.GetProperty("id").GetInt32()}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await jichu.PostAsync($"/api/v1/plans/{planId}/publish", null)).StatusCode);

        // The supervisor assigns the 幼儿园 task: lead 基础教育处, carried out by 江东区.
        var supervisor = await app.SignedInAsync("supervisor");
        var task = tasks.First(t => t.GetProperty("title").GetString()!.Contains("扩大普惠资源"));
        var taskId = task.GetProperty("id").GetInt32();
        var d03 = await UnitIdAsync(app, "D03");
        var q01 = await UnitIdAsync(app, "Q01");
        var read = await supervisor.GetAsync($"/api/v1/tasks/{taskId}");
        var etag = read.Headers.ETag!.Tag;
        var assign = await PatchAsync(supervisor, $"/api/v1/tasks/{taskId}", new
        {
            leadDepartmentId = d03,
            responsibleOrgUnitIds = new[] { q01 },
            milestones = new[] { new { date = "2026-06-30", title = "完成选址立项", done = false } },
        }, etag);
        Assert.Equal(HttpStatusCode.OK, assign.StatusCode);
        await (await PatchAsync(supervisor, $"/api/v1/tasks/{taskId}", new { title = "过期的修改" }, etag)).AssertProblemAsync(412);

        // The district sees it and is told; another district does not see it at all.
        var jiangdong = await app.SignedInAsync("jiangdong");
        var mine = await jiangdong.GetJsonAsync($"/api/v1/tasks?planId={planId}");
        Assert.Contains(mine.GetProperty("items").EnumerateArray(), t => t.GetProperty("id").GetInt32() == taskId);
        var bell = await jiangdong.GetJsonAsync("/api/v1/notifications?pageSize=200");
        Assert.Contains(bell.GetProperty("items").EnumerateArray(), n => n.GetProperty("kind").GetString() == "assigned" && n.GetProperty("link").GetString() == $"/Tasks/{taskId}");
        var other = await app.SignedInAsync(await app.AddUserAsync(Role.District, "Q02"));
        await (await other.GetAsync($"/api/v1/tasks/{taskId}")).AssertProblemAsync(404);
        await (await other.GetAsync($"/api/v1/tasks/{taskId}/reports")).AssertProblemAsync(404);

        // A retried submission with the same Idempotency-Key stores one report.
        var targets = (await jiangdong.GetJsonAsync($"/api/v1/tasks/{taskId}")).GetProperty("targets").EnumerateArray().ToList();
        var schools = targets.First(t => t.GetProperty("unit").GetString() == "所");
        var body = new { period = "2026-10", progress = 60, narrative = "已完成6所幼儿园的改扩建。", values = new[] { new { targetId = schools.GetProperty("id").GetInt32(), value = 6m } } };
        var key = Guid.NewGuid().ToString();
        int reportId = 0;
        for (var i = 0; i < 2; i++)
        {
            var post = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/tasks/{taskId}/reports") { Content = JsonContent.Create(body) };
            post.Headers.Add("Idempotency-Key", key);
            var created = await jiangdong.SendAsync(post);
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            var id = (await created.ReadJsonAsync()).GetProperty("id").GetInt32();
            Assert.True(reportId == 0 || reportId == id, "a retried POST stored a second report");
            reportId = id;
        }
        Assert.Equal(1, await app.WithDbAsync(db => db.Reports.CountAsync(r => r.TaskId == taskId)));

        // Evidence: a real PNG is stored; an executable named .png is refused; other units cannot fetch it.
        var png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");
        var upload = await jiangdong.PostAsync($"/api/v1/reports/{reportId}/attachments", new MultipartFormDataContent { { new ByteArrayContent(png), "file", "../../现场照片.png" } });
        Assert.Equal(HttpStatusCode.Created, upload.StatusCode);
        var attachment = await upload.ReadJsonAsync();
        Assert.Equal("现场照片.png", attachment.GetProperty("fileName").GetString());
        var exe = await jiangdong.PostAsync($"/api/v1/reports/{reportId}/attachments", new MultipartFormDataContent { { new ByteArrayContent("MZ\x90\0 not an image"u8.ToArray()), "file", "照片.png" } });
        await exe.AssertProblemAsync(415);
        var download = await jiangdong.GetAsync(attachment.GetProperty("url").GetString());
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal(png, await download.Content.ReadAsByteArrayAsync());
        await (await other.GetAsync(attachment.GetProperty("url").GetString())).AssertProblemAsync(404);
        await (await other.GetAsync($"/api/v1/reports/{reportId}")).AssertProblemAsync(404);

        // The district cannot review its own report; the lead department accepts it, and the target moves.
        await (await jiangdong.PostAsJsonAsync($"/api/v1/reports/{reportId}/review", new { decision = "accept" })).AssertProblemAsync(403);
        var accept = await jichu.PostAsJsonAsync($"/api/v1/reports/{reportId}/review", new { decision = "accept", comment = "进展良好" });
        Assert.Equal(HttpStatusCode.OK, accept.StatusCode);
        var after = await jichu.GetJsonAsync($"/api/v1/tasks/{taskId}");
        Assert.Equal(60, after.GetProperty("progress").GetInt32());
        var target = after.GetProperty("targets").EnumerateArray().First(t => t.GetProperty("id").GetInt32() == schools.GetProperty("id").GetInt32());
        Assert.Equal(6m, target.GetProperty("actual").GetDecimal());
        Assert.Equal(50m, target.GetProperty("attainment").GetDecimal());

        // A returned report goes back to its author, and the corrected one is a new version.
        var november = await jiangdong.PostAsJsonAsync($"/api/v1/tasks/{taskId}/reports", new { period = "2026-11", progress = 70, narrative = "进展" });
        var novemberId = (await november.ReadJsonAsync()).GetProperty("id").GetInt32();
        Assert.Equal(HttpStatusCode.OK, (await jichu.PostAsJsonAsync($"/api/v1/reports/{novemberId}/review", new { decision = "return", comment = "请补充完成的幼儿园名单" })).StatusCode);
        var returned = await jiangdong.GetJsonAsync("/api/v1/notifications?pageSize=200");
        Assert.Contains(returned.GetProperty("items").EnumerateArray(), n => n.GetProperty("kind").GetString() == "reportReturned" && n.GetProperty("text").GetString()!.Contains("请补充"));
        var again = await jiangdong.PostAsJsonAsync($"/api/v1/tasks/{taskId}/reports", new { period = "2026-11", progress = 75, narrative = "已完成：江东区实验幼儿园等8所。" });
        Assert.Equal(HttpStatusCode.Created, again.StatusCode);
        var versions = (await jichu.GetJsonAsync($"/api/v1/tasks/{taskId}/reports")).GetProperty("items").EnumerateArray().Where(r => r.GetProperty("period").GetString() == "2026-11").ToList();
        Assert.Equal(2, versions.Count);
        Assert.Contains(versions, r => r.GetProperty("status").GetString() == "returned");
        Assert.Contains(versions, r => r.GetProperty("supersedesId").ValueKind == JsonValueKind.Number);

        // 办结: the lead department asks, the district may not approve, the supervisor approves; it can be reopened.
        Assert.Equal(HttpStatusCode.OK, (await jichu.PostAsJsonAsync($"/api/v1/tasks/{taskId}/completion", new { summary = "12所幼儿园全部完工" })).StatusCode);
        Assert.Equal("completionRequested", (await jichu.GetJsonAsync($"/api/v1/tasks/{taskId}")).GetProperty("status").GetString());
        await (await jiangdong.PostAsync($"/api/v1/tasks/{taskId}/completion/approve", null)).AssertProblemAsync(403);
        Assert.Equal(HttpStatusCode.OK, (await supervisor.PostAsync($"/api/v1/tasks/{taskId}/completion/approve", null)).StatusCode);
        Assert.Equal("done", (await jichu.GetJsonAsync($"/api/v1/tasks/{taskId}")).GetProperty("status").GetString());
        await (await supervisor.PostAsJsonAsync($"/api/v1/tasks/{taskId}/reopen", new { reason = "" })).AssertProblemAsync(400);
        Assert.Equal(HttpStatusCode.OK, (await supervisor.PostAsJsonAsync($"/api/v1/tasks/{taskId}/reopen", new { reason = "复查发现1所未验收" })).StatusCode);

        // The ledger for the director, and a search that finds the report's words.
        var xlsx = await jichu.GetAsync($"/api/v1/plans/{planId}/ledger.xlsx");
        Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
        using (var zip = new ZipArchive(await xlsx.Content.ReadAsStreamAsync()))
        {
            using var reader = new StreamReader(zip.GetEntry("xl/worksheets/sheet1.xml")!.Open());
            var sheet = await reader.ReadToEndAsync();
            Assert.Contains("工作台账", sheet);
            Assert.Contains("牵头处室", sheet);
            Assert.Contains("扩大普惠资源", sheet);
            Assert.Contains("基础教育处", sheet);
            Assert.Contains("江东区教育局", sheet);
        }
        var search = await jiangdong.GetJsonAsync($"/api/v1/search?q={Uri.EscapeDataString("实验幼儿园")}");
        Assert.Contains(search.GetProperty("items").EnumerateArray(), h => h.GetProperty("kind").GetString() == "report");
        var hidden = await other.GetJsonAsync($"/api/v1/search?q={Uri.EscapeDataString("实验幼儿园")}");
        Assert.DoesNotContain(hidden.GetProperty("items").EnumerateArray(), h => h.GetProperty("kind").GetString() == "report");
    }

    [Theory, Databases]
    public async Task Search_takes_wildcards_literally(TestDatabase database)
    {
        var app = await demo.For(database);
        var jichu = await app.SignedInAsync("jichu");
        await CreatePlanAsync(jichu);
        var hits = (await jichu.GetJsonAsync("/api/v1/search?q=%25")).GetProperty("items").EnumerateArray()
            .Where(h => h.GetProperty("kind").GetString() == "task").ToList();
        Assert.NotEmpty(hits);
        Assert.All(hits, h => Assert.Contains("%", h.GetProperty("snippet").GetString() + h.GetProperty("title").GetString()));
        await (await jichu.GetAsync("/api/v1/search?q=")).AssertProblemAsync(400);
    }

    [Theory, Databases]
    public async Task Schools_and_districts_cannot_create_plans_or_edit_tasks(TestDatabase database)
    {
        var app = await demo.For(database);
        foreach (var user in new[] { "school", "jiangdong", "leader" })
        {
            var client = await app.SignedInAsync(user);
            await (await client.PostAsync("/api/v1/plans", Text(PlanText))).AssertProblemAsync(403);
        }
        var jichu = await app.SignedInAsync("jichu");
        var plan = await CreatePlanAsync(jichu);
        var planId = plan.GetProperty("id").GetInt32();
        var school = await app.SignedInAsync("school");
        await (await school.GetAsync($"/api/v1/plans/{planId}")).AssertProblemAsync(404);
        var taskId = (await jichu.GetJsonAsync($"/api/v1/tasks?planId={planId}")).GetProperty("items")[0].GetProperty("id").GetInt32();
        await (await PatchAsync(school, $"/api/v1/tasks/{taskId}", new { title = "x" }, "\"0\"")).AssertProblemAsync(404);
    }

    [Theory, Databases]
    public async Task Draft_tasks_can_be_split_merged_and_deleted(TestDatabase database)
    {
        var app = await demo.For(database);
        var jichu = await app.SignedInAsync("jichu");
        var planId = (await CreatePlanAsync(jichu)).GetProperty("id").GetInt32();
        var tasks = (await jichu.GetJsonAsync($"/api/v1/tasks?planId={planId}")).GetProperty("items").EnumerateArray().ToList();
        var first = tasks.First(t => t.GetProperty("title").GetString()!.Contains("党建品牌"));
        var second = tasks.First(t => t.GetProperty("title").GetString()!.Contains("干部队伍"));
        var count = tasks.Count;

        var split = await jichu.PostAsJsonAsync($"/api/v1/tasks/{first.GetProperty("id").GetInt32()}/split", new { at = 5, title = "培育党建品牌" });
        Assert.Equal(HttpStatusCode.Created, split.StatusCode);
        Assert.Equal("培育党建品牌", (await split.ReadJsonAsync()).GetProperty("title").GetString());

        var merge = await jichu.PostAsJsonAsync($"/api/v1/tasks/{second.GetProperty("id").GetInt32()}/merge", new { intoTaskId = first.GetProperty("id").GetInt32() });
        Assert.Equal(HttpStatusCode.OK, merge.StatusCode);
        Assert.Contains("后备干部", (await merge.ReadJsonAsync()).GetProperty("text").GetString());

        Assert.Equal(HttpStatusCode.NoContent, (await jichu.DeleteAsync($"/api/v1/tasks/{first.GetProperty("id").GetInt32()}")).StatusCode);
        var left = (await jichu.GetJsonAsync($"/api/v1/tasks?planId={planId}")).GetProperty("total").GetInt32();
        Assert.Equal(count + 1 - 1 - 1, left);
    }
}
