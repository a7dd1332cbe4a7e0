using Luoshi.Application;
using Luoshi.Application.Analytics;
using Luoshi.Data;
using Luoshi.Domain.Indicators;
using Luoshi.Domain.OrgUnits;
using Luoshi.Web.Auth;
using Luoshi.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Luoshi.Web.Pages.Analytics;

/// <summary>指标: the list (anyone signed in) and the form that defines or changes one with a target (督导、管理员), each an <see cref="IndicatorDefinitions"/> use case.</summary>
public sealed class IndicatorsModel(IndicatorDefinitions definitions, LuoshiDb db) : PageModel
{
    public List<Indicator> Items { get; private set; } = [];
    public Dictionary<int, string> UnitNames { get; private set; } = [];
    public List<OrgUnit> Units { get; private set; } = [];
    public List<string> Problems { get; private set; } = [];
    public bool MayDefine { get; private set; }

    [BindProperty] public IndicatorForm Form { get; set; } = new();

    public sealed class IndicatorForm
    {
        public int? Id { get; set; }
        public string? Code { get; set; }
        public string? Name { get; set; }
        public string? Numerator { get; set; }
        public string? Denominator { get; set; }
        public decimal? Factor { get; set; } = 100;
        public string? Unit { get; set; } = "%";
        public int? TargetUnitId { get; set; }
        public int? TargetYear { get; set; }
        public decimal? TargetValue { get; set; }
    }

    public async Task OnGetAsync(int? edit)
    {
        await LoadAsync();
        if (edit is { } id && Items.FirstOrDefault(i => i.Id == id) is { } i)
            Form = new IndicatorForm { Id = i.Id, Code = i.Code, Name = i.Name, Numerator = i.Numerator, Denominator = i.Denominator, Factor = i.Factor, Unit = i.Unit };
    }

    public async Task<IActionResult> OnPostSaveAsync()
    {
        var caller = User.ToCaller();
        // The stored targets are kept; the form's target (if given) is added or replaces the unit's for that year.
        var kept = Form.Id is { } id && (await definitions.FindAsync(id, HttpContext.RequestAborted)).Value is { } old
            ? old.Targets.Select(t => new IndicatorDefinitions.TargetInput(t.OrgUnitId, t.Year, t.Value)).ToList()
            : [];
        if (Form.TargetUnitId is not null || Form.TargetValue is not null)
            kept.Add(new IndicatorDefinitions.TargetInput(Form.TargetUnitId, Form.TargetYear, Form.TargetValue));
        var request = new IndicatorDefinitions.IndicatorRequest(Form.Code, Form.Name, Form.Numerator, Form.Denominator, Form.Factor, Form.Unit, kept);
        var outcome = Form.Id is { } existing
            ? await definitions.UpdateAsync(caller, existing, request, HttpContext.RequestAborted)
            : await definitions.CreateAsync(caller, request, HttpContext.RequestAborted);
        if (outcome.Succeeded) return RedirectToPage(new { done = outcome.Value!.Code });
        await LoadAsync();
        Problems = outcome.Problems.Words();
        Response.StatusCode = ProblemAnswers.StatusOf(outcome.Problems);
        return Page();
    }

    private async Task LoadAsync()
    {
        MayDefine = IndicatorDefinitions.MayDefine(User.ToCaller());
        Items = await definitions.ListAsync(HttpContext.RequestAborted);
        Units = await db.OrgUnits.AsNoTracking().Where(u => u.Kind != OrgUnitKind.Department).OrderBy(u => u.SortOrder).ThenBy(u => u.Code)
            .ToListAsync(HttpContext.RequestAborted);
        UnitNames = Units.ToDictionary(u => u.Id, u => u.Name);
    }
}
