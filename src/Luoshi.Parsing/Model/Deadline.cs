using System.Globalization;

namespace Luoshi.Parsing.Model;

/// <summary>How precisely the text stated a time limit: a year (<c>2025年</c>), a month (<c>到2019年9月</c>) or a day (<c>6月底前</c>,
/// <c>7月8日前</c>).</summary>
public enum DeadlinePrecision
{
    Year,
    Month,
    Day,
}

/// <summary>
/// An item's explicit time limit: the last day it allows (a year → 31 December, a month → its last day) and the precision the
/// text had. <see cref="ToString"/> is the <c>luoshi.plan/1</c> form: <c>YYYY</c>, <c>YYYY-MM</c> or <c>YYYY-MM-DD</c>.
/// </summary>
public readonly record struct Deadline(DateOnly Date, DeadlinePrecision Precision)
{
    /// <summary>A year: the limit is its 31 December.</summary>
    public static Deadline OfYear(int year) => new(new DateOnly(year, 12, 31), DeadlinePrecision.Year);

    /// <summary>A month: the limit is its last day.</summary>
    public static Deadline OfMonth(int year, int month) => new(new DateOnly(year, month, DateTime.DaysInMonth(year, month)), DeadlinePrecision.Month);

    /// <summary>A day (a day past the month's end, as in <c>2月30日</c>, is its last day).</summary>
    public static Deadline OfDay(int year, int month, int day) =>
        new(new DateOnly(year, month, Math.Min(day, DateTime.DaysInMonth(year, month))), DeadlinePrecision.Day);

    /// <summary>The contract form, as the JSON, Markdown and spreadsheet renderers write it.</summary>
    public override string ToString() => Date.ToString(
        Precision switch
        {
            DeadlinePrecision.Year => "yyyy",
            DeadlinePrecision.Month => "yyyy-MM",
            _ => "yyyy-MM-dd",
        },
        CultureInfo.InvariantCulture);
}
