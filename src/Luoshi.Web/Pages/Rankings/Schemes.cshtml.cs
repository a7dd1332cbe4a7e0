using Luoshi.Application.Rankings;
using Luoshi.Domain.OrgUnits;
using Luoshi.Domain.People;
using Luoshi.Domain.Problems;
using Luoshi.Domain.Rankings;
using Luoshi.Web.Auth;
using Luoshi.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Luoshi.Web.Pages.Rankings;

/// <summary>
/// 考核方案: each scheme's latest weights per kind of unit, a form to edit them (saved as a new version) and one to add a
/// scheme — <see cref="RankingSchemes"/>. Bureau roles read it; supervisors and administrators edit.
/// </summary>
public sealed class SchemesModel(RankingSchemes schemes, CriterionCatalog criteria) : PageModel
{
    public static readonly OrgUnitKind[] Kinds = [OrgUnitKind.District, OrgUnitKind.Department, OrgUnitKind.School];

    public IReadOnlyList<AssessmentScheme> All { get; private set; } = [];
    public IReadOnlyList<ICriterion> Criteria => criteria.All;
    public List<string> Problems { get; private set; } = [];
    public string? Done { get; private set; }
    public bool Edits => User.IsInRole(Roles.Supervisor) || User.IsInRole(Roles.Admin);

    /// <summary>The form field of a criterion's weight for a kind of unit.</summary>
    public static string Field(OrgUnitKind kind, string key) => $"w.{kind.ToCode()}.{key}";

    public async Task<IActionResult> OnGetAsync(string? done)
    {
        if (!User.ToCaller().SeesEverything) return Forbid();
        Done = done;
        All = await schemes.AllAsync(HttpContext.RequestAborted);
        return Page();
    }

    /// <summary>Saves the form: <paramref name="schemeId"/> 0 adds a scheme, else the scheme's next version. Blank weights leave a criterion (or a whole kind) out.</summary>
    public async Task<IActionResult> OnPostSaveAsync(int schemeId, string? name)
    {
        var weights = new Dictionary<string, IReadOnlyList<RankingSchemes.WeightInput>>();
        foreach (var kind in Kinds)
        {
            var typed = criteria.All.Select(c => (c.Key, Text: Request.Form[Field(kind, c.Key)].ToString().Trim())).Where(t => t.Text.Length > 0)
                .Select(t => new RankingSchemes.WeightInput(t.Key, decimal.TryParse(t.Text, System.Globalization.NumberStyles.Number,
                    System.Globalization.CultureInfo.InvariantCulture, out var w) ? w : 0)).ToList();
            if (typed.Count > 0) weights[kind.ToCode()] = typed;
        }
        var input = new RankingSchemes.SchemeInput(name, weights);
        var caller = User.ToCaller();
        var outcome = schemeId == 0 ? await schemes.CreateAsync(caller, input, HttpContext.RequestAborted)
            : await schemes.UpdateAsync(caller, schemeId, input, HttpContext.RequestAborted);
        if (outcome.Kind == ProblemKind.Forbidden && !outcome.Succeeded) return Forbid();
        if (outcome.Value is { } saved) return RedirectToPage(new { done = $"已保存“{saved.Name}”第 {saved.Version} 版" });
        Problems = outcome.Problems.Words();
        Response.StatusCode = ProblemAnswers.StatusOf(outcome.Problems);
        All = await schemes.AllAsync(HttpContext.RequestAborted);
        return Page();
    }
}
