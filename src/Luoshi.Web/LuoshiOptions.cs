using Luoshi.Data;

namespace Luoshi.Web;

/// <summary>How this Luoshi instance runs: where its data lives and whether to fill an empty database with the demo city.</summary>
public sealed class LuoshiOptions
{
    public const string Section = "Luoshi";

    /// <summary>Folder of the embedded database and the attachments.</summary>
    public string Data { get; set; } = "./data";

    /// <summary>A PostgreSQL connection string; when empty, the embedded SQLite database is used.</summary>
    public string? Database { get; set; }

    public bool Demo { get; set; }

    /// <summary><c>none</c>: the demo city without its plan and year of activity (for tests that need only the city).</summary>
    public string? DemoPlans { get; set; }

    /// <summary>Minutes of inactivity after which a browser session ends.</summary>
    public int SessionMinutes { get; set; } = 480;

    public TimeSpan SessionIdle => TimeSpan.FromMinutes(SessionMinutes);

    /// <summary>Days before a milestone or due date within which a lagging task turns yellow (预警).</summary>
    public int WarningDays { get; set; } = 14;

    /// <summary>Percentage points a task's progress may lag its expected path (start → milestones → deadline) before it turns yellow.</summary>
    public int LagPoints { get; set; } = Luoshi.Domain.Tasks.WorkStatusRules.DefaultLagPoints;

    /// <summary>How far a target linked to an indicator may lag its expected path, in percent of the path's span, before it turns yellow.</summary>
    public decimal DataTolerancePercent { get; set; } = Luoshi.Domain.Indicators.PathTolerance.DefaultYellowPercent;

    /// <summary>How far (percent of the path's span) a linked target lags its path when it turns red (far behind).</summary>
    public decimal DataFarBehindPercent { get; set; } = Luoshi.Domain.Indicators.PathTolerance.DefaultRedPercent;

    /// <summary>How many working days before a deadline, a milestone or a monthly report's due day the daily reminders start.</summary>
    public int ReminderWorkingDays { get; set; } = 3;

    /// <summary>How the automatic 催办 escalates (<c>Luoshi__Supervision__EscalateAfterWorkingDays</c>, <c>…__LeaderAfterWorkingDays</c>).</summary>
    public SupervisionOptions Supervision { get; set; } = new();

    /// <summary>Whether this instance takes part in the scheduler (the daily jobs at 07:00 China time, clustered over the database).</summary>
    public bool Scheduler { get; set; } = true;

    /// <summary>
    /// Seconds a stopping instance (SIGTERM, <c>systemctl stop</c>) gives the requests in flight to finish after it stops taking new ones;
    /// the scheduler's running job is waited for as well. Keep systemd's <c>TimeoutStopSec</c> above it.
    /// </summary>
    public int ShutdownSeconds { get; set; } = 30;

    /// <summary>
    /// Addresses or networks (CIDR) of the reverse proxies in front of Luoshi, separated by commas; their forwarded
    /// address and scheme are believed. Empty: forwarded headers are ignored.
    /// </summary>
    public string? TrustedProxies { get; set; }

    /// <summary>
    /// This instance's name among several behind a load balancer, sent on every response as <c>X-Luoshi-Instance</c> (the systemd
    /// unit <c>deploy/luoshi@.service</c> sets its port). Empty: no such header.
    /// </summary>
    public string? InstanceName { get; set; }

    /// <summary>When the daily jobs run, and the test-only delay (<c>Luoshi__Jobs__…</c>): see <see cref="JobOptions"/>.</summary>
    public JobOptions Jobs { get; set; } = new();

    /// <summary>Where attachments are kept (<c>Luoshi__Attachments__Folder</c>): see <see cref="AttachmentOptions"/>.</summary>
    public AttachmentOptions Attachments { get; set; } = new();

    public DatabaseSettings DatabaseSettings =>
        new(Data, string.IsNullOrWhiteSpace(Database) ? Environment.GetEnvironmentVariable("LUOSHI_DATABASE") : Database)
        {
            AttachmentsFolder = Attachments.Folder,
            AttachmentsInDatabase = Attachments.InDatabase,
        };
}

/// <summary>
/// Where attachments are kept. By default they are files on disk: one instance keeps them in <c>DATA/attachments</c>; several
/// instances behind a load balancer set <see cref="Folder"/> to one folder they all mount (NFS or similar), or set
/// <see cref="Store"/> to <c>database</c> and need no shared folder at all: a file uploaded via one is downloaded via another.
/// </summary>
public sealed class AttachmentOptions
{
    public const string FolderStore = "folder";

    public const string DatabaseStore = "database";

    public string? Folder { get; set; }

    /// <summary><c>Luoshi__Attachments__Store</c>: <c>folder</c> (the default) or <c>database</c>.</summary>
    public string? Store { get; set; }

    public bool InDatabase => (Store?.Trim().ToLowerInvariant() ?? "") switch
    {
        "" or FolderStore => false,
        DatabaseStore => true,
        _ => throw new InvalidOperationException($"Luoshi__Attachments__Store 应为 folder 或 database，收到“{Store}”"),
    };
}

/// <summary>The scheduler's daily jobs: when they fire, and a delay only tests use.</summary>
public sealed class JobOptions
{
    /// <summary>A Quartz cron expression (seconds first) in China time; default 07:00 every day.</summary>
    public string DailyCron { get; set; } = Scheduling.Scheduler.DailyCron;

    /// <summary>
    /// For tests only (default 0, off): after the daily reminders have been sent and recorded, the scheduler's daily job waits this many
    /// seconds before its next step, so a test can kill the instance in the middle of the job and watch another instance take it over.
    /// </summary>
    public int TestDelaySeconds { get; set; }
}

/// <summary>
/// The automatic 催办 → 督办 → 包保领导 chain: a 催办 unanswered for <see cref="EscalateAfterWorkingDays"/> working days becomes
/// a 督办, which unanswered for <see cref="LeaderAfterWorkingDays"/> more reaches the 包保局领导.
/// </summary>
public sealed class SupervisionOptions
{
    public int EscalateAfterWorkingDays { get; set; } = 3;

    public int LeaderAfterWorkingDays { get; set; } = 3;

    public Luoshi.Application.Supervision.EscalationSettings Settings =>
        new(Math.Clamp(EscalateAfterWorkingDays, Luoshi.Domain.Supervision.Notice.MinDays, Luoshi.Domain.Supervision.Notice.MaxDays),
            Math.Clamp(LeaderAfterWorkingDays, Luoshi.Domain.Supervision.Notice.MinDays, Luoshi.Domain.Supervision.Notice.MaxDays));
}
