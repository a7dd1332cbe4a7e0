using Luoshi.Application.Access;
using Luoshi.Application.Tasks;
using Luoshi.Data;
using Luoshi.Domain.Plans;
using Luoshi.Web.Auth;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Luoshi.Web.Pages.Plans;

/// <summary>The plans the caller may see, newest year first, with their tasks, targets and (once published) red, yellow and green.</summary>
public sealed class IndexModel(TaskScope scope, TaskWorkflow ledger, LuoshiDb db) : PageModel
{
    public sealed record Row(Plan Plan, int Tasks, int Targets, TaskLights? Lights);

    public List<Row> Rows { get; } = [];

    public bool MayCreate { get; private set; }

    /// <summary>The title of the draft just deleted, for the notice.</summary>
    public string? Deleted => Request.Query["deleted"].FirstOrDefault() is { Length: > 0 and <= Domain.Plans.Plan.MaxTitleLength } t ? t : null;

    public async Task OnGetAsync()
    {
        var caller = User.ToCaller();
        MayCreate = caller.DraftsPlans;
        // The list needs no plan's source text (a whole document each).
        var plans = await scope.VisiblePlans(caller).AsNoTracking().OrderByDescending(p => p.Year).ThenByDescending(p => p.Id)
            .Select(p => new Plan { Id = p.Id, Title = p.Title, Year = p.Year, Status = p.Status }).ToListAsync();
        // Counts are of the tasks the caller may see: a district counts its own part of a plan.
        var visible = scope.Listed(caller);
        // Groups (outline headings) are not tasks: they are neither counted nor lit.
        var tasks = await visible.AsNoTracking().Where(t => !t.IsGroup).Include(t => t.Milestones).Include(t => t.Targets)
            .AsSplitQuery().ToListAsync();
        // The one colour rule (TaskStates): a task with a target linked to an indicator is coloured by the data too.
        var states = await ledger.States.OfAsync(tasks);
        var targets = (await db.Targets.Join(visible, g => g.TaskId, t => t.Id, (g, t) => t.PlanId).ToListAsync())
            .CountBy(planId => planId).ToDictionary();
        var tasksOf = tasks.ToLookup(t => t.PlanId);
        foreach (var plan in plans)
        {
            var mine = tasksOf[plan.Id].ToList();
            var lights = plan.Status == PlanStatus.Published ? TaskLights.Of(mine.Select(t => states[t.Id]).ToList()) : null;
            Rows.Add(new Row(plan, mine.Count, targets.GetValueOrDefault(plan.Id), lights));
        }
    }
}
