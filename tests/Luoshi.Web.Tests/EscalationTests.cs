using System.Net.Http.Json;
using Luoshi.Application.Jobs;
using Luoshi.Domain.Supervision;
using Luoshi.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Luoshi.Web.Tests;

/// <summary>
/// 催办与升级 in the daily jobs, run day by day over September–October 2026 (the shipped calendar: 中秋 25–27 September
/// off, 国庆 1–7 October off, Sunday 20 September and Saturday 10 October 调休 working days) on a task of 江东区 (Q01)
/// due Monday 28 September whose task has no 包保 leader, while the demo's 局领导 包保 江东区. Each test has its own demo city.
/// </summary>
public sealed class EscalationTests
{
    private static readonly DateOnly First = new(2026, 9, 20);
    private static readonly DateOnly Last = new(2026, 10, 31);

    private static async Task RunAsync(LuoshiFactory app, DateOnly day)
    {
        using var scope = app.Services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<DailyJobs>().RunAsync(day);
    }

    /// <summary>A published task of 江东区 led by 基础教育处, due Monday 28 September 2026, without a 包保 leader of its own.</summary>
    private static async Task<(int TaskId, string Key)> TaskDueOnSeptember28Async(LuoshiFactory app)
    {
        var admin = await app.SignedInAsync("admin");
        var taskId = await Ledgers.PublishedQ01TaskAsync(app, admin);
        var q01 = await app.UnitIdAsync("Q01");
        await app.WithDbAsync(async db =>
        {
            var task = await db.Tasks.Include(t => t.Milestones).FirstAsync(t => t.Id == taskId);
            task.StartDate = new DateOnly(2026, 9, 1);
            task.DueDate = new DateOnly(2026, 9, 28);
            task.LeaderUserId = null;
            task.Milestones.Clear();
            await db.SaveChangesAsync();
        });
        return (taskId, $"task:{taskId}:{q01}");
    }

    private static Task<List<Notice>> ChainAsync(LuoshiFactory app, string key) =>
        app.WithDbAsync(db => db.Notices.AsNoTracking().Where(n => n.EscalationKey == key).OrderBy(n => n.Id).ToListAsync());

    /// <summary>Runs every day from <paramref name="from"/> to <paramref name="to"/>; returns the day each level of the chain first showed.</summary>
    private static async Task<Dictionary<string, DateOnly>> RunDaysAsync(LuoshiFactory app, string key, DateOnly from, DateOnly to,
        Dictionary<string, DateOnly>? seen = null)
    {
        seen ??= [];
        for (var day = from; day <= to; day = day.AddDays(1))
        {
            await RunAsync(app, day);
            foreach (var n in await ChainAsync(app, key))
                seen.TryAdd(n.Level.ToCode(), day);
            foreach (var n in (await ChainAsync(app, key)).Where(n => n.Kind == NoticeKind.Supervise))
                seen.TryAdd("supervise-kind", day);
        }
        return seen;
    }

    [Theory, Databases]
    public async Task An_overdue_task_is_urged_then_supervised_then_taken_to_the_units_leader_on_working_days(TestDatabase database)
    {
        await using var app = await DemoApps.OwnAsync(database);
        var (taskId, key) = await TaskDueOnSeptember28Async(app);

        var seen = await RunDaysAsync(app, key, First, Last);

        // 催办: the first working day the task is overdue, Tuesday 29 September; 办理时限 3 working days:
        //   Wed 30 Sep (1), [1–7 Oct 国庆 off], Thu 8 Oct (2), Fri 9 Oct (3) → answer by Friday 9 October.
        // 督办: the first working day after that, the 调休 Saturday 10 October; 办理时限 3 working days:
        //   [Sun 11 off], Mon 12 (1), Tue 13 (2), Wed 14 (3) → answer by Wednesday 14 October.
        // 包保领导: the first working day after that, Thursday 15 October (the task has no leader: 江东区's, 王建国).
        Assert.Equal(new DateOnly(2026, 9, 29), seen["urge"]);
        Assert.Equal(new DateOnly(2026, 10, 10), seen["supervise-kind"]);
        Assert.Equal(new DateOnly(2026, 10, 15), seen["leader"]);

        var chain = await ChainAsync(app, key);
        Assert.Equal(2, chain.Count);
        var (urge, supervise) = (chain[0], chain[1]);
        Assert.Equal((NoticeKind.Urge, NoticeLevel.Urge, new DateOnly(2026, 10, 9)), (urge.Kind, urge.Level, urge.RespondBy));
        Assert.Equal((NoticeKind.Supervise, NoticeLevel.Leader, new DateOnly(2026, 10, 14)), (supervise.Kind, supervise.Level, supervise.RespondBy));
        Assert.All(chain, n => Assert.Null(n.IssuedById));
        Assert.Equal(taskId, urge.TaskId);
        Assert.StartsWith("督办〔2026〕第", supervise.Number);
        var leader = await app.WithDbAsync(db => db.Users.Where(u => u.UserName == "leader").Select(u => u.Id).SingleAsync());
        Assert.Equal(leader, supervise.LeaderUserId);

        // The district's bell has both, the supervisor is copied on the 督办, the leader hears of it, once each.
        var district = await BellAsync(app, "jiangdong", key);
        Assert.Contains(district, t => t.StartsWith($"催办（{urge.Number}）"));
        Assert.Contains(district, t => t.StartsWith($"督办（{supervise.Number}）"));
        Assert.Single(await BellAsync(app, "supervisor", key));
        var leaderBell = await app.WithDbAsync(db => db.Notifications.Where(n => n.UserId == leader && n.DedupKey == $"escalate:{supervise.Id}:leader")
            .Select(n => n.Text).ToListAsync());
        Assert.Single(leaderBell);
        Assert.Contains(supervise.Number, leaderBell[0]);

        // A day run again adds nothing.
        var notices = await app.WithDbAsync(db => db.Notices.CountAsync());
        var bells = await app.WithDbAsync(db => db.Notifications.CountAsync());
        await RunAsync(app, new DateOnly(2026, 10, 15));
        await RunAsync(app, new DateOnly(2026, 10, 10));
        Assert.Equal(notices, await app.WithDbAsync(db => db.Notices.CountAsync()));
        Assert.Equal(bells, await app.WithDbAsync(db => db.Notifications.CountAsync()));

        // The district finds both among its notices to answer, the 督办 marked as taken to the leader.
        var page = await (await app.SignedInAsync("jiangdong")).GetStringAsync("/Notices?tab=toAnswer");
        Assert.Contains(supervise.Number, page);
        Assert.Contains(urge.Number, page);
        Assert.Contains($"data-testid=\"leader-{supervise.Id}\"", page);
    }

    [Theory, Databases]
    public async Task Answering_the_urge_stops_the_chain(TestDatabase database)
    {
        await using var app = await DemoApps.OwnAsync(database);
        var (_, key) = await TaskDueOnSeptember28Async(app);
        await RunDaysAsync(app, key, First, new DateOnly(2026, 9, 29));
        var urge = Assert.Single(await ChainAsync(app, key));

        var district = await app.SignedInAsync("jiangdong");
        (await district.PostAsJsonAsync($"/api/v1/notices/{urge.Id}/response", new { response = "已完成选址，正在施工。" })).EnsureSuccessStatusCode();
        await RunDaysAsync(app, key, new DateOnly(2026, 9, 30), Last);

        var chain = Assert.Single(await ChainAsync(app, key));
        Assert.Equal(NoticeStatus.Responded, chain.Status);
    }

    private static Task<List<string>> BellAsync(LuoshiFactory app, string userName, string key) =>
        app.WithDbAsync(db => db.Notifications.Where(n => n.DedupKey != null && n.DedupKey.StartsWith($"auto:{key}:")
                && db.Users.Any(u => u.Id == n.UserId && u.UserName == userName))
            .OrderBy(n => n.Id).Select(n => n.Text).ToListAsync());
}
