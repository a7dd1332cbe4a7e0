using Luoshi.Application.People;
using Luoshi.Data;
using Luoshi.Domain.OrgUnits;
using Luoshi.Domain.People;
using Luoshi.Domain.Problems;
using Luoshi.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Luoshi.Web.Pages.Admin;

/// <summary>Administrators change a user's name, role, unit, state or password; a stale form is refused.</summary>
public sealed class UserEditModel(LuoshiDb db, UserAccounts accounts) : PageModel
{
    public User Target { get; private set; } = null!;
    public List<OrgUnit> Units { get; private set; } = [];
    public List<string> Problems { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int id)
    {
        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == id);
        if (user is null) return NotFound();
        Target = user;
        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, int version, string? displayName, string? role, int orgUnitId, bool disabled,
        string? password)
    {
        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == id);
        if (user is null) return NotFound();
        IReadOnlyList<Problem> refusal;
        if (user.Version != version)
        {
            refusal = [UserProblems.Stale];
        }
        else if (!Roles.TryParse(role, out var r))
        {
            refusal = [UserProblems.RoleMissing];
        }
        else
        {
            var result = await accounts.UpdateAsync(user, displayName, r, orgUnitId, disabled, password, HttpContext.RequestAborted);
            if (result.Succeeded) return Redirect("/Admin/Users?saved=true");
            refusal = result.Problems;
        }
        Problems = refusal.Words();
        Response.StatusCode = ProblemAnswers.StatusOf(refusal);
        db.ChangeTracker.Clear();
        Target = await db.Users.AsNoTracking().FirstAsync(u => u.Id == id);
        await LoadAsync();
        return Page();
    }

    private async Task LoadAsync() =>
        Units = await db.OrgUnits.AsNoTracking().OrderBy(u => u.Kind).ThenBy(u => u.ParentId).ThenBy(u => u.SortOrder).ToListAsync();
}
