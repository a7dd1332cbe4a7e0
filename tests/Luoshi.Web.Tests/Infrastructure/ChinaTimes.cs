namespace Luoshi.Web.Tests.Infrastructure;

/// <summary>Fixture times written as a Chinese office reads them: Beijing time in 2026, stored as UTC.</summary>
public static class ChinaTimes
{
    /// <summary>The hour <paramref name="hour"/> of <paramref name="month"/>/<paramref name="day"/>/2026, Beijing time, as UTC.</summary>
    public static DateTime China(int month, int day, int hour) => new DateTime(2026, month, day, hour, 0, 0, DateTimeKind.Utc).AddHours(-8);
}
