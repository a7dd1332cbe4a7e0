using System.Net;
using System.Net.Http.Json;
using System.Text;
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
}
