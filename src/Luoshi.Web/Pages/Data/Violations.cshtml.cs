using Luoshi.Application.Data;
using Luoshi.Domain.Data;
using Luoshi.Web.Auth;
using Luoshi.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Luoshi.Web.Pages.DataPages;

/// <summary>
/// 校验结果 of one data set and period: every broken validation rule by unit with both sides' values
/// (<see cref="ValidationRules.ViolationsAsync"/>) and the values flagged as outliers (<see cref="Outliers.OfSetAsync"/>),
/// for the units in the caller's view.
/// </summary>
public sealed class ViolationsModel(DataForms forms, ValidationRules rules, Outliers outliers) : PageModel
{
    public List<DataSet> Sets { get; private set; } = [];

    public DataSet? Set { get; private set; }

    public string Period { get; private set; } = "";

    public List<ValidationRules.Violation> Violations { get; private set; } = [];

    public List<Outliers.Flag> Flags { get; private set; } = [];

    public List<string> Problems { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int? dataSetId, string? period)
    {
        var ct = HttpContext.RequestAborted;
        var caller = User.ToCaller();
        Sets = await forms.SetsForAsync(caller, ct);
        (Set, Period) = forms.Choose(Sets, dataSetId, period);
        if (Set is null) return dataSetId is null ? Page() : NotFound();
        var found = await rules.ViolationsAsync(caller, Set.Id, Period, ct);
        if (!found.Succeeded)
        {
            Problems = found.Problems.Words();
            Response.StatusCode = ProblemAnswers.StatusOf(found.Problems);
            return Page();
        }
        Violations = found.Value!;
        Flags = (await outliers.OfSetAsync(caller, Set.Id, Period, ct)).Value ?? [];
        return Page();
    }
}
