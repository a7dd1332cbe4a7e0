using System.Globalization;
using Luoshi.Domain.Calendar;
using Luoshi.Domain.Problems;

namespace Luoshi.Application.Calendar;

/// <summary>A row of the calendar as typed or imported: its row number (0 for a single day edited on its own) and its three texts.</summary>
public sealed record CalendarRow(int Row, string? Date, string? Workday, string? Name);

/// <summary>
/// Checks rows of the working-day calendar all at once: every malformed date, unknown 上班/放假, missing name, date given
/// twice (a duplicate or two meanings of one day) and date outside the year is listed, so one answer names every bad row.
/// </summary>
public static class CalendarRows
{
    private static readonly string[] Worked = ["上班", "工作日", "调休上班", "是", "true", "1"];
    private static readonly string[] Off = ["放假", "休息", "假日", "节假日", "否", "false", "0"];
    private static readonly string[] DateFormats = ["yyyy-MM-dd", "yyyy-M-d", "yyyy/M/d", "yyyy/MM/dd", "yyyy.M.d"];

    public static (List<CalendarDay> Days, List<Problem> Problems) Check(IEnumerable<CalendarRow> rows, int? year = null)
    {
        var days = new List<CalendarDay>();
        var problems = new List<Problem>();
        var seen = new Dictionary<DateOnly, int>();
        foreach (var row in rows)
        {
            var at = row.Row > 0 ? $"第 {row.Row} 行：" : "";
            var date = ParseDate(row.Date);
            if (date is null) problems.Add(CalendarProblems.Date.With(at, row.Date?.Trim() ?? ""));
            var workday = ParseWorkday(row.Workday);
            if (workday is null) problems.Add(CalendarProblems.Workday.With(at, row.Workday?.Trim() ?? ""));
            var name = row.Name?.Trim() ?? "";
            if (name.Length == 0 || name.Length > CalendarDay.MaxNameLength) problems.Add(CalendarProblems.Name.With(at, CalendarDay.MaxNameLength));
            if (date is not { } d) continue;
            if (year is { } y && d.Year != y) problems.Add(CalendarProblems.OutOfYear.With(at, Text(d), y));
            if (seen.TryGetValue(d, out var first)) problems.Add(CalendarProblems.Duplicate.With(at, Text(d), first));
            else seen[d] = row.Row;
            if (workday is { } w && name.Length is > 0 and <= CalendarDay.MaxNameLength)
                days.Add(new CalendarDay { Date = d, Workday = w, Name = name });
        }
        return (days, problems);
    }

    public static string Text(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static DateOnly? ParseDate(string? text) =>
        DateOnly.TryParseExact(text?.Trim(), DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;

    public static bool? ParseWorkday(string? text)
    {
        var t = text?.Trim() ?? "";
        if (Worked.Contains(t, StringComparer.OrdinalIgnoreCase)) return true;
        if (Off.Contains(t, StringComparer.OrdinalIgnoreCase)) return false;
        return null;
    }

    public static string WorkdayText(bool workday) => workday ? "上班" : "放假";
}
