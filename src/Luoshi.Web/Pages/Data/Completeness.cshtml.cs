using Luoshi.Application.Data;
using Luoshi.Application.Jobs;
using Luoshi.Domain.Data;
using Luoshi.Web.Auth;
using Luoshi.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Luoshi.Web.Pages.DataPages;

/// <summary>
/// 报送情况 of a data set and period (supervisors, leaders and administrators for the city, a district for its own
/// schools): every unit reported / 零报告 / 迟报 / 未报, 报送率 and 及时率 rolled up school → district → city
/// (<see cref="Completeness.OverviewAsync"/>, the same figures as the API and the ranking), and 催报 of the missing units.
/// </summary>
public sealed class CompletenessModel(Completeness completeness, DataForms forms, DataReportReminders reminders) : PageModel
{
    public List<DataSet> Sets { get; private set; } = [];

    public Completeness.Overview? Overview { get; private set; }

    public string Period { get; private set; } = "";

    public List<string> Problems { get; private set; } = [];

    public int? Urged { get; private set; }

    public async Task<IActionResult> OnGetAsync(int? dataSetId, string? period, int? urged)
    {
        var caller = User.ToCaller();
        if (!Completeness.MaySee(caller)) return StatusCode(StatusCodes.Status403Forbidden);
        var ct = HttpContext.RequestAborted;
        Urged = urged;
        Sets = await forms.SetsForAsync(caller, ct);
        (var set, Period) = forms.Choose(Sets, dataSetId, period);
        if (set is null) return dataSetId is null ? Page() : NotFound();
        var outcome = await completeness.OverviewAsync(caller, set.Id, Period, ct);
        if (!outcome.Succeeded)
        {
            Problems = outcome.Problems.Words();
            Response.StatusCode = ProblemAnswers.StatusOf(outcome.Problems);
        }
        Overview = outcome.Value;
        return Page();
    }

    /// <summary>催报: one missing unit (<paramref name="unit"/>) or every missing unit in the caller's view.</summary>
    public async Task<IActionResult> OnPostUrgeAsync(int dataSetId, string? period, int? unit)
    {
        var outcome = await completeness.UrgeAsync(User.ToCaller(), dataSetId, period, unit, reminders, HttpContext.RequestAborted);
        if (outcome.Succeeded) return Redirect($"/Data/Completeness?dataSetId={dataSetId}&period={Uri.EscapeDataString(period ?? "")}&urged={outcome.Value}");
        var status = ProblemAnswers.StatusOf(outcome.Problems);
        if (status is StatusCodes.Status403Forbidden or StatusCodes.Status404NotFound) return StatusCode(status);
        await OnGetAsync(dataSetId, period, null);
        Problems = outcome.Problems.Words();
        Response.StatusCode = status;
        return Page();
    }
}
