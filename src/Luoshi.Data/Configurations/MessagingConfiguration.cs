using Luoshi.Domain.Messaging;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Luoshi.Data.Configurations;

internal sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> b)
    {
        b.ToTable("outbox_messages");
        b.Property(m => m.Key).HasMaxLength(OutboxMessage.KeyLength);
        // The same message to the same channel is queued once, whatever races to queue it.
        b.HasIndex(m => m.Key).IsUnique();
        b.Property(m => m.Channel).HasConversion<string>().HasMaxLength(20);
        b.Property(m => m.Status).HasConversion<string>().HasMaxLength(20);
        b.Property(m => m.Address).HasMaxLength(OutboxMessage.AddressLength);
        b.Property(m => m.Kind).HasMaxLength(40);
        b.Property(m => m.Text).HasMaxLength(OutboxMessage.TextLength);
        b.Property(m => m.Link).HasMaxLength(200);
        b.Property(m => m.LockOwner).HasMaxLength(64);
        b.Property(m => m.LastError).HasMaxLength(OutboxMessage.ErrorLength);
        // The dispatcher's question: what is due now.
        b.HasIndex(m => new { m.Status, m.NextAttemptAt });
    }
}

internal sealed class UnitChannelsConfiguration : IEntityTypeConfiguration<UnitChannels>
{
    public void Configure(EntityTypeBuilder<UnitChannels> b)
    {
        b.ToTable("unit_channels");
        b.HasKey(c => c.OrgUnitId);
        b.Property(c => c.OrgUnitId).ValueGeneratedNever();
        b.Property(c => c.Email).HasMaxLength(UnitChannels.EmailLength);
        b.Property(c => c.WeComWebhook).HasMaxLength(UnitChannels.WebhookLength);
        b.Property(c => c.DingTalkWebhook).HasMaxLength(UnitChannels.WebhookLength);
        b.Property(c => c.DingTalkSecret).HasMaxLength(UnitChannels.SecretLength);
        b.Ignore(c => c.IsEmpty);
        b.HasOne<Domain.OrgUnits.OrgUnit>().WithOne().HasForeignKey<UnitChannels>(c => c.OrgUnitId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class UserChannelsConfiguration : IEntityTypeConfiguration<UserChannels>
{
    public void Configure(EntityTypeBuilder<UserChannels> b)
    {
        b.ToTable("user_channels");
        b.HasKey(c => c.UserId);
        b.Property(c => c.UserId).ValueGeneratedNever();
        b.Property(c => c.Email).HasMaxLength(UnitChannels.EmailLength);
        b.HasOne<Domain.People.User>().WithOne().HasForeignKey<UserChannels>(c => c.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
