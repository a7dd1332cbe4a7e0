using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Luoshi.Domain.People;
using Luoshi.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Luoshi.Web.Tests;

/// <summary>The task pages as people use them: forms posted with their antiforgery tokens, and what the pages then show.</summary>
public sealed partial class TaskPagesTests(DemoCopies demo) : IClassFixture<DemoCopies>
{
    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex Antiforgery();

    [GeneratedRegex("name=\"report.Key\" value=\"([^\"]+)\"")]
    private static partial Regex ReportKey();

    [GeneratedRegex("name=\"edit.Version\" value=\"(\\d+)\"")]
    private static partial Regex EditVersion();

    [GeneratedRegex("data-testid=\"bell-count\">(\\d+)<")]
    private static partial Regex BellCount();

    /// <summary>A real 1×1 PNG.</summary>
    private static readonly byte[] Png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");

    private static string Today => Luoshi.Domain.Time.ChinaClock.System.Today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
    private static string ThisMonth => Luoshi.Domain.Time.ChinaClock.System.Now.ToString("yyyy-MM", CultureInfo.InvariantCulture);
    private static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
    private static string Chinese(DateOnly d) => $"{d.Year}年{d.Month}月{d.Day}日";

    /// <summary>A published plan of this test's own, with its 幼儿园 task (targets: 12 所, 54%) and a word found nowhere else.</summary>
    private sealed record Ledger(LuoshiFactory App, HttpClient Jichu, HttpClient Supervisor, int PlanId, int TaskId, string Word, int Q01, int Q02, int D03)
    {
        public string Page => $"/Tasks/{TaskId}";
    }

    private const string PlanTitle = "江州市教育局2026年教育工作要点";

    private async Task<Ledger> PublishedPlanAsync(TestDatabase database)
    {
        var app = await demo.For(database);
        var jichu = await app.SignedInAsync("jichu");
        var word = "QX" + Guid.NewGuid().ToString("N")[..8];
        var text = $"""
            江州市教育局2026年教育工作要点

            一、推进学前教育普及普惠
            （一）扩大普惠资源{word}。新建改扩建公办幼儿园12所，公办幼儿园在园儿童占比达到54%。
            （二）加强干部队伍建设。遴选培养中小学后备干部50人，6月底前完成。
            """;
        var created = await jichu.PostAsync("/api/v1/plans", new StringContent(text, Encoding.UTF8, "text/plain"));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var planId = (await created.ReadJsonAsync()).GetProperty("id").GetInt32();
        var tasks = (await jichu.GetJsonAsync($"/api/v1/tasks?planId={planId}")).GetProperty("items").EnumerateArray().ToList();
        foreach (var t in tasks.SelectMany(t => t.GetProperty("targets").EnumerateArray()).Where(t => t.GetProperty("placeholder").GetBoolean()))
            await jichu.DeleteAsync($"/api/v1/targets/{t.GetProperty("id").GetInt32()}");
        Assert.Equal(HttpStatusCode.OK, (await jichu.PostAsync($"/api/v1/plans/{planId}/publish", null)).StatusCode);
        var taskId = tasks.First(t => t.GetProperty("title").GetString()!.Contains("扩大普惠资源")).GetProperty("id").GetInt32();
        var ids = await app.WithDbAsync(db => db.OrgUnits.Where(u => u.Code == "Q01" || u.Code == "Q02" || u.Code == "D03").ToDictionaryAsync(u => u.Code, u => u.Id));
        return new(app, jichu, await app.SignedInAsync("supervisor"), planId, taskId, word, ids["Q01"], ids["Q02"], ids["D03"]);
    }

    /// <summary>The supervisor makes 基础教育处 the lead (through the API), so the department may edit the task on its page.</summary>
    private static async Task AssignAsync(Ledger l, object fields)
    {
        var read = await l.Supervisor.GetAsync($"/api/v1/tasks/{l.TaskId}");
        var request = new HttpRequestMessage(HttpMethod.Patch, $"/api/v1/tasks/{l.TaskId}") { Content = JsonContent.Create(fields) };
        request.Headers.TryAddWithoutValidation("If-Match", read.Headers.ETag!.Tag);
        var response = await l.Supervisor.SendAsync(request);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }

    private static async Task<(string Html, string Token)> OpenAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        var html = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {url} → {(int)response.StatusCode}");
        var token = Antiforgery().Match(html);
        return (html, token.Success ? token.Groups[1].Value : "");
    }

    private static Task<HttpResponseMessage> PostFormAsync(HttpClient client, string url, string token, params (string Name, string Value)[] fields) =>
        client.PostAsync(url, new FormUrlEncodedContent(fields.Select(f => KeyValuePair.Create(f.Name, f.Value))
            .Append(KeyValuePair.Create("__RequestVerificationToken", token))));

    private static (string, string)[] EditFields(Ledger l, string version, string due, params int[] units) =>
    [
        ("edit.Version", version), ("edit.LeadDepartmentId", l.D03.ToString(CultureInfo.InvariantCulture)), ("edit.Category", "学前教育"), ("edit.StartDate", "2026-01-01"), ("edit.DueDate", due), ("edit.Weight", "2"),
        ("edit.Milestones[0].Date", "2026-06-30"), ("edit.Milestones[0].Title", "完成选址立项"),
        .. units.Select(u => ("edit.ResponsibleOrgUnitIds", u.ToString(CultureInfo.InvariantCulture))),
    ];

    /// <summary>An item of 我的待办 of the kind, on the task, whose text (within the same item) contains the words.</summary>
    private static string Item(string kind, int taskId, string words = "") =>
        $"data-kind=\"{kind}\" data-task=\"{taskId}\"(?:(?!</li>)[\\s\\S])*?{Regex.Escape(words)}";

    /// <summary>The part of the page inside the element with the test id, up to the next element with a test id of the same kind.</summary>
    private static string Part(string html, string testId)
    {
        var start = html.IndexOf($"data-testid=\"{testId}\"", StringComparison.Ordinal);
        Assert.True(start >= 0, $"the page has no {testId}");
        var end = html.IndexOf("</section>", start, StringComparison.Ordinal);
        return html[start..(end < 0 ? html.Length : end)];
    }

    [Theory, Databases]
    public async Task The_department_assigns_units_on_the_task_page_and_a_stale_form_shows_what_changed(TestDatabase database)
    {
        var l = await PublishedPlanAsync(database);
        await AssignAsync(l, new { leadDepartmentId = l.D03 });
        var (html, token) = await OpenAsync(l.Jichu, l.Page);
        Assert.Contains("data-testid=\"edit-form\"", html);
        var version = EditVersion().Match(html).Groups[1].Value;

        var saved = await PostFormAsync(l.Jichu, l.Page + "?handler=Edit", token, EditFields(l, version, "2026-12-31", l.Q01));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var (after, _) = await OpenAsync(l.Jichu, saved.Headers.Location!.OriginalString);
        Assert.Contains("已保存修改", after);
        Assert.Contains("江东区教育局", Part(after, "task-units"));
        Assert.Contains("2026年12月31日", Part(after, "task-details"));
        Assert.Contains("完成选址立项", Part(after, "milestones"));
        Assert.Contains("新增 江东区教育局", Part(after, "history"));

        // The same (now stale) form again, choosing 城南区 instead: refused, nothing changes, the differences are shown.
        var stale = await PostFormAsync(l.Jichu, l.Page + "?handler=Edit", token, EditFields(l, version, "2026-10-31", l.Q02));
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        var body = await stale.Content.ReadAsStringAsync();
        Assert.Contains("已被他人修改", body);
        var conflicts = Part(body, "conflicts");
        Assert.Contains("责任单位</strong>：<span class=\"yours\">城南区教育局</span> → <span class=\"current\">江东区教育局</span>", conflicts);
        Assert.Contains("2026年10月31日</span> → <span class=\"current\">2026年12月31日", conflicts);
        Assert.DoesNotContain("类别", conflicts);
        var units = await l.App.WithDbAsync(db => db.TaskUnits.Where(u => u.TaskId == l.TaskId).Select(u => u.OrgUnitId).ToListAsync());
        Assert.Equal([l.Q01], units);

        // A district may read the task but gets no edit form, and its post is refused.
        var jiangdong = await l.App.SignedInAsync("jiangdong");
        var (districtView, districtToken) = await OpenAsync(jiangdong, l.Page);
        Assert.DoesNotContain("data-testid=\"edit-form\"", districtView);
        Assert.Equal(HttpStatusCode.Forbidden, (await PostFormAsync(jiangdong, l.Page + "?handler=Edit", districtToken, EditFields(l, "0", "2026-12-31", l.Q02))).StatusCode);
    }

    private static MultipartFormDataContent ReportForm(string token, string key, string period, int targetId, string value, bool draft, params (string Name, byte[] Bytes)[] files)
    {
        var form = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new StringContent(key), "report.Key" },
            { new StringContent(period), "report.Period" },
            { new StringContent("60"), "report.Progress" },
            { new StringContent("已完成6所幼儿园的改扩建，其余正在施工。"), "report.Narrative" },
            { new StringContent(value), $"report.Values[{targetId}]" },
            { new StringContent(draft ? "true" : "false"), "draft" },
        };
        foreach (var (name, bytes) in files) form.Add(new ByteArrayContent(bytes), "evidence", name);
        return form;
    }

    private static async Task<int> SchoolsTargetAsync(Ledger l) =>
        await l.App.WithDbAsync(db => db.Targets.Where(t => t.TaskId == l.TaskId && t.Unit == "所").Select(t => t.Id).FirstAsync());

    [Theory, Databases]
    public async Task A_district_reports_with_evidence_and_the_department_returns_and_accepts(TestDatabase database)
    {
        var l = await PublishedPlanAsync(database);
        await AssignAsync(l, new { leadDepartmentId = l.D03, responsibleOrgUnitIds = new[] { l.Q01 }, dueDate = "2026-12-31" });
        var target = await SchoolsTargetAsync(l);
        var jiangdong = await l.App.SignedInAsync("jiangdong");
        var (page, token) = await OpenAsync(jiangdong, l.Page);
        Assert.Contains("data-testid=\"report-form\"", page);
        var key = ReportKey().Match(page).Groups[1].Value;
        Assert.NotEmpty(key);

        // The form sent twice (a double click, a retry) stores one report with one file.
        for (var i = 0; i < 2; i++)
        {
            var sent = await jiangdong.PostAsync(l.Page + "?handler=Report", ReportForm(token, key, ThisMonth, target, "6", false, ("现场照片.png", Png)));
            Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        }
        var reports = await l.App.WithDbAsync(db => db.Reports.Include(r => r.Attachments).Where(r => r.TaskId == l.TaskId).ToListAsync());
        var report = Assert.Single(reports);
        var attachment = Assert.Single(report.Attachments);

        // A program named .png is refused by its content; nothing is stored, not even the report.
        var (_, token2) = await OpenAsync(jiangdong, l.Page);
        var lastMonth = Luoshi.Domain.Time.ChinaClock.System.Now.AddMonths(-1).ToString("yyyy-MM", CultureInfo.InvariantCulture);
        var refused = await jiangdong.PostAsync(l.Page + "?handler=Report",
            ReportForm(token2, Guid.NewGuid().ToString("N"), lastMonth, target, "7", false, ("照片.png", "MZ\x90\0 not an image"u8.ToArray()), ("另一张.png", Png)));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, refused.StatusCode);
        Assert.Contains("不是允许的文件类型", Part(await refused.Content.ReadAsStringAsync(), "report-problems"));
        Assert.Equal(1, await l.App.WithDbAsync(db => db.Reports.CountAsync(r => r.TaskId == l.TaskId)));
        // No file lies there without its record (the class's other tests store evidence of their own in this copy).
        var recorded = (await l.App.WithDbAsync(db => db.Attachments.Select(a => a.StoredName).ToListAsync()))
            .Select(n => Path.GetFullPath(Path.Combine(l.App.DataDirectory, "attachments", n))).ToHashSet();
        var orphans = Directory.GetFiles(Path.Combine(l.App.DataDirectory, "attachments"), "*", SearchOption.AllDirectories)
            .Select(Path.GetFullPath).Where(f => !recorded.Contains(f)).ToList();
        Assert.Empty(orphans);

        // What the district sees: its report, submitted, with the evidence as a download link.
        var (mine, _) = await OpenAsync(jiangdong, l.Page);
        var shown = Part(mine, $"report-{report.Id}");
        Assert.Contains("已报送", shown);
        Assert.Contains($"href=\"/api/v1/attachments/{attachment.Id}\"", shown);
        Assert.Contains("现场照片.png", shown);
        Assert.DoesNotContain($"review-form-{report.Id}", mine);
        Assert.Equal(Png, await jiangdong.GetByteArrayAsync($"/api/v1/attachments/{attachment.Id}"));

        // Another district cannot open the task, its attachment, or post a report to it.
        var other = await l.App.SignedInAsync(await l.App.AddUserAsync(Role.District, "Q02"));
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync(l.Page)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/v1/attachments/{attachment.Id}")).StatusCode);
        var (_, otherToken) = await OpenAsync(other, "/MyTasks");
        Assert.Equal(HttpStatusCode.NotFound, (await other.PostAsync(l.Page + "?handler=Report", ReportForm(otherToken, "k", ThisMonth, target, "1", false))).StatusCode);

        // The department: a return needs a comment; then it accepts, and the target and the task move.
        var (review, reviewToken) = await OpenAsync(l.Jichu, l.Page);
        Assert.Contains($"review-form-{report.Id}", review);
        Assert.Contains("暂无数据", Part(review, $"target-{target}"));
        var noComment = await PostFormAsync(l.Jichu, l.Page + "?handler=Review", reviewToken, ("reportId", report.Id.ToString(CultureInfo.InvariantCulture)), ("decision", "return"), ("comment", ""));
        Assert.Equal(HttpStatusCode.BadRequest, noComment.StatusCode);
        Assert.Contains("退回时请写明原因", await noComment.Content.ReadAsStringAsync());
        var accepted = await PostFormAsync(l.Jichu, l.Page + "?handler=Review", reviewToken, ("reportId", report.Id.ToString(CultureInfo.InvariantCulture)), ("decision", "accept"), ("comment", "进展良好"));
        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        var (done, _) = await OpenAsync(l.Jichu, l.Page);
        Assert.Contains("已采纳", Part(done, $"report-{report.Id}"));
        Assert.Contains("进展良好", Part(done, $"report-{report.Id}"));
        var targetPart = Part(done, $"target-{target}");
        Assert.Contains("完成 50%", targetPart);
        Assert.Contains("value=\"50", targetPart);
        Assert.Contains("value=\"60\"", Part(done, "task-details"));

        // Last month's report, returned with a comment: the district sees why, and it is on its list of things to do.
        var (_, token3) = await OpenAsync(jiangdong, l.Page);
        Assert.Equal(HttpStatusCode.Redirect, (await jiangdong.PostAsync(l.Page + "?handler=Report", ReportForm(token3, Guid.NewGuid().ToString("N"), lastMonth, target, "5", false))).StatusCode);
        var late = await l.App.WithDbAsync(db => db.Reports.Where(r => r.TaskId == l.TaskId && r.Period == lastMonth).Select(r => r.Id).FirstAsync());
        var (_, token4) = await OpenAsync(l.Jichu, l.Page);
        Assert.Equal(HttpStatusCode.Redirect, (await PostFormAsync(l.Jichu, l.Page + "?handler=Review", token4, ("reportId", late.ToString(CultureInfo.InvariantCulture)), ("decision", "return"), ("comment", "请补充幼儿园名单"))).StatusCode);
        var (returned, _) = await OpenAsync(jiangdong, l.Page);
        Assert.Contains("已退回", Part(returned, $"report-{late}"));
        Assert.Contains("请补充幼儿园名单", Part(returned, $"report-{late}"));
        var (todo, _) = await OpenAsync(jiangdong, "/MyTasks");
        Assert.Matches(Item("returned", l.TaskId, "请补充幼儿园名单"), todo);
    }

    [Theory, Databases]
    public async Task Completion_is_requested_by_the_department_and_approved_by_a_leader(TestDatabase database)
    {
        var l = await PublishedPlanAsync(database);
        await AssignAsync(l, new { leadDepartmentId = l.D03, responsibleOrgUnitIds = new[] { l.Q01 } });
        var (page, token) = await OpenAsync(l.Jichu, l.Page);
        Assert.Contains("data-testid=\"completion-form\"", page);
        var empty = await PostFormAsync(l.Jichu, l.Page + "?handler=Completion", token, ("summary", " "));
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Contains("请填写办结情况说明", await empty.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Redirect, (await PostFormAsync(l.Jichu, l.Page + "?handler=Completion", token, ("summary", "12所幼儿园全部完工并通过验收"))).StatusCode);

        var leader = await l.App.SignedInAsync("leader");
        var (todo, _) = await OpenAsync(leader, "/MyTasks");
        Assert.Matches(Item("completion", l.TaskId, "办结申请待审批"), todo);
        var jiangdong = await l.App.SignedInAsync("jiangdong");
        var (_, districtToken) = await OpenAsync(jiangdong, l.Page);
        Assert.Equal(HttpStatusCode.Forbidden, (await PostFormAsync(jiangdong, l.Page + "?handler=Decide", districtToken, ("decision", "approve"))).StatusCode);

        var (decide, leaderToken) = await OpenAsync(leader, l.Page);
        Assert.Matches("data-testid=\"task-status\" data-light=\"green\">申请办结<", decide);
        Assert.Contains("data-testid=\"decide-form\"", decide);
        Assert.Equal(HttpStatusCode.Redirect, (await PostFormAsync(leader, l.Page + "?handler=Decide", leaderToken, ("decision", "approve"))).StatusCode);
        var (closed, _) = await OpenAsync(l.Jichu, l.Page);
        Assert.Matches("data-testid=\"task-status\" data-light=\"green\">已办结<", closed);
        Assert.Contains("12所幼儿园全部完工并通过验收", Part(closed, "completion"));
        Assert.DoesNotContain("data-testid=\"report-form\"", (await OpenAsync(jiangdong, l.Page)).Html);
    }

    [Theory, Databases]
    public async Task My_tasks_shows_each_role_what_to_do_next(TestDatabase database)
    {
        var l = await PublishedPlanAsync(database);
        var today = Luoshi.Domain.Time.ChinaClock.System.Today;
        await AssignAsync(l, new
        {
            leadDepartmentId = l.D03, responsibleOrgUnitIds = new[] { l.Q01 }, startDate = "2026-01-01", dueDate = Iso(today.AddDays(20)),
            milestones = new[] { new { date = Iso(today.AddDays(-3)), title = "完成选址立项", done = false } },
        });

        // The district: this month's report is due.
        var jiangdong = await l.App.SignedInAsync("jiangdong");
        var (district, _) = await OpenAsync(jiangdong, "/MyTasks");
        Assert.Matches(Item("report", l.TaskId, $"{ThisMonth} 进展待报送"), district);
        // Each thing to do and each task of the unit names the plan it belongs to.
        Assert.Matches(Item("report", l.TaskId, $"data-testid=\"agenda-plan\">{PlanTitle}<"), district);
        Assert.Contains($"<a href=\"/Plans/{l.PlanId}\">{PlanTitle}</a>", Part(district, "my-task-plan"));
        var (home, _) = await OpenAsync(jiangdong, "/");
        Assert.Contains("我的待办", Part(home, "home-agenda"));
        // A school of the same district carries nothing here.
        var school = await l.App.SignedInAsync("school");
        Assert.DoesNotContain($"data-task=\"{l.TaskId}\"", (await OpenAsync(school, "/MyTasks")).Html);

        // The department: the overdue milestone and the coming due date, then a report to review.
        var (department, _) = await OpenAsync(l.Jichu, "/MyTasks");
        Assert.Matches(Item("milestone", l.TaskId, "节点：完成选址立项"), department);
        Assert.Matches(Item("due", l.TaskId, "完成时限"), department);
        var target = await SchoolsTargetAsync(l);
        var (_, token) = await OpenAsync(jiangdong, l.Page);
        Assert.Equal(HttpStatusCode.Redirect, (await jiangdong.PostAsync(l.Page + "?handler=Report", ReportForm(token, Guid.NewGuid().ToString("N"), ThisMonth, target, "3", false))).StatusCode);
        var review = (await OpenAsync(l.Jichu, "/MyTasks")).Html;
        Assert.Matches(Item("review", l.TaskId, $"待审核：江东区教育局 {ThisMonth} 进展"), review);
        // A report to review shows the day it was sent, marked 待审核 (not "coming up").
        Assert.Matches($"data-kind=\"review\" data-task=\"{l.TaskId}\" data-light=\"yellow\">\\s*<span class=\"when\">{Chinese(Domain.Time.ChinaClock.System.Today)}报送</span>\\s*<span[^>]*>待审核</span>", review);
        Assert.DoesNotMatch(Item("report", l.TaskId, $"{ThisMonth} 进展"), (await OpenAsync(jiangdong, "/MyTasks")).Html);

        // The supervisor: the task is overdue (its milestone has passed), shown red.
        var (supervisor, _) = await OpenAsync(l.Supervisor, "/MyTasks");
        Assert.Matches(Item("overdue", l.TaskId, "light-red"), supervisor);
    }

    [Theory, Databases]
    public async Task The_calendar_and_the_schedule_show_the_due_date(TestDatabase database)
    {
        var l = await PublishedPlanAsync(database);
        var due = new DateOnly(2026, 12, 18);
        await AssignAsync(l, new { leadDepartmentId = l.D03, responsibleOrgUnitIds = new[] { l.Q01 }, startDate = "2026-03-01", dueDate = Iso(due),
            milestones = new[] { new { date = "2026-12-04", title = "中期检查", done = false } } });
        var jiangdong = await l.App.SignedInAsync("jiangdong");

        var (calendar, _) = await OpenAsync(jiangdong, "/Calendar?month=2026-12");
        Assert.Contains("2026年12月", calendar);
        var day = calendar[calendar.IndexOf($"data-date=\"{Iso(due)}\"", StringComparison.Ordinal)..];
        day = day[..day.IndexOf("data-date=", 10, StringComparison.Ordinal)];
        Assert.Contains($"href=\"/Tasks/{l.TaskId}\"", day);
        Assert.Contains("截止：扩大普惠资源", day);
        Assert.Contains($"title=\"{PlanTitle} · 扩大普惠资源", day);
        // Below the month, its entries as a list, each with its plan; and the day November's reports are due.
        Assert.Contains(PlanTitle, Part(calendar, "calendar-list"));
        var reportsDay = calendar[calendar.IndexOf("data-date=\"2026-12-05\"", StringComparison.Ordinal)..][..400];
        Assert.Contains("11月进展报送截止", reportsDay);
        Assert.Contains("href=\"/MyTasks\"", reportsDay);
        var milestoneDay = calendar[calendar.IndexOf("data-date=\"2026-12-04\"", StringComparison.Ordinal)..][..400];
        Assert.Contains("节点：中期检查", milestoneDay);
        Assert.Contains("data-testid=\"next-month\"", calendar);
        Assert.DoesNotContain($"/Tasks/{l.TaskId}\"", (await OpenAsync(jiangdong, "/Calendar?month=2026-07")).Html);
        var other = await l.App.SignedInAsync(await l.App.AddUserAsync(Role.District, "Q02"));
        Assert.DoesNotContain($"/Tasks/{l.TaskId}\"", (await OpenAsync(other, "/Calendar?month=2026-12")).Html);

        var (schedule, _) = await OpenAsync(jiangdong, $"/Schedule?planId={l.PlanId}");
        var row = Part(schedule, $"gantt-row-{l.TaskId}");
        Assert.Contains(Chinese(due), row);
        Assert.Contains("gantt-bar bar-", row);
        Assert.Contains("c3 e13", row);
        Assert.Contains("中期检查", row);
        Assert.Contains($"今天：{Chinese(Domain.Time.ChinaClock.System.Today)}", schedule); // today in China, whatever the host's zone
    }

    [Theory, Databases]
    public async Task Marking_notifications_read_lowers_the_bell_count(TestDatabase database)
    {
        var l = await PublishedPlanAsync(database);
        // A district of its own: the class's other tests assign work to the demo districts, and the reminder sweep rings their bells.
        var code = "BL-" + Guid.NewGuid().ToString("N")[..8];
        var district = await l.App.WithDbAsync(async db =>
        {
            var bureau = await db.OrgUnits.FirstAsync(u => u.ParentId == null);
            var unit = new Domain.OrgUnits.OrgUnit { Code = code, Name = "铃声测试区教育局", Kind = Domain.OrgUnits.OrgUnitKind.District, ParentId = bureau.Id };
            db.OrgUnits.Add(unit);
            await db.SaveChangesAsync();
            return unit.Id;
        });
        var name = await l.App.AddUserAsync(Role.District, code);
        var user = await l.App.SignedInAsync(name);
        await AssignAsync(l, new { responsibleOrgUnitIds = new[] { district } });
        var userId = await l.App.WithDbAsync(db => db.Users.Where(u => u.UserName == name).Select(u => u.Id).FirstAsync());
        await l.App.WithDbAsync(async db =>
        {
            db.Notifications.Add(new Domain.Notifications.Notification { UserId = userId, Kind = "assigned", Text = "第二条通知", Link = l.Page, CreatedAt = DateTime.UtcNow });
            var someoneElse = await db.Users.Where(u => u.UserName == "jiangdong").Select(u => u.Id).FirstAsync();
            db.Notifications.Add(new Domain.Notifications.Notification { UserId = someoneElse, Kind = "assigned", Text = "别人的通知", Link = l.Page, CreatedAt = DateTime.UtcNow });
            await db.SaveChangesAsync();
        });

        var (page, token) = await OpenAsync(user, "/Notifications");
        Assert.Equal("2", BellCount().Match(page).Groups[1].Value);
        Assert.Contains("未读 2 条", page);
        Assert.Contains($"href=\"{l.Page}\"", page);
        var first = await l.App.WithDbAsync(db => db.Notifications.Where(n => n.UserId == userId).OrderBy(n => n.Id).Select(n => n.Id).FirstAsync());
        Assert.Equal(HttpStatusCode.Redirect, (await PostFormAsync(user, "/Notifications?handler=Read", token, ("id", first.ToString(CultureInfo.InvariantCulture)))).StatusCode);
        var (after, token2) = await OpenAsync(user, "/");
        Assert.Equal("1", BellCount().Match(after).Groups[1].Value);

        // Someone else's notification cannot be marked through my session.
        var others = await l.App.WithDbAsync(db => db.Notifications.Where(n => n.UserId != userId && n.Text == "别人的通知").Select(n => n.Id).FirstAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await PostFormAsync(user, "/Notifications?handler=Read", token2, ("id", others.ToString(CultureInfo.InvariantCulture)))).StatusCode);

        Assert.Equal(HttpStatusCode.Redirect, (await PostFormAsync(user, "/Notifications?handler=ReadAll", token2)).StatusCode);
        var (read, _) = await OpenAsync(user, "/Notifications");
        Assert.False(BellCount().IsMatch(read), "the bell still shows a count after all were read");
        Assert.Contains("未读 0 条", read);
    }

    [Theory, Databases]
    public async Task Search_finds_the_task_only_for_those_who_may_see_it(TestDatabase database)
    {
        var l = await PublishedPlanAsync(database);
        await AssignAsync(l, new { leadDepartmentId = l.D03, responsibleOrgUnitIds = new[] { l.Q01 } });
        var link = $"href=\"/Tasks/{l.TaskId}\"";
        foreach (var who in new[] { "jiangdong", "jichu", "leader" })
        {
            var (found, _) = await OpenAsync(await l.App.SignedInAsync(who), "/Search?q=" + l.Word);
            Assert.Contains(link, Part(found, "hits-task"));
            Assert.Contains($"<mark>{l.Word}</mark>", found);
            Assert.Contains($"data-testid=\"hit-plan\">{PlanTitle}<", Part(found, "hits-task"));
        }
        foreach (var client in new[] { await l.App.SignedInAsync("school"), await l.App.SignedInAsync(await l.App.AddUserAsync(Role.District, "Q02")) })
        {
            var (hidden, _) = await OpenAsync(client, "/Search?q=" + l.Word);
            Assert.DoesNotContain(link, hidden);
            Assert.Contains("共找到 0 条结果", hidden);
        }
        var (tooLong, _) = await OpenAsync(l.Jichu, "/Search?q=" + new string('长', 101));
        Assert.Contains("请输入 1–100 个字的搜索词", tooLong);
        var api = await (await l.App.SignedInAsync("jiangdong")).GetJsonAsync("/api/v1/search?q=" + l.Word);
        Assert.Contains(api.GetProperty("items").EnumerateArray(), h => h.GetProperty("link").GetString() == $"/Tasks/{l.TaskId}");
    }

    [Theory, Databases]
    public async Task The_department_splits_a_target_among_its_districts_and_shares_must_add_up(TestDatabase database)
    {
        var l = await PublishedPlanAsync(database);
        await AssignAsync(l, new { leadDepartmentId = l.D03, responsibleOrgUnitIds = new[] { l.Q01, l.Q02 } });
        var target = await SchoolsTargetAsync(l);
        string Id(int id) => id.ToString(CultureInfo.InvariantCulture);
        (string, string)[] Split(string version, string q01, string q02) =>
            [("targetId", Id(target)), ("version", version), ($"shares[{l.Q01}]", q01), ($"shares[{l.Q02}]", q02)];

        // 12 所 cannot be split 5 + 5: the page says so and nothing is stored.
        var (_, token) = await OpenAsync(l.Jichu, l.Page);
        var wrong = await PostFormAsync(l.Jichu, l.Page + "?handler=Breakdown", token, Split("0", "5", "5"));
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.Contains("各单位分解数之和（10）与目标值（12）不一致", await wrong.Content.ReadAsStringAsync());
        Assert.Equal(0, await l.App.WithDbAsync(db => db.Set<Luoshi.Domain.Targets.TargetShare>().CountAsync(s => s.TargetId == target)));

        var right = await PostFormAsync(l.Jichu, l.Page + "?handler=Breakdown", token, Split("0", "7", "5"));
        Assert.Equal(HttpStatusCode.Redirect, right.StatusCode);
        var (page, _) = await OpenAsync(l.Jichu, l.Page);
        var shown = Part(page, $"target-{target}");
        Assert.Contains("江东区教育局", shown);
        Assert.Contains("各单位分解数合计与目标值一致", shown);
        var api = await l.Jichu.GetJsonAsync($"/api/v1/tasks/{l.TaskId}");
        var breakdown = api.GetProperty("targets").EnumerateArray().First(t => t.GetProperty("id").GetInt32() == target).GetProperty("breakdown");
        Assert.Equal(2, breakdown.GetArrayLength());
        Assert.Contains(breakdown.EnumerateArray(), s => s.GetProperty("orgUnitId").GetInt32() == l.Q01 && s.GetProperty("value").GetDecimal() == 7m);

        // A form read before that change is refused; a district may not split at all.
        var stale = await PostFormAsync(l.Jichu, l.Page + "?handler=Breakdown", token, Split("0", "6", "6"));
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        Assert.Contains("已被他人修改", await stale.Content.ReadAsStringAsync());
        var jiangdong = await l.App.SignedInAsync("jiangdong");
        var (_, districtToken) = await OpenAsync(jiangdong, l.Page);
        Assert.Equal(HttpStatusCode.Forbidden, (await PostFormAsync(jiangdong, l.Page + "?handler=Breakdown", districtToken, Split("1", "6", "6"))).StatusCode);
        Assert.Contains(await l.App.WithDbAsync(db => db.Set<Luoshi.Domain.Targets.TargetShare>().Where(s => s.TargetId == target).Select(s => s.Value).ToListAsync()), v => v == 7m);
    }
}
