using Luoshi.Domain.OrgUnits;
using Luoshi.Domain.Time;

namespace Luoshi.Application.Rankings;

/// <summary>
/// The month a ranking is for, read as of its last day (China time), or as of today while the month is running:
/// <see cref="Day"/> is that day and <see cref="CutoffUtc"/> the end of it in UTC (what happened by then counts).
/// </summary>
public sealed record RankingMonth(int Year, int Month, DateOnly Day, OrgUnitKind Kind)
{
    public DateOnly First => new(Year, Month, 1);

    public DateTime CutoffUtc => ChinaClock.EndOfDayUtc(Day);

    public string Period => $"{Year:0000}-{Month:00}";

    public static RankingMonth Of(int year, int month, DateOnly today, OrgUnitKind kind)
    {
        var last = new DateOnly(year, month, 1).AddMonths(1).AddDays(-1);
        return new(year, month, today < last ? today : last, kind);
    }

    /// <summary>A month written YYYY-MM, from 2000 up to the current one; null when the text is not such a month.</summary>
    public static (int Year, int Month)? ParseMonth(string? period, DateOnly today)
    {
        if (!DateOnly.TryParseExact((period ?? "").Trim() + "-01", "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture,
                System.Globalization.DateTimeStyles.None, out var first)) return null;
        return first > today || first.Year < 2000 ? null : (first.Year, first.Month);
    }

    /// <summary>The month before, read as of its own last day.</summary>
    public RankingMonth Previous()
    {
        var first = First.AddMonths(-1);
        return new(first.Year, first.Month, First.AddDays(-1), Kind);
    }
}
