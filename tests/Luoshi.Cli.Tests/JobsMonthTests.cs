using Luoshi.Application.Demo;
using Luoshi.Data;
using Luoshi.Data.Auditing;
using Luoshi.Domain.Messaging;
using Luoshi.Domain.Plans;
using Luoshi.Domain.Supervision;
using Luoshi.Domain.Tasks;
using Luoshi.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Luoshi.Cli.Tests;

/// <summary>
/// Issue 13's "Done when": the real <c>luoshi jobs run --date D</c>, a process per day, for every day from Sunday
/// 20 September to Saturday 31 October 2026 on the shipped calendar (中秋 25–27 September off, 国庆 1–7 October off,
/// Sunday 20 September and Saturday 10 October 调休 working days), with a local SMTP server the test starts. The fixture:
/// the demo city (its 局领导 包保 江东区), a published task of 江东区 due Monday 28 September that 江东区 never reports on,
/// and e-mail addresses for 江东区's account and the leader.
/// </summary>
public sealed class JobsMonthTests
{
    private static readonly DateOnly First = new(2026, 9, 20);
    private static readonly DateOnly Last = new(2026, 10, 31);
    private const string DistrictMail = "jiangdong@example.test";
    private const string LeaderMail = "leader@example.test";

    [Fact]
    public async Task A_month_of_daily_runs_urges_supervises_and_reaches_the_leader_on_the_right_working_days_and_mails_each_once()
    {
        using var folder = TemporaryData.Use("jobs-month");
        var settings = new DatabaseSettings(folder.Path, null);
        var taskId = await FixtureAsync(settings);
        await using var smtp = LocalSmtpServer.Start();
        var environment = new Dictionary<string, string>
        {
            ["Luoshi__Smtp__Host"] = "127.0.0.1",
            ["Luoshi__Smtp__Port"] = smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Luoshi__Smtp__Tls"] = "none",
            ["Luoshi__Smtp__TimeoutSeconds"] = "10",
        };

        // The day each notice of the task (its chain key and level) first showed, as the runs went.
        var seen = new Dictionary<string, DateOnly>();
        for (var day = First; day <= Last; day = day.AddDays(1))
        {
            var run = await LuoshiProcess.RunAsync(["jobs", "run", "--date", day.ToString("yyyy-MM-dd"), "--data", folder.Path], environment: environment);
            Assert.True(run.ExitCode == 0, $"{day}: {run.Error}\n{run.Output}");
            foreach (var n in await NoticesAsync(settings, taskId))
                seen.TryAdd($"{n.EscalationKey!.Split(':')[0]}:{n.Level.ToCode()}", day);
        }

        // The task's own chain (due Mon 28 September, overdue from Tue 29):
        // 催办: the first working day it is overdue, Tue 29 September; 办理时限 3 working days: Wed 30 Sep (1),
        //   [1–7 Oct 国庆 off], Thu 8 Oct (2), Fri 9 Oct (3) → answer by Fri 9 October.
        // 督办: the first working day after that, the 调休 Saturday 10 October; 办理时限 3 working days: [Sun 11 off],
        //   Mon 12 (1), Tue 13 (2), Wed 14 (3) → answer by Wed 14 October.
        // 包保领导: the first working day after that, Thu 15 October (the task has none of its own: 江东区's, the demo leader).
        Assert.Equal(new DateOnly(2026, 9, 29), seen["task:urge"]);
        Assert.Equal(new DateOnly(2026, 10, 10), seen["task:supervise"]);
        Assert.Equal(new DateOnly(2026, 10, 15), seen["task:leader"]);
        // The September report (due Mon 5 October, inside the holiday) never comes:
        // 催办: the first working day after the 5th, Thu 8 October; 3 working days: Fri 9 (1), Sat 10 调休 (2), Mon 12 (3).
        // 督办: Tue 13 October; 3 working days: Wed 14 (1), Thu 15 (2), Fri 16 (3). 包保领导: Mon 19 October.
        Assert.Equal(new DateOnly(2026, 10, 8), seen["report:urge"]);
        Assert.Equal(new DateOnly(2026, 10, 13), seen["report:supervise"]);
        Assert.Equal(new DateOnly(2026, 10, 19), seen["report:leader"]);
        var notices = await NoticesAsync(settings, taskId);
        Assert.Equal(4, notices.Count);
        Assert.Equal([new DateOnly(2026, 10, 9), new DateOnly(2026, 10, 14)],
            notices.Where(n => n.EscalationKey!.StartsWith("task:")).Select(n => n.RespondBy));

        // Running days again adds nothing: no notice, no message, no mail.
        var (messages, mails) = (await CountAsync(settings, db => db.OutboxMessages.CountAsync()), smtp.Received.Count);
        foreach (var day in new[] { "2026-09-29", "2026-10-10", "2026-10-15" })
        {
            var again = await LuoshiProcess.RunAsync(["jobs", "run", "--date", day, "--data", folder.Path], environment: environment);
            Assert.True(again.ExitCode == 0, again.Error);
            Assert.Contains("未重复发送", again.Output);
        }
        Assert.Equal(4, (await NoticesAsync(settings, taskId)).Count);
        Assert.Equal(messages, await CountAsync(settings, db => db.OutboxMessages.CountAsync()));
        Assert.Equal(mails, smtp.Received.Count);

        // Every mail arrived once: as many as the outbox sent, no message twice (the Message-Id is made from the outbox message's
        // key; the daily reminders may say the same words on several days); each notice reached 江东区 once, and each escalation
        // to the leader reached the leader once.
        var sent = await CountAsync(settings, db => db.OutboxMessages.CountAsync(m => m.Channel == MessageChannel.Email && m.Status == OutboxStatus.Sent));
        Assert.Equal(sent, smtp.Received.Count);
        Assert.Equal(smtp.Received.Count, smtp.Received.Select(m => m.MessageId).Distinct().Count());
        foreach (var notice in notices)
            Assert.Single(smtp.To(DistrictMail), m => (m.TextBody ?? "").Contains($"（{notice.Number}）", StringComparison.Ordinal));
        foreach (var notice in notices.Where(n => n.Kind == NoticeKind.Supervise))
            Assert.Single(smtp.To(LeaderMail), m => (m.TextBody ?? "").Contains($"{notice.Number}逾期未反馈", StringComparison.Ordinal));
    }

    private static LuoshiDb Open(DatabaseSettings settings) => new(settings.BuildOptions(), FixedAuditActor.CommandLine);

    private static async Task<T> CountAsync<T>(DatabaseSettings settings, Func<LuoshiDb, Task<T>> read)
    {
        await using var db = Open(settings);
        return await read(db);
    }

    private static async Task<List<Notice>> NoticesAsync(DatabaseSettings settings, int taskId)
    {
        await using var db = Open(settings);
        return await db.Notices.AsNoTracking().Where(n => n.TaskId == taskId && n.EscalationKey != null).OrderBy(n => n.Id).ToListAsync();
    }

    /// <summary>The demo city, a published task of 江东区 due 28 September 2026, and the mail addresses; returns the task's id.</summary>
    private static async Task<int> FixtureAsync(DatabaseSettings settings)
    {
        await using var db = Open(settings);
        await DatabaseSetup.UpgradeAsync(db);
        await new DemoCity(db).SeedAsync();
        var units = await db.OrgUnits.ToDictionaryAsync(u => u.Code, u => u.Id);
        var admin = await db.Users.FirstAsync(u => u.UserName == "admin");
        var plan = new Plan
        {
            Title = "月度催办检查计划", Year = 2026, Status = PlanStatus.Published, OrgUnitId = units["D03"], CreatedById = admin.Id,
            CreatedAt = DateTime.UtcNow, PublishedAt = DateTime.UtcNow, PublishedById = admin.Id,
        };
        db.Plans.Add(plan);
        await db.SaveChangesAsync();
        var task = new PlanTask
        {
            PlanId = plan.Id, Number = "1", Ordinal = 1, Title = "扩大普惠性学前教育资源", LeadDepartmentId = units["D03"],
            StartDate = new DateOnly(2026, 9, 1), DueDate = new DateOnly(2026, 9, 28),
            Units = [new() { OrgUnitId = units["Q01"], Role = TaskUnitRole.Responsible }],
        };
        db.Tasks.Add(task);
        foreach (var (userName, mail) in new[] { ("jiangdong", DistrictMail), ("leader", LeaderMail) })
        {
            var user = await db.Users.FirstAsync(u => u.UserName == userName);
            db.UserChannels.Add(new UserChannels { UserId = user.Id, Email = mail, EmailEnabled = true });
        }
        await db.SaveChangesAsync();
        return task.Id;
    }
}
