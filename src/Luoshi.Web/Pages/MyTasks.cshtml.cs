using Luoshi.Application.Access;
using Luoshi.Application.Tasks;
using Luoshi.Domain.Plans;
using Luoshi.Domain.Tasks;
using Luoshi.Web.Auth;
using Luoshi.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Luoshi.Web.Pages;

/// <summary>我的任务: what I must do next, by date, and the open tasks my unit leads or carries.</summary>
[CachedPerBrowser]
public sealed class MyTasksModel(Agenda agenda, TaskScope scope, TaskWorkflow ledger, Luoshi.Data.LuoshiDb db) : PageModel
{
    public List<Agenda.Item> Items { get; private set; } = [];

    public List<(PlanTask Task, TaskState State)> Mine { get; private set; } = [];

    /// <summary>The titles of the plans my tasks belong to.</summary>
    public Dictionary<int, string> Plans { get; private set; } = [];

    public async Task OnGetAsync()
    {
        var caller = User.ToCaller();
        Items = await agenda.ForAsync(caller, HttpContext.RequestAborted);
        if (caller.SeesEverything) return;
        var published = db.Plans.Where(p => p.Status == PlanStatus.Published).Select(p => p.Id);
        var unit = caller.OrgUnitId;
        var tasks = await scope.Listed(caller).AsNoTracking().Where(t => published.Contains(t.PlanId) && !t.IsGroup)
            .Where(t => t.LeadDepartmentId == unit || t.Units.Any(u => u.OrgUnitId == unit))
            .Include(t => t.Milestones).Include(t => t.Targets).AsSplitQuery().OrderBy(t => t.DueDate == null).ThenBy(t => t.DueDate).ThenBy(t => t.Ordinal)
            .Take(500).ToListAsync(HttpContext.RequestAborted);
        // The one colour rule: a task with a target linked to an indicator is coloured by its data too.
        var states = await ledger.States.OfAsync(tasks, HttpContext.RequestAborted);
        Mine = tasks.Select(t => (t, states[t.Id])).ToList();
        var planIds = tasks.Select(t => t.PlanId).Distinct().ToList();
        Plans = await db.Plans.AsNoTracking().Where(p => planIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Title, HttpContext.RequestAborted);
    }
}
