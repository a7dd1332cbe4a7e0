using Luoshi.Application.Analytics;
using Luoshi.Domain.Indicators;
using Luoshi.Domain.Time;
using Luoshi.Web.Auth;
using Luoshi.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Luoshi.Web.Pages.Analytics;

/// <summary>
/// What the pivot and chart pages share: the indicators to pick from and one indicator's <see cref="AnalyticsPivot"/> table for the
/// caller (the first indicator when none is asked for), or the Chinese problems and their status when it is refused.
/// </summary>
public abstract class IndicatorTablePage(AnalyticsPivot pivot, IndicatorDefinitions definitions, ChinaClock clock) : PageModel
{
    public List<Indicator> Indicators { get; private set; } = [];
    public AnalyticsPivot.Table? Table { get; private set; }
    public List<string> Problems { get; private set; } = [];

    protected ChinaClock Clock => clock;

    /// <summary>Loads the table; false (problems set, status set) when the caller may not see it or the request is wrong.</summary>
    protected async Task<bool> LoadTableAsync(int? indicatorId, int? orgUnitId, int? year, int? level)
    {
        Indicators = await definitions.ListAsync(HttpContext.RequestAborted);
        var id = indicatorId ?? Indicators.FirstOrDefault()?.Id;
        if (id is null) return true;
        var outcome = await pivot.ForAsync(User.ToCaller(), id, orgUnitId, year ?? clock.Today.Year, level, HttpContext.RequestAborted);
        Table = outcome.Value;
        if (outcome.Succeeded) return true;
        Problems = outcome.Problems.Words();
        Response.StatusCode = ProblemAnswers.StatusOf(outcome.Problems);
        return false;
    }
}
