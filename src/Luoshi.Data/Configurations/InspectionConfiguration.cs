using Luoshi.Domain.Supervision;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Luoshi.Data.Configurations;

internal sealed class InspectionConfiguration : IEntityTypeConfiguration<Inspection>
{
    public void Configure(EntityTypeBuilder<Inspection> b)
    {
        b.ToTable("inspections");
        b.Property(i => i.Title).HasMaxLength(Inspection.MaxTitleLength);
        b.Property(i => i.Topic).HasMaxLength(Inspection.MaxTopicLength);
        b.Property(i => i.Summary).HasMaxLength(Inspection.MaxSummaryLength);
        b.HasOne<Domain.People.User>().WithMany().HasForeignKey(i => i.CreatedById).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Domain.OrgUnits.OrgUnit>().WithMany().HasForeignKey(i => i.InspectorUnitId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(i => i.Units).WithOne().HasForeignKey(u => u.InspectionId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(i => i.Findings).WithOne().HasForeignKey(f => f.InspectionId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(i => i.CreatedById);
    }
}

internal sealed class InspectedUnitConfiguration : IEntityTypeConfiguration<InspectedUnit>
{
    public void Configure(EntityTypeBuilder<InspectedUnit> b)
    {
        b.ToTable("inspection_units");
        b.HasKey(u => new { u.InspectionId, u.OrgUnitId });
        b.HasOne<Domain.OrgUnits.OrgUnit>().WithMany().HasForeignKey(u => u.OrgUnitId).OnDelete(DeleteBehavior.Restrict);
        // The inspections of a unit (我的整改, the district's schools).
        b.HasIndex(u => u.OrgUnitId);
    }
}

internal sealed class FindingConfiguration : IEntityTypeConfiguration<Finding>
{
    public void Configure(EntityTypeBuilder<Finding> b)
    {
        b.ToTable("inspection_findings");
        b.Property(f => f.Description).HasMaxLength(Finding.MaxDescriptionLength);
        b.Property(f => f.Requirement).HasMaxLength(Finding.MaxRequirementLength);
        b.Property(f => f.Rectification).HasMaxLength(Finding.MaxRectificationLength);
        b.Property(f => f.ReturnComment).HasMaxLength(Finding.MaxCommentLength);
        b.Property(f => f.Severity).HasConversion<string>().HasMaxLength(20);
        b.Property(f => f.Status).HasConversion<string>().HasMaxLength(20);
        b.Property(f => f.Version).IsConcurrencyToken();
        b.Ignore(f => f.ClosedOnTime);
        b.HasOne<Domain.OrgUnits.OrgUnit>().WithMany().HasForeignKey(f => f.OrgUnitId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(f => f.Attachments).WithOne().HasForeignKey(a => a.FindingId).OnDelete(DeleteBehavior.Cascade);
        // A unit's 整改 queue, and the month's items due (RectificationStats).
        b.HasIndex(f => new { f.OrgUnitId, f.Status });
        b.HasIndex(f => f.Deadline);
    }
}
