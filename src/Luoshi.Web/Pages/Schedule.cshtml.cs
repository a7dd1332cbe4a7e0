using Luoshi.Application.Access;
using Luoshi.Application.Tasks;
using Luoshi.Domain.Plans;
using Luoshi.Domain.Tasks;
using Luoshi.Web.Auth;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Luoshi.Web.Pages;

/// <summary>进度安排: the tasks of a plan as bars from start to due over the plan year's months, with milestones and today.</summary>
public sealed class ScheduleModel(TaskScope scope, TaskWorkflow ledger) : PageModel
{
    /// <summary>One task's row: the months its bar spans in the plan year (1–12, null when it has no dates there) and its milestones.</summary>
    public sealed record Row(PlanTask Task, WorkStatus Status, int? FromMonth, int? ToMonth, IReadOnlyList<Milestone> Milestones, string Light = "blue");

    public List<Plan> Plans { get; private set; } = [];
    public Plan? Plan { get; private set; }
    public List<Row> Rows { get; private set; } = [];
    public DateOnly Today => ledger.Today;

    public async Task OnGetAsync(int? planId)
    {
        var caller = User.ToCaller();
        var ct = HttpContext.RequestAborted;
        Plans = await scope.VisiblePlans(caller).AsNoTracking().OrderByDescending(p => p.Status == PlanStatus.Published)
            .ThenByDescending(p => p.Year).ThenByDescending(p => p.Id).ToListAsync(ct);
        Plan = Plans.FirstOrDefault(p => p.Id == planId) ?? Plans.FirstOrDefault();
        if (Plan is null) return;
        var year = Plan.Year;
        var tasks = await scope.Listed(caller).AsNoTracking().Where(t => t.PlanId == Plan.Id).Include(t => t.Milestones).Include(t => t.Targets)
            .AsSplitQuery().OrderBy(t => t.Ordinal).ToListAsync(ct);
        var states = await ledger.States.OfAsync(tasks, ct);
        foreach (var task in tasks)
        {
            int? from = null, to = null;
            if (task.DueDate is { } due && due.Year >= year && (task.StartDate ?? new DateOnly(due.Year, 1, 1)).Year <= year)
            {
                var start = task.StartDate ?? new DateOnly(year, 1, 1);
                from = start.Year < year ? 1 : start.Month;
                to = due.Year > year ? 12 : due.Month;
            }
            var milestones = task.Milestones.Where(m => m.Date.Year == year).OrderBy(m => m.Date).ToList();
            Rows.Add(new(task, states[task.Id].Status, from, to, milestones, states[task.Id].Light));
        }
    }
}
