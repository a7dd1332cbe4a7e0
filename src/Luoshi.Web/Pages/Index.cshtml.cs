using Luoshi.Data;
using Luoshi.Data.OrgUnits;
using Luoshi.Domain.OrgUnits;
using Luoshi.Domain.People;
using Luoshi.Web.Auth;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Luoshi.Web.Pages;

/// <summary>The home page: who I am, which unit I work for, and (as features land) what I must do next.</summary>
public sealed class IndexModel(LuoshiDb db) : PageModel
{
    public string UnitName { get; private set; } = "";

    public string UnitKind { get; private set; } = "";

    public string RoleName { get; private set; } = "";

    public List<(string Label, int Count)> Counts { get; } = [];

    public async Task OnGetAsync()
    {
        var unit = await db.OrgUnits.AsNoTracking().FirstOrDefaultAsync(u => u.Id == User.OrgUnitId());
        UnitName = unit?.Name ?? "";
        UnitKind = unit?.Kind.ToChinese() ?? "";
        RoleName = User.Role().ToChinese();

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
            Counts.Add(("学校", await db.OrgUnits.CountAsync(u => u.ParentId == User.OrgUnitId() && u.Kind == OrgUnitKind.School)));
        }
    }
}
