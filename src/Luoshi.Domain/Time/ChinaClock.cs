namespace Luoshi.Domain.Time;

/// <summary>
/// The one clock of Luoshi, read in China time (Asia/Shanghai, UTC+8, no daylight saving) whatever zone the server
/// runs in: "today", the current report month and lateness are the bureau's, not the host's. Stored times stay UTC.
/// The underlying <see cref="TimeProvider"/> is injected, so tests run the app at any moment they choose.
/// </summary>
public sealed class ChinaClock(TimeProvider time)
{
    /// <summary>China Standard Time; a fixed UTC+8 where the host has no time-zone database.</summary>
    public static readonly TimeZoneInfo Zone = FindZone();

    public static ChinaClock System { get; } = new(TimeProvider.System);

    /// <summary>Now, in UTC, as stored.</summary>
    public DateTime UtcNow => time.GetUtcNow().UtcDateTime;

    /// <summary>Now on a Beijing wall clock.</summary>
    public DateTime Now => ToChina(UtcNow);

    /// <summary>Today's date in China.</summary>
    public DateOnly Today => DateOnly.FromDateTime(Now);

    /// <summary>The month being reported on now, <c>YYYY-MM</c>.</summary>
    public string CurrentPeriod => $"{Today.Year:0000}-{Today.Month:00}";

    /// <summary>The end of the China day <paramref name="day"/> (its next midnight), in UTC: what happened by then happened that day.</summary>
    public static DateTime EndOfDayUtc(DateOnly day) =>
        TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(day.AddDays(1).ToDateTime(TimeOnly.MinValue), DateTimeKind.Unspecified), Zone);

    public static DateTime ToChina(DateTime utc) =>
        TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), Zone);

    private static TimeZoneInfo FindZone()
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            return TimeZoneInfo.CreateCustomTimeZone("China Standard Time", TimeSpan.FromHours(8), "中国标准时间", "中国标准时间");
        }
    }
}
