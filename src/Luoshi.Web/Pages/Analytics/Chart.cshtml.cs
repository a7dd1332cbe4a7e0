using System.Text.Json;
using Luoshi.Application.Analytics;
using Luoshi.Domain.Indicators;
using Luoshi.Domain.Time;
using Luoshi.Web.Auth;
using Luoshi.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Luoshi.Web.Pages.Analytics;

/// <summary>图表: an indicator's year figure per unit beside its target, drawn with the bar-only ECharts build — the pivot's <see cref="AnalyticsPivot"/> table.</summary>
public sealed class ChartModel(AnalyticsPivot pivot, IndicatorDefinitions definitions, ChinaClock clock)
    : IndicatorTablePage(pivot, definitions, clock)
{
    /// <summary>The chart's data (units, values, targets), JSON-escaped for a script element.</summary>
    public string ChartJson => Table is not { } t ? "{}" : JsonSerializer.Serialize(new
    {
        name = t.Indicator.Name,
        units = t.Rows.Select(r => r.UnitName),
        values = t.Rows.Select(r => r.Year),
        targets = t.Rows.Select(r => r.Target),
    });

    public async Task<IActionResult> OnGetAsync(int? indicatorId, int? orgUnitId, int? year, int? level)
    {
        await LoadTableAsync(indicatorId, orgUnitId, year, level);
        return Page();
    }
}
