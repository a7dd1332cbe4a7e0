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

/// <summary>Administrators list, search and add org units, and choose the 局领导 who 包保 each district and school (the org tree
/// shows each unit's 包保领导) — through the same use case as <c>PUT /api/v1/org-units/{id}/leader</c>.</summary>
public sealed class UnitsModel(LuoshiDb db, OrgUnitDirectory directory) : PageModel
{
    public List<OrgUnit> Units { get; private set; } = [];
    public List<OrgUnit> Parents { get; private set; } = [];
    public Dictionary<int, string> Names { get; private set; } = [];
    public List<string> Problems { get; private set; } = [];
    public string? Message { get; private set; }
    public string? Q { get; private set; }
    public string? Code { get; private set; }
    public string? Name { get; private set; }
    public string? Kind { get; private set; }
    public int? ParentId { get; private set; }

    /// <summary>The active leaders one may choose as a unit's 包保领导.</summary>
    public List<User> Leaders { get; private set; } = [];

    /// <summary>The names of every unit's current 包保领导 (a disabled one too).</summary>
    public Dictionary<int, string> LeaderNames { get; private set; } = [];

    /// <summary>The units that have a 包保领导 to choose: districts and schools.</summary>
    public static bool HasLeader(OrgUnit unit) => unit.Kind is OrgUnitKind.District or OrgUnitKind.School;

    public async Task OnGetAsync(string? q, bool saved = false)
    {
        Q = q;
        if (saved) Message = "已保存";
        await LoadAsync();
    }

    public async Task<IActionResult> OnPostAsync(string? code, string? name, string? kind, int? parentId)
    {
        var result = await directory.CreateAsync(new(code, name, kind, parentId), HttpContext.RequestAborted);
        if (result.Succeeded) return RedirectToPage(new { saved = true });
        (Problems, Code, Name, Kind, ParentId) = (result.Problems.Words(), code, name, kind, parentId);
        Response.StatusCode = ProblemAnswers.StatusOf(result.Problems);
        await LoadAsync();
        return Page();
    }

    /// <summary>Sets (an empty choice clears) the unit's 包保领导.</summary>
    public async Task<IActionResult> OnPostLeaderAsync(int id, int? leaderUserId)
    {
        var unit = await db.OrgUnits.FindAsync([id], HttpContext.RequestAborted);
        if (unit is null) return NotFound();
        var result = await directory.SetLeaderAsync(unit, leaderUserId, HttpContext.RequestAborted);
        if (result.Succeeded) return RedirectToPage(new { saved = true });
        Problems = result.Problems.Words();
        Response.StatusCode = ProblemAnswers.StatusOf(result.Problems);
        await LoadAsync();
        return Page();
    }

    private async Task LoadAsync()
    {
        var all = await db.OrgUnits.AsNoTracking().OrderBy(u => u.Kind).ThenBy(u => u.ParentId).ThenBy(u => u.SortOrder).ThenBy(u => u.Id)
            .ToListAsync();
        Names = all.ToDictionary(u => u.Id, u => u.Name);
        Parents = all.Where(u => u.Kind is OrgUnitKind.Bureau or OrgUnitKind.District).ToList();
        Units = string.IsNullOrWhiteSpace(Q) ? all : all.Where(u => u.Name.Contains(Q.Trim()) || u.Code.Contains(Q.Trim(),
            StringComparison.OrdinalIgnoreCase)).ToList();
        var leaderIds = all.Where(u => u.LeaderUserId != null).Select(u => u.LeaderUserId!.Value).Distinct().ToList();
        var leaders = await db.Users.AsNoTracking().Where(u => (u.Role == Role.Leader && !u.Disabled) || leaderIds.Contains(u.Id))
            .OrderBy(u => u.DisplayName).ToListAsync();
        Leaders = leaders.Where(u => u.Role == Role.Leader && !u.Disabled).ToList();
        LeaderNames = leaders.ToDictionary(u => u.Id, u => u.DisplayName);
    }
}
