using Luoshi.Data;
using Luoshi.Data.Tasks;
using Luoshi.Domain.Plans;
using Luoshi.Web.Auth;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Luoshi.Web.Pages.Plans;

/// <summary>The plans the caller may see, newest year first, with their tasks, targets and (once published) red, yellow and green.</summary>
public sealed class IndexModel(TaskScope scope, Ledger ledger, LuoshiDb db) : PageModel
{
    public sealed record Row(Plan Plan, int Tasks, int Targets, TaskLights? Lights);

    public List<Row> Rows { get; } = [];

    public bool MayCreate { get; private set; }

    public async Task OnGetAsync()
    {
        var caller = User.ToCaller();
        MayCreate = caller.DraftsPlans;
        var plans = await scope.VisiblePlans(caller).AsNoTracking().OrderByDescending(p => p.Year).ThenByDescending(p => p.Id).ToListAsync();
        var ids = plans.Select(p => p.Id).ToList();
        // Counts are of the tasks the caller may see: a district counts its own part of a plan.
        var tasks = await scope.Visible(caller).AsNoTracking().Where(t => ids.Contains(t.PlanId)).Include(t => t.Milestones).ToListAsync();
        var taskIds = tasks.Select(t => t.Id).ToList();
        var planOf = tasks.ToDictionary(t => t.Id, t => t.PlanId);
        var targets = (await db.Targets.Where(g => taskIds.Contains(g.TaskId)).Select(g => g.TaskId).ToListAsync())
            .CountBy(taskId => planOf[taskId]).ToDictionary();
        foreach (var plan in plans)
        {
            var mine = tasks.Where(t => t.PlanId == plan.Id).ToList();
            var lights = plan.Status == PlanStatus.Published ? TaskLights.Of(mine.Select(ledger.StatusOf).ToList()) : null;
            Rows.Add(new Row(plan, mine.Count, targets.GetValueOrDefault(plan.Id), lights));
        }
    }
}
