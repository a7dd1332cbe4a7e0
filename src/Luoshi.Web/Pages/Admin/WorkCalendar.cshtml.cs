using Luoshi.Application;
using Luoshi.Application.Calendar;
using Luoshi.Domain.Calendar;
using Luoshi.Domain.Time;
using Luoshi.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Luoshi.Web.Pages.Admin;

/// <summary>
/// 工作日历 for administrators: a year's months with its statutory holidays and 调休 working days, its rows to add, change
/// and delete, and an import of a .csv/.xlsx of rows (a file with any bad row stores nothing and lists every bad row).
/// </summary>
[RequestSizeLimit(CalendarFile.MaxBytes + 64 * 1024)]
public sealed class WorkCalendarModel(WorkCalendar calendar, ChinaClock clock) : PageModel
{
    public int Year { get; private set; }
    public List<WorkCalendar.Day> Days { get; private set; } = [];
    public List<CalendarDay> Rows { get; private set; } = [];
    public List<string> Problems { get; private set; } = [];
    public string? Done { get; private set; }

    /// <summary>The years whose holidays ship with Luoshi (from the State Council's notices).</summary>
    public static string ShippedYears => $"{Data.Calendar.ShippedHolidays.Years.Min()}–{Data.Calendar.ShippedHolidays.Years.Max()}";

    public async Task<IActionResult> OnGetAsync(int? year, string? done)
    {
        Done = done;
        return await ShowAsync(year ?? clock.Today.Year, []);
    }

    public async Task<IActionResult> OnPostSaveAsync(int year, string? date, string? workday, string? name)
    {
        var result = await calendar.SaveDayAsync(new CalendarRow(0, date, workday, name), HttpContext.RequestAborted);
        return result.Succeeded ? Saved(result.Value!.Date.Year, $"已保存 {CalendarRows.Text(result.Value.Date)}") : await ShowAsync(year, result);
    }

    public async Task<IActionResult> OnPostDeleteAsync(int year, string? date)
    {
        if (CalendarRows.ParseDate(date) is not { } day) return await ShowAsync(year, new Outcome<int>(0, [CalendarProblems.Date.With("", date ?? "")]));
        var result = await calendar.DeleteDayAsync(day, HttpContext.RequestAborted);
        return result.Succeeded ? Saved(day.Year, $"已删除 {CalendarRows.Text(day)}") : await ShowAsync(year, result);
    }

    public async Task<IActionResult> OnPostImportAsync(int year, IFormFile? file)
    {
        if (file is null || file.Length == 0) return await ShowAsync(year, new Outcome<int>(0, [CalendarProblems.File]));
        await using var stream = file.OpenReadStream();
        var result = await calendar.ImportAsync(stream, file.FileName, HttpContext.RequestAborted);
        return result.Succeeded
            ? Saved(result.Value!.Years[0], $"已导入 {result.Value.Rows} 行（{string.Join("、", result.Value.Years)} 年整体替换）")
            : await ShowAsync(year, result);
    }

    private RedirectToPageResult Saved(int year, string done) => RedirectToPage(new { year, done });

    private async Task<IActionResult> ShowAsync<T>(int year, Outcome<T> refused)
    {
        var problems = refused.Problems;
        var shown = await calendar.YearAsync(year, HttpContext.RequestAborted);
        Year = shown.Succeeded ? year : clock.Today.Year;
        Days = shown.Succeeded ? shown.Value! : (await calendar.YearAsync(Year, HttpContext.RequestAborted)).Value!;
        Rows = await calendar.RowsAsync(Year, HttpContext.RequestAborted);
        Problems = [.. shown.Problems.Concat(problems).Words()];
        if (problems.Count > 0) Response.StatusCode = ProblemAnswers.StatusOf(problems);
        else if (!shown.Succeeded) Response.StatusCode = ProblemAnswers.StatusOf(shown.Problems);
        return Page();
    }

    private Task<IActionResult> ShowAsync(int year, IReadOnlyList<Domain.Problems.Problem> none) => ShowAsync(year, new Outcome<int>(0, none));
}
