using Luoshi.Data.Jobs;
using Luoshi.Domain.Calendar;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Luoshi.Data.Configurations;

internal sealed class CalendarDayConfiguration : IEntityTypeConfiguration<CalendarDay>
{
    public void Configure(EntityTypeBuilder<CalendarDay> b)
    {
        b.ToTable("calendar_days");
        b.Property(d => d.Name).HasMaxLength(CalendarDay.MaxNameLength);
        // One row per date: a day is a holiday or a worked weekend, never both.
        b.HasIndex(d => d.Date).IsUnique();
    }
}

internal sealed class JobRunConfiguration : IEntityTypeConfiguration<JobRun>
{
    public void Configure(EntityTypeBuilder<JobRun> b)
    {
        b.ToTable("job_runs");
        b.Property(r => r.Job).HasMaxLength(JobRun.MaxJobLength);
        b.Property(r => r.Summary).HasMaxLength(JobRun.MaxSummaryLength);
        // A job runs once per day: of two runs of one day, the second one's transaction fails on this index.
        b.HasIndex(r => new { r.Job, r.Date }).IsUnique();
    }
}
