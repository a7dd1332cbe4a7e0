using System.IO.Compression;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Luoshi.Application.Access;
using Luoshi.Application.Demo;
using Luoshi.Application.Notifications;
using Luoshi.Application.Plans;
using Luoshi.Domain.Time;
using Luoshi.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace Luoshi.Web.Tests.Analytics;

/// <summary>
/// One colour rule everywhere: the demo plan's 54% 公办园占比 target is linked to the indicator GBYZB, so its task takes its
/// colour from the schools' data. Set far behind its path (a baseline above what the data shows), the task is red by the
/// data alone — and it is red, with the data's figure, on the task API and list, the leaders' dashboard (page and API),
/// 我的任务, the supervisor's agenda (预警), the plans index, the plan's board, the roll-up of its group, and in ledger.xlsx and ledger.docx.
/// </summary>
public sealed partial class OneColourRuleTests
{
    private sealed record Linked(int TargetId, int TaskId, int PlanId, int IndicatorId, int? LeadId, string Title);

    [Theory, Databases]
    public async Task A_task_coloured_by_its_data_shows_the_same_colour_and_figure_on_every_page_and_export(TestDatabase database)
    {
        await using var data = await DemoApps.OwnAsync(database);
        // The demo year (plan 000 of the demo city) and its data collection, as `serve --demo` seeds them, on 23 November 2026.
        var today = new DateOnly(2026, 11, 23);
        await data.WithDbAsync(db => new DemoYear(db, new PlanWorkflow(db, new TaskScope(db), new Notifier(db), ChinaClock.System))
            .SeedAsync(LuoshiFactory.Password, today));
        Assert.True(await data.WithDbAsync(db => new DemoData(db).SeedAsync(today)));
        await using var app = data.At(new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 2, 0, 0, TimeSpan.Zero)));
        var linked = await data.WithDbAsync(db => db.Targets.AsNoTracking()
            .Where(g => g.IndicatorId != null && db.Indicators.Any(i => i.Id == g.IndicatorId && i.Code == DemoData.ShareIndicatorCode))
            .Join(db.Tasks, g => g.TaskId, t => t.Id, (g, t) => new Linked(g.Id, t.Id, t.PlanId, g.IndicatorId!.Value, t.LeadDepartmentId, t.Title))
            .SingleAsync());
        var supervisor = await app.SignedInAsync("supervisor");

        // What the data says now, then the baseline set three quarters of the way from it to 54%: the path starts above the
        // data, so the data is far behind it, whatever the task's self-reported progress.
        var before = await TargetAsync(supervisor, linked);
        var actual = before.GetProperty("data").GetProperty("actual").GetDecimal();
        Assert.True(actual < 54m, $"the demo's data should be short of 54% ({actual})");
        // As seeded, the ledger already shows the data's figure for the target, and says it comes from the data.
        var seeded = await EntryTextAsync(supervisor, $"/api/v1/plans/{linked.PlanId}/ledger.xlsx", "xl/worksheets/sheet1.xml");
        Assert.Contains($"（指标数据：{Luoshi.Domain.Targets.Target.Figure(actual)}%，截至", seeded);
        // The demo year has this task closed or asking to be (green whatever the data says): it is opened again, so the
        // colour is the open task's, which the data sets.
        var status = (await supervisor.GetJsonAsync($"/api/v1/tasks/{linked.TaskId}")).GetProperty("status").GetString();
        if (status == "completionRequested")
            (await supervisor.PostAsJsonAsync($"/api/v1/tasks/{linked.TaskId}/completion/refuse", new { reason = "数据尚未达到目标" })).EnsureSuccessStatusCode();
        else if (status == "done")
            (await supervisor.PostAsJsonAsync($"/api/v1/tasks/{linked.TaskId}/reopen", new { reason = "数据尚未达到目标" })).EnsureSuccessStatusCode();
        // Due at the year's end with no open milestone behind, so its own dates do not make it red: the data will.
        var patch = new HttpRequestMessage(HttpMethod.Patch, $"/api/v1/tasks/{linked.TaskId}")
        {
            Content = JsonContent.Create(new { startDate = "2026-01-01", dueDate = "2026-12-31", progress = 90 }),
        };
        patch.Headers.TryAddWithoutValidation("If-Match", "*");
        (await supervisor.SendAsync(patch)).EnsureSuccessStatusCode();
        // Its group's other tasks on time as well, so the group's colour is this task's.
        var groupId = await data.WithDbAsync(db => db.Tasks.Where(t => t.Id == linked.TaskId).Select(t => t.ParentId).SingleAsync());
        Assert.NotNull(groupId);
        Assert.True(await data.WithDbAsync(db => db.Tasks.AnyAsync(t => t.Id == groupId && t.IsGroup)), "the demo task sits in a group");
        foreach (var sibling in await data.WithDbAsync(db => db.Tasks.Where(t => t.ParentId == groupId && t.Id != linked.TaskId).Select(t => t.Id).ToListAsync()))
        {
            var onTime = new HttpRequestMessage(HttpMethod.Patch, $"/api/v1/tasks/{sibling}")
            {
                Content = JsonContent.Create(new { startDate = "2026-01-01", dueDate = "2026-12-31", progress = 95 }),
            };
            onTime.Headers.TryAddWithoutValidation("If-Match", "*");
            (await supervisor.SendAsync(onTime)).EnsureSuccessStatusCode();
        }
        var baseline = Math.Round(actual + (54m - actual) * 0.75m, 2);
        (await supervisor.PutAsJsonAsync($"/api/v1/targets/{linked.TargetId}/indicator", new { indicatorId = linked.IndicatorId, baseline }))
            .EnsureSuccessStatusCode();
        var task = await supervisor.GetJsonAsync($"/api/v1/tasks/{linked.TaskId}");
        var target = await TargetAsync(supervisor, linked);
        Assert.Equal("farBehind", target.GetProperty("data").GetProperty("verdict").GetString());
        Assert.Equal("red", task.GetProperty("light").GetString());
        Assert.Equal(actual, target.GetProperty("actual").GetDecimal());
        var figure = Luoshi.Domain.Targets.Target.Figure(actual);

        // The task list of the API.
        var list = await supervisor.GetJsonAsync($"/api/v1/tasks?planId={linked.PlanId}&pageSize=500");
        var listed = list.GetProperty("items").EnumerateArray().Single(t => t.GetProperty("id").GetInt32() == linked.TaskId);
        Assert.Equal("red", listed.GetProperty("light").GetString());

        // The task page.
        var page = await supervisor.GetStringAsync($"/Tasks/{linked.TaskId}");
        Assert.Contains("data-testid=\"task-status\" data-light=\"red\"", page);

        // The group the task belongs to rolls its tasks up by the same rule: red with it, on the API and on the group's page.
        Assert.Equal("red", (await supervisor.GetJsonAsync($"/api/v1/tasks/{groupId}")).GetProperty("light").GetString());
        Assert.Contains("data-testid=\"task-status\" data-light=\"red\"", await supervisor.GetStringAsync($"/Tasks/{groupId}"));

        // The leaders' dashboard: the task among the red ones, in red, on the page and in the API; a lagging target listed
        // there shows the data's figure.
        var leader = await app.SignedInAsync("leader");
        // The dashboard lists the first ten red and yellow tasks (overdue first): when this one is among them it is red there.
        var board = await leader.GetJsonAsync("/api/v1/dashboard");
        var redOnDashboard = board.GetProperty("red").GetInt32();
        foreach (var flagged in board.GetProperty("redAndYellow").EnumerateArray().Where(t => t.GetProperty("taskId").GetInt32() == linked.TaskId))
        {
            Assert.Equal("red", flagged.GetProperty("light").GetString());
            Assert.Contains($"data-testid=\"flagged-status\" data-task=\"{linked.TaskId}\" data-light=\"red\"", await leader.GetStringAsync("/Dashboard"));
        }
        foreach (var lagging in board.GetProperty("targetsBehind").EnumerateArray().Where(g => g.GetProperty("targetId").GetInt32() == linked.TargetId))
        {
            Assert.Equal(actual, lagging.GetProperty("actual").GetDecimal());
            Assert.True(lagging.GetProperty("fromData").GetBoolean());
            Assert.Equal("red", lagging.GetProperty("light").GetString());
        }

        // 我的任务 of the lead department.
        var leadUser = await data.WithDbAsync(db => db.Users.Where(u => u.OrgUnitId == linked.LeadId).OrderBy(u => u.Id).Select(u => u.UserName).FirstAsync());
        var mine = await (await app.SignedInAsync(leadUser)).GetStringAsync("/MyTasks");
        Assert.Matches($"data-testid=\"my-task-status\" data-task=\"{linked.TaskId}\" data-light=\"red\"", mine);

        // The supervisor's agenda (我的待办, all of it on 我的任务): open and behind its path by the data, the task is listed as 预警, in red.
        var agenda = await supervisor.GetStringAsync("/MyTasks");
        var agendaItem = $"data-testid=\"agenda-item\" data-kind=\"{(task.GetProperty("status").GetString() == "warning" ? "warning" : "overdue")}\" data-task=\"{linked.TaskId}\" data-light=\"red\"";
        Assert.Contains(agendaItem, agenda);

        // The plans index counts the same red tasks as the plan's board, this one among them.
        var boardPage = await leader.GetStringAsync($"/Plans/{linked.PlanId}");
        var redOnBoard = int.Parse(CountRed().Match(boardPage).Groups[1].Value);
        Assert.True(redOnBoard >= 1);
        var index = await leader.GetStringAsync("/Plans");
        var row = PlanRow(index, linked.PlanId);
        Assert.Contains($"{redOnBoard}（", Regex.Match(row, "light-red\"></span>([^<]*)").Groups[1].Value);

        // Unlinked, the same pages fall back to the self-reported colour: the plans index counts one red fewer.
        // (Checked through the exports below first, while linked.)
        var xlsx = await EntryTextAsync(supervisor, $"/api/v1/plans/{linked.PlanId}/ledger.xlsx", "xl/worksheets/sheet1.xml");
        Assert.Contains($"（指标数据：{figure}%，截至", xlsx);
        Assert.Contains("数据严重落后于预期进度）", xlsx);
        // Open and not yet overdue, the data made it red (预警 by the data); past a deadline of its own it is 逾期, red anyway.
        var byData = task.GetProperty("status").GetString() == "warning";
        var label = byData ? "预警（红灯，据指标数据）" : task.GetProperty("statusName").GetString()!;
        Assert.Contains(label, xlsx);
        var docx = await EntryTextAsync(supervisor, $"/api/v1/plans/{linked.PlanId}/ledger.docx", "word/document.xml");
        Assert.Contains($"（指标数据：{figure}%，截至", docx);
        Assert.Contains(label, docx);

        (await supervisor.PutAsJsonAsync($"/api/v1/targets/{linked.TargetId}/indicator", new { indicatorId = (int?)null }))
            .EnsureSuccessStatusCode();
        var unlinked = await supervisor.GetJsonAsync($"/api/v1/tasks/{linked.TaskId}");
        if (byData)
        {
            Assert.NotEqual("red", unlinked.GetProperty("light").GetString());
            // The group was red by this task's data alone.
            Assert.NotEqual("red", (await supervisor.GetJsonAsync($"/api/v1/tasks/{groupId}")).GetProperty("light").GetString());
            Assert.Equal(redOnDashboard - 1, (await leader.GetJsonAsync("/api/v1/dashboard")).GetProperty("red").GetInt32());
            Assert.DoesNotContain(agendaItem, await supervisor.GetStringAsync("/MyTasks"));
            var indexAfter = PlanRow(await leader.GetStringAsync("/Plans"), linked.PlanId);
            Assert.Contains($"{redOnBoard - 1}（", Regex.Match(indexAfter, "light-red\"></span>([^<]*)").Groups[1].Value);
        }
        var xlsxAfter = await EntryTextAsync(supervisor, $"/api/v1/plans/{linked.PlanId}/ledger.xlsx", "xl/worksheets/sheet1.xml");
        Assert.DoesNotContain("指标数据", xlsxAfter);
        Assert.DoesNotContain("据指标数据", xlsxAfter);
    }

    private static async Task<JsonElement> TargetAsync(HttpClient client, Linked linked) =>
        (await client.GetJsonAsync($"/api/v1/tasks/{linked.TaskId}")).GetProperty("targets").EnumerateArray()
        .Single(t => t.GetProperty("id").GetInt32() == linked.TargetId);

    private static string PlanRow(string index, int planId)
    {
        var at = index.IndexOf($"<tr data-plan=\"{planId}\">", StringComparison.Ordinal);
        Assert.True(at >= 0, "the plan is listed");
        return index[at..index.IndexOf("</tr>", at, StringComparison.Ordinal)];
    }

    private static async Task<string> EntryTextAsync(HttpClient client, string url, string entry)
    {
        var response = await client.GetAsync(url);
        response.EnsureSuccessStatusCode();
        using var zip = new ZipArchive(await response.Content.ReadAsStreamAsync());
        using var reader = new StreamReader(zip.GetEntry(entry)!.Open());
        // Word may split a run; the words are compared without the markup between them.
        return Regex.Replace(await reader.ReadToEndAsync(), "<[^>]+>", "");
    }

    [GeneratedRegex("data-testid=\"count-red\">(\\d+)<")]
    private static partial Regex CountRed();
}
