using System.Net;
using System.Net.Http.Json;
using System.Text;
using Luoshi.Web.Tests.Infrastructure;

namespace Luoshi.Web.Tests;

/// <summary>
/// A use case is written once: for each refusal of the task, report and 办结 use cases, the task page's form and the
/// API's endpoint give the same status and the same Chinese words (the page only where it shows the form again).
/// </summary>
public sealed class RefusalParityTests(DemoCopies demo) : IClassFixture<DemoCopies>
{
    /// <summary>One refusal: who asks, the page handler with its form, the API call, and the words both must show.</summary>
    private sealed record Refusal(string Who, string Handler, (string, string)[] Form, string Method, string Api, object? Body, int Status, string? Words,
        string? IfMatch = null, string? PageUrl = null);

    /// <summary>A plan of this test's own with its 幼儿园 task led by 基础教育处 for 江东区; published unless asked otherwise.</summary>
    private async Task<(LuoshiFactory App, int TaskId)> TaskAsync(TestDatabase database, bool publish)
    {
        var app = await demo.For(database);
        var admin = await app.SignedInAsync("admin");
        var (planId, tasks) = await Ledgers.DraftPlanAsync(admin);
        var taskId = tasks.TaskTitled("扩大普惠资源");
        await Ledgers.AssignAsync(admin, taskId, await app.UnitIdAsync("D03"), await app.UnitIdAsync("Q01"));
        if (publish) await Ledgers.PublishAsync(admin, planId);
        return (app, taskId);
    }

    private static async Task AssertSameAsync(LuoshiFactory app, int taskId, Refusal r)
    {
        // The API first: its answer is the reference.
        var api = await app.SignedInAsync(r.Who);
        var request = new HttpRequestMessage(new HttpMethod(r.Method), r.Api.Replace("{id}", taskId.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        if (r.Body is not null) request.Content = JsonContent.Create(r.Body);
        if (r.IfMatch is not null) request.Headers.TryAddWithoutValidation("If-Match", r.IfMatch);
        var apiResponse = await api.SendAsync(request);
        var problem = await apiResponse.AssertProblemAsync(r.Status);
        if (r.Words is not null) Assert.Contains(r.Words, problem.GetProperty("detail").GetString());

        // The page: the same refusal from the task page's form.
        var browser = await app.SignedInAsync(r.Who);
        var page = r.PageUrl ?? $"/Tasks/{taskId}";
        var pageResponse = await browser.PostAsync($"{page}?handler={r.Handler}", Forms.Form(await browser.TokenAsync(page), r.Form));
        var body = WebUtility.HtmlDecode(await pageResponse.Content.ReadAsStringAsync());
        Assert.True((int)pageResponse.StatusCode == r.Status, $"page {r.Handler}: {(int)pageResponse.StatusCode}, API {r.Status}");
        if (r.Words is not null) Assert.Contains(r.Words, body);
    }

    [Theory, Databases]
    public async Task Reporting_and_asking_to_close_a_task_of_a_draft_plan_is_refused_alike_by_page_and_API(TestDatabase database)
    {
        var (app, taskId) = await TaskAsync(database, publish: false);
        await AssertSameAsync(app, taskId, new("jichu", "Report", [("report.Period", "2026-05"), ("report.Progress", "20"), ("report.Narrative", "已选址")],
            "POST", "/api/v1/tasks/{id}/reports", new { period = "2026-05", progress = 20, narrative = "已选址" }, 409, "计划尚未发布，不能报送进展"));
        await AssertSameAsync(app, taskId, new("jichu", "Completion", [("summary", "已完成")],
            "POST", "/api/v1/tasks/{id}/completion", new { summary = "已完成" }, 409, "计划尚未发布"));
    }

    [Theory, Databases]
    public async Task Closing_refusals_are_the_same_on_the_page_and_in_the_API(TestDatabase database)
    {
        var (app, taskId) = await TaskAsync(database, publish: true);
        // Nothing to decide on or reopen yet; a department may not decide; a reason is needed to cancel.
        await AssertSameAsync(app, taskId, new("supervisor", "Decide", [("decision", "approve")], "POST", "/api/v1/tasks/{id}/completion/approve", null,
            409, "该任务没有待审批的办结申请"));
        await AssertSameAsync(app, taskId, new("supervisor", "Reopen", [("reason", "重新部署")], "POST", "/api/v1/tasks/{id}/reopen", new { reason = "重新部署" },
            409, "只有已办结或已取消的任务可以重新打开"));
        await AssertSameAsync(app, taskId, new("jichu", "Decide", [("decision", "approve")], "POST", "/api/v1/tasks/{id}/completion/approve", null, 403, null));
        await AssertSameAsync(app, taskId, new("jichu", "Cancel", [("reason", " ")], "POST", "/api/v1/tasks/{id}/cancel", new { reason = " " },
            400, "取消任务时请说明理由"));
        await AssertSameAsync(app, taskId, new("jichu", "Completion", [("summary", "")], "POST", "/api/v1/tasks/{id}/completion", new { summary = "" },
            400, "请填写办结情况说明"));

        // Asked to close: refusing needs a reason, on both.
        var jichu = await app.SignedInAsync("jichu");
        (await jichu.PostAsJsonAsync($"/api/v1/tasks/{taskId}/completion", new { summary = "12所幼儿园已建成" })).EnsureSuccessStatusCode();
        await AssertSameAsync(app, taskId, new("supervisor", "Decide", [("decision", "refuse"), ("reason", "")], "POST", "/api/v1/tasks/{id}/completion/refuse",
            new { reason = "" }, 400, "不同意办结时请说明理由"));
        await AssertSameAsync(app, taskId, new("jichu", "Completion", [("summary", "再次申请")], "POST", "/api/v1/tasks/{id}/completion", new { summary = "再次申请" },
            409, "只有进行中的任务可以申请办结"));
    }

    [Theory, Databases]
    public async Task Editing_and_reporting_refusals_are_the_same_on_the_page_and_in_the_API(TestDatabase database)
    {
        var (app, taskId) = await TaskAsync(database, publish: true);
        // A district may not change the task; a school of another district cannot even see it.
        await AssertSameAsync(app, taskId, new("jiangdong", "Edit", [("edit.Version", "0")], "PATCH", "/api/v1/tasks/{id}", new { weight = 2 }, 403, null));
        // A period still to come, and progress out of range, refused with the same words.
        await AssertSameAsync(app, taskId, new("jiangdong", "Report", [("report.Period", "2099-01"), ("report.Progress", "120"), ("report.Narrative", "进展")],
            "POST", "/api/v1/tasks/{id}/reports", new { period = "2099-01", progress = 120, narrative = "进展" }, 400, "报告期 2099-01 尚未开始"));
        await AssertSameAsync(app, taskId, new("jiangdong", "Report", [("report.Period", "2026-05"), ("report.Progress", "120"), ("report.Narrative", "进展")],
            "POST", "/api/v1/tasks/{id}/reports", new { period = "2026-05", progress = 120, narrative = "进展" }, 400, "进度应为 0–100 之间的整数"));
        // Returning a report needs a reason; a district may not review at all.
        var reportId = await Ledgers.ReportAsync(await app.SignedInAsync("jiangdong"), taskId);
        await AssertSameAsync(app, taskId, new("jichu", "Review", [("reportId", reportId.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("decision", "return")],
            "POST", $"/api/v1/reports/{reportId}/review", new { decision = "return" }, 400, "退回时请写明原因"));
        await AssertSameAsync(app, taskId, new("jiangdong", "Review", [("reportId", reportId.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("decision", "accept")],
            "POST", $"/api/v1/reports/{reportId}/review", new { decision = "accept" }, 403, null));
    }

    [Theory, Databases]
    public async Task A_change_based_on_an_old_version_is_412_on_the_page_and_in_the_API(TestDatabase database)
    {
        var (app, taskId) = await TaskAsync(database, publish: true);
        var d03 = (await app.UnitIdAsync("D03")).ToString(System.Globalization.CultureInfo.InvariantCulture);
        (string, string)[] stale = [("edit.Version", "0"), ("edit.Weight", "3"), ("edit.LeadDepartmentId", d03)];
        await AssertSameAsync(app, taskId, new("jichu", "Edit", stale, "PATCH", "/api/v1/tasks/{id}", new { weight = 3 }, 412, "该任务在您打开之后已被他人修改", IfMatch: "\"0\""));
    }

    [Theory, Databases]
    public async Task The_draft_review_page_and_the_API_refuse_alike(TestDatabase database)
    {
        var (app, taskId) = await TaskAsync(database, publish: false);
        var admin = await app.SignedInAsync("admin");
        var task = await admin.GetJsonAsync($"/api/v1/tasks/{taskId}");
        var planId = task.GetProperty("planId").GetInt32();
        var review = $"/Plans/{planId}";
        string Version() => task.GetProperty("version").GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture);
        string Id(int id) => id.ToString(System.Globalization.CultureInfo.InvariantCulture);

        await AssertSameAsync(app, taskId, new("admin", "EditTask", [("taskId", Id(taskId)), ("version", Version()), ("title", " "), ("text", "内容")],
            "PATCH", "/api/v1/tasks/{id}", new { title = " " }, 400, "任务名称不能为空", IfMatch: "*", PageUrl: review));
        await AssertSameAsync(app, taskId, new("admin", "SplitTask", [("taskId", Id(taskId)), ("version", Version()), ("at", "0")],
            "POST", "/api/v1/tasks/{id}/split", new { at = 0 }, 400, "拆分位置应在任务内容之内", PageUrl: review));

        // An XX placeholder left in the draft stops publishing, with the same words on the page and in the API.
        (await admin.PostAsJsonAsync($"/api/v1/tasks/{taskId}/targets", new { subject = "示范幼儿园", placeholder = true, unit = "所", sourceText = "创建示范幼儿园XX所" }))
            .EnsureSuccessStatusCode();
        await AssertSameAsync(app, taskId, new("admin", "Publish", [], "POST", $"/api/v1/plans/{planId}/publish", null, 409, "仍是占位数（XX）", PageUrl: review));
    }

    [Theory, Databases]
    public async Task A_breakdown_that_does_not_add_up_is_refused_alike_on_the_task_page_and_in_the_API(TestDatabase database)
    {
        var (app, taskId) = await TaskAsync(database, publish: true);
        var admin = await app.SignedInAsync("admin");
        var target = (await admin.GetJsonAsync($"/api/v1/tasks/{taskId}")).GetProperty("targets").EnumerateArray()
            .First(t => t.GetProperty("unit").GetString() == "所");
        var (targetId, version) = (target.GetProperty("id").GetInt32(), target.GetProperty("version").GetInt32());
        var q01 = await app.UnitIdAsync("Q01");
        string S(int n) => n.ToString(System.Globalization.CultureInfo.InvariantCulture);
        await AssertSameAsync(app, taskId, new("admin", "Breakdown", [("targetId", S(targetId)), ("version", S(version)), ($"shares[{S(q01)}]", "5")],
            "PATCH", $"/api/v1/targets/{targetId}", new { breakdown = new[] { new { orgUnitId = q01, value = 5 } } }, 400,
            "各单位分解数之和（5）与目标值（12）不一致", IfMatch: "*"));
    }
}
