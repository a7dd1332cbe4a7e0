using Luoshi.Domain.Bulletins;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Luoshi.Data.Configurations;

internal sealed class BulletinConfiguration : IEntityTypeConfiguration<Bulletin>
{
    public void Configure(EntityTypeBuilder<Bulletin> b)
    {
        b.ToTable("bulletins");
        // One bulletin per month; 〔2026〕第10期 is given once a year (two publishers racing cannot both store it).
        b.HasIndex(x => x.Period).IsUnique();
        b.HasIndex(x => new { x.Year, x.Sequence }).IsUnique();
        b.Ignore(x => x.Number);
        b.Ignore(x => x.IsPublished);
        b.Property(x => x.Period).HasMaxLength(7);
        b.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
        b.Property(x => x.Overview).HasMaxLength(Bulletin.MaxSectionLength);
        b.Property(x => x.Problems).HasMaxLength(Bulletin.MaxSectionLength);
        b.Property(x => x.Requirements).HasMaxLength(Bulletin.MaxSectionLength);
        b.Property(x => x.Version).IsConcurrencyToken();
        b.HasOne<Domain.People.User>().WithMany().HasForeignKey(x => x.CreatedById).OnDelete(DeleteBehavior.SetNull);
        b.HasOne<Domain.People.User>().WithMany().HasForeignKey(x => x.PublishedById).OnDelete(DeleteBehavior.SetNull);
    }
}
