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

/// <summary>Administrators list and add users.</summary>
public sealed class UsersModel(LuoshiDb db, UserAccounts accounts) : PageModel
{
    public sealed record UserForm(string? Username, string? DisplayName, string? Role, int? OrgUnitId);

    public List<User> Users { get; private set; } = [];
    public List<OrgUnit> Units { get; private set; } = [];
    public List<string> Problems { get; private set; } = [];
    public string? Message { get; private set; }
    public UserForm Form { get; private set; } = new(null, null, null, null);

    public async Task OnGetAsync(bool saved = false)
    {
        if (saved) Message = "已保存";
        await LoadAsync();
    }

    public async Task<IActionResult> OnPostAsync(string? username, string? displayName, string? role, int? orgUnitId, string? password)
    {
        Form = new(username, displayName, role, orgUnitId);
        IReadOnlyList<Problem> refusal;
        if (!Roles.TryParse(role, out var r))
        {
            refusal = [UserProblems.RoleMissing];
        }
        else
        {
            var result = await accounts.CreateAsync(username ?? "", displayName, r, orgUnitId ?? 0, password ?? "", HttpContext.RequestAborted);
            if (result.Succeeded) return RedirectToPage(new { saved = true });
            refusal = result.Problems;
        }
        Problems = refusal.Words();
        Response.StatusCode = ProblemAnswers.StatusOf(refusal);
        await LoadAsync();
        return Page();
    }

    private async Task LoadAsync()
    {
        Users = await db.Users.AsNoTracking().Include(u => u.OrgUnit).OrderBy(u => u.Id).ToListAsync();
        Units = await db.OrgUnits.AsNoTracking().OrderBy(u => u.Kind).ThenBy(u => u.ParentId).ThenBy(u => u.SortOrder).ToListAsync();
    }
}
