using Luoshi.Application.OrgUnits;
using Luoshi.Data;
using Luoshi.Domain.OrgUnits;
using Luoshi.Domain.People;
using Luoshi.Domain.Problems;
using Luoshi.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Luoshi.Web.Pages.Admin;

/// <summary>Administrators rename, recode or move an org unit; a stale form is refused.</summary>
public sealed class UnitEditModel(LuoshiDb db, OrgUnitDirectory directory) : PageModel
{

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
        IReadOnlyList<Problem> refusal;
        if (unit.Version != version)
        {
            refusal = [OrgUnitProblems.Stale];
        }
        else
        {
            // The version read with the form is the one the update expects; a change in between is the stale problem.
            db.Entry(unit).Property(u => u.Version).OriginalValue = version;
            var result = await directory.UpdateAsync(unit, new(code, name, kind, parentId), HttpContext.RequestAborted);
            if (result.Succeeded) return Redirect("/Admin/Units?saved=true");
            refusal = result.Problems;
        }
        Problems = refusal.Words();
        Response.StatusCode = ProblemAnswers.StatusOf(refusal);
        db.ChangeTracker.Clear();
        Unit = await db.OrgUnits.AsNoTracking().FirstAsync(u => u.Id == id);
        await LoadAsync();
        return Page();
    }

    private async Task LoadAsync() =>
        Parents = await db.OrgUnits.AsNoTracking().Where(u => u.Kind == OrgUnitKind.Bureau || u.Kind == OrgUnitKind.District)
            .OrderBy(u => u.Kind).ThenBy(u => u.SortOrder).ToListAsync();
}
