using Luoshi.Domain.Auditing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Luoshi.Data.Configurations;

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> builder)
    {
        builder.ToTable("audit_entries");
        builder.Property(a => a.Action).HasMaxLength(40);
        builder.Property(a => a.Entity).HasMaxLength(60);
        builder.Property(a => a.EntityId).HasMaxLength(60);
        builder.Property(a => a.UserName).HasMaxLength(64);
        builder.Property(a => a.Ip).HasMaxLength(64);
        builder.HasIndex(a => new { a.Entity, a.EntityId });
        builder.HasIndex(a => a.At);
    }
}
