using Luoshi.Domain.Indicators;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Luoshi.Data.Configurations;

internal sealed class IndicatorConfiguration : IEntityTypeConfiguration<Indicator>
{
    public void Configure(EntityTypeBuilder<Indicator> b)
    {
        b.ToTable("indicators");
        b.Property(i => i.Code).HasMaxLength(Indicator.MaxCodeLength);
        b.Property(i => i.Name).HasMaxLength(Indicator.MaxNameLength);
        b.Property(i => i.Numerator).HasMaxLength(Indicator.MaxExpressionLength);
        b.Property(i => i.Denominator).HasMaxLength(Indicator.MaxExpressionLength);
        b.Property(i => i.Unit).HasMaxLength(20);
        b.Property(i => i.Factor).HasPrecision(20, 4);
        b.Property(i => i.Version).IsConcurrencyToken();
        b.HasMany(i => i.Targets).WithOne().HasForeignKey(t => t.IndicatorId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(i => i.Code).IsUnique();
    }
}

internal sealed class IndicatorTargetConfiguration : IEntityTypeConfiguration<IndicatorTarget>
{
    public void Configure(EntityTypeBuilder<IndicatorTarget> b)
    {
        b.ToTable("indicator_targets");
        b.Property(t => t.Value).HasPrecision(20, 4);
        b.HasOne<Domain.OrgUnits.OrgUnit>().WithMany().HasForeignKey(t => t.OrgUnitId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(t => new { t.IndicatorId, t.OrgUnitId, t.Year }).IsUnique();
    }
}
