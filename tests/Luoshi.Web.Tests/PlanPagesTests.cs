using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using Luoshi.Domain.Plans;
using Luoshi.Domain.Tasks;
using Luoshi.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Luoshi.Web.Tests;

/// <summary>The plan pages as a bureau user sees them: upload, review and fix the draft, publish, the board.</summary>
public sealed partial class PlanPagesTests(DemoCopies demo) : IClassFixture<DemoCopies>
{
    /// <summary>A small plan: an XX placeholder, a responsible department, a deadline; a marker makes each copy unique.</summary>
    private static string PlanText(string marker) => $"""
        江州市教育局2026年教育工作要点

        一、全面加强党的建设
        （一）深化党建品牌创建{marker}。创建30所中小学党建示范校，培育XX个党建品牌。（责任科室：基础教育处）
        （二）加强干部队伍建设。遴选培养中小学后备干部50人，6月底前完成。
        二、推进学前教育普及普惠
        （一）扩大普惠资源。新建改扩建公办幼儿园12所，公办幼儿园在园儿童占比达到54%。
        三、深化教育评价改革
        （一）推进中小学教育质量综合评价改革，完善学校办学质量督导评估。
        """;

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex Token();

    [GeneratedRegex("id=\"task-(\\d+)\" data-testid=\"outline-item\"\\s+data-src-start=\"(\\d+)\" data-src-end=\"(\\d+)\"")]
    private static partial Regex LocatedItem();

    private static string Marker() => "（" + Guid.NewGuid().ToString("N")[..8] + "）";

    private static string Decoded(string html) => WebUtility.HtmlDecode(html);

    private static async Task<string> TokenAsync(HttpClient client, string page)
    {
        var html = await client.GetStringAsync(page);
        var match = Token().Match(html);
        Assert.True(match.Success, $"no antiforgery token on {page}");
        return match.Groups[1].Value;
    }

    /// <summary>Posts a form of the page as the browser would, with the page's antiforgery token.</summary>
    private static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string page, string handler, Dictionary<string, string> fields)
    {
        fields["__RequestVerificationToken"] = await TokenAsync(client, page);
        return await client.PostAsync($"{page}?handler={handler}", new FormUrlEncodedContent(fields));
    }

    private static async Task<HttpResponseMessage> UploadAsync(HttpClient client, byte[] content, string fileName)
    {
        var token = await TokenAsync(client, "/Plans/New");
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        var form = new MultipartFormDataContent { { new StringContent(token), "__RequestVerificationToken" }, { file, "file", fileName } };
        return await client.PostAsync("/Plans/New", form);
    }

    /// <summary>Uploads the plan as a .txt file and follows the redirect to the draft; returns the plan's id.</summary>
    private static async Task<int> UploadDraftAsync(HttpClient client, string marker)
    {
        var response = await UploadAsync(client, Encoding.UTF8.GetBytes(PlanText(marker)), "2026年工作要点.txt");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!.OriginalString;
        Assert.Matches("^/Plans/\\d+$", location);
        return int.Parse(location["/Plans/".Length..], CultureInfo.InvariantCulture);
    }

    private static Task<PlanTask> TaskAsync(LuoshiFactory app, int planId, string titlePart) =>
        app.WithDbAsync(db => db.Tasks.AsNoTracking().Include(t => t.Targets).FirstAsync(t => t.PlanId == planId && t.Title.Contains(titlePart)));

    private static string S(int n) => n.ToString(CultureInfo.InvariantCulture);

    [Theory, Databases]
    public async Task Uploaded_text_lands_on_the_draft_beside_its_source_and_an_edited_item_shows(TestDatabase database)
    {
        var app = await demo.For(database);
        var jichu = await app.SignedInAsync("jichu");
        var marker = Marker();
        var id = await UploadDraftAsync(jichu, marker);

        var list = Decoded(await jichu.GetStringAsync("/Plans"));
        Assert.Contains("href=\"/Plans/New\" data-testid=\"new-plan\">新建计划", list);
        Assert.Matches($"<a href=\"/Plans/{id}\">江州市教育局2026年教育工作要点</a>", list);

        var page = await jichu.GetAsync($"/Plans/{id}");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        var text = Decoded(html);
        Assert.Contains("草稿", text);
        Assert.Contains("深化党建品牌创建" + marker, text);
        Assert.Contains("，1 个占位目标（XX）待填写", text);
        Assert.Matches("党建品牌 达到 XX 个</span>\\s*<span class=\"badge-pending\" data-testid=\"pending\">待填写</span>", text);
        Assert.Contains("党的建设", text);

        // Each item knows where it came from: the span of the source it points at holds the item's words.
        var source = await app.WithDbAsync(db => db.Plans.Where(p => p.Id == id).Select(p => p.SourceText).FirstAsync());
        source = source.ReplaceLineEndings("\n");
        var task = await TaskAsync(app, id, "深化党建品牌创建");
        var located = LocatedItem().Matches(html).ToDictionary(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture),
            m => source[int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture)..int.Parse(m.Groups[3].Value, CultureInfo.InvariantCulture)]);
        Assert.StartsWith("（一）深化党建品牌创建" + marker, located[task.Id]);
        Assert.EndsWith("（责任科室：基础教育处）", located[task.Id]);
        var expand = await TaskAsync(app, id, "扩大普惠资源");
        Assert.Contains("新建改扩建公办幼儿园12所", located[expand.Id]);
        Assert.DoesNotContain("深化党建", located[expand.Id]);

        var saved = await PostFormAsync(jichu, $"/Plans/{id}", "EditTask", new()
        {
            ["taskId"] = S(task.Id), ["version"] = S(task.Version), ["title"] = "深化党建品牌创建（已核对）",
            ["text"] = task.Text, ["category"] = "思政德育",
        });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var after = Decoded(await jichu.GetStringAsync(saved.Headers.Location!.OriginalString));
        Assert.Contains("已保存", after);
        Assert.Contains("深化党建品牌创建（已核对）", after);
        var changed = await TaskAsync(app, id, "深化党建品牌创建");
        Assert.Equal("深化党建品牌创建（已核对）", changed.Title);
        Assert.Equal(TaskCategory.MoralEducation, changed.Category);

        var empty = await PostFormAsync(jichu, $"/Plans/{id}", "EditTask", new()
        {
            ["taskId"] = S(task.Id), ["version"] = S(changed.Version), ["title"] = " ", ["text"] = "",
        });
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Contains("任务名称不能为空", Decoded(await empty.Content.ReadAsStringAsync()));
    }

    [Theory, Databases]
    public async Task An_XX_target_is_filled_and_a_stale_edit_is_refused_with_the_current_value(TestDatabase database)
    {
        var app = await demo.For(database);
        var jichu = await app.SignedInAsync("jichu");
        var id = await UploadDraftAsync(jichu, Marker());
        var task = await TaskAsync(app, id, "深化党建品牌创建");
        var placeholder = task.Targets.Single(g => g.Placeholder);

        var bad = await PostFormAsync(jichu, $"/Plans/{id}", "EditTarget", new() { ["targetId"] = S(placeholder.Id), ["version"] = S(placeholder.Version), ["value"] = "八" });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("目标值“八”不是数字", Decoded(await bad.Content.ReadAsStringAsync()));

        var filled = await PostFormAsync(jichu, $"/Plans/{id}", "EditTarget", new()
        {
            ["targetId"] = S(placeholder.Id), ["version"] = S(placeholder.Version), ["comparator"] = "=", ["value"] = "8", ["unit"] = "个",
        });
        Assert.Equal(HttpStatusCode.Redirect, filled.StatusCode);
        var page = Decoded(await jichu.GetStringAsync($"/Plans/{id}"));
        Assert.Contains("党建品牌 达到 8 个", page);
        Assert.DoesNotContain("data-testid=\"pending\"", page);
        Assert.DoesNotContain("占位目标（XX）待填写", page);

        // Someone else's form, read before the fill, is refused and says what the target is now.
        var stale = await PostFormAsync(jichu, $"/Plans/{id}", "EditTarget", new()
        {
            ["targetId"] = S(placeholder.Id), ["version"] = S(placeholder.Version), ["value"] = "99",
        });
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        var message = Decoded(await stale.Content.ReadAsStringAsync());
        Assert.Contains("该目标在您打开之后已被他人修改，您的修改未保存。当前为：党建品牌 达到 8 个", message);
        Assert.Equal(8m, await app.WithDbAsync(db => db.Targets.Where(g => g.Id == placeholder.Id).Select(g => g.Value).FirstAsync()));

        // The same for an item: the first save wins, the second (same version) is told the current title.
        await PostFormAsync(jichu, $"/Plans/{id}", "EditTask", new() { ["taskId"] = S(task.Id), ["version"] = S(task.Version), ["title"] = "第一位同事的名称", ["text"] = task.Text });
        var late = await PostFormAsync(jichu, $"/Plans/{id}", "EditTask", new() { ["taskId"] = S(task.Id), ["version"] = S(task.Version), ["title"] = "第二位同事的名称", ["text"] = task.Text });
        Assert.Equal(HttpStatusCode.PreconditionFailed, late.StatusCode);
        Assert.Contains("该条目在您打开之后已被他人修改，您的修改未保存。当前名称：“第一位同事的名称”", Decoded(await late.Content.ReadAsStringAsync()));
        Assert.Equal("第一位同事的名称", (await TaskAsync(app, id, "同事的名称")).Title);
    }

    [Theory, Databases]
    public async Task Publishing_with_open_problems_lists_them_and_stays_a_draft_until_they_are_fixed(TestDatabase database)
    {
        var app = await demo.For(database);
        var jichu = await app.SignedInAsync("jichu");
        var id = await UploadDraftAsync(jichu, Marker());

        var refused = await PostFormAsync(jichu, $"/Plans/{id}", "Publish", []);
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        var text = Decoded(await refused.Content.ReadAsStringAsync());
        Assert.Contains("计划还不能发布，请先解决以下问题", text);
        Assert.Matches("任务“（一）深化党建品牌创建.*”的目标“.*XX.*”仍是占位数（XX），请填写或删除", text);
        Assert.Equal(PlanStatus.Draft, await app.WithDbAsync(db => db.Plans.Where(p => p.Id == id).Select(p => p.Status).FirstAsync()));

        // The figure is not a target after all: dropping it clears the way.
        var placeholder = (await TaskAsync(app, id, "深化党建品牌创建")).Targets.Single(g => g.Placeholder);
        var dropped = await PostFormAsync(jichu, $"/Plans/{id}", "DropTarget", new() { ["targetId"] = S(placeholder.Id), ["version"] = S(placeholder.Version) });
        Assert.Equal(HttpStatusCode.Redirect, dropped.StatusCode);
        Assert.False(await app.WithDbAsync(db => db.Targets.AnyAsync(g => g.Id == placeholder.Id)));

        var published = await PostFormAsync(jichu, $"/Plans/{id}", "Publish", []);
        Assert.Equal(HttpStatusCode.Redirect, published.StatusCode);
        var board = Decoded(await jichu.GetStringAsync(published.Headers.Location!.OriginalString));
        Assert.Contains("计划已发布", board);
        Assert.Contains("data-testid=\"board-matrix\"", board);
        Assert.Contains("导出工作台账", board);
        Assert.Contains($"/api/v1/plans/{id}/ledger.xlsx", board);
        Assert.Contains($"/api/v1/plans/{id}/ledger.docx", board);
        Assert.Equal(PlanStatus.Published, await app.WithDbAsync(db => db.Plans.Where(p => p.Id == id).Select(p => p.Status).FirstAsync()));
    }

    [Theory, Databases]
    public async Task Items_are_split_merged_and_deleted_and_a_target_is_added(TestDatabase database)
    {
        var app = await demo.For(database);
        var jichu = await app.SignedInAsync("jichu");
        var id = await UploadDraftAsync(jichu, Marker());
        var page = $"/Plans/{id}";
        var task = await TaskAsync(app, id, "加强干部队伍建设");
        var at = task.Text.IndexOf('。', StringComparison.Ordinal) + 1;

        var split = await PostFormAsync(jichu, page, "SplitTask", new() { ["taskId"] = S(task.Id), ["version"] = S(task.Version), ["at"] = S(at), ["splitTitle"] = "后备干部培养" });
        Assert.Equal(HttpStatusCode.Redirect, split.StatusCode);
        Assert.Contains("后备干部培养", Decoded(await jichu.GetStringAsync(page)));
        var second = await TaskAsync(app, id, "后备干部培养");
        Assert.StartsWith("遴选培养中小学后备干部50人", second.Text);

        var merged = await PostFormAsync(jichu, page, "MergeTask", new() { ["taskId"] = S(second.Id), ["version"] = S(second.Version) });
        Assert.Equal(HttpStatusCode.Redirect, merged.StatusCode);
        Assert.DoesNotContain("后备干部培养", Decoded(await jichu.GetStringAsync(page)));
        Assert.Contains("遴选培养中小学后备干部50人", (await app.WithDbAsync(db => db.Tasks.FirstAsync(t => t.Id == task.Id))).Text);

        var outOfRange = await PostFormAsync(jichu, page, "SplitTask", new() { ["taskId"] = S(task.Id), ["version"] = S((await TaskAsync(app, id, "加强干部队伍建设")).Version), ["at"] = "100000" });
        Assert.Equal(HttpStatusCode.BadRequest, outOfRange.StatusCode);
        Assert.Contains("拆分位置应在任务内容之内", Decoded(await outOfRange.Content.ReadAsStringAsync()));

        var added = await PostFormAsync(jichu, page, "AddTarget", new() { ["taskId"] = S(task.Id), ["subject"] = "培训校长", ["comparator"] = ">=", ["value"] = "200", ["unit"] = "人" });
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        Assert.Contains("培训校长 不低于 200 人", Decoded(await jichu.GetStringAsync(page)));

        var evaluation = await TaskAsync(app, id, "推进中小学教育质量综合评价改革");
        var deleted = await PostFormAsync(jichu, page, "DeleteTask", new() { ["taskId"] = S(evaluation.Id), ["version"] = S(evaluation.Version) });
        Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);
        var remaining = Decoded(await jichu.GetStringAsync(page));
        Assert.DoesNotContain("data-testid=\"item-title\">推进中小学教育质量综合评价改革", remaining);
        Assert.Contains("data-testid=\"item-title\">扩大普惠资源", remaining);
    }

    /// <summary>Publishes a fresh plan and sets its tasks' dates so that exactly one is red and one is yellow, whatever today is.</summary>
    private static async Task<(int PlanId, PlanTask Red, PlanTask Yellow)> PublishedBoardAsync(LuoshiFactory app, HttpClient client)
    {
        var id = await UploadDraftAsync(client, Marker());
        var placeholder = (await TaskAsync(app, id, "深化党建品牌创建")).Targets.Single(g => g.Placeholder);
        await PostFormAsync(client, $"/Plans/{id}", "DropTarget", new() { ["targetId"] = S(placeholder.Id), ["version"] = S(placeholder.Version) });
        Assert.Equal(HttpStatusCode.Redirect, (await PostFormAsync(client, $"/Plans/{id}", "Publish", [])).StatusCode);
        var today = Luoshi.Domain.Time.ChinaClock.System.Today;
        await app.WithDbAsync(async db =>
        {
            foreach (var t in await db.Tasks.Where(t => t.PlanId == id).ToListAsync())
            {
                // The others start today, so that none of them lags where it should be (which would be yellow too).
                var dated = t.Title.Contains("加强干部队伍建设") || t.Title.Contains("扩大普惠资源");
                t.StartDate = dated ? today.AddDays(-100) : today;
                t.DueDate = t.Title.Contains("加强干部队伍建设") ? today.AddDays(-1) : t.Title.Contains("扩大普惠资源") ? today.AddDays(3) : today.AddDays(100);
            }
            await db.SaveChangesAsync();
        });
        return (id, await TaskAsync(app, id, "加强干部队伍建设"), await TaskAsync(app, id, "扩大普惠资源"));
    }

    [GeneratedRegex("data-testid=\"board-row\" data-task=\"(\\d+)\"")]
    private static partial Regex BoardRow();

    private static List<int> Rows(string html) => BoardRow().Matches(html).Select(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).ToList();

    [Theory, Databases]
    public async Task The_board_counts_by_category_and_status_and_filters_on_the_server(TestDatabase database)
    {
        var app = await demo.For(database);
        var jichu = await app.SignedInAsync("jichu");
        var (id, red, yellow) = await PublishedBoardAsync(app, jichu);
        var supervisor = await app.SignedInAsync("supervisor");
        // The outline's headings are groups, not tasks: the board neither counts nor lights them (issue 12, item 2).
        var taskCount = await app.WithDbAsync(db => db.Tasks.CountAsync(t => t.PlanId == id && !t.IsGroup));
        Assert.True(taskCount < await app.WithDbAsync(db => db.Tasks.CountAsync(t => t.PlanId == id)), "the plan should have headings");

        var html = await supervisor.GetStringAsync($"/Plans/{id}");
        Assert.Contains("data-testid=\"count-red\">1<", html);
        Assert.Contains("data-testid=\"count-yellow\">1<", html);
        Assert.Contains("data-testid=\"count-green\">0<", html);
        Assert.Contains($"data-testid=\"count-total\">{taskCount}<", html);
        Assert.Equal(taskCount, Rows(html).Count);
        Assert.Contains($"href=\"/Tasks/{red.Id}\"", html);
        Assert.Contains("id=\"board-data\"", html);
        Assert.Contains("/vendor/echarts.luoshi.", html); // ECharts with only the chart kinds used (tools/echarts-build), not the 1 MB full build
        // The matrix cell of the red task's category and "overdue" holds 1 and links to that filter.
        var row = Regex.Match(html, $"<tr data-category=\"{red.Category.ToChinese()}\"[^>]*>(.*?)</tr>", RegexOptions.Singleline).Groups[1].Value;
        Assert.Matches("<td data-status=\"overdue\" class=\"cell light-red\">\\s*<a href=\"[^\"]*status=overdue[^\"]*\">1</a>", row);

        var overdue = await supervisor.GetStringAsync($"/Plans/{id}?status=overdue");
        Assert.Equal([red.Id], Rows(overdue));
        Assert.Contains("逾期", Decoded(overdue));
        var warning = await supervisor.GetStringAsync($"/Plans/{id}?status=warning");
        Assert.Equal([yellow.Id], Rows(warning));
        var category = await supervisor.GetStringAsync($"/Plans/{id}?category={Uri.EscapeDataString(yellow.Category.ToChinese())}");
        var expected = await app.WithDbAsync(db => db.Tasks.Where(t => t.PlanId == id && t.Category == yellow.Category && !t.IsGroup).Select(t => t.Id)
            .ToListAsync());
        Assert.Equal(expected.Order(), Rows(category).Order());
        Assert.True(expected.Count < taskCount, "the category filter should leave some tasks out");
        var none = await supervisor.GetStringAsync($"/Plans/{id}?status=done");
        Assert.Empty(Rows(none));
        Assert.Contains("没有符合条件的任务", Decoded(none));

        // The plan list shows the published plan with its lights.
        var list = Decoded(await supervisor.GetStringAsync("/Plans"));
        Assert.Matches($"<tr data-plan=\"{id}\">.*?已发布.*?红 1（\\d+%）", Regex.Replace(list, "\\s+", " "));
    }

    [Theory, Databases]
    public async Task The_lead_department_is_set_in_bulk_from_the_board(TestDatabase database)
    {
        var app = await demo.For(database);
        var jichu = await app.SignedInAsync("jichu");
        var (id, red, yellow) = await PublishedBoardAsync(app, jichu);
        var supervisor = await app.SignedInAsync("supervisor");
        var d05 = await app.WithDbAsync(db => db.OrgUnits.Where(u => u.Code == "D05").Select(u => new { u.Id, u.Name }).FirstAsync());
        Assert.Contains("data-testid=\"bulk-assign\"", await supervisor.GetStringAsync($"/Plans/{id}"));

        var token = await TokenAsync(supervisor, $"/Plans/{id}");
        var form = new FormUrlEncodedContent(
        [
            new("__RequestVerificationToken", token), new("taskIds", S(red.Id)), new("taskIds", S(yellow.Id)),
            new("leadDepartmentId", S(d05.Id)), new("back", "?status=overdue"),
        ]);
        var assigned = await supervisor.PostAsync($"/Plans/{id}?handler=BulkAssign", form);
        Assert.Equal(HttpStatusCode.Redirect, assigned.StatusCode);
        Assert.Equal($"/Plans/{id}?status=overdue&notice=assigned&n=2", assigned.Headers.Location!.OriginalString);
        Assert.Contains("已为 2 个任务设置分工", Decoded(await supervisor.GetStringAsync(assigned.Headers.Location!.OriginalString)));

        var byLead = await supervisor.GetStringAsync($"/Plans/{id}?lead={d05.Id}");
        Assert.Equal(new[] { red.Id, yellow.Id }.Order(), Rows(byLead).Order());
        Assert.Contains($"data-testid=\"lead\">{d05.Name}<", Decoded(byLead));

        var nothing = await supervisor.PostAsync($"/Plans/{id}?handler=BulkAssign", new FormUrlEncodedContent(
            [new("__RequestVerificationToken", token), new("leadDepartmentId", S(d05.Id))]));
        Assert.Equal(HttpStatusCode.BadRequest, nothing.StatusCode);
        Assert.Contains("请选择 1–1000 个任务", Decoded(await nothing.Content.ReadAsStringAsync()));

        // A district sees only its own tasks, has no bulk form, and cannot assign by posting.
        var jiangdong = await app.SignedInAsync("jiangdong");
        Assert.Equal(HttpStatusCode.NotFound, (await jiangdong.GetAsync($"/Plans/{id}")).StatusCode);
        var q01 = await app.WithDbAsync(db => db.OrgUnits.Where(u => u.Code == "Q01").Select(u => u.Id).FirstAsync());
        await app.WithDbAsync(async db =>
        {
            db.Add(new TaskUnit { TaskId = red.Id, OrgUnitId = q01, Role = TaskUnitRole.Responsible });
            await db.SaveChangesAsync();
        });
        var districtBoard = await jiangdong.GetStringAsync($"/Plans/{id}");
        Assert.Equal([red.Id], Rows(districtBoard));
        Assert.DoesNotContain("data-testid=\"bulk-assign\"", districtBoard);
        var districtToken = Token().Match(districtBoard).Groups[1].Value;
        var refused = await jiangdong.PostAsync($"/Plans/{id}?handler=BulkAssign", new FormUrlEncodedContent(
            [new("__RequestVerificationToken", districtToken), new("taskIds", S(red.Id)), new("leadDepartmentId", S(d05.Id))]));
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("有的任务您无权修改", Decoded(await refused.Content.ReadAsStringAsync()));
    }

    [Theory, Databases]
    public async Task Last_years_assignments_are_copied_by_task_title(TestDatabase database)
    {
        var app = await demo.For(database);
        var jichu = await app.SignedInAsync("jichu");
        var (lastYear, lastRed, _) = await PublishedBoardAsync(app, jichu);
        var (thisYear, red, _) = await PublishedBoardAsync(app, jichu);
        var supervisor = await app.SignedInAsync("supervisor");
        var d05 = await app.WithDbAsync(db => db.OrgUnits.Where(u => u.Code == "D05").Select(u => u.Id).FirstAsync());
        var assigned = await PostFormAsync(supervisor, $"/Plans/{lastYear}", "BulkAssign", new() { ["taskIds"] = S(lastRed.Id), ["leadDepartmentId"] = S(d05) });
        Assert.Equal(HttpStatusCode.Redirect, assigned.StatusCode);

        var board = await supervisor.GetStringAsync($"/Plans/{thisYear}");
        Assert.Contains("data-testid=\"copy-assignments\"", board);
        Assert.Contains($"<option value=\"{lastYear}\">", board);
        var copied = await PostFormAsync(supervisor, $"/Plans/{thisYear}", "CopyAssignments", new() { ["fromPlanId"] = S(lastYear) });
        Assert.Equal(HttpStatusCode.Redirect, copied.StatusCode);
        var titles = await app.WithDbAsync(db => db.Tasks.Where(t => t.PlanId == lastYear).Select(t => t.Title).ToListAsync());
        var matching = await app.WithDbAsync(db => db.Tasks.CountAsync(t => t.PlanId == thisYear && titles.Contains(t.Title)));
        Assert.Contains($"已沿用往年分工：{matching} 个任务", Decoded(await supervisor.GetStringAsync(copied.Headers.Location!.OriginalString)));
        Assert.Equal(d05, (await TaskAsync(app, thisYear, "加强干部队伍建设")).LeadDepartmentId);
        Assert.Equal([red.Id], Rows(await supervisor.GetStringAsync($"/Plans/{thisYear}?lead={d05}")));

        var jiangdong = await app.SignedInAsync("jiangdong");
        var token = Token().Match(await jiangdong.GetStringAsync("/Plans")).Groups[1].Value;
        var refused = await jiangdong.PostAsync($"/Plans/{thisYear}?handler=CopyAssignments", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["fromPlanId"] = S(lastYear),
        }));
        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
    }

    [Theory, Databases]
    public async Task A_district_cannot_open_or_change_another_units_draft(TestDatabase database)
    {
        var app = await demo.For(database);
        var jichu = await app.SignedInAsync("jichu");
        var marker = Marker();
        var id = await UploadDraftAsync(jichu, marker);
        var task = await TaskAsync(app, id, "深化党建品牌创建");
        var jiangdong = await app.SignedInAsync("jiangdong");

        Assert.Equal(HttpStatusCode.NotFound, (await jiangdong.GetAsync($"/Plans/{id}")).StatusCode);
        Assert.DoesNotContain(marker, Decoded(await jiangdong.GetStringAsync("/Plans")));
        Assert.DoesNotContain("新建计划", Decoded(await jiangdong.GetStringAsync("/Plans")));
        Assert.Equal(HttpStatusCode.Forbidden, (await jiangdong.GetAsync("/Plans/New")).StatusCode);
        var token = Token().Match(await jiangdong.GetStringAsync("/Plans")).Groups[1].Value;
        var edit = await jiangdong.PostAsync($"/Plans/{id}?handler=EditTask", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["taskId"] = S(task.Id), ["version"] = S(task.Version), ["title"] = "区县改的名称",
        }));
        Assert.Equal(HttpStatusCode.NotFound, edit.StatusCode);
        var publish = await jiangdong.PostAsync($"/Plans/{id}?handler=Publish", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
        Assert.Equal(HttpStatusCode.NotFound, publish.StatusCode);
        Assert.Equal(task.Title, (await TaskAsync(app, id, "深化党建品牌创建")).Title);
        Assert.Equal(PlanStatus.Draft, await app.WithDbAsync(db => db.Plans.Where(p => p.Id == id).Select(p => p.Status).FirstAsync()));

        // A leader sees the draft but gets no editing forms; the school user not at all.
        var leader = Decoded(await (await app.SignedInAsync("leader")).GetStringAsync($"/Plans/{id}"));
        Assert.Contains(marker, leader);
        Assert.DoesNotContain("data-testid=\"task-form\"", leader);
        Assert.DoesNotContain("data-testid=\"publish\"", leader);
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.SignedInAsync("school")).GetAsync($"/Plans/{id}")).StatusCode);
    }

    [Theory, Databases]
    public async Task A_file_that_is_not_a_plan_document_gets_a_Chinese_error_and_creates_nothing(TestDatabase database)
    {
        var app = await demo.For(database);
        var jichu = await app.SignedInAsync("jichu");
        var unique = Guid.NewGuid().ToString("N")[..8];
        var plans = await app.WithDbAsync(db => db.Plans.CountAsync());
        async Task AssertRefusedAsync(byte[] content, string fileName, string message)
        {
            var response = await UploadAsync(jichu, content, fileName);
            Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
            Assert.Contains(message, Decoded(await response.Content.ReadAsStringAsync()));
            Assert.True(plans == await app.WithDbAsync(db => db.Plans.CountAsync()), $"a plan was created from {fileName}");
        }

        var png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");
        await AssertRefusedAsync(png, $"现场照片{unique}.png", "不支持 .png 文件，请上传 .docx、.xlsx（任务分解表）、网页（.html）或文本文件");
        await AssertRefusedAsync(Encoding.UTF8.GetBytes("这不是一个 Word 文档"), $"计划{unique}.docx", "文件不是有效的 .docx 文档");
        await AssertRefusedAsync(new byte[11 * 1024 * 1024], $"计划{unique}.txt", "文档超过 10 MB，请拆分后再上传");
        await AssertRefusedAsync([], $"空{unique}.txt", "请选择计划文档");

        // The same file name with a real plan in it is accepted, so the checks above could fail.
        var accepted = await UploadAsync(jichu, Encoding.UTF8.GetBytes(PlanText(Marker())), $"计划{unique}.txt");
        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        Assert.True(await app.WithDbAsync(db => db.Plans.AnyAsync(p => p.SourceFileName == $"计划{unique}.txt")));

        // Pasted text works as well as a file.
        var marker = Marker();
        var token = await TokenAsync(jichu, "/Plans/New");
        var pasted = await jichu.PostAsync("/Plans/New", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["text"] = PlanText(marker),
        }));
        Assert.Equal(HttpStatusCode.Redirect, pasted.StatusCode);
        Assert.Contains("深化党建品牌创建" + marker, Decoded(await jichu.GetStringAsync(pasted.Headers.Location!.OriginalString)));
    }

    [Theory, Databases]
    public async Task A_draft_of_252_items_is_reviewed_on_one_page_with_every_item_found_in_its_source(TestDatabase database)
    {
        var app = await demo.For(database);
        var jichu = await app.SignedInAsync("jichu");
        var marker = Marker();
        string[] sections = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二"];
        var plan = new StringBuilder("江州市教育局2026年教育工作要点\n\n");
        for (var s = 0; s < sections.Length; s++)
        {
            plan.Append(CultureInfo.InvariantCulture, $"{sections[s]}、第{s + 1}方面的工作{marker}\n");
            for (var i = 1; i <= 20; i++)
                plan.Append(CultureInfo.InvariantCulture, $"{i}. 落实第{s + 1}方面第{i}项工作。年内完成{i + 10}所学校的建设任务。\n");
        }
        var token = await TokenAsync(jichu, "/Plans/New");
        var created = await jichu.PostAsync("/Plans/New", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token, ["text"] = plan.ToString() }));
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var id = int.Parse(created.Headers.Location!.OriginalString["/Plans/".Length..], CultureInfo.InvariantCulture);

        var html = await jichu.GetStringAsync($"/Plans/{id}");
        var tasks = await app.WithDbAsync(db => db.Tasks.Where(t => t.PlanId == id).ToDictionaryAsync(t => t.Id));
        Assert.Equal(252, tasks.Count);
        Assert.Contains("共 252 条，240 个目标", Decoded(html));
        var source = (await app.WithDbAsync(db => db.Plans.Where(p => p.Id == id).Select(p => p.SourceText).FirstAsync())).ReplaceLineEndings("\n");
        var located = LocatedItem().Matches(html);
        Assert.Equal(252, located.Count);
        foreach (Match m in located)
        {
            var span = source[int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture)..int.Parse(m.Groups[3].Value, CultureInfo.InvariantCulture)];
            var task = tasks[int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)];
            Assert.True(span.StartsWith(task.Number, StringComparison.Ordinal) && span.Contains(task.Title, StringComparison.Ordinal), $"{task.Number}{task.Title} located at «{span}»");
        }
        Assert.True(html.Length < 3_000_000, $"the review page is {html.Length} characters");
    }
}
