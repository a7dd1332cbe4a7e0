using Luoshi.Domain.People;
using Luoshi.Domain.Rankings;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Luoshi.Data.Configurations;

internal sealed class RankingSchemeVersionConfiguration : IEntityTypeConfiguration<RankingSchemeVersion>
{
    public void Configure(EntityTypeBuilder<RankingSchemeVersion> b)
    {
        b.ToTable("ranking_scheme_versions");
        b.Property(v => v.Name).HasMaxLength(RankingSchemeVersion.MaxNameLength);
        // Two editors saving at once: the second version number is taken, and the second save fails instead of forking.
        b.HasIndex(v => new { v.SchemeId, v.Version }).IsUnique();
        b.HasOne<User>().WithMany().HasForeignKey(v => v.CreatedById).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(v => v.Weights).WithOne().HasForeignKey(w => w.SchemeVersionId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class RankingWeightConfiguration : IEntityTypeConfiguration<RankingWeight>
{
    public void Configure(EntityTypeBuilder<RankingWeight> b)
    {
        b.ToTable("ranking_weights");
        b.Property(w => w.Kind).HasConversion<string>().HasMaxLength(20);
        b.Property(w => w.CriterionKey).HasMaxLength(RankingWeight.MaxKeyLength);
        b.Property(w => w.Weight).HasPrecision(9, 2);
        b.HasIndex(w => new { w.SchemeVersionId, w.Kind, w.CriterionKey }).IsUnique();
    }
}

internal sealed class RankingAdjustmentConfiguration : IEntityTypeConfiguration<RankingAdjustment>
{
    public void Configure(EntityTypeBuilder<RankingAdjustment> b)
    {
        b.ToTable("ranking_adjustments");
        b.Property(a => a.Period).HasMaxLength(7);
        b.Property(a => a.Basis).HasMaxLength(RankingAdjustment.MaxBasisLength);
        b.Property(a => a.Points).HasPrecision(9, 2);
        b.Property(a => a.Status).HasConversion<string>().HasMaxLength(20);
        b.Property(a => a.Version).IsConcurrencyToken();
        b.HasIndex(a => new { a.Period, a.Status });
        b.HasOne<Domain.OrgUnits.OrgUnit>().WithMany().HasForeignKey(a => a.OrgUnitId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<User>().WithMany().HasForeignKey(a => a.ProposedById).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<User>().WithMany().HasForeignKey(a => a.ReviewedById).OnDelete(DeleteBehavior.Restrict);
    }
}
