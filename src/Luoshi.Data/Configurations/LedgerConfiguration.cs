using Luoshi.Domain.Notifications;
using Luoshi.Domain.Plans;
using Luoshi.Domain.Reports;
using Luoshi.Domain.Targets;
using Luoshi.Domain.Tasks;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Luoshi.Data.Configurations;

internal sealed class PlanConfiguration : IEntityTypeConfiguration<Plan>
{
    public void Configure(EntityTypeBuilder<Plan> b)
    {
        b.ToTable("plans");
        b.Property(p => p.Title).HasMaxLength(Plan.MaxTitleLength);
        b.Property(p => p.Issuer).HasMaxLength(200);
        b.Property(p => p.SourceFileName).HasMaxLength(260);
        b.Property(p => p.YearSource).HasMaxLength(Plan.MaxYearSourceLength);
        b.Property(p => p.Status).HasConversion<string>().HasMaxLength(20);
        b.HasOne<Domain.OrgUnits.OrgUnit>().WithMany().HasForeignKey(p => p.OrgUnitId).OnDelete(DeleteBehavior.Restrict);
        b.Property(p => p.Version).IsConcurrencyToken();
        b.HasIndex(p => p.Year);
    }
}

internal sealed class PlanTaskConfiguration : IEntityTypeConfiguration<PlanTask>
{
    public void Configure(EntityTypeBuilder<PlanTask> b)
    {
        b.ToTable("tasks");
        b.Property(t => t.Number).HasMaxLength(40);
        b.Property(t => t.Title).HasMaxLength(PlanTask.MaxTitleLength);
        b.Property(t => t.Category).HasConversion<string>().HasMaxLength(40);
        b.Property(t => t.Closure).HasConversion<string>().HasMaxLength(30);
        b.Property(t => t.Weight).HasPrecision(9, 2);
        b.HasOne<Plan>().WithMany().HasForeignKey(t => t.PlanId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<PlanTask>().WithMany().HasForeignKey(t => t.ParentId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Domain.OrgUnits.OrgUnit>().WithMany().HasForeignKey(t => t.LeadDepartmentId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Domain.People.User>().WithMany().HasForeignKey(t => t.LeaderUserId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(t => t.Units).WithOne().HasForeignKey(u => u.TaskId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(t => t.Milestones).WithOne().HasForeignKey(m => m.TaskId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(t => t.Targets).WithOne().HasForeignKey(m => m.TaskId).OnDelete(DeleteBehavior.Cascade);
        b.Ignore(t => t.CoDepartmentIds);
        b.Ignore(t => t.ResponsibleOrgUnitIds);
        b.Property(t => t.Version).IsConcurrencyToken();
        b.HasIndex(t => new { t.PlanId, t.Ordinal });
        b.HasIndex(t => t.LeadDepartmentId);
    }
}

internal sealed class TaskUnitConfiguration : IEntityTypeConfiguration<TaskUnit>
{
    public void Configure(EntityTypeBuilder<TaskUnit> b)
    {
        b.ToTable("task_units");
        b.HasKey(u => new { u.TaskId, u.OrgUnitId, u.Role });
        b.Property(u => u.Role).HasConversion<string>().HasMaxLength(20);
        b.HasOne<Domain.OrgUnits.OrgUnit>().WithMany().HasForeignKey(u => u.OrgUnitId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(u => u.OrgUnitId);
    }
}

internal sealed class MilestoneConfiguration : IEntityTypeConfiguration<Milestone>
{
    public void Configure(EntityTypeBuilder<Milestone> b)
    {
        b.ToTable("milestones");
        b.Property(m => m.Title).HasMaxLength(PlanTask.MaxMilestoneTitleLength);
    }
}

internal sealed class TargetConfiguration : IEntityTypeConfiguration<Target>
{
    public void Configure(EntityTypeBuilder<Target> b)
    {
        b.ToTable("targets");
        b.Property(t => t.Subject).HasMaxLength(Target.MaxSubjectLength);
        b.Property(t => t.Unit).HasMaxLength(Target.MaxUnitLength);
        b.Property(t => t.SourceText).HasMaxLength(Target.MaxSourceTextLength);
        b.Property(t => t.Comparator).HasConversion<string>().HasMaxLength(20);
        foreach (var p in new[] { nameof(Target.Value), nameof(Target.Upper), nameof(Target.Baseline), nameof(Target.Actual) })
            b.Property(p).HasPrecision(18, 4);
        b.HasMany(t => t.Breakdown).WithOne().HasForeignKey(s => s.TargetId).OnDelete(DeleteBehavior.Cascade);
        // A school's part of a district's target: dropping the district's target leaves the school's standing on its own.
        b.HasOne<Target>().WithMany().HasForeignKey(t => t.ParentTargetId).OnDelete(DeleteBehavior.SetNull);
        b.Ignore(t => t.Attainment);
        b.Property(t => t.Version).IsConcurrencyToken();
    }
}

internal sealed class TargetShareConfiguration : IEntityTypeConfiguration<TargetShare>
{
    public void Configure(EntityTypeBuilder<TargetShare> b)
    {
        b.ToTable("target_shares");
        b.HasKey(s => new { s.TargetId, s.OrgUnitId });
        b.Property(s => s.Value).HasPrecision(18, 4);
        b.HasOne<Domain.OrgUnits.OrgUnit>().WithMany().HasForeignKey(s => s.OrgUnitId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ProgressReportConfiguration : IEntityTypeConfiguration<ProgressReport>
{
    public void Configure(EntityTypeBuilder<ProgressReport> b)
    {
        b.ToTable("reports");
        b.Property(r => r.Period).HasMaxLength(7);
        b.Property(r => r.Status).HasConversion<string>().HasMaxLength(20);
        b.Property(r => r.ReviewComment).HasMaxLength(ProgressReport.MaxCommentLength);
        b.HasOne<PlanTask>().WithMany().HasForeignKey(r => r.TaskId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Domain.OrgUnits.OrgUnit>().WithMany().HasForeignKey(r => r.OrgUnitId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(r => r.Values).WithOne().HasForeignKey(v => v.ReportId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(r => r.Attachments).WithOne().HasForeignKey(a => a.ReportId).OnDelete(DeleteBehavior.Cascade);
        // One live report per task, unit and period (superseded versions have Live = NULL, and NULLs never collide).
        b.HasIndex(r => new { r.TaskId, r.OrgUnitId, r.Period, r.Live }).IsUnique();
        b.Property(r => r.Version).IsConcurrencyToken();
    }
}

internal sealed class ReportValueConfiguration : IEntityTypeConfiguration<ReportValue>
{
    public void Configure(EntityTypeBuilder<ReportValue> b)
    {
        b.ToTable("report_values");
        b.HasKey(v => new { v.ReportId, v.TargetId });
        b.Property(v => v.Value).HasPrecision(18, 4);
        b.Property(v => v.Numerator).HasPrecision(18, 4);
        b.Property(v => v.Denominator).HasPrecision(18, 4);
        b.HasOne<Target>().WithMany().HasForeignKey(v => v.TargetId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class AttachmentConfiguration : IEntityTypeConfiguration<Attachment>
{
    public void Configure(EntityTypeBuilder<Attachment> b)
    {
        b.ToTable("attachments");
        b.Property(a => a.FileName).HasMaxLength(260);
        b.Property(a => a.ContentType).HasMaxLength(100);
        b.Property(a => a.StoredName).HasMaxLength(100);
        b.Property(a => a.Sha256).HasMaxLength(64);
    }
}

internal sealed class NotificationConfiguration : IEntityTypeConfiguration<Notification>
{
    public void Configure(EntityTypeBuilder<Notification> b)
    {
        b.ToTable("notifications");
        b.Property(n => n.Kind).HasMaxLength(40);
        b.Property(n => n.Text).HasMaxLength(500);
        b.Property(n => n.Link).HasMaxLength(200);
        b.Property(n => n.DedupKey).HasMaxLength(120);
        b.HasOne<Domain.People.User>().WithMany().HasForeignKey(n => n.UserId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(n => new { n.UserId, n.ReadAt });
        b.HasIndex(n => new { n.UserId, n.DedupKey }).IsUnique();
    }
}
