using System.Collections.Concurrent;
using Luoshi.Data;
using Luoshi.Web.Scheduling;
using Luoshi.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Quartz;

namespace Luoshi.Web.Tests;

/// <summary>
/// The scheduler's store is the app's database: two instances on one database share one schedule, and a trigger fires on
/// one of them only, whichever it is. On PostgreSQL the two form a cluster (Quartz clusters over row locks); on the
/// embedded SQLite database, which Quartz does not cluster, the shared tables and the job ledger still run each once.
/// </summary>
public sealed class SchedulerTests
{
    /// <summary>A job that counts its runs per test (by the id in its data) and which instance ran it.</summary>
    public sealed class CountingJob : IJob
    {
        public static readonly ConcurrentDictionary<string, ConcurrentBag<string>> Runs = new();

        public ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
        {
            var test = context.MergedJobDataMap.GetString("test")!;
            Runs.GetOrAdd(test, _ => []).Add(context.Scheduler.SchedulerInstanceId);
            return ValueTask.CompletedTask;
        }
    }

    private static Task<Scheduler> InstanceAsync(LuoshiFactory app) =>
        Scheduler.StartAsync(app.Services.GetRequiredService<DatabaseSettings>(), app.Services.GetRequiredService<IServiceScopeFactory>(),
            app.Services.GetRequiredService<ILoggerFactory>(), (services, _) => services.AddTransient<CountingJob>());

    private static async Task WaitForAsync(Func<Task<bool>> done)
    {
        for (var i = 0; i < 240 && !await done(); i++) await Task.Delay(250);
    }

    [Theory, Databases]
    public async Task Two_instances_on_one_database_run_a_job_once(TestDatabase database)
    {
        await using var app = new LuoshiFactory(database, demo: false);
        await app.StartAsync();
        await using var first = await InstanceAsync(app);
        await using var second = await InstanceAsync(app);
        if (database == TestDatabase.Postgres) Assert.NotEqual(first.Quartz.SchedulerInstanceId, second.Quartz.SchedulerInstanceId);
        Assert.NotNull(await second.Quartz.GetTrigger(Scheduler.DailyTriggerKey));

        // One trigger, seen by both instances through the shared tables; each of them is free to take it.
        var test = Guid.NewGuid().ToString("N");
        var job = JobBuilder.Create<CountingJob>().WithIdentity("count-" + test, "tests").UsingJobData("test", test).Build();
        var trigger = TriggerBuilder.Create(TimeProvider.System).WithIdentity("once-" + test, "tests").StartAt(DateTimeOffset.UtcNow.AddSeconds(2)).Build();
        await first.Quartz.ScheduleJob(job, trigger);
        await WaitForAsync(() => Task.FromResult(CountingJob.Runs.ContainsKey(test)));
        // The daily job, fired by hand on the second instance: the daily jobs run once and write their ledger once.
        await second.Quartz.TriggerJob(Scheduler.DailyJobKey, null);
        await WaitForAsync(() => app.WithDbAsync(db => db.JobRuns.AnyAsync()));
        await Task.Delay(TimeSpan.FromSeconds(3)); // time for a second firing, were there one

        Assert.Single(CountingJob.Runs[test]);
        Assert.Equal(1, await app.WithDbAsync(db => db.JobRuns.CountAsync(r => r.Job == "reminders")));
        if (database == TestDatabase.Postgres)
        {
            var instances = await app.WithDbAsync(db => db.Database.SqlQueryRaw<int>("SELECT COUNT(*)::int AS \"Value\" FROM qrtz_scheduler_state").SingleAsync());
            Assert.Equal(2, instances);
        }
    }
}
