using Luoshi.Application.OrgUnits;
using Luoshi.Data;
using Luoshi.Domain.OrgUnits;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Luoshi.Web.Pages.Admin;

/// <summary>Administrators rename, recode or move an org unit; a stale form is refused.</summary>
public sealed class UnitEditModel(LuoshiDb db, OrgUnitDirectory directory) : PageModel
{
    private const string Stale = "该记录在您读取之后已被他人修改，请刷新查看最新内容后再提交";

    public OrgUnit Unit { get; private set; } = null!;
    public List<OrgUnit> Parents { get; private set; } = [];
    public List<string> Problems { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int id)
    {
        var unit = await db.OrgUnits.AsNoTracking().FirstOrDefaultAsync(u => u.Id == id);
        if (unit is null) return NotFound();
        Unit = unit;
        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, int version, string? code, string? name, string? kind, int? parentId)
    {
        var unit = await db.OrgUnits.FirstOrDefaultAsync(u => u.Id == id);
        if (unit is null) return NotFound();
        if (unit.Version != version)
        {
            Problems = [Stale];
        }
        else
        {
            try
            {
                db.Entry(unit).Property(u => u.Version).OriginalValue = version;
                var result = await directory.UpdateAsync(unit, new(code, name, kind, parentId), HttpContext.RequestAborted);
                if (result.Succeeded) return Redirect("/Admin/Units?saved=true");
                Problems = result.Problems.ToList();
            }
            catch (DbUpdateConcurrencyException)
            {
                Problems = [Stale];
            }
        }
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        db.ChangeTracker.Clear();
        Unit = await db.OrgUnits.AsNoTracking().FirstAsync(u => u.Id == id);
        await LoadAsync();
        return Page();
    }

    private async Task LoadAsync() =>
        Parents = await db.OrgUnits.AsNoTracking().Where(u => u.Kind == OrgUnitKind.Bureau || u.Kind == OrgUnitKind.District)
            .OrderBy(u => u.Kind).ThenBy(u => u.SortOrder).ToListAsync();
}
