using Luoshi.Data.Auditing;
using Luoshi.Domain.Auditing;
using Luoshi.Domain.OrgUnits;
using Luoshi.Domain.People;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Luoshi.Data;

/// <summary>The one EF Core model of Luoshi, used on SQLite and on PostgreSQL alike.</summary>
/// <remarks>Audit entries are dated by the app's one clock (<paramref name="time"/>), so a test's fake clock dates them too.</remarks>
/// <remarks>In the web app, <paramref name="feed"/> is the instance's <see cref="Caching.ChangeFeed"/>: saves that invalidate other instances'
/// caches tell them (PostgreSQL NOTIFY).</remarks>
public class LuoshiDb(DbContextOptions<LuoshiDb> options, IAuditActor? actor = null, TimeProvider? time = null, Caching.ChangeFeed? feed = null)
    : DbContext(options), IDataProtectionKeyContext
{
    /// <summary>The instance's change feed, when the context belongs to a running app.</summary>
    public Caching.ChangeFeed? Feed => feed;

    private DateTime Now => (time ?? TimeProvider.System).GetUtcNow().UtcDateTime;

    public DbSet<OrgUnit> OrgUnits => Set<OrgUnit>();
    public DbSet<User> Users => Set<User>();
    public DbSet<UserSession> Sessions => Set<UserSession>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<Domain.Plans.Plan> Plans => Set<Domain.Plans.Plan>();
    public DbSet<Domain.Tasks.PlanTask> Tasks => Set<Domain.Tasks.PlanTask>();
    public DbSet<Domain.Tasks.TaskUnit> TaskUnits => Set<Domain.Tasks.TaskUnit>();
    public DbSet<Domain.Tasks.Milestone> Milestones => Set<Domain.Tasks.Milestone>();
    public DbSet<Domain.Targets.Target> Targets => Set<Domain.Targets.Target>();
    public DbSet<Domain.Targets.TargetShare> TargetShares => Set<Domain.Targets.TargetShare>();
    public DbSet<Domain.Reports.ProgressReport> Reports => Set<Domain.Reports.ProgressReport>();
    public DbSet<Domain.Reports.ReportValue> ReportValues => Set<Domain.Reports.ReportValue>();
    public DbSet<Domain.Reports.Attachment> Attachments => Set<Domain.Reports.Attachment>();
    public DbSet<Domain.Notifications.Notification> Notifications => Set<Domain.Notifications.Notification>();
    public DbSet<Idempotency.IdempotencyRecord> IdempotencyRecords => Set<Idempotency.IdempotencyRecord>();
    public DbSet<Domain.Calendar.CalendarDay> CalendarDays => Set<Domain.Calendar.CalendarDay>();
    public DbSet<Jobs.JobRun> JobRuns => Set<Jobs.JobRun>();
    public DbSet<Domain.Messaging.OutboxMessage> OutboxMessages => Set<Domain.Messaging.OutboxMessage>();
    public DbSet<Domain.Messaging.UnitChannels> UnitChannels => Set<Domain.Messaging.UnitChannels>();
    public DbSet<Domain.Messaging.UserChannels> UserChannels => Set<Domain.Messaging.UserChannels>();
    public DbSet<Domain.Supervision.Notice> Notices => Set<Domain.Supervision.Notice>();
    public DbSet<Domain.Supervision.Inspection> Inspections => Set<Domain.Supervision.Inspection>();
    public DbSet<Domain.Supervision.InspectedUnit> InspectedUnits => Set<Domain.Supervision.InspectedUnit>();
    public DbSet<Domain.Supervision.Finding> Findings => Set<Domain.Supervision.Finding>();
    public DbSet<Domain.Bulletins.Bulletin> Bulletins => Set<Domain.Bulletins.Bulletin>();
    public DbSet<Domain.Data.DataElement> DataElements => Set<Domain.Data.DataElement>();
    public DbSet<Domain.Data.DataSet> DataSets => Set<Domain.Data.DataSet>();
    public DbSet<Domain.Data.DataSetElement> DataSetElements => Set<Domain.Data.DataSetElement>();
    public DbSet<Domain.Data.DataValue> DataValues => Set<Domain.Data.DataValue>();
    public DbSet<Domain.Data.DataSetReport> DataSetReports => Set<Domain.Data.DataSetReport>();
    public DbSet<Domain.Data.ValidationRule> ValidationRules => Set<Domain.Data.ValidationRule>();
    public DbSet<Domain.Data.DataPeriodLock> DataPeriodLocks => Set<Domain.Data.DataPeriodLock>();
    public DbSet<Domain.Indicators.Indicator> Indicators => Set<Domain.Indicators.Indicator>();
    public DbSet<Domain.Indicators.IndicatorTarget> IndicatorTargets => Set<Domain.Indicators.IndicatorTarget>();
    public DbSet<Domain.Rankings.RankingSchemeVersion> RankingSchemeVersions => Set<Domain.Rankings.RankingSchemeVersion>();
    public DbSet<Domain.Rankings.RankingWeight> RankingWeights => Set<Domain.Rankings.RankingWeight>();
    public DbSet<Domain.Rankings.RankingAdjustment> RankingAdjustments => Set<Domain.Rankings.RankingAdjustment>();
    public DbSet<SignIn.SignInCounter> SignInCounters => Set<SignIn.SignInCounter>();
    /// <summary>The keys that protect session cookies, shared by every instance on the same database.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(LuoshiDb).Assembly);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // SQLite forgets DateTimeKind and PostgreSQL's timestamptz insists on UTC: store UTC everywhere.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
    }

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        // The audit trail is append-only: nothing in the application may change or remove an entry.
        if (ChangeTracker.Entries<AuditEntry>().Any(e => e.State is EntityState.Modified or EntityState.Deleted))
            throw new InvalidOperationException("审计日志只能追加，不能修改或删除");
        StoredText.DropNuls(ChangeTracker);
        var touchesReference = Caching.ReferenceVersion.Touches(ChangeTracker);
        var touched = feed is null ? [] : Caching.ChangeFeed.Touched(ChangeTracker);
        if (Caching.DataVersion.Touches(ChangeTracker)) pendingBump = true;
        var changes = AuditTrail.Capture(ChangeTracker);
        if (changes.Count == 0)
        {
            var saved = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
            // Without a transaction of its own (EF may not need one), the version moves on right after the change: a reader
            // between the two may keep the new data under the old version, which the bump then retires; never the reverse.
            if (Database.CurrentTransaction is null && TakePendingBump()) await Caching.DataVersion.BumpAsync(this, cancellationToken);
            if (touched.Count > 0) await feed!.SendAsync(this, touched, cancellationToken);
            return saved;
        }

        // The change and its audit rows are stored together or not at all.
        var ownTransaction = Database.CurrentTransaction is null
            ? await Database.BeginTransactionAsync(cancellationToken)
            : null;
        try
        {
            var result = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
            AuditEntries.AddRange(AuditTrail.Complete(changes, actor, Now));
            await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
            if (touched.Count > 0) await feed!.SendAsync(this, touched, cancellationToken);
            if (ownTransaction is not null)
                await ownTransaction.CommitAsync(cancellationToken);
            if (touchesReference) Caching.ReferenceVersion.Bump(this);
            return result;
        }
        finally
        {
            if (ownTransaction is not null)
                await ownTransaction.DisposeAsync();
        }
    }

    private bool pendingBump;

    /// <summary>True once after a save changed what pages show and the data version has not yet been moved on for it.</summary>
    internal bool TakePendingBump()
    {
        var pending = pendingBump;
        pendingBump = false;
        return pending;
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess) =>
        SaveChangesAsync(acceptAllChangesOnSuccess).GetAwaiter().GetResult();

    /// <summary>Records a change that is not a row change (sign-in, sign-out, export) in the audit trail.</summary>
    public void Audit(string action, string entity, string? entityId = null, object? after = null) =>
        AuditEntries.Add(AuditTrail.Event(action, entity, entityId, after, actor, Now));
}
