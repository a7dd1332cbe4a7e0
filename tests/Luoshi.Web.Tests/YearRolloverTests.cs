using System.Net;
using System.Net.Http.Json;
using System.Text;
using Luoshi.Domain.People;
using Luoshi.Domain.Tasks;
using Luoshi.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Luoshi.Web.Tests;

/// <summary>
/// Next year's draft takes over last year's unfinished tasks (结转): with their assignments and targets, each target
/// starting from last year's actual; finished tasks and headings stay behind, and nothing is carried twice.
/// </summary>
public sealed class YearRolloverTests(DemoCopies demo) : IClassFixture<DemoCopies>
{
    [Theory, Databases]
    public async Task Unfinished_tasks_are_carried_into_next_years_draft_with_last_years_actual_as_baseline(TestDatabase database)
    {
        var app = await demo.For(database);
        var clerk = await app.SignedInAsync(await app.AddUserAsync(Role.Department, "D03"));
        var lastYearText = Ledgers.PlanText.Replace("2026年", "2025年", StringComparison.Ordinal);
        var lastYear = (await clerk.PostAsync("/api/v1/plans", new StringContent(lastYearText, Encoding.UTF8, "text/plain")).SucceedsAsync("2025"))
            .GetProperty("id").GetInt32();
        var old = (await clerk.GetJsonAsync($"/api/v1/tasks?planId={lastYear}")).GetProperty("items").EnumerateArray().ToList();
        var (open, finished) = (old.TaskTitled("扩大普惠资源"), old.TaskTitled("提升保教质量"));
        var (d03, q01) = (await app.UnitIdAsync("D03"), await app.UnitIdAsync("Q01"));
        await Ledgers.AssignAsync(clerk, open, d03, q01);
        await app.WithDbAsync(async db =>
        {
            // Last year ended with 8 of the 12 kindergartens built, and the other task closed.
            foreach (var target in await db.Targets.Where(g => g.TaskId == open).ToListAsync()) target.Actual = target.Unit == "所" ? 8 : 51.5m;
            (await db.Tasks.FirstAsync(t => t.Id == finished)).Closure = TaskClosure.Done;
            await db.SaveChangesAsync();
        });
        var draft = (await clerk.PostAsync("/api/v1/plans", new StringContent("江州市教育局2026年教育工作要点\n\n一、深化教育改革\n（一）推进课程改革。开展课程改革试点。\n",
            Encoding.UTF8, "text/plain")).SucceedsAsync("2026")).GetProperty("id").GetInt32();

        // From the review page: the unfinished task comes over under its own heading.
        var review = await clerk.GetStringAsync($"/Plans/{draft}");
        Assert.Contains("data-testid=\"carry-over\"", review);
        var carried = await clerk.PostAsync($"/Plans/{draft}?handler=CarryOver", Forms.Form(Forms.TokenIn(review), ("fromPlanId", S(lastYear))));
        Assert.Equal(HttpStatusCode.Redirect, carried.StatusCode);
        Assert.Contains("已结转 1 个未完成任务，目标以上年实际值为基线", WebUtility.HtmlDecode(await clerk.GetStringAsync(carried.Headers.Location!.ToString())));
        var tasks = (await clerk.GetJsonAsync($"/api/v1/tasks?planId={draft}")).GetProperty("items").EnumerateArray().ToList();
        var heading = tasks.Single(t => t.GetProperty("title").GetString() == "上年度未完成任务（结转）");
        var task = tasks.Single(t => t.GetProperty("title").GetString() == "扩大普惠资源");
        Assert.Equal(heading.GetProperty("id").GetInt32(), task.GetProperty("parentId").GetInt32());
        Assert.DoesNotContain(tasks, t => t.GetProperty("title").GetString() is "提升保教质量" or "推进学前教育普及普惠");
        Assert.Equal(d03, task.GetProperty("leadDepartmentId").GetInt32());
        Assert.Equal([q01], task.GetProperty("responsibleOrgUnitIds").EnumerateArray().Select(e => e.GetInt32()));
        Assert.Equal("2026-12-31", task.GetProperty("dueDate").GetString());
        var kindergartens = task.GetProperty("targets").EnumerateArray().Single(g => g.GetProperty("unit").GetString() == "所");
        Assert.Equal(12, kindergartens.GetProperty("value").GetDecimal());
        Assert.Equal(8, kindergartens.GetProperty("baseline").GetDecimal());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, kindergartens.GetProperty("actual").ValueKind);

        // Again through the API: nothing is carried twice.
        var again = await (await clerk.PostAsJsonAsync($"/api/v1/plans/{draft}/carry-over", new { fromPlanId = lastYear })).ReadJsonAsync();
        Assert.Equal(0, again.GetProperty("carried").GetInt32());
        Assert.Equal(tasks.Count, (await clerk.GetJsonAsync($"/api/v1/tasks?planId={draft}")).GetProperty("total").GetInt32());

        // Not into a published plan, not from a later year: refused in Chinese, nothing changes.
        var intoLastYear = await clerk.PostAsJsonAsync($"/api/v1/plans/{lastYear}/carry-over", new { fromPlanId = draft });
        Assert.Contains("只能从 2025 年以前的计划结转", (await intoLastYear.AssertProblemAsync(400)).GetProperty("detail").GetString());
        await Ledgers.PublishAsync(clerk, draft);
        var published = await clerk.PostAsJsonAsync($"/api/v1/plans/{draft}/carry-over", new { fromPlanId = lastYear });
        Assert.Contains("只能结转到草稿状态的计划", (await published.AssertProblemAsync(409)).GetProperty("detail").GetString());
    }

    private static string S(int id) => id.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
