using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Luoshi.Domain.People;
using Luoshi.Web.Tests.Infrastructure;

namespace Luoshi.Web.Tests;

/// <summary>
/// The department clerk who uploads a plan runs it: after publishing they still see every task of it and assign them,
/// and the publish notice says how many units were told and how many tasks nobody has been given yet.
/// </summary>
public sealed class PlanRunnerTests(DemoCopies demo) : IClassFixture<DemoCopies>
{
    [Theory, Databases]
    public async Task The_clerk_who_publishes_a_plan_sees_and_assigns_its_tasks_and_is_told_what_was_notified(TestDatabase database)
    {
        var app = await demo.For(database);
        var clerk = await app.SignedInAsync(await app.AddUserAsync(Role.Department, "D03"));
        var (planId, tasks) = await Ledgers.DraftPlanAsync(clerk);
        Assert.Equal(3, tasks.Count);

        // Published from the review page with nothing assigned: the notice says so instead of claiming everyone was told.
        var publish = await clerk.PostAsync($"/Plans/{planId}?handler=Publish", Forms.Form(await clerk.TokenAsync($"/Plans/{planId}")));
        Assert.Equal(HttpStatusCode.Redirect, publish.StatusCode);
        var board = WebUtility.HtmlDecode(await (await clerk.GetAsync(publish.Headers.Location!.ToString())).Content.ReadAsStringAsync());
        // Three items, one of them a heading: two tasks (a group is not a task to assign, issue 12 item 2).
        Assert.Contains("计划已发布，已通知 0 个单位；还有 2 个任务没有牵头处室或责任单位", board);

        // The clerk still sees every task of the plan, and assigns one to another department.
        var mine = await clerk.GetJsonAsync($"/api/v1/tasks?planId={planId}");
        Assert.Equal(3, mine.GetProperty("total").GetInt32());
        var taskId = tasks.TaskTitled("扩大普惠资源");
        var d05 = await app.UnitIdAsync("D05");
        (await clerk.PostAsJsonAsync("/api/v1/tasks/bulk-assign", new { taskIds = new[] { taskId }, leadDepartmentId = d05 }))
            .EnsureSuccessStatusCode();

        // The department it went to sees that task only; another department sees none and may not change them.
        var lead = await app.SignedInAsync(await app.AddUserAsync(Role.Department, "D05"));
        var led = await lead.GetJsonAsync($"/api/v1/tasks?planId={planId}");
        Assert.Equal([taskId], led.GetProperty("items").EnumerateArray().Select(t => t.GetProperty("id").GetInt32()).ToArray());
        var other = await app.SignedInAsync(await app.AddUserAsync(Role.Department, "D04"));
        Assert.Equal(0, (await other.GetJsonAsync($"/api/v1/tasks?planId={planId}")).GetProperty("total").GetInt32());
        var patch = new HttpRequestMessage(HttpMethod.Patch, $"/api/v1/tasks/{tasks.TaskTitled("提升保教质量")}") { Content = JsonContent.Create(new { weight = 3 }) };
        patch.Headers.TryAddWithoutValidation("If-Match", "*");
        await (await other.SendAsync(patch)).AssertProblemAsync(404);
    }

    [Theory, Databases]
    public async Task A_draft_uploaded_by_mistake_is_deleted_with_its_items_and_audited_and_a_published_plan_is_not(TestDatabase database)
    {
        var app = await demo.For(database);
        var clerk = await app.SignedInAsync(await app.AddUserAsync(Role.Department, "D03"));
        var (draftId, tasks) = await Ledgers.DraftPlanAsync(clerk);
        var review = await clerk.GetAsync($"/Plans/{draftId}");
        var html = await review.Content.ReadAsStringAsync();
        Assert.Contains("data-testid=\"delete-draft\"", html);
        var deleted = await clerk.PostAsync($"/Plans/{draftId}?handler=DeleteDraft", Forms.Form(Forms.TokenIn(html)));
        Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);
        var list = WebUtility.HtmlDecode(await (await clerk.GetAsync(deleted.Headers.Location!.ToString())).Content.ReadAsStringAsync());
        Assert.Contains("已删除草稿“江州市教育局2026年教育工作要点”", list);
        await (await clerk.GetAsync($"/api/v1/plans/{draftId}")).AssertProblemAsync(404);
        var ids = tasks.Select(t => t.GetProperty("id").GetInt32()).ToList();
        Assert.False(await app.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.AnyAsync(db.Tasks, t => ids.Contains(t.Id))));
        var key = draftId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(await app.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.AnyAsync(db.AuditEntries,
            a => a.Action == "delete" && a.Entity == "Plan" && a.EntityId == key)), "the deletion is not in the audit trail");

        // A published plan stays: the API refuses, in Chinese, and nothing is removed.
        var (publishedId, _) = await Ledgers.DraftPlanAsync(clerk);
        await Ledgers.PublishAsync(clerk, publishedId);
        var refused = await (await clerk.DeleteAsync($"/api/v1/plans/{publishedId}")).AssertProblemAsync(409);
        Assert.Contains("只有草稿状态的计划可以删除", refused.GetProperty("detail").GetString());
        Assert.Equal(3, (await clerk.GetJsonAsync($"/api/v1/tasks?planId={publishedId}")).GetProperty("total").GetInt32());
    }

    [Theory, Databases]
    public async Task The_clerk_assigns_in_the_review_item_by_item_and_in_bulk_and_bad_assignments_change_nothing(TestDatabase database)
    {
        var app = await demo.For(database);
        var clerk = await app.SignedInAsync(await app.AddUserAsync(Role.Department, "D03"));
        var (planId, tasks) = await Ledgers.DraftPlanAsync(clerk);
        var (resources, quality) = (tasks.TaskTitled("扩大普惠资源"), tasks.TaskTitled("提升保教质量"));
        var (d03, d05, q01, q02) = (await app.UnitIdAsync("D03"), await app.UnitIdAsync("D05"), await app.UnitIdAsync("Q01"), await app.UnitIdAsync("Q02"));
        var leader = await app.WithDbAsync(db => db.Users.Where(u => u.UserName == "leader").Select(u => u.Id).FirstAsync());

        // The review has a tick box per item and one bulk form with every part of an assignment.
        var review = await clerk.GetStringAsync($"/Plans/{planId}");
        Assert.Contains($"name=\"taskIds\" value=\"{resources}\" form=\"bulk-assign\"", review);
        foreach (var field in new[] { "LeadDepartmentId", "CoDepartmentIds", "ResponsibleOrgUnitIds", "LeaderUserId", "DueDate" })
            Assert.Contains($"name=\"{field}\"", review);

        // In bulk: both items to 江东区 and 城南区, led by 基础教育处, overseen by a leader, due by a date.
        var bulk = await clerk.PostAsync($"/Plans/{planId}?handler=BulkAssign", Forms.Form(Forms.TokenIn(review), ("taskIds", S(resources)),
            ("taskIds", S(quality)), ("LeadDepartmentId", S(d03)), ("ResponsibleOrgUnitIds", S(q01)), ("ResponsibleOrgUnitIds", S(q02)),
            ("LeaderUserId", S(leader)), ("DueDate", "2026-12-20")));
        Assert.Equal(HttpStatusCode.Redirect, bulk.StatusCode);
        var after = WebUtility.HtmlDecode(await clerk.GetStringAsync(bulk.Headers.Location!.ToString()));
        Assert.Contains("已为 2 个任务设置分工", after);
        Assert.Contains("牵头：基础教育处；责任单位：江东区教育局、城南区教育局；包保：王建国（副局长）；时限：2026年12月20日", after);

        // One item: its form shows what it has, and what is sent replaces it (only 江东区, 职业教育处 helping, no leader).
        var form = await clerk.GetStringAsync($"/Plans/{planId}?handler=AssignForm&taskId={quality}");
        Assert.Matches($"name=\"assign.ResponsibleOrgUnitIds\" value=\"{q02}\" checked", form);
        Assert.Matches($"<option value=\"{leader}\" selected", form);
        var version = Regex.Match(form, "name=\"version\" value=\"(\\d+)\"").Groups[1].Value;
        var one = await clerk.PostAsync($"/Plans/{planId}?handler=AssignTask", Forms.Form(Forms.TokenIn(review), ("taskId", S(quality)),
            ("version", version), ("assign.LeadDepartmentId", S(d03)), ("assign.CoDepartmentIds", S(d05)), ("assign.ResponsibleOrgUnitIds", S(q01))));
        Assert.Equal(HttpStatusCode.Redirect, one.StatusCode);
        var task = await clerk.GetJsonAsync($"/api/v1/tasks/{quality}");
        Assert.Equal([q01], Ids(task, "responsibleOrgUnitIds"));
        Assert.Equal([d05], Ids(task, "coDepartmentIds"));
        Assert.Equal(JsonValueKind.Null, task.GetProperty("leaderUserId").ValueKind);

        // Bad assignments are refused in Chinese and change nothing: a leader who is not one, nothing chosen, a stale form.
        var notLeader = await clerk.PostAsync($"/Plans/{planId}?handler=BulkAssign", Forms.Form(Forms.TokenIn(review), ("taskIds", S(resources)),
            ("taskIds", S(quality)), ("ResponsibleOrgUnitIds", S(await app.UnitIdAsync("Q03"))), ("LeaderUserId", S(await app.WithDbAsync(db =>
                db.Users.Where(u => u.UserName == "supervisor").Select(u => u.Id).FirstAsync())))));
        Assert.Equal(HttpStatusCode.BadRequest, notLeader.StatusCode);
        Assert.Contains("包保领导必须是角色为“局领导”的用户", WebUtility.HtmlDecode(await notLeader.Content.ReadAsStringAsync()));
        Assert.Equal([q01, q02], Ids(await clerk.GetJsonAsync($"/api/v1/tasks/{resources}"), "responsibleOrgUnitIds").Order());
        var nothing = await clerk.PostAsJsonAsync("/api/v1/tasks/bulk-assign", new { taskIds = new[] { resources } });
        Assert.Equal("task.assignment-empty", (await nothing.AssertProblemAsync(400)).GetProperty("code").GetString());
        var stale = await clerk.PostAsync($"/Plans/{planId}?handler=AssignTask", Forms.Form(Forms.TokenIn(review), ("taskId", S(quality)),
            ("version", version), ("assign.LeadDepartmentId", S(d05))));
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        Assert.Equal(d03, (await clerk.GetJsonAsync($"/api/v1/tasks/{quality}")).GetProperty("leadDepartmentId").GetInt32());

        // Through the API the units are added to each task's own: 临湖区 joins both.
        var q04 = await app.UnitIdAsync("Q04");
        (await clerk.PostAsJsonAsync("/api/v1/tasks/bulk-assign", new { taskIds = new[] { resources, quality }, responsibleOrgUnitIds = new[] { q04 } }))
            .EnsureSuccessStatusCode();
        Assert.Equal(new[] { q01, q02, q04 }.Order(), Ids(await clerk.GetJsonAsync($"/api/v1/tasks/{resources}"), "responsibleOrgUnitIds").Order());
        Assert.Equal(new[] { q01, q04 }.Order(), Ids(await clerk.GetJsonAsync($"/api/v1/tasks/{quality}"), "responsibleOrgUnitIds").Order());

        // Published: the lead department, the helping 职业教育处 and the three districts are told (5 units), and the clerk's
        // board lists the tasks.
        var helper = await app.SignedInAsync(await app.AddUserAsync(Role.Department, "D05"));
        var publish = await clerk.PostAsync($"/Plans/{planId}?handler=Publish", Forms.Form(await clerk.TokenAsync($"/Plans/{planId}")));
        var board = WebUtility.HtmlDecode(await clerk.GetStringAsync(publish.Headers.Location!.ToString()));
        Assert.Contains("计划已发布，已通知 5 个单位", board);
        Assert.Contains((await helper.GetJsonAsync("/api/v1/notifications")).GetProperty("items").EnumerateArray(),
            n => n.GetProperty("text").GetString()!.StartsWith("新任务（配合）：", StringComparison.Ordinal)
                && n.GetProperty("link").GetString() == $"/Tasks/{quality}");
        Assert.Contains($"data-task=\"{resources}\"", board);
    }

    [Theory, Databases]
    public async Task Uploading_a_document_again_is_warned_of_on_the_upload_and_in_the_review(TestDatabase database)
    {
        var app = await demo.For(database);
        var clerk = await app.SignedInAsync(await app.AddUserAsync(Role.Department, "D03"));
        var text = Ledgers.PlanText.Replace("2026年教育工作要点", $"2026年教育工作要点（{Guid.NewGuid():N}）", StringComparison.Ordinal);
        var first = await (await clerk.PostAsync("/api/v1/plans", new StringContent(text, Encoding.UTF8, "text/plain"))).ReadJsonAsync();
        Assert.Empty(first.GetProperty("sameAs").EnumerateArray());
        var firstId = first.GetProperty("id").GetInt32();

        // The same document again: still made (a bureau may mean to start over), with the plan it repeats named.
        var again = await (await clerk.PostAsync("/api/v1/plans", new StringContent(text, Encoding.UTF8, "text/plain"))).ReadJsonAsync();
        var twin = Assert.Single(again.GetProperty("sameAs").EnumerateArray());
        Assert.Equal(firstId, twin.GetProperty("id").GetInt32());
        Assert.True(twin.GetProperty("sameDocument").GetBoolean());
        Assert.Equal("draft", twin.GetProperty("status").GetString());
        var review = WebUtility.HtmlDecode(await clerk.GetStringAsync($"/Plans/{again.GetProperty("id").GetInt32()}"));
        Assert.Contains("这份计划可能是重复上传的", review);
        Assert.Contains($"<a href=\"/Plans/{firstId}\">{first.GetProperty("title").GetString()}</a>（2026年度，草稿）与本草稿是同一份文档", review);

        // Another text under the same title and year is named as such; the first review now warns of both others.
        var edited = await (await clerk.PostAsync("/api/v1/plans", new StringContent(text + "\n（三）加强安全管理。", Encoding.UTF8, "text/plain")))
            .ReadJsonAsync();
        Assert.Contains(edited.GetProperty("sameAs").EnumerateArray(), t => t.GetProperty("id").GetInt32() == firstId && !t.GetProperty("sameDocument").GetBoolean());
        Assert.Contains("与本草稿名称和年度相同", WebUtility.HtmlDecode(await clerk.GetStringAsync($"/Plans/{firstId}")));

        // A different plan has no warning.
        var other = await (await clerk.PostAsync("/api/v1/plans", new StringContent(text.Replace("2026年", "2027年", StringComparison.Ordinal),
            Encoding.UTF8, "text/plain"))).ReadJsonAsync();
        Assert.Empty(other.GetProperty("sameAs").EnumerateArray());
        Assert.DoesNotContain("data-testid=\"twins\"", await clerk.GetStringAsync($"/Plans/{other.GetProperty("id").GetInt32()}"));
    }

    private static string S(int id) => id.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static int[] Ids(JsonElement task, string name) => [.. task.GetProperty(name).EnumerateArray().Select(e => e.GetInt32())];
}
