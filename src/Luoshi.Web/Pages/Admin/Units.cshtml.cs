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

/// <summary>Administrators list, search and add org units.</summary>
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

    private async Task LoadAsync()
    {
        var all = await db.OrgUnits.AsNoTracking().OrderBy(u => u.Kind).ThenBy(u => u.ParentId).ThenBy(u => u.SortOrder).ThenBy(u => u.Id)
            .ToListAsync();
        Names = all.ToDictionary(u => u.Id, u => u.Name);
        Parents = all.Where(u => u.Kind is OrgUnitKind.Bureau or OrgUnitKind.District).ToList();
        Units = string.IsNullOrWhiteSpace(Q) ? all : all.Where(u => u.Name.Contains(Q.Trim()) || u.Code.Contains(Q.Trim(),
            StringComparison.OrdinalIgnoreCase)).ToList();
    }
}
