using System.Globalization;
using Luoshi.Application.Access;
using Luoshi.Application.Calendar;
using Luoshi.Application.Tasks;
using Luoshi.Data;
using Luoshi.Domain.Plans;
using Luoshi.Domain.Reports;
using Luoshi.Domain.Tasks;
using Luoshi.Web.Auth;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Luoshi.Web.Pages;

/// <summary>
/// 工作日历: a month of the due dates and milestones of the tasks I may see, and the days monthly reports are due; or, with
/// <c>?year=</c>, the year's working-day calendar (read-only, every signed-in user): weekends, statutory holidays with their
/// names and 调休 working days, as the admins keep them (<see cref="WorkCalendar"/>).
/// </summary>
public sealed class CalendarModel(TaskScope scope, TaskWorkflow ledger, LuoshiDb db, WorkCalendar calendar) : PageModel
{
    /// <summary>The year shown in the year view; null in the month view.</summary>
    public int? Year { get; private set; }

    /// <summary>Every day of <see cref="Year"/>.</summary>
    public List<WorkCalendar.Day> YearDays { get; private set; } = [];

    /// <summary>
    /// Something due on a day: a task's due date or one of its milestones, coloured by the task's status, with the plan
    /// it belongs to; or the day a month's progress reports are due (no task, a link to 我的任务).
    /// </summary>
    public sealed record Entry(DateOnly Date, string Text, string Link, string TaskTitle, string PlanTitle, string Light);

    public DateOnly Month { get; private set; }
    public DateOnly Today => ledger.Today;

    /// <summary>The days shown: whole weeks, Monday first, around the month.</summary>
    public List<DateOnly> Days { get; } = [];
    public ILookup<DateOnly, Entry> Entries { get; private set; } = Array.Empty<Entry>().ToLookup(e => e.Date);

    public static string Code(DateOnly month) => month.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    public async Task OnGetAsync(string? month, int? year)
    {
        if (year is not null)
        {
            // A year outside the calendar's range shows this year.
            var shown = await calendar.YearAsync(year.Value, HttpContext.RequestAborted);
            Year = shown.Succeeded ? year : Today.Year;
            YearDays = shown.Value ?? (await calendar.YearAsync(Today.Year, HttpContext.RequestAborted)).Value!;
            return;
        }
        // A month far outside any plan's years (9999-12, 0001-01) shows this month: the weeks around it would leave the calendar.
        Month = DateOnly.TryParseExact(month + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var m)
            && m.Year is >= 1900 and <= 2999
            ? m : new DateOnly(Today.Year, Today.Month, 1);
        var first = Month.AddDays(-(((int)Month.DayOfWeek + 6) % 7));
        var lastOfMonth = Month.AddMonths(1).AddDays(-1);
        var last = lastOfMonth.AddDays((7 - (int)lastOfMonth.DayOfWeek) % 7);
        for (var d = first; d <= last; d = d.AddDays(1)) Days.Add(d);

        var published = scope.VisiblePlans(User.ToCaller()).Where(p => p.Status != PlanStatus.Draft).Select(p => p.Id);
        var tasks = await scope.Listed(User.ToCaller()).AsNoTracking().Where(t => published.Contains(t.PlanId) && !t.IsGroup)
            .Where(t => (t.DueDate >= first && t.DueDate <= last) || t.Milestones.Any(x => x.Date >= first && x.Date <= last))
            .Include(t => t.Milestones).Include(t => t.Targets).AsSplitQuery().OrderBy(t => t.Ordinal).Take(2000).ToListAsync(HttpContext.RequestAborted);
        var states = await ledger.States.OfAsync(tasks, HttpContext.RequestAborted);
        var planIds = tasks.Select(t => t.PlanId).Distinct().ToList();
        var plans = await db.Plans.AsNoTracking().Where(p => planIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Title, HttpContext.RequestAborted);
        var entries = new List<Entry>();
        foreach (var task in tasks)
        {
            var light = states[task.Id].Light;
            var (link, plan) = ($"/Tasks/{task.Id}", plans[task.PlanId]);
            if (task.DueDate is { } due && due >= first && due <= last)
                entries.Add(new(due, $"截止：{task.Title}", link, task.Title, plan, light));
            foreach (var ms in task.Milestones.Where(x => x.Date >= first && x.Date <= last))
                entries.Add(new(ms.Date, ms.Done ? $"节点（已完成）：{ms.Title}" : $"节点：{ms.Title}", link, task.Title, plan, ms.Done ? "green" : light));
        }
        // Every month's progress reports are due on a fixed day of the next (ReportStatuses.DueDate): the days in view.
        for (var reported = new DateOnly(first.Year, first.Month, 1).AddMonths(-1); reported <= last; reported = reported.AddMonths(1))
        {
            var reportsDue = ReportStatuses.DueDate(Code(reported));
            if (reportsDue >= first && reportsDue <= last)
                entries.Add(new(reportsDue, $"{reported.Month}月进展报送截止", "/MyTasks", "", "", reportsDue < Today ? "grey" : "blue"));
        }
        Entries = entries.ToLookup(e => e.Date);
    }
}
