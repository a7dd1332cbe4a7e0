using Luoshi.Application;
using Luoshi.Application.Analytics;
using Luoshi.Domain.Indicators;
using Luoshi.Domain.Time;
using Luoshi.Web.Auth;
using Luoshi.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Luoshi.Web.Pages.Analytics;

/// <summary>透视表: an indicator's units × months with targets, coloured by attainment, and its .xlsx — an <see cref="AnalyticsPivot"/> use case.</summary>
public sealed class PivotModel(AnalyticsPivot pivot, IndicatorDefinitions definitions, ChinaClock clock) : PageModel
{
    public List<Indicator> Indicators { get; private set; } = [];
    public AnalyticsPivot.Table? Table { get; private set; }
    public List<string> Problems { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int? indicatorId, int? orgUnitId, int? year, int? level)
    {
        Indicators = await definitions.ListAsync(HttpContext.RequestAborted);
        var id = indicatorId ?? Indicators.FirstOrDefault()?.Id;
        if (id is null) return Page();
        var outcome = await pivot.ForAsync(User.ToCaller(), id, orgUnitId, year ?? clock.Today.Year, level, HttpContext.RequestAborted);
        if (outcome.Succeeded)
        {
            Table = outcome.Value;
            return Page();
        }
        Problems = outcome.Problems.Words();
        Response.StatusCode = ProblemAnswers.StatusOf(outcome.Problems);
        return Page();
    }

    public async Task<IActionResult> OnGetXlsxAsync(int? indicatorId, int? orgUnitId, int? year, int? level)
    {
        indicatorId ??= (await definitions.ListAsync(HttpContext.RequestAborted)).FirstOrDefault()?.Id;
        var outcome = await pivot.ForAsync(User.ToCaller(), indicatorId, orgUnitId, year ?? clock.Today.Year, level, HttpContext.RequestAborted);
        if (outcome.Value is not { } table)
        {
            Problems = outcome.Problems.Words();
            Response.StatusCode = ProblemAnswers.StatusOf(outcome.Problems);
            return Page();
        }
        return File(AnalyticsPivot.Workbook(table, clock.UtcNow), Luoshi.Parsing.Rendering.Office.WorkbookWriter.ContentType,
            $"{table.Indicator.Name}-{table.Year}.xlsx");
    }

    public static string Css(AnalyticsPivot.Attainment a) => a switch
    {
        AnalyticsPivot.Attainment.Met => "att-met",
        AnalyticsPivot.Attainment.Near => "att-near",
        AnalyticsPivot.Attainment.Far => "att-far",
        _ => "",
    };
}
