using Luoshi.Data;
using Luoshi.Data.Jobs;
using Luoshi.Domain.Time;
using Microsoft.Extensions.Options;
using Quartz;

namespace Luoshi.Web.Scheduling;

/// <summary>
/// Quartz.NET on the app's own database: a persistent job store (tables <c>qrtz_*</c>, created by the migrations),
/// clustered on PostgreSQL, so every instance of Luoshi shares one schedule and a trigger fires on one instance only. The daily jobs
/// run at <see cref="DailyCron"/> China time (or <c>Luoshi:Jobs:DailyCron</c>); a firing missed while every instance was down runs
/// once when one is back (misfire: fire once and proceed), and the job ledger keeps a day from running twice. The daily job asks
/// for recovery: when the instance running it dies (killed, power lost), another instance of the cluster notices its missing
/// check-in and runs the job again; the steps the dead one finished are in the ledger and are skipped, the rest are done once.
/// </summary>
/// <remarks>
/// The scheduler lives in a container of its own, built when the app starts: the database it uses is known only then
/// (options are read late, so the tests' settings apply), and a job reaches the app's use cases through <see cref="AppServices"/>.
/// </remarks>
public sealed class Scheduler : IAsyncDisposable
{
    public const string Name = "luoshi";

    /// <summary>07:00 every day, Asia/Shanghai.</summary>
    public const string DailyCron = "0 0 7 * * ?";

    public static readonly JobKey DailyJobKey = new("daily-jobs", "luoshi");
    public static readonly TriggerKey DailyTriggerKey = new("daily-0700", "luoshi");

    public static readonly JobKey OutboxJobKey = new("outbox", "luoshi");
    public static readonly TriggerKey OutboxTriggerKey = new("outbox-every", "luoshi");

    private readonly ServiceProvider container;

    public IScheduler Quartz { get; }

    private Scheduler(ServiceProvider container, IScheduler quartz)
    {
        this.container = container;
        Quartz = quartz;
    }

    /// <summary>
    /// Starts a scheduler on <paramref name="database"/> with the daily trigger (at <paramref name="dailyCron"/>, default
    /// <see cref="DailyCron"/>), the outbox every <paramref name="outboxSeconds"/> seconds (none when 0) and whatever
    /// <paramref name="more"/> adds, taking part in the cluster of every scheduler on that database.
    /// </summary>
    public static async Task<Scheduler> StartAsync(DatabaseSettings database, IServiceScopeFactory app, ILoggerFactory logs,
        Action<IServiceCollection, IQuartzBuilder>? more = null, int outboxSeconds = 0, CancellationToken ct = default, string dailyCron = DailyCron)
    {
        try
        {
            _ = new CronExpression(dailyCron);
        }
        catch (FormatException e)
        {
            throw new InvalidOperationException($"Luoshi:Jobs:DailyCron 的值“{dailyCron}”不是有效的 Quartz cron 表达式（如 {DailyCron}，秒在最前）：{e.Message}", e);
        }
        var services = new ServiceCollection();
        services.AddSingleton(logs);
        services.AddSingleton(typeof(ILogger<>), typeof(Logger<>));
        services.AddSingleton(new AppServices(app));
        services.AddQuartz(q =>
        {
            q.ConfigureScheduler(o => o.InstanceName = Name);
            // Real time, even where a test puts a fake clock in the app: the job reads the date from the app's ChinaClock.
            q.UseTimeProvider(TimeProvider.System);
            q.UsePersistentStore(store =>
            {
                if (database.IsPostgres)
                {
                    store.UsePostgres(database.PostgresConnection!);
                    store.UseClustering(c => c.CheckinInterval = TimeSpan.FromSeconds(10));
                }
                else
                {
                    // Quartz refuses to cluster on SQLite (it serialises in process, not by row locks); the embedded database
                    // belongs to one server anyway. The job ledger still keeps a day from running twice (say the CLI meanwhile).
                    store.UseSqlite(database.SqliteConnection);
                }
                store.ConfigureStore(o =>
                {
                    o.TablePrefix = QuartzTables.Prefix;
                    o.MisfireThreshold = TimeSpan.FromMinutes(1);
                });
            });
            q.ScheduleJob<DailyJob>(
                trigger => trigger.WithIdentity(DailyTriggerKey)
                    .WithCronSchedule(dailyCron, cron => cron.InTimeZone(ChinaClock.Zone).WithMisfireInstruction(CronTriggerMisfireInstruction.FireAndProceed)),
                job => job.WithIdentity(DailyJobKey).WithDescription("每日定时任务：提醒等").RequestRecovery());
            if (outboxSeconds > 0)
            {
                q.ScheduleJob<OutboxJob>(
                    trigger => trigger.WithIdentity(OutboxTriggerKey).StartNow()
                        .WithSimpleSchedule(s => s.WithInterval(TimeSpan.FromSeconds(outboxSeconds)).RepeatForever().WithMisfireInstruction(SimpleTriggerMisfireInstruction.NextWithRemainingCount)),
                    job => job.WithIdentity(OutboxJobKey).WithDescription("发送外发消息：邮件、企业微信和钉钉群机器人"));
            }
            more?.Invoke(services, q);
        });
        var container = services.BuildServiceProvider();
        var quartz = await container.GetRequiredService<ISchedulerFactory>().GetScheduler(ct);
        await quartz.Start(ct);
        return new Scheduler(container, quartz);
    }

    public async ValueTask DisposeAsync()
    {
        await Quartz.Shutdown(true, CancellationToken.None);
        await container.DisposeAsync();
    }
}

/// <summary>Starts the scheduler with the app (unless <c>Luoshi:Scheduler</c> is false) and stops it, letting a running job finish.</summary>
public sealed class SchedulerHost(IServiceScopeFactory scopes, DatabaseSettings database, ILoggerFactory logs, IOptions<LuoshiOptions> options,
    IOptions<Application.Messaging.MessagingSettings> messaging) : IHostedService
{
    private Scheduler? scheduler;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.Value.Scheduler)
            scheduler = await Scheduler.StartAsync(database, scopes, logs, outboxSeconds: messaging.Value.PumpSeconds, ct: cancellationToken,
                dailyCron: options.Value.Jobs.DailyCron);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (scheduler is not null) await scheduler.DisposeAsync();
        scheduler = null;
    }
}
