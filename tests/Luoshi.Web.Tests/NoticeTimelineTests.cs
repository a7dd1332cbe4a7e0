using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Luoshi.Application.Jobs;
using Luoshi.Domain.Supervision;
using Luoshi.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Luoshi.Web.Tests;

/// <summary>
/// Every step of the 督办单 about a task — the automatic 催办, 督办 and the escalation to the 包保 leader, and a notice a
/// supervisor issues by hand, answered, sent back, answered again and closed — shows on the task's timeline (变更记录) with
/// the notice's number, level and step, linking to the notice. Each test has its own demo city.
/// </summary>
public sealed partial class NoticeTimelineTests
{
    [Theory, Databases]
    public async Task Every_escalation_step_of_a_task_shows_on_its_timeline_linking_to_the_notice(TestDatabase database)
    {
        await using var app = await DemoApps.OwnAsync(database);
        var admin = await app.SignedInAsync("admin");
        var taskId = await Ledgers.PublishedQ01TaskAsync(app, admin);
        await app.WithDbAsync(async db =>
        {
            var task = await db.Tasks.Include(t => t.Milestones).FirstAsync(t => t.Id == taskId);
            (task.StartDate, task.DueDate, task.LeaderUserId) = (new DateOnly(2026, 9, 1), new DateOnly(2026, 9, 28), null);
            task.Milestones.Clear();
            await db.SaveChangesAsync();
        });
        // The automatic chain of the overdue task on its three days (the late September report has a chain of its own) (see EscalationTests for the working-day counting): 催办 Tue 29 September,
        // 督办 on the 调休 Saturday 10 October, the 包保 leader of 江东区 Thursday 15 October.
        foreach (var day in new[] { new DateOnly(2026, 9, 29), new DateOnly(2026, 10, 10), new DateOnly(2026, 10, 15) })
        {
            using var scope = app.Services.CreateScope();
            await scope.ServiceProvider.GetRequiredService<DailyJobs>().RunAsync(day);
        }
        var chain = await app.WithDbAsync(db => db.Notices.AsNoTracking()
            .Where(n => n.TaskId == taskId && n.EscalationKey!.StartsWith("task:")).OrderBy(n => n.Id).ToListAsync());
        Assert.Equal([NoticeLevel.Urge, NoticeLevel.Leader], chain.Select(n => n.Level));

        // A notice issued by hand about the same task: answered, sent back, answered again, closed.
        var supervisor = await app.SignedInAsync("supervisor");
        var district = await app.SignedInAsync("jiangdong");
        var manual = await supervisor.PostAsJsonAsync("/api/v1/notices",
            new { orgUnitId = await app.UnitIdAsync("Q01"), taskId, reason = "请说明进度滞后原因" }).SucceedsAsync("issue");
        var id = manual.GetProperty("id").GetInt32();
        await district.PostAsJsonAsync($"/api/v1/notices/{id}/response", new { response = "已开工" }).SucceedsAsync("answer");
        await supervisor.PostAsJsonAsync($"/api/v1/notices/{id}/return", new { comment = "缺少照片" }).SucceedsAsync("return");
        await district.PostAsJsonAsync($"/api/v1/notices/{id}/response", new { response = "已补充照片" }).SucceedsAsync("answer again");
        await supervisor.PostAsync($"/api/v1/notices/{id}/close", null).SucceedsAsync("close");

        var page = await supervisor.GetStringAsync($"/Tasks/{taskId}");
        var (urge, supervise) = (chain[0], chain[1]);
        Assert.Equal([$"{urge.Number} · 催办 · 系统自动发出 · 江东区教育局 办理时限：2026年10月9日"], Steps(page, urge.Id));
        Assert.Equal([$"{supervise.Number} · 报包保领导 · 逾期未反馈，报包保领导 · 江东区教育局 办理时限：2026年10月14日",
            $"{supervise.Number} · 督办 · 系统自动发出 · 江东区教育局 办理时限：2026年10月14日"], Steps(page, supervise.Id));
        var number = manual.GetProperty("number").GetString();
        Assert.Equal(["办结", "反馈办理情况", "退回重办", "反馈办理情况", "发出"],
            Steps(page, id).Select(s => Assert.Single(s.Split(" · ").Skip(2).Take(1))));
        Assert.All(Steps(page, id), s => Assert.StartsWith($"{number} · 督办 · ", s));
        Assert.Contains($"<a href=\"/Notices?id={id}\">{number}</a>", page);
        // The automatic steps were the system's, the manual ones a person's.
        Assert.Contains("系统", page);

        // The link opens that notice for those who may see it, and shows nothing to others.
        Assert.Contains($"data-testid=\"notice-{id}\"", await district.GetStringAsync($"/Notices?id={id}"));
        var other = await app.SignedInAsync(await app.AddUserAsync(Domain.People.Role.District, "Q02"));
        Assert.DoesNotContain($"data-testid=\"notice-{id}\"", await other.GetStringAsync($"/Notices?id={id}"));
    }

    /// <summary>The timeline's steps of one notice, newest first, as plain text.</summary>
    private static List<string> Steps(string page, int noticeId) =>
        [.. Step().Matches(page).Where(m => m.Groups["id"].Value == noticeId.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .Select(m => Space().Replace(Tags().Replace(m.Groups["body"].Value, ""), " ").Trim())];

    [GeneratedRegex("""<div data-testid="timeline-notice-(?<id>\d+)">(?<body>.*?)</div>""", RegexOptions.Singleline)]
    private static partial Regex Step();

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex Tags();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Space();
}
