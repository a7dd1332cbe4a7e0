using Luoshi.Application.Caching;
using Luoshi.Application.Dashboard;
using Luoshi.Application.OrgUnits;
using Luoshi.Application.Tasks;
using Luoshi.Data;
using Luoshi.Domain.OrgUnits;
using Luoshi.Domain.People;
using Luoshi.Web.Auth;
using Luoshi.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Luoshi.Web.Pages;

/// <summary>The home page: who I am, which unit I work for, and (as features land) what I must do next.</summary>
[CachedPerBrowser]
public sealed class IndexModel(LuoshiDb db, Agenda agenda, ReferenceData reference, LeaderDashboard dashboard) : PageModel
{
    /// <summary>The leaders' dashboard, which a 局领导's home page leads with (others find it at /Dashboard when they may).</summary>
    public LeaderDashboard.View? Dashboard { get; private set; }

    public string UnitName { get; private set; } = "";

    public string UnitKind { get; private set; } = "";

    public string RoleName { get; private set; } = "";

    public List<(string Label, int Count)> Counts { get; } = [];

    /// <summary>How many of my agenda's items the home page shows; the rest are on 我的任务.</summary>
    public const int AgendaShown = 5;

    public List<Agenda.Item> Agenda { get; private set; } = [];

    public int AgendaTotal { get; private set; }

    public async Task OnGetAsync()
    {
        if (User.Role() == Role.Leader) Dashboard = (await dashboard.ForAsync(User.ToCaller(), HttpContext.RequestAborted)).Value;
        var tree = await reference.GetAsync(db, HttpContext.RequestAborted);
        var unit = tree.Units.GetValueOrDefault(User.OrgUnitId());
        UnitName = unit?.Name ?? "";
        UnitKind = unit?.Kind.ToChinese() ?? "";
        RoleName = User.Role().ToChinese();
        var items = await agenda.ForAsync(User.ToCaller(), HttpContext.RequestAborted);
        AgendaTotal = items.Count;
        Agenda = items.Take(AgendaShown).ToList();

        var visible = db.OrgUnits.AsNoTracking().Visible(User.Role(), User.OrgUnitId());
        if (User.Role().SeesEverything())
        {
            Counts.Add(("处室", await visible.CountAsync(u => u.Kind == OrgUnitKind.Department)));
            Counts.Add(("区县", await visible.CountAsync(u => u.Kind == OrgUnitKind.District)));
            Counts.Add(("学校", await visible.CountAsync(u => u.Kind == OrgUnitKind.School)));
            if (User.Role() == Role.Admin) Counts.Add(("用户", await db.Users.CountAsync()));
        }
        else if (User.Role() == Role.District)
        {
            Counts.Add(("学校", tree.UnitsInOrder.Count(u => u.ParentId == User.OrgUnitId() && u.Kind == OrgUnitKind.School)));
        }
    }
}
