using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Luoshi.Domain.People;
using Luoshi.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Luoshi.Web.Tests;

/// <summary>
/// Issue 12 item 4 through HTTP, on a copy of the demo city run on 29 November 2026 in Beijing: work goes down to schools.
/// A district responsible for a task breaks it down to two of its schools (`POST /api/v1/tasks/{id}/children`), the
/// schools report to it, it reviews them, its own report starts from what they reached, and the district's and the
/// city's figures add up as worked out by hand below. It never reaches another district's schools.
/// </summary>
public sealed class BreakdownTests(DemoCopies demo) : IClassFixture<DemoCopies>
{
    private static readonly DateTimeOffset Now = new(2026, 11, 29, 2, 0, 0, TimeSpan.Zero);



    private static Task<JsonElement> ReviewAsync(HttpClient reviewer, int reportId) =>
        reviewer.PostAsJsonAsync($"/api/v1/reports/{reportId}/review", new { decision = "accept", comment = "同意" }).SucceedsAsync("accept");

    private static async Task<int> ReportAsync(HttpClient unit, int taskId, object[] values) =>
        (await unit.PostAsJsonAsync($"/api/v1/tasks/{taskId}/reports", new { period = "2026-11", progress = 60, narrative = "按计划推进。", values })
            .SucceedsAsync("report")).GetProperty("id").GetInt32();

    private static JsonElement TargetOf(JsonElement task, int targetId) =>
        task.GetProperty("targets").EnumerateArray().First(g => g.GetProperty("id").GetInt32() == targetId);

    [Theory, Databases]
    public async Task A_district_breaks_its_task_down_to_two_schools_that_report_to_it_and_the_figures_add_up(TestDatabase database)
    {
        var (data, app) = await demo.ClockedAsync(database, Now);
        await using var _ = app;
        var u = Guid.NewGuid().ToString("N")[..6];
        var (d03, q01, q02) = (await data.UnitIdAsync("D03"), await data.UnitIdAsync("Q01"), await data.UnitIdAsync("Q02"));
        var (s1, s2, q02School) = (await data.UnitIdAsync("Q01-S01"), await data.UnitIdAsync("Q01-S02"), await data.UnitIdAsync("Q02-S01"));
        var admin = await app.SignedInAsync("admin");

        // The city's task: 10 school canteens, 6 of them 江东区's and 4 城南区's; a healthy-fitness rate of at least 60%.
        var plan = await admin.PostAsync("/api/v1/plans", new StringContent($"""
            江州市教育局2026年教育工作要点{u}

            一、改善学校办学条件{u}。推进学校食堂建设，提高学生体质健康水平。
            """, Encoding.UTF8, "text/plain")).SucceedsAsync("create plan");
        var planId = plan.GetProperty("id").GetInt32();
        var taskId = (await admin.GetJsonAsync($"/api/v1/tasks?planId={planId}")).GetProperty("items").EnumerateArray()
            .Single(t => t.GetProperty("title").GetString()!.Contains($"改善学校办学条件{u}")).GetProperty("id").GetInt32();
        await Ledgers.AssignAsync(admin, taskId, d03, q01, q02);
        var canteens = (await admin.PostAsJsonAsync($"/api/v1/tasks/{taskId}/targets",
            new { subject = $"学校食堂{u}", comparator = "=", value = 10, unit = "所" }).SucceedsAsync("count target")).GetProperty("id").GetInt32();
        var fitness = (await admin.PostAsJsonAsync($"/api/v1/tasks/{taskId}/targets",
            new { subject = "学生体质健康优良率", comparator = ">=", value = 60, unit = "%" }).SucceedsAsync("share target")).GetProperty("id").GetInt32();
        var split = new HttpRequestMessage(HttpMethod.Patch, $"/api/v1/targets/{canteens}")
        {
            Content = JsonContent.Create(new { breakdown = new[] { new { orgUnitId = q01, value = 6 }, new { orgUnitId = q02, value = 4 } } }),
        };
        split.Headers.TryAddWithoutValidation("If-Match", "*");
        await admin.SendAsync(split).SucceedsAsync("city breakdown");
        await Ledgers.PublishAsync(admin, planId);

        var district = await app.SignedInAsync("jiangdong");
        var other = await app.SignedInAsync(await data.AddUserAsync(Role.District, "Q02"));
        var school1 = await app.SignedInAsync("school");
        var school2 = await app.SignedInAsync(await data.AddUserAsync(Role.School, "Q01-S02"));
        var lead = await app.SignedInAsync("jichu");

        // Another district's school, or another district breaking down with 江东区's school: refused, nothing made.
        var foreign = await district.PostAsJsonAsync($"/api/v1/tasks/{taskId}/children", new { responsibleOrgUnitIds = new[] { q02School } });
        Assert.Equal("task.breakdown-other-unit", (await foreign.AssertProblemAsync(403)).GetProperty("code").GetString());
        var intruder = await other.PostAsJsonAsync($"/api/v1/tasks/{taskId}/children", new { responsibleOrgUnitIds = new[] { s1 } });
        Assert.Equal("task.breakdown-other-unit", (await intruder.AssertProblemAsync(403)).GetProperty("code").GetString());
        var school = await school1.PostAsJsonAsync($"/api/v1/tasks/{taskId}/children", new { responsibleOrgUnitIds = new[] { s1 } });
        await school.AssertProblemAsync(404); // the school is not responsible for the city's task: it does not see it

        // 江东区 gives 4 canteens to its 第一中学 and 2 to another school; the rate applies to each school.
        var part1 = await district.PostAsJsonAsync($"/api/v1/tasks/{taskId}/children", new
        {
            responsibleOrgUnitIds = new[] { s1 }, dueDate = "2026-12-20",
            targets = new object[] { new { targetId = canteens, value = 4 }, new { targetId = fitness, value = 60 } },
        }).SucceedsAsync("first part");
        Assert.True(part1.GetProperty("isBreakdown").GetBoolean());
        Assert.Equal(q01, part1.GetProperty("overseerOrgUnitId").GetInt32());
        Assert.Equal(taskId, part1.GetProperty("parentId").GetInt32());
        var part2 = await district.PostAsJsonAsync($"/api/v1/tasks/{taskId}/children", new
        {
            title = $"新建第二中学食堂{u}", responsibleOrgUnitIds = new[] { s2 },
            targets = new object[] { new { targetId = canteens, value = 2 }, new { targetId = fitness, value = 60 } },
        }).SucceedsAsync("second part");
        var (child1, child2) = (part1.GetProperty("id").GetInt32(), part2.GetProperty("id").GetInt32());
        // One canteen more would give its schools 7 of its 6: refused, and no third part exists.
        var tooMany = await district.PostAsJsonAsync($"/api/v1/tasks/{taskId}/children", new
        {
            responsibleOrgUnitIds = new[] { s2 }, targets = new object[] { new { targetId = canteens, value = 1 } },
        });
        var exceeds = await tooMany.AssertProblemAsync(400);
        Assert.Contains("合计 7 超过本单位的份额 6", exceeds.GetProperty("detail").GetString());
        var late = await district.PostAsJsonAsync($"/api/v1/tasks/{taskId}/children", new { responsibleOrgUnitIds = new[] { s2 }, dueDate = "2027-01-31" });
        Assert.Contains("不能晚于原任务的完成时限", (await late.AssertProblemAsync(400)).GetProperty("detail").GetString());
        // The task page's form says what is wrong in Chinese and keeps what was typed.
        var token = await district.TokenAsync($"/Tasks/{taskId}");
        var typed = await district.PostAsync($"/Tasks/{taskId}?handler=Part", Forms.Form(token, ("part.SchoolIds", s2.ToString()),
            ("part.Title", $"表单分解{u}"), ($"part.Targets[{canteens}]", "三所")));
        Assert.Equal(HttpStatusCode.BadRequest, typed.StatusCode);
        var typedPage = await typed.Content.ReadAsStringAsync();
        Assert.Contains("data-testid=\"part-problems\"", typedPage);
        Assert.Contains($"“学校食堂{u}”的分解数应为不小于 0 的数", typedPage);
        Assert.Contains($"value=\"表单分解{u}\"", typedPage);
        Assert.Equal(2, await data.WithDbAsync(db => db.Tasks.CountAsync(t => t.ParentId == taskId)));

        // The parts do not turn the city's task into a group, and the plan still has one task.
        var parent = await admin.GetJsonAsync($"/api/v1/tasks/{taskId}");
        Assert.False(parent.GetProperty("isGroup").GetBoolean());
        Assert.Equal(2, parent.GetProperty("parts").GetArrayLength());
        Assert.Equal(1, (await admin.GetJsonAsync($"/api/v1/plans/{planId}")).GetProperty("taskCount").GetInt32());
        Assert.Contains("任务（1 项）", await (await admin.GetAsync($"/Plans/{planId}")).Content.ReadAsStringAsync());

        // Each school is told, sees only its own part, and reports on it to 江东区.
        var bell = await school1.GetJsonAsync("/api/v1/notifications");
        Assert.Contains(bell.GetProperty("items").EnumerateArray(), n => n.GetProperty("text").GetString()!.Contains("江东区教育局分解")
            && n.GetProperty("link").GetString() == $"/Tasks/{child1}");
        var seen = (await school1.GetJsonAsync($"/api/v1/tasks?planId={planId}")).GetProperty("items").EnumerateArray()
            .Select(t => t.GetProperty("id").GetInt32()).ToList();
        Assert.Equal([child1], seen);
        var childPage = await (await school1.GetAsync($"/Tasks/{child1}")).Content.ReadAsStringAsync();
        Assert.Contains("data-testid=\"task-overseer\"", childPage);
        Assert.Contains("data-testid=\"report-form\"", childPage);
        Assert.Equal(HttpStatusCode.NotFound, (await school1.GetAsync($"/Tasks/{child2}")).StatusCode);

        // By hand: canteens 3 + 2 = 5; the rate 270 of 450 pupils and 88 of 200 → (270 + 88) / (450 + 200) = 358 / 650 = 55.08%.
        var r1 = await ReportAsync(school1, child1, [new { targetId = ChildTarget(part1, canteens), value = 3 },
            new { targetId = ChildTarget(part1, fitness), numerator = 270, denominator = 450 }]);
        var r2 = await ReportAsync(school2, child2, [new { targetId = ChildTarget(part2, canteens), value = 2 },
            new { targetId = ChildTarget(part2, fitness), numerator = 88, denominator = 200 }]);
        // The city's lead department does not review a school's report to its district; the district does.
        await (await lead.PostAsJsonAsync($"/api/v1/reports/{r1}/review", new { decision = "accept" })).AssertProblemAsync(404);
        var home = await (await district.GetAsync("/")).Content.ReadAsStringAsync();
        Assert.Contains("待审核：江东区第一中学 2026-11 进展", home);
        await ReviewAsync(district, r1);
        await ReviewAsync(district, r2);

        var below = await district.GetJsonAsync($"/api/v1/tasks/{taskId}");
        var fromSchools = TargetOf(below, canteens).GetProperty("fromSchools");
        Assert.Equal(5m, fromSchools.GetProperty("value").GetDecimal());
        Assert.Equal("sum", fromSchools.GetProperty("method").GetString());
        var rate = TargetOf(below, fitness).GetProperty("fromSchools");
        Assert.Equal(55.08m, rate.GetProperty("value").GetDecimal());
        Assert.Equal(358m, rate.GetProperty("numerator").GetDecimal());
        Assert.Equal(650m, rate.GetProperty("denominator").GetDecimal());
        // The district's report form starts from its schools' figures.
        var districtPage = await (await district.GetAsync($"/Tasks/{taskId}")).Content.ReadAsStringAsync();
        Assert.Matches($"name=\"report.Values\\[{canteens}\\]\" value=\"5\"", districtPage);
        Assert.Matches($"name=\"report.Numerators\\[{fitness}\\]\" value=\"358\"", districtPage);
        Assert.Matches($"name=\"report.Denominators\\[{fitness}\\]\" value=\"650\"", districtPage);
        Assert.Contains("data-testid=\"parts-table\"", districtPage);

        // 江东区 reports what its schools reached; 城南区 4 canteens and 300 of 400 pupils; the lead department accepts both.
        // By hand, the city: canteens 5 + 4 = 9 of 10; the rate (358 + 300) / (650 + 400) = 658 / 1050 = 62.67%.
        var q01Report = await ReportAsync(district, taskId, [new { targetId = canteens, value = 5 },
            new { targetId = fitness, numerator = 358, denominator = 650 }]);
        var q02Report = await ReportAsync(other, taskId, [new { targetId = canteens, value = 4 },
            new { targetId = fitness, numerator = 300, denominator = 400 }]);
        await ReviewAsync(lead, q01Report);
        await ReviewAsync(lead, q02Report);
        var city = await admin.GetJsonAsync($"/api/v1/tasks/{taskId}");
        Assert.Equal(9m, TargetOf(city, canteens).GetProperty("actual").GetDecimal());
        Assert.Equal(62.67m, TargetOf(city, fitness).GetProperty("actual").GetDecimal());
        // The schools' own parts carry their own actuals: 3 canteens and 60% (270 / 450) at 第一中学.
        var mine = await school1.GetJsonAsync($"/api/v1/tasks/{child1}");
        Assert.Equal(3m, TargetOf(mine, ChildTarget(part1, canteens)).GetProperty("actual").GetDecimal());
        Assert.Equal(60m, TargetOf(mine, ChildTarget(part1, fitness)).GetProperty("actual").GetDecimal());
    }

    /// <summary>The id of the part's target that is a share of the task's target <paramref name="parentTargetId"/>.</summary>
    private static int ChildTarget(JsonElement part, int parentTargetId) => part.GetProperty("targets").EnumerateArray()
        .Single(g => g.GetProperty("parentTargetId").GetInt32() == parentTargetId).GetProperty("id").GetInt32();
}
