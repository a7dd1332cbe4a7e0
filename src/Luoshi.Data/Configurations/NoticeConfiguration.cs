using Luoshi.Domain.Supervision;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Luoshi.Data.Configurations;

internal sealed class NoticeConfiguration : IEntityTypeConfiguration<Notice>
{
    public void Configure(EntityTypeBuilder<Notice> b)
    {
        b.ToTable("notices");
        // 督办〔2026〕第12号 is given once a year: two issuers racing for the same number cannot both store it.
        b.HasIndex(n => new { n.Year, n.Sequence }).IsUnique();
        b.Ignore(n => n.Number);
        b.Property(n => n.Kind).HasConversion<string>().HasMaxLength(20);
        b.Property(n => n.Level).HasConversion<string>().HasMaxLength(20);
        b.Property(n => n.Status).HasConversion<string>().HasMaxLength(20);
        b.Property(n => n.Reason).HasMaxLength(Notice.MaxReasonLength);
        b.Property(n => n.Response).HasMaxLength(Notice.MaxResponseLength);
        b.Property(n => n.ReturnComment).HasMaxLength(Notice.MaxCommentLength);
        b.Property(n => n.Version).IsConcurrencyToken();
        b.Property(n => n.EscalationKey).HasMaxLength(Notice.MaxEscalationKeyLength);
        // An automatic chain has one notice per level: a daily run that comes twice cannot store a second.
        b.HasIndex(n => new { n.EscalationKey, n.Level }).IsUnique();
        b.HasOne<Domain.People.User>().WithMany().HasForeignKey(n => n.LeaderUserId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Domain.OrgUnits.OrgUnit>().WithMany().HasForeignKey(n => n.OrgUnitId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Domain.OrgUnits.OrgUnit>().WithMany().HasForeignKey(n => n.IssuerUnitId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Domain.Tasks.PlanTask>().WithMany().HasForeignKey(n => n.TaskId).OnDelete(DeleteBehavior.SetNull);
        b.HasOne<Domain.People.User>().WithMany().HasForeignKey(n => n.IssuedById).OnDelete(DeleteBehavior.Restrict);
        // The unit's queue (待办理) and the issuer's (我发出的).
        b.HasIndex(n => new { n.OrgUnitId, n.Status });
        b.HasIndex(n => n.IssuedById);
        b.HasMany(n => n.Attachments).WithOne().HasForeignKey(a => a.NoticeId).OnDelete(DeleteBehavior.Cascade);
    }
}
