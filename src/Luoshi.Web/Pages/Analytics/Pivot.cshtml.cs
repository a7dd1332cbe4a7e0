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
public sealed class PivotModel(AnalyticsPivot pivot, IndicatorDefinitions definitions, ChinaClock clock)
    : IndicatorTablePage(pivot, definitions, clock)
{
    public async Task<IActionResult> OnGetAsync(int? indicatorId, int? orgUnitId, int? year, int? level)
    {
        await LoadTableAsync(indicatorId, orgUnitId, year, level);
        return Page();
    }

    public async Task<IActionResult> OnGetXlsxAsync(int? indicatorId, int? orgUnitId, int? year, int? level)
    {
        if (!await LoadTableAsync(indicatorId, orgUnitId, year, level)) return Page();
        if (Table is not { } table) return NotFound();
        return File(AnalyticsPivot.Workbook(table, Clock.UtcNow), Luoshi.Parsing.Rendering.Office.WorkbookWriter.ContentType,
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
