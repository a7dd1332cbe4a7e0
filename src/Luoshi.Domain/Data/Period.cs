using System.Globalization;
using System.Text.RegularExpressions;

namespace Luoshi.Domain.Data;

/// <summary>The kinds of period a data set is reported for.</summary>
public enum PeriodType
{
    Day,
    Week,
    Month,
    Quarter,
    Year,
    SchoolYear,
}

/// <summary>
/// One reporting period, written as Day <c>2026-03-05</c>, Week <c>2026-W10</c> (ISO), Month <c>2026-03</c>, Quarter
/// <c>2026-Q1</c>, Year <c>2026</c> or SchoolYear <c>2026-2027学年</c> (1 September to 31 August). It knows its first and
/// last day, so a month lies in a quarter or year when <see cref="Contains"/> says so.
/// </summary>
public readonly partial record struct Period(PeriodType Type, DateOnly Start, DateOnly End)
{
    public string Text => Type switch
    {
        PeriodType.Day => Start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        PeriodType.Week => $"{ISOWeek.GetYear(Start.ToDateTime(TimeOnly.MinValue)):0000}-W{ISOWeek.GetWeekOfYear(Start.ToDateTime(TimeOnly.MinValue)):00}",
        PeriodType.Month => $"{Start.Year:0000}-{Start.Month:00}",
        PeriodType.Quarter => $"{Start.Year:0000}-Q{(Start.Month - 1) / 3 + 1}",
        PeriodType.Year => $"{Start.Year:0000}",
        _ => $"{Start.Year:0000}-{Start.Year + 1:0000}学年",
    };

    public override string ToString() => Text;

    /// <summary>Whether every day of <paramref name="other"/> lies in this period (a month in its quarter, year, school year).</summary>
    public bool Contains(Period other) => Start <= other.Start && other.End <= End;

    public bool Contains(DateOnly day) => Start <= day && day <= End;

    /// <summary>The period of a type that holds a day (today's 日报 period, this month).</summary>
    public static Period Of(PeriodType type, DateOnly day) => type switch
    {
        PeriodType.Day => new(type, day, day),
        PeriodType.Week => Week(ISOWeek.GetYear(day.ToDateTime(TimeOnly.MinValue)), ISOWeek.GetWeekOfYear(day.ToDateTime(TimeOnly.MinValue))),
        PeriodType.Month => Month(day.Year, day.Month),
        PeriodType.Quarter => Quarter(day.Year, (day.Month - 1) / 3 + 1),
        PeriodType.Year => new(type, new(day.Year, 1, 1), new(day.Year, 12, 31)),
        _ => SchoolYear(day.Month >= 9 ? day.Year : day.Year - 1),
    };

    public static Period Month(int year, int month)
    {
        var start = new DateOnly(year, month, 1);
        return new(PeriodType.Month, start, start.AddMonths(1).AddDays(-1));
    }

    private static Period Quarter(int year, int quarter)
    {
        var start = new DateOnly(year, (quarter - 1) * 3 + 1, 1);
        return new(PeriodType.Quarter, start, start.AddMonths(3).AddDays(-1));
    }

    private static Period Week(int year, int week)
    {
        var start = DateOnly.FromDateTime(ISOWeek.ToDateTime(year, week, DayOfWeek.Monday));
        return new(PeriodType.Week, start, start.AddDays(6));
    }

    private static Period SchoolYear(int firstYear) => new(PeriodType.SchoolYear, new(firstYear, 9, 1), new(firstYear + 1, 8, 31));

    /// <summary>Reads a period in any of its written forms; null when it is none of them.</summary>
    public static Period? Parse(string? text)
    {
        var t = (text ?? "").Trim();
        if (t.Length == 0 || t.Length > 20) return null;
        try
        {
            if (DayPattern().IsMatch(t) && DateOnly.TryParseExact(t, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
                return Of(PeriodType.Day, day);
            if (WeekPattern().Match(t) is { Success: true } w)
            {
                var (year, week) = (Number(w, 1), Number(w, 2));
                return week >= 1 && week <= ISOWeek.GetWeeksInYear(year) ? Week(year, week) : null;
            }
            if (MonthPattern().Match(t) is { Success: true } m)
                return Number(m, 2) is >= 1 and <= 12 ? Month(Number(m, 1), Number(m, 2)) : null;
            if (QuarterPattern().Match(t) is { Success: true } q)
                return Number(q, 2) is >= 1 and <= 4 ? Quarter(Number(q, 1), Number(q, 2)) : null;
            if (YearPattern().IsMatch(t)) return Of(PeriodType.Year, new(int.Parse(t, CultureInfo.InvariantCulture), 1, 1));
            if (SchoolYearPattern().Match(t) is { Success: true } s)
                return Number(s, 2) == Number(s, 1) + 1 ? SchoolYear(Number(s, 1)) : null;
        }
        catch (ArgumentOutOfRangeException)
        {
            return null;
        }
        return null;
    }

    private static int Number(Match match, int group) => int.Parse(match.Groups[group].Value, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}$")]
    private static partial Regex DayPattern();

    [GeneratedRegex(@"^(\d{4})-W(\d{2})$")]
    private static partial Regex WeekPattern();

    [GeneratedRegex(@"^(\d{4})-(\d{2})$")]
    private static partial Regex MonthPattern();

    [GeneratedRegex(@"^(\d{4})-Q(\d)$")]
    private static partial Regex QuarterPattern();

    [GeneratedRegex(@"^\d{4}$")]
    private static partial Regex YearPattern();

    [GeneratedRegex(@"^(\d{4})-(\d{4})学年$")]
    private static partial Regex SchoolYearPattern();
}
