using Luoshi.Data.Jobs;
using Luoshi.Domain.Time;
using Microsoft.EntityFrameworkCore;

namespace Luoshi.Application.Jobs;

/// <summary>One step of the daily jobs: what it is called, and what it did on a day, said in Chinese.</summary>
public interface IDailyStep
{
    /// <summary>Its name in the ledger of runs (<c>job_runs.Job</c>).</summary>
    string Name { get; }

    /// <summary>
    /// True for a step that must run once per day (reminders): the ledger is checked before and written in the same
    /// transaction as what it queued. False for a step that is safe to run at any time (a dispatcher of what is due).
    /// </summary>
    bool OncePerDay { get; }

    /// <summary>Does the day's work as of <paramref name="day"/>, leaving its changes unsaved; returns what it did.</summary>
    Task<string> RunAsync(DateOnly day, CancellationToken ct);
}

/// <summary>
/// The daily jobs (每日定时任务): run by the scheduler at 07:00 China time on one instance of a cluster, and by
/// <c>luoshi jobs run [--date]</c>. Idempotent: a once-per-day step that already ran for the day is skipped, and two runs
/// of one day at once store the step's work once (the ledger's unique (job, date) fails the second transaction).
/// </summary>
public sealed class DailyJobs(LuoshiDb db, ChinaClock clock, DailyReminders reminders, DataReportReminders dataReminders,
    Supervision.NoticeEscalation escalation, OutboxStep outbox)
{
    public const string JobName = "daily";

    /// <summary>What one step did on the day.</summary>
    public sealed record StepResult(string Step, bool Skipped, string Text);

    /// <summary>
    /// The steps, in order: the single place a daily step plugs in. The reminders, the data-report reminders, then 催办与升级, then the outbox that
    /// sends by mail and robot what they queued (not once per day: it sends whatever is due, with retries).
    /// </summary>
    private IReadOnlyList<IDailyStep> Steps => [reminders, dataReminders, escalation, outbox];

    /// <summary>The daily jobs without a container (the command line): the same steps the scheduler's container builds.</summary>
    public static DailyJobs Create(LuoshiDb db, ChinaClock clock, Tasks.LedgerSettings ledger, ReminderSettings settings,
        Supervision.EscalationSettings escalation, Messaging.OutboxDispatcher dispatcher)
    {
        var notifier = new Notifications.Notifier(db, clock);
        var calendar = new Calendar.WorkCalendar(db);
        return new(db, clock, new DailyReminders(db, notifier, calendar, ledger, settings, clock), new DataReportReminders(db, notifier, calendar),
            new Supervision.NoticeEscalation(db, notifier, calendar, ledger, escalation, clock), new OutboxStep(dispatcher, clock));
    }

    /// <summary>
    /// Runs the steps of <paramref name="day"/> in order; <paramref name="afterStep"/>, when given, is told of each step's result
    /// before the next step starts (the scheduler logs it, and a test may pause there).
    /// </summary>
    public async Task<List<StepResult>> RunAsync(DateOnly day, CancellationToken ct = default, Func<StepResult, CancellationToken, Task>? afterStep = null)
    {
        var results = new List<StepResult>();
        foreach (var step in Steps)
        {
            var result = await RunStepAsync(step, day, ct);
            results.Add(result);
            if (afterStep is not null) await afterStep(result, ct);
        }
        return results;
    }

    private async Task<StepResult> RunStepAsync(IDailyStep step, DateOnly day, CancellationToken ct)
    {
        if (step.OncePerDay && await db.JobRuns.AsNoTracking().FirstOrDefaultAsync(r => r.Job == step.Name && r.Date == day, ct) is { } done)
            return new(step.Name, true, $"{day:yyyy-MM-dd} 已于 {ChinaClock.ToChina(done.RanAt):yyyy-MM-dd HH:mm} 运行过，未重复发送（{done.Summary}）");
        var text = await step.RunAsync(day, ct);
        if (step.OncePerDay)
            db.JobRuns.Add(new JobRun { Job = step.Name, Date = day, RanAt = clock.UtcNow, Summary = Shorten(text) });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException) when (step.OncePerDay)
        {
            // Another run of the same day (another instance, the CLI) stored it first: its work stands, this one's is dropped.
            db.ChangeTracker.Clear();
            return new(step.Name, true, $"{day:yyyy-MM-dd} 已由另一个同时运行的实例完成，未重复发送");
        }
        return new(step.Name, false, text);
    }

    private static string Shorten(string text) => text.Length > JobRun.MaxSummaryLength ? text[..JobRun.MaxSummaryLength] : text;
}
