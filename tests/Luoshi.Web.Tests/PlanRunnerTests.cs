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
        var review = await clerk.GetAsync($"/Plans/{planId}");
        var token = System.Text.RegularExpressions.Regex.Match(await review.Content.ReadAsStringAsync(),
            "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
        var publish = await clerk.PostAsync($"/Plans/{planId}?handler=Publish",
            new FormUrlEncodedContent([KeyValuePair.Create("__RequestVerificationToken", token)]));
        Assert.Equal(HttpStatusCode.Redirect, publish.StatusCode);
        var board = WebUtility.HtmlDecode(await (await clerk.GetAsync(publish.Headers.Location!.ToString())).Content.ReadAsStringAsync());
        Assert.Contains("计划已发布，已通知 0 个单位；还有 3 个任务没有牵头处室或责任单位", board);

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
}
