using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Luoshi.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Luoshi.Web.Tests;

/// <summary>
/// Issue 12 through HTTP, on a copy of the demo city run on 29 November 2026 in Beijing: headings are groups, not tasks
/// (item 2); a draft's year and the deadlines read in it (item 3); actuals that add up (item 5); behind schedule is
/// yellow and the task page says why (item 6).
/// </summary>
public sealed class LedgerSumsTests(DemoCopies demo) : IClassFixture<DemoCopies>
{
    /// <summary>29 November 2026, 10:00 in Beijing: 91% of the year has passed.</summary>
    private static readonly DateTimeOffset Now = new(2026, 11, 29, 2, 0, 0, TimeSpan.Zero);

    private static string Unique() => Guid.NewGuid().ToString("N")[..6];



    private static async Task<(int Id, JsonElement Plan, List<JsonElement> Tasks)> DraftAsync(HttpClient client, string text)
    {
        var plan = await client.PostAsync("/api/v1/plans", new StringContent(text, Encoding.UTF8, "text/plain")).SucceedsAsync("create plan");
        var id = plan.GetProperty("id").GetInt32();
        return (id, plan, await TasksAsync(client, id));
    }

    private static async Task<List<JsonElement>> TasksAsync(HttpClient client, int planId) =>
        (await client.GetJsonAsync($"/api/v1/tasks?planId={planId}")).GetProperty("items").EnumerateArray().ToList();

    private static JsonElement Titled(List<JsonElement> tasks, string title) =>
        tasks.First(t => t.GetProperty("title").GetString()!.Contains(title, StringComparison.Ordinal));

    private static Task<HttpResponseMessage> PatchAsync(HttpClient client, string url, object body, string ifMatch = "*")
    {
        var request = new HttpRequestMessage(HttpMethod.Patch, url) { Content = JsonContent.Create(body) };
        request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        return client.SendAsync(request);
    }

    [Theory, Databases]
    public async Task Headings_are_groups_not_counted_not_reported_on_and_show_their_tasks_roll_up(TestDatabase database)
    {
        var (data, app) = await demo.ClockedAsync(database, Now);
        await using var _ = app;
        var u = Unique();
        var admin = await app.SignedInAsync("admin");
        var (planId, plan, tasks) = await DraftAsync(admin, $"""
            江州市教育局2026年教育工作要点{u}

            一、推进学前教育普及普惠{u}
            （一）扩大普惠资源{u}。新建改扩建公办幼儿园12所。
            （二）提升保教质量{u}。开展幼儿园保育教育质量评估，6月底前完成。
            二、加强教师队伍建设{u}
            （一）培训骨干教师{u}。培训骨干教师300人。
            """);

        // Five items of the outline, two of them headings: the plan has three tasks.
        Assert.Equal(3, plan.GetProperty("taskCount").GetInt32());
        Assert.Equal(5, tasks.Count);
        var heading = Titled(tasks, $"推进学前教育普及普惠{u}");
        Assert.True(heading.GetProperty("isGroup").GetBoolean());
        Assert.True(Titled(tasks, $"加强教师队伍建设{u}").GetProperty("isGroup").GetBoolean());
        Assert.False(Titled(tasks, $"扩大普惠资源{u}").GetProperty("isGroup").GetBoolean());

        var d03 = await data.UnitIdAsync("D03");
        var q01 = await data.UnitIdAsync("Q01");
        foreach (var task in tasks)
            await Ledgers.AssignAsync(admin, task.GetProperty("id").GetInt32(), d03, q01);
        await Ledgers.PublishAsync(admin, planId);
        Assert.Equal(3, (await admin.GetJsonAsync($"/api/v1/plans/{planId}")).GetProperty("taskCount").GetInt32());

        // The group shows the worst light of its tasks (提升保教质量 was due at the end of June: red) and has no status of its own.
        var groupId = heading.GetProperty("id").GetInt32();
        var group = await admin.GetJsonAsync($"/api/v1/tasks/{groupId}");
        Assert.Equal("overdue", group.GetProperty("status").GetString());
        var overdue = (await admin.GetJsonAsync($"/api/v1/tasks?planId={planId}&status=overdue")).GetProperty("items").EnumerateArray().ToList();
        Assert.Contains($"提升保教质量{u}", Assert.Single(overdue).GetProperty("title").GetString());
        var board = await (await admin.GetAsync($"/Plans/{planId}")).Content.ReadAsStringAsync();
        Assert.Contains("任务（3 项）", board);
        Assert.Equal(2, board.Split("data-testid=\"board-group\"").Length - 1);
        Assert.Equal(3, board.Split("data-testid=\"board-row\"").Length - 1);

        // A district responsible for the heading cannot report on it: the same refusal from the API and the page.
        var district = await app.SignedInAsync("jiangdong");
        var refused = await district.PostAsJsonAsync($"/api/v1/tasks/{groupId}/reports",
            new { period = "2026-11", progress = 30, narrative = "已完成选址。" });
        var problem = await refused.AssertProblemAsync(409);
        Assert.Equal("report.group-not-reported", problem.GetProperty("code").GetString());
        var page = await district.GetAsync($"/Tasks/{groupId}");
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("data-testid=\"group-note\"", html);
        Assert.Contains($"提升保教质量{u}", html); // the group lists its items
        Assert.DoesNotContain("data-testid=\"report-form\"", html);
        var form = await district.PostAsync($"/Tasks/{groupId}?handler=Report", Forms.Form(Forms.TokenIn(html),
            ("report.Period", "2026-11"), ("report.Progress", "30"), ("report.Narrative", "已完成选址。"), ("report.Key", Guid.NewGuid().ToString("N"))));
        Assert.Equal(HttpStatusCode.Conflict, form.StatusCode);
        Assert.Contains("分组标题", await form.Content.ReadAsStringAsync());
        Assert.Equal(0, await data.WithDbAsync(db => db.Reports.CountAsync(r => r.TaskId == groupId)));

        // Nor is a group on anyone's agenda.
        var agenda = await (await district.GetAsync("/MyTasks")).Content.ReadAsStringAsync();
        Assert.DoesNotContain($"推进学前教育普及普惠{u}", agenda);
        Assert.Contains($"扩大普惠资源{u}", agenda);
    }

    [Theory, Databases]
    public async Task A_draft_s_year_can_be_changed_and_the_deadlines_read_from_its_text_follow_but_not_those_set_by_hand(TestDatabase database)
    {
        var (data, app) = await demo.ClockedAsync(database, Now);
        await using var _ = app;
        var u = Unique();
        var jichu = await app.SignedInAsync("jichu");
        var (planId, plan, tasks) = await DraftAsync(jichu, $"""
            江州市教育局2019年教育工作要点{u}

            一、推进学前教育普及普惠
            （一）扩大普惠资源{u}。新建改扩建公办幼儿园12所，年底前完成。
            （二）提升保教质量{u}。开展幼儿园保育教育质量评估，6月底前完成。
            （三）规范办园行为{u}。开展专项督查。
            """);
        Assert.Equal((2019, "title"), (plan.GetProperty("year").GetInt32(), plan.GetProperty("yearSource").GetString()));
        var review = await (await jichu.GetAsync($"/Plans/{planId}")).Content.ReadAsStringAsync();
        Assert.Contains("计划年份：2019 年", review);
        Assert.Contains($"从标题“江州市教育局2019年教育工作要点{u}”读出", review);
        Assert.Contains("data-testid=\"year-past\"", review);

        int Id(string title) => Titled(tasks, title).GetProperty("id").GetInt32();
        Assert.Equal("2019-12-31", Titled(tasks, $"扩大普惠资源{u}").GetProperty("dueDate").GetString());
        Assert.Equal("2019-06-30", Titled(tasks, $"提升保教质量{u}").GetProperty("dueDate").GetString());
        (await PatchAsync(jichu, $"/api/v1/tasks/{Id($"规范办园行为{u}")}", new { dueDate = "2019-10-15" })).EnsureSuccessStatusCode();

        // A stale version changes nothing; the plan's own version does.
        var version = plan.GetProperty("version").GetInt32();
        await (await PatchAsync(jichu, $"/api/v1/plans/{planId}", new { year = 2026 }, $"\"{version + 5}\"")).AssertProblemAsync(412);
        await (await PatchAsync(jichu, $"/api/v1/plans/{planId}", new { year = 1900 }, $"\"{version}\"")).AssertProblemAsync(400);
        await (await PatchAsync(jichu, $"/api/v1/plans/{planId}", new { title = "计划\r\n名称" }, $"\"{version}\"")).AssertProblemAsync(400);
        var changed = await PatchAsync(jichu, $"/api/v1/plans/{planId}", new { year = 2026 }, $"\"{version}\"").SucceedsAsync("change year");
        Assert.Equal((2026, "changed"), (changed.GetProperty("year").GetInt32(), changed.GetProperty("yearSource").GetString()));

        tasks = await TasksAsync(jichu, planId);
        var schools = Titled(tasks, $"扩大普惠资源{u}");
        Assert.Equal("2026-12-31", schools.GetProperty("dueDate").GetString());
        Assert.Equal("2026-01-01", schools.GetProperty("startDate").GetString());
        Assert.Equal("2026-06-30", Titled(tasks, $"提升保教质量{u}").GetProperty("dueDate").GetString());
        Assert.Equal("2019-10-15", Titled(tasks, $"规范办园行为{u}").GetProperty("dueDate").GetString());
        // The target's deadline follows its task's.
        var target = schools.GetProperty("targets").EnumerateArray().Single();
        Assert.Equal(("2026-12-31", false), (target.GetProperty("dueDate").GetString(), target.GetProperty("ownDueDate").GetBoolean()));

        // The review page's form does the same: 年底前 becomes the end of 2025.
        review = await (await jichu.GetAsync($"/Plans/{planId}")).Content.ReadAsStringAsync();
        Assert.Contains("已在核对时修改", review);
        var newVersion = changed.GetProperty("version").GetInt32();
        var posted = await jichu.PostAsync($"/Plans/{planId}?handler=ChangePlan", Forms.Form(Forms.TokenIn(review),
            ("version", newVersion.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("title", $"江州市教育局2025年教育工作要点{u}"), ("year", "2025")));
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        tasks = await TasksAsync(jichu, planId);
        Assert.Equal("2025-12-31", Titled(tasks, $"扩大普惠资源{u}").GetProperty("dueDate").GetString());
        var stale = await jichu.PostAsync($"/Plans/{planId}?handler=ChangePlan", Forms.Form(Forms.TokenIn(review),
            ("version", newVersion.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("year", "2024")));
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);

        // Once published, the year stays.
        (await PatchAsync(jichu, $"/api/v1/tasks/{Id($"扩大普惠资源{u}")}", new { leadDepartmentId = await data.UnitIdAsync("D03") })).EnsureSuccessStatusCode();
        await Ledgers.PublishAsync(jichu, planId);
        var late = await PatchAsync(jichu, $"/api/v1/plans/{planId}", new { year = 2026 });
        Assert.Equal("plan.only-draft-changed", (await late.AssertProblemAsync(409)).GetProperty("code").GetString());
    }

    [Theory, Databases]
    public async Task Units_figures_add_up_shares_as_one_ratio_and_an_empty_value_keeps_the_unit_s_earlier_one(TestDatabase database)
    {
        var (data, app) = await demo.ClockedAsync(database, Now);
        await using var _ = app;
        var u = Unique();
        var admin = await app.SignedInAsync("admin");
        var (planId, _, tasks) = await DraftAsync(admin, $"""
            江州市教育局2026年教育工作要点{u}

            一、推进学前教育普及普惠
            （一）扩大普惠资源{u}。新建改扩建公办幼儿园12所，公办幼儿园在园儿童占比达到54%。
            """);
        var task = Titled(tasks, $"扩大普惠资源{u}");
        var taskId = task.GetProperty("id").GetInt32();
        var targets = task.GetProperty("targets").EnumerateArray().ToList();
        var count = targets.Single(t => t.GetProperty("unit").GetString() == "所").GetProperty("id").GetInt32();
        var share = targets.Single(t => t.GetProperty("unit").GetString() == "%").GetProperty("id").GetInt32();
        var q01 = await data.UnitIdAsync("Q01");
        await Ledgers.AssignAsync(admin, taskId, await data.UnitIdAsync("D03"), q01, await data.UnitIdAsync("Q02"), await data.UnitIdAsync("Q03"));
        await Ledgers.PublishAsync(admin, planId);

        // 95% of 200, 68 of 1000 (6.8%), 6.16% of 2500: the plain mean was 35.99, the city's share is 412 of 3700.
        var jiangdong = await app.SignedInAsync("jiangdong");
        var q02 = await app.SignedInAsync(await data.AddUserAsync(Domain.People.Role.District, "Q02"));
        var q03 = await app.SignedInAsync(await data.AddUserAsync(Domain.People.Role.District, "Q03"));
        var reports = new List<int>
        {
            await ReportAsync(jiangdong, taskId, "2026-10", new { targetId = share, value = 95, denominator = 200 }, new { targetId = count, value = 4 }),
            await ReportAsync(q02, taskId, "2026-10", new { targetId = share, numerator = 68, denominator = 1000 }, new { targetId = count, value = 8 }),
        };
        // The third through the task page's form, as numerator and denominator.
        var html = await (await q03.GetAsync($"/Tasks/{taskId}")).Content.ReadAsStringAsync();
        Assert.Contains($"data-testid=\"report-denominator-{share}\"", html);
        var posted = await q03.PostAsync($"/Tasks/{taskId}?handler=Report", Forms.Form(Forms.TokenIn(html), ("report.Period", "2026-10"),
            ("report.Progress", "50"), ("report.Narrative", "在园儿童154人在公办园。"), ($"report.Numerators[{share}]", "154"),
            ($"report.Denominators[{share}]", "2500"), ("report.Key", Guid.NewGuid().ToString("N"))));
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        reports.Add(await data.WithDbAsync(db => db.Reports.Where(r => r.TaskId == taskId && r.Period == "2026-10").OrderByDescending(r => r.Id)
            .Select(r => r.Id).FirstAsync()));

        // Parts that are no share are refused, and nothing is kept.
        var bad = await q03.PostAsJsonAsync($"/api/v1/tasks/{taskId}/reports", new
        {
            period = "2026-09", progress = 40, narrative = "数据", values = new object[] { new { targetId = share, numerator = 5, denominator = 0 } },
        });
        Assert.Equal("report.share-parts", (await bad.AssertProblemAsync(400)).GetProperty("code").GetString());

        var jichu = await app.SignedInAsync("jichu");
        foreach (var id in reports) await AcceptAsync(jichu, id);
        var figures = await admin.GetJsonAsync($"/api/v1/tasks/{taskId}");
        Assert.Equal(11.14m, TargetOf(figures, share).GetProperty("actual").GetDecimal());
        Assert.Equal(12m, TargetOf(figures, count).GetProperty("actual").GetDecimal());
        var unitFigures = TargetOf(figures, share).GetProperty("unitFigures").EnumerateArray().ToList();
        Assert.Equal(3, unitFigures.Count);
        Assert.All(unitFigures, f => Assert.Equal("2026-10", f.GetProperty("period").GetString()));
        Assert.All(unitFigures, f => Assert.Equal(JsonValueKind.String, f.GetProperty("acceptedAt").ValueKind));
        Assert.Contains(unitFigures, f => f.GetProperty("numerator").ValueKind == JsonValueKind.Number && f.GetProperty("numerator").GetDecimal() == 154m);

        // 江东区's November report leaves the count empty: the city keeps its 4 of October, 12 in all (not 8).
        await AcceptAsync(jichu, await ReportAsync(jiangdong, taskId, "2026-11", new { targetId = share, value = 96, denominator = 200 }));
        var after = await admin.GetJsonAsync($"/api/v1/tasks/{taskId}");
        Assert.Equal(12m, TargetOf(after, count).GetProperty("actual").GetDecimal());
        Assert.Equal(11.19m, TargetOf(after, share).GetProperty("actual").GetDecimal());
        var mine = TargetOf(after, count).GetProperty("unitFigures").EnumerateArray().Single(f => f.GetProperty("orgUnitId").GetInt32() == q01);
        Assert.Equal(("2026-10", 4m), (mine.GetProperty("period").GetString(), mine.GetProperty("value").GetDecimal()));

        // The task page shows each unit's latest figure with its date, and how they were combined.
        var page = await (await admin.GetAsync($"/Tasks/{taskId}")).Content.ReadAsStringAsync();
        Assert.Contains("data-testid=\"unit-figures\"", page);
        Assert.Contains("各单位分子之和", page);
        Assert.Contains("2026年10月", page);
    }

    private static JsonElement TargetOf(JsonElement task, int targetId) =>
        task.GetProperty("targets").EnumerateArray().Single(t => t.GetProperty("id").GetInt32() == targetId);

    private static async Task<int> ReportAsync(HttpClient unit, int taskId, string period, params object[] values) =>
        (await unit.PostAsJsonAsync($"/api/v1/tasks/{taskId}/reports", new { period, progress = 50, narrative = "按计划推进。", values })
            .SucceedsAsync("report")).GetProperty("id").GetInt32();

    private static Task<JsonElement> AcceptAsync(HttpClient lead, int reportId) =>
        lead.PostAsJsonAsync($"/api/v1/reports/{reportId}/review", new { decision = "accept" }).SucceedsAsync("accept");

    [Theory, Databases]
    public async Task A_task_far_behind_the_time_elapsed_is_yellow_and_its_page_says_why(TestDatabase database)
    {
        var (data, app) = await demo.ClockedAsync(database, Now);
        await using var _ = app;
        var u = Unique();
        var admin = await app.SignedInAsync("admin");
        var (planId, _, tasks) = await DraftAsync(admin, $"""
            江州市教育局2026年教育工作要点{u}

            一、推进学前教育普及普惠
            （一）扩大普惠资源{u}。新建改扩建公办幼儿园12所。
            """);
        var taskId = Titled(tasks, $"扩大普惠资源{u}").GetProperty("id").GetInt32();
        await Ledgers.AssignAsync(admin, taskId, await data.UnitIdAsync("D03"), await data.UnitIdAsync("Q01"));
        await Ledgers.PublishAsync(admin, planId);
        var jiangdong = await app.SignedInAsync("jiangdong");
        var report = (await jiangdong.PostAsJsonAsync($"/api/v1/tasks/{taskId}/reports", new { period = "2026-11", progress = 40, narrative = "已完成选址。" })
            .SucceedsAsync("report")).GetProperty("id").GetInt32();
        await AcceptAsync(await app.SignedInAsync("jichu"), report);

        // Due on 31 December, 32 days away: before, 进行中 until the last fortnight; now yellow, 51 points behind.
        var task = await admin.GetJsonAsync($"/api/v1/tasks/{taskId}");
        Assert.Equal(("warning", 40, 91, 51), (task.GetProperty("status").GetString(), task.GetProperty("progress").GetInt32(),
            task.GetProperty("expectedProgress").GetInt32(), task.GetProperty("behindBy").GetInt32()));
        var page = await (await admin.GetAsync($"/Tasks/{taskId}")).Content.ReadAsStringAsync();
        Assert.Contains("data-light=\"yellow\"", page);
        Assert.Contains("进度 40%，按时间应达 91%，落后 51 个百分点", page);
    }
}
