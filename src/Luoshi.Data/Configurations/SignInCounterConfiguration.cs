using Luoshi.Data.SignIn;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Luoshi.Data.Configurations;

internal sealed class SignInCounterConfiguration : IEntityTypeConfiguration<SignInCounter>
{
    public void Configure(EntityTypeBuilder<SignInCounter> b)
    {
        b.ToTable("sign_in_counters");
        b.HasKey(c => c.Key);
        b.Property(c => c.Key).HasMaxLength(SignInCounter.MaxKeyLength);
        b.HasIndex(c => c.ExpiresAt);
    }
}
