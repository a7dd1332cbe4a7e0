using Luoshi.Domain.Calendar;
using Luoshi.Domain.Problems;
using Microsoft.EntityFrameworkCore;

namespace Luoshi.Application.Calendar;

/// <summary>
/// The working-day calendar (工作日历): every day of a year with whether it is worked and why, the rows administrators
/// keep (statutory holidays and 调休 working days), and <see cref="WorkingDays"/> for counting. The one home of these
/// rules: the calendar API, the 工作日历 pages and the daily jobs all call it.
/// </summary>
public sealed class WorkCalendar(LuoshiDb db)
{
    public const int MinYear = 2000;
    public const int MaxYear = 2100;

    /// <summary>One day as the API and the month grid show it: null name for an ordinary weekday or weekend.</summary>
    public sealed record Day(DateOnly Date, bool Workday, string? Name);

    /// <summary>What a replacement or import stored.</summary>
    public sealed record Stored(int Rows, IReadOnlyList<int> Years);

    /// <summary>The counting rule over every row kept (a few dozen a year: read whole).</summary>
    public async Task<WorkingDays> WorkingDaysAsync(CancellationToken ct = default) =>
        new(await db.CalendarDays.AsNoTracking().ToListAsync(ct));

    public Task<List<CalendarDay>> RowsAsync(int year, CancellationToken ct = default)
    {
        var (first, last) = Bounds(year);
        return db.CalendarDays.AsNoTracking().Where(d => d.Date >= first && d.Date <= last).OrderBy(d => d.Date).ToListAsync(ct);
    }

    /// <summary>Every day of <paramref name="year"/>, in order.</summary>
    public async Task<Outcome<List<Day>>> YearAsync(int year, CancellationToken ct = default)
    {
        if (year is < MinYear or > MaxYear) return CalendarProblems.Year.With(MinYear, MaxYear);
        var rows = (await RowsAsync(year, ct)).ToDictionary(d => d.Date);
        var (first, last) = Bounds(year);
        var days = new List<Day>(366);
        for (var day = first; day <= last; day = day.AddDays(1))
            days.Add(rows.TryGetValue(day, out var row) ? new(day, row.Workday, row.Name) : new(day, CalendarDay.OrdinaryWorkday(day), null));
        return days;
    }

    /// <summary>Adds or changes the row of one day.</summary>
    public async Task<Outcome<CalendarDay>> SaveDayAsync(CalendarRow input, CancellationToken ct = default)
    {
        var (days, problems) = CalendarRows.Check([input with { Row = 0 }]);
        if (problems.Count > 0) return problems;
        var day = days[0];
        if (day.Date.Year is < MinYear or > MaxYear) return CalendarProblems.Year.With(MinYear, MaxYear);
        var row = await db.CalendarDays.FirstOrDefaultAsync(d => d.Date == day.Date, ct);
        if (row is null) db.CalendarDays.Add(row = day);
        else (row.Workday, row.Name) = (day.Workday, day.Name);
        await db.SaveChangesAsync(ct);
        return row;
    }

    public async Task<Outcome<DateOnly>> DeleteDayAsync(DateOnly date, CancellationToken ct = default)
    {
        var row = await db.CalendarDays.FirstOrDefaultAsync(d => d.Date == date, ct);
        if (row is null) return CalendarProblems.NoSuchDay.With(CalendarRows.Text(date));
        db.CalendarDays.Remove(row);
        await db.SaveChangesAsync(ct);
        return date;
    }

    /// <summary>Replaces the rows of <paramref name="year"/> with <paramref name="rows"/>: all of them, or none when any row is wrong.</summary>
    public async Task<Outcome<Stored>> ReplaceYearAsync(int year, IReadOnlyList<CalendarRow> rows, CancellationToken ct = default)
    {
        if (year is < MinYear or > MaxYear) return CalendarProblems.Year.With(MinYear, MaxYear);
        var (days, problems) = CalendarRows.Check(rows, year);
        if (problems.Count > 0) return Refused(problems);
        await ReplaceAsync([year], days, ct);
        return new Stored(days.Count, [year]);
    }

    /// <summary>
    /// Imports a .csv or .xlsx of rows: each year the file names is replaced by the file's rows for it, all years or none
    /// (any bad row refuses the whole file, listing every bad row).
    /// </summary>
    public async Task<Outcome<Stored>> ImportAsync(Stream file, string fileName, CancellationToken ct = default)
    {
        if (CalendarFile.Read(file, fileName) is not { } rows) return CalendarProblems.File;
        if (rows.Count == 0) return CalendarProblems.Empty;
        var (days, problems) = CalendarRows.Check(rows);
        problems.AddRange(days.Where(d => d.Date.Year is < MinYear or > MaxYear).Select(_ => CalendarProblems.Year.With(MinYear, MaxYear)).Take(1));
        if (problems.Count > 0) return Refused(problems);
        var years = days.Select(d => d.Date.Year).Distinct().Order().ToList();
        await ReplaceAsync(years, days, ct);
        return new Stored(days.Count, years);
    }

    /// <summary>The refusal of a table with bad rows: the count first, then every bad row.</summary>
    private static List<Problem> Refused(List<Problem> rows) => [CalendarProblems.BadRows.With(rows.Count), .. rows];

    private async Task ReplaceAsync(IReadOnlyList<int> years, List<CalendarDay> days, CancellationToken ct)
    {
        foreach (var year in years)
        {
            var (first, last) = Bounds(year);
            db.CalendarDays.RemoveRange(await db.CalendarDays.Where(d => d.Date >= first && d.Date <= last).ToListAsync(ct));
        }
        // Removed and added rows of one date would meet on the unique index within one save: remove first, then add.
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.SaveChangesAsync(ct);
        db.CalendarDays.AddRange(days);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
    }

    private static (DateOnly First, DateOnly Last) Bounds(int year) => (new DateOnly(year, 1, 1), new DateOnly(year, 12, 31));
}
