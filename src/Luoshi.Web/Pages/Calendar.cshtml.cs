using System.Globalization;
using Luoshi.Application.Access;
using Luoshi.Application.Tasks;
using Luoshi.Domain.Plans;
using Luoshi.Domain.Tasks;
using Luoshi.Web.Auth;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Luoshi.Web.Pages;

/// <summary>工作日历: a month of the due dates and milestones of the tasks I may see.</summary>
public sealed class CalendarModel(TaskScope scope, TaskWorkflow ledger) : PageModel
{
    /// <summary>Something due on a day: a task's due date or one of its milestones, coloured by the task's status.</summary>
    public sealed record Entry(DateOnly Date, string Text, int TaskId, string TaskTitle, string Light);

    public DateOnly Month { get; private set; }
    public DateOnly Today => ledger.Today;

    /// <summary>The days shown: whole weeks, Monday first, around the month.</summary>
    public List<DateOnly> Days { get; } = [];
    public ILookup<DateOnly, Entry> Entries { get; private set; } = Array.Empty<Entry>().ToLookup(e => e.Date);

    public static string Code(DateOnly month) => month.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    public async Task OnGetAsync(string? month)
    {
        // A month far outside any plan's years (9999-12, 0001-01) shows this month: the weeks around it would leave the calendar.
        Month = DateOnly.TryParseExact(month + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var m)
            && m.Year is >= 1900 and <= 2999
            ? m : new DateOnly(Today.Year, Today.Month, 1);
        var first = Month.AddDays(-(((int)Month.DayOfWeek + 6) % 7));
        var lastOfMonth = Month.AddMonths(1).AddDays(-1);
        var last = lastOfMonth.AddDays((7 - (int)lastOfMonth.DayOfWeek) % 7);
        for (var d = first; d <= last; d = d.AddDays(1)) Days.Add(d);

        var published = scope.VisiblePlans(User.ToCaller()).Where(p => p.Status != PlanStatus.Draft).Select(p => p.Id);
        var tasks = await scope.Visible(User.ToCaller()).AsNoTracking().Where(t => published.Contains(t.PlanId) && !t.IsGroup)
            .Where(t => (t.DueDate >= first && t.DueDate <= last) || t.Milestones.Any(x => x.Date >= first && x.Date <= last))
            .Include(t => t.Milestones).OrderBy(t => t.Ordinal).Take(2000).ToListAsync(HttpContext.RequestAborted);
        var entries = new List<Entry>();
        foreach (var task in tasks)
        {
            var light = ledger.StatusOf(task).Light();
            if (task.DueDate is { } due && due >= first && due <= last)
                entries.Add(new(due, $"截止：{task.Title}", task.Id, task.Title, light));
            foreach (var ms in task.Milestones.Where(x => x.Date >= first && x.Date <= last))
                entries.Add(new(ms.Date, ms.Done ? $"节点（已完成）：{ms.Title}" : $"节点：{ms.Title}", task.Id, task.Title, ms.Done ? "green" : light));
        }
        Entries = entries.ToLookup(e => e.Date);
    }
}
