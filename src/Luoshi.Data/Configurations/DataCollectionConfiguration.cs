using Luoshi.Domain.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Luoshi.Data.Configurations;

internal sealed class DataElementConfiguration : IEntityTypeConfiguration<DataElement>
{
    public void Configure(EntityTypeBuilder<DataElement> b)
    {
        b.ToTable("data_elements");
        b.Property(e => e.Code).HasMaxLength(DataElement.MaxCodeLength);
        b.Property(e => e.Name).HasMaxLength(DataElement.MaxNameLength);
        b.Property(e => e.Unit).HasMaxLength(DataElement.MaxUnitLength);
        b.Property(e => e.Category).HasMaxLength(DataElement.MaxCategoryLength);
        b.Property(e => e.Options).HasMaxLength(DataElement.MaxOptionsLength);
        b.Property(e => e.ValueType).HasConversion<string>().HasMaxLength(20);
        b.Property(e => e.Aggregation).HasConversion<string>().HasMaxLength(20);
        b.Property(e => e.Version).IsConcurrencyToken();
        b.Ignore(e => e.OptionList);
        b.HasIndex(e => e.Code).IsUnique();
    }
}

internal sealed class DataSetConfiguration : IEntityTypeConfiguration<DataSet>
{
    public void Configure(EntityTypeBuilder<DataSet> b)
    {
        b.ToTable("data_sets");
        b.Property(s => s.Code).HasMaxLength(DataSet.MaxCodeLength);
        b.Property(s => s.Name).HasMaxLength(DataSet.MaxNameLength);
        b.Property(s => s.PeriodType).HasConversion<string>().HasMaxLength(20);
        b.Property(s => s.UnitKind).HasConversion<string>().HasMaxLength(20);
        b.Property(s => s.Version).IsConcurrencyToken();
        b.HasOne<Domain.OrgUnits.OrgUnit>().WithMany().HasForeignKey(s => s.RootUnitId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(s => s.Elements).WithOne().HasForeignKey(e => e.DataSetId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(s => s.Code).IsUnique();
    }
}

internal sealed class DataSetElementConfiguration : IEntityTypeConfiguration<DataSetElement>
{
    public void Configure(EntityTypeBuilder<DataSetElement> b)
    {
        b.ToTable("data_set_elements");
        b.HasKey(e => new { e.DataSetId, e.DataElementId });
        b.HasOne<DataElement>().WithMany().HasForeignKey(e => e.DataElementId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(e => e.DataElementId);
    }
}

internal sealed class DataValueConfiguration : IEntityTypeConfiguration<DataValue>
{
    public void Configure(EntityTypeBuilder<DataValue> b)
    {
        b.ToTable("data_values");
        b.Property(v => v.Period).HasMaxLength(DataValue.MaxPeriodLength);
        b.Property(v => v.PeriodType).HasConversion<string>().HasMaxLength(20);
        b.Property(v => v.Option).HasMaxLength(DataValue.MaxOptionLength);
        b.Property(v => v.Text).HasMaxLength(DataValue.MaxTextLength);
        b.Property(v => v.Numeric).HasPrecision(20, 4);
        b.HasOne<DataElement>().WithMany().HasForeignKey(v => v.DataElementId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Domain.OrgUnits.OrgUnit>().WithMany().HasForeignKey(v => v.OrgUnitId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Domain.People.User>().WithMany().HasForeignKey(v => v.UpdatedById).OnDelete(DeleteBehavior.SetNull);
        b.HasIndex(v => new { v.DataElementId, v.OrgUnitId, v.Period, v.Option }).IsUnique();
        // A unit's values over a date range (entry grid, analytics loads).
        b.HasIndex(v => new { v.OrgUnitId, v.StartDate });
        b.HasIndex(v => new { v.DataElementId, v.StartDate });
    }
}

internal sealed class DataSetReportConfiguration : IEntityTypeConfiguration<DataSetReport>
{
    public void Configure(EntityTypeBuilder<DataSetReport> b)
    {
        b.ToTable("data_set_reports");
        b.Property(r => r.Period).HasMaxLength(DataValue.MaxPeriodLength);
        b.HasOne<DataSet>().WithMany().HasForeignKey(r => r.DataSetId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Domain.OrgUnits.OrgUnit>().WithMany().HasForeignKey(r => r.OrgUnitId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Domain.People.User>().WithMany().HasForeignKey(r => r.SubmittedById).OnDelete(DeleteBehavior.SetNull);
        b.HasIndex(r => new { r.DataSetId, r.OrgUnitId, r.Period }).IsUnique();
        b.HasIndex(r => new { r.DataSetId, r.Period });
    }
}

internal sealed class ValidationRuleConfiguration : IEntityTypeConfiguration<ValidationRule>
{
    public void Configure(EntityTypeBuilder<ValidationRule> b)
    {
        b.ToTable("validation_rules");
        b.Property(r => r.Name).HasMaxLength(ValidationRule.MaxNameLength);
        b.Property(r => r.Left).HasMaxLength(ValidationRule.MaxExpressionLength);
        b.Property(r => r.Right).HasMaxLength(ValidationRule.MaxExpressionLength);
        b.Property(r => r.Message).HasMaxLength(ValidationRule.MaxMessageLength);
        b.Property(r => r.Operator).HasConversion<string>().HasMaxLength(20);
        b.Property(r => r.Severity).HasConversion<string>().HasMaxLength(20);
        b.Property(r => r.Version).IsConcurrencyToken();
        b.Ignore(r => r.Formula);
        b.HasOne<DataSet>().WithMany().HasForeignKey(r => r.DataSetId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(r => r.DataSetId);
    }
}

internal sealed class DataPeriodLockConfiguration : IEntityTypeConfiguration<DataPeriodLock>
{
    public void Configure(EntityTypeBuilder<DataPeriodLock> b)
    {
        b.ToTable("data_period_locks");
        b.Property(l => l.Period).HasMaxLength(DataValue.MaxPeriodLength);
        b.Property(l => l.Version).IsConcurrencyToken();
        b.HasOne<DataSet>().WithMany().HasForeignKey(l => l.DataSetId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Domain.People.User>().WithMany().HasForeignKey(l => l.ChangedById).OnDelete(DeleteBehavior.SetNull);
        b.HasIndex(l => new { l.DataSetId, l.Period }).IsUnique();
    }
}
