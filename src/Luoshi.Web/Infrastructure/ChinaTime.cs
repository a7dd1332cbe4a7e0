using System.Globalization;

using Luoshi.Domain.Time;

namespace Luoshi.Web.Infrastructure;

/// <summary>Times as the bureaus read them: China Standard Time (UTC+8, no daylight saving).</summary>
public static class ChinaTime
{
    private static TimeSpan Offset => ChinaClock.Zone.BaseUtcOffset;

    /// <summary>A stored UTC time as a Beijing wall clock shows it (the domain's clock decides the zone).</summary>
    public static DateTime From(DateTime utc) => ChinaClock.ToChina(utc);

    /// <summary>
    /// A filter bound in UTC: a date (<c>2026-03-31</c>) means the start of that day, or the start of the next for an
    /// upper bound, in China; a full ISO time with an offset is taken as it is. Null when the text is not a date.
    /// </summary>
    public static DateTime? ParseBound(string? text, bool endOfDay)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        text = text.Trim();
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            var local = day.ToDateTime(TimeOnly.MinValue);
            if (endOfDay) local = local.AddDays(1);
            return DateTime.SpecifyKind(local - Offset, DateTimeKind.Utc);
        }
        if (text.Contains('T', StringComparison.Ordinal)
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var moment)
            && moment.Year is > 1 and < 9999)
            return moment.UtcDateTime;
        return null;
    }
}
