using Luoshi.Application.Jobs;
using Luoshi.Domain.Tasks;
using Luoshi.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Luoshi.Web.Tests;

/// <summary>
/// The daily jobs (what the scheduler runs at 07:00 and <c>luoshi jobs run --date</c> runs): reminders counted in working
/// days over the 2026 国庆 week, and a day run twice sending nothing twice. Each test has a demo city of its own, since
/// the ledger of days run belongs to the whole database.
/// </summary>
public sealed class DailyJobsTests
{
    private static async Task<List<StepOutcome>> RunAsync(LuoshiFactory app, DateOnly day)
    {
        using var scope = app.Services.CreateScope();
        var results = await scope.ServiceProvider.GetRequiredService<DailyJobs>().RunAsync(day);
        return results.Select(r => new StepOutcome(r.Step, r.Skipped, r.Text)).ToList();
    }

    private sealed record StepOutcome(string Step, bool Skipped, string Text);

    /// <summary>A published task of 江东区 (Q01) led by 基础教育处, due Friday 9 October 2026 with a milestone on the 调休 Saturday 10 October.</summary>
    private static async Task<int> TaskDueAfterNationalDayAsync(LuoshiFactory app)
    {
        var admin = await app.SignedInAsync("admin");
        var taskId = await Ledgers.PublishedQ01TaskAsync(app, admin);
        await app.WithDbAsync(async db =>
        {
            var task = await db.Tasks.Include(t => t.Milestones).FirstAsync(t => t.Id == taskId);
            task.StartDate = new DateOnly(2026, 1, 1);
            task.DueDate = new DateOnly(2026, 10, 9);
            task.Milestones.Clear();
            task.Milestones.Add(new Milestone { Date = new DateOnly(2026, 10, 10), Title = "完成选址" });
            await db.SaveChangesAsync();
        });
        return taskId;
    }

    private static Task<List<string>> RemindersAsync(LuoshiFactory app, int taskId, string userName) =>
        app.WithDbAsync(db => db.Notifications.Where(n => n.Link != null && n.Link.StartsWith($"/Tasks/{taskId}")
                && db.Users.Any(u => u.Id == n.UserId && u.UserName == userName))
            .OrderBy(n => n.Id).Select(n => n.Kind + "|" + n.Text + "|" + n.Link).ToListAsync());

    [Theory, Databases]
    public async Task Reminders_count_working_days_across_the_national_day_week(TestDatabase database)
    {
        await using var app = await DemoApps.OwnAsync(database);
        var taskId = await TaskDueAfterNationalDayAsync(app);

        // Monday 28 September: after it up to Friday 9 October come Tue 29, Wed 30, Thu 8, Fri 9 = 4 working days, more than 3: no deadline reminder yet.
        await RunAsync(app, new DateOnly(2026, 9, 28));
        Assert.DoesNotContain(await RemindersAsync(app, taskId, "jiangdong"), r => r.StartsWith(DailyReminders.DeadlineSoon));

        // Wednesday 30 September: Thu 8 and Fri 9 = 2 working days to the deadline, 3 to the milestone on the 调休 Saturday 10 October.
        await RunAsync(app, new DateOnly(2026, 9, 30));
        var reminders = await RemindersAsync(app, taskId, "jiangdong");
        Assert.Contains(reminders, r => r.StartsWith($"{DailyReminders.DeadlineSoon}|任务将于10月9日到期（还有 2 个工作日）") && r.EndsWith($"|/Tasks/{taskId}"));
        Assert.Contains(reminders, r => r.StartsWith("milestoneSoon|节点将于10月10日到期（还有 3 个工作日）") && r.EndsWith($"|/Tasks/{taskId}#milestones"));
        // September's report is due Monday 5 October, inside the holiday: no working day is left before it. August's is late.
        Assert.Contains(reminders, r => r.StartsWith($"{DailyReminders.ReportDue}|2026-09 进展请于10月5日前报送（截止前已无工作日）") && r.EndsWith($"|/Tasks/{taskId}#report-form"));
        Assert.Contains(reminders, r => r.StartsWith($"{DailyReminders.ReportLate}|2026-08 进展已逾期未报送") && r.EndsWith($"|/Tasks/{taskId}#report-form"));
        // The lead department hears of the deadline, not of the district's reports.
        var lead = await RemindersAsync(app, taskId, "jichu");
        Assert.Contains(lead, r => r.StartsWith(DailyReminders.DeadlineSoon));
        Assert.DoesNotContain(lead, r => r.StartsWith(DailyReminders.ReportLate));

        // Saturday 3 October is a holiday: no reminders at all.
        var before = await app.WithDbAsync(db => db.Notifications.CountAsync());
        var holiday = await RunAsync(app, new DateOnly(2026, 10, 3));
        Assert.Contains("不是工作日", holiday.Single(r => r.Step == "reminders").Text);
        Assert.Equal(before, await app.WithDbAsync(db => db.Notifications.CountAsync()));
    }

    [Theory, Databases]
    public async Task Reminders_ask_for_the_reports_the_ranking_counts_and_no_others(TestDatabase database)
    {
        await using var app = await DemoApps.OwnAsync(database);
        var taskId = await TaskDueAfterNationalDayAsync(app);
        // Asking for 办结 does not end the monthly reports: until it is approved, 进展反馈按时率 counts them, so the district is
        // reminded of them as well.
        await app.WithDbAsync(async db =>
        {
            var task = await db.Tasks.FirstAsync(t => t.Id == taskId);
            task.Closure = TaskClosure.CompletionRequested;
            task.CompletionRequestedAt = DateTime.UtcNow;
            await db.SaveChangesAsync();
        });
        await RunAsync(app, new DateOnly(2026, 9, 30));
        var reminders = await RemindersAsync(app, taskId, "jiangdong");
        Assert.Contains(reminders, r => r.StartsWith($"{DailyReminders.ReportDue}|2026-09 进展请于10月5日前报送"));
        Assert.Contains(reminders, r => r.StartsWith($"{DailyReminders.ReportLate}|2026-08 进展已逾期未报送"));
        // The district's agenda (我的待办) lists the reports it owes by the same rule: last month's and this month's.
        var district = await app.SignedInAsync("jiangdong");
        var owedItem = $"data-testid=\"agenda-item\" data-kind=\"report\" data-task=\"{taskId}\"";
        Assert.Contains(owedItem, await district.GetStringAsync("/MyTasks"));

        // A plan for a later year owes no report on this year's months (the ranking does not count them): September's report,
        // late on 8 October, is not asked for, nor listed on the agenda.
        await app.WithDbAsync(async db =>
        {
            var planId = await db.Tasks.Where(t => t.Id == taskId).Select(t => t.PlanId).SingleAsync();
            var plan = await db.Plans.FirstAsync(p => p.Id == planId);
            plan.Year = 2027;
            await db.SaveChangesAsync();
        });
        await RunAsync(app, new DateOnly(2026, 10, 8));
        Assert.DoesNotContain(await RemindersAsync(app, taskId, "jiangdong"), r => r.StartsWith($"{DailyReminders.ReportLate}|2026-09"));
        Assert.DoesNotContain(owedItem, await district.GetStringAsync("/MyTasks"));
    }

    [Theory, Databases]
    public async Task Running_a_day_twice_sends_nothing_twice(TestDatabase database)
    {
        await using var app = await DemoApps.OwnAsync(database);
        var taskId = await TaskDueAfterNationalDayAsync(app);
        var day = new DateOnly(2026, 9, 30);

        var first = await RunAsync(app, day);
        Assert.False(first.Single(r => r.Step == "reminders").Skipped);
        var sent = await app.WithDbAsync(db => db.Notifications.CountAsync());
        var mine = await RemindersAsync(app, taskId, "jiangdong");
        Assert.NotEmpty(mine);

        var second = await RunAsync(app, day);
        Assert.True(second.Single(r => r.Step == "reminders").Skipped);
        Assert.Contains("未重复发送", second.Single(r => r.Step == "reminders").Text);
        Assert.Equal(sent, await app.WithDbAsync(db => db.Notifications.CountAsync()));
        Assert.Equal(mine, await RemindersAsync(app, taskId, "jiangdong"));

        // Two runs of the next working day at once: one stores its reminders, the other finds the day done.
        var next = new DateOnly(2026, 10, 8);
        var both = await Task.WhenAll(RunAsync(app, next), RunAsync(app, next));
        Assert.Single(both, r => !r.Single(s => s.Step == "reminders").Skipped);
        var perUserAndSubject = await app.WithDbAsync(db => db.Notifications.Where(n => n.DedupKey != null && n.DedupKey.EndsWith(":2026-10-08"))
            .GroupBy(n => new { n.UserId, n.DedupKey }).Select(g => g.Count()).ToListAsync());
        Assert.NotEmpty(perUserAndSubject);
        Assert.All(perUserAndSubject, count => Assert.Equal(1, count));
        Assert.Equal(1, await app.WithDbAsync(db => db.JobRuns.CountAsync(r => r.Date == next && r.Job == "reminders")));
    }
}
