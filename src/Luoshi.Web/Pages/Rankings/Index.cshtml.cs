using Luoshi.Application.Rankings;
using Luoshi.Domain.Problems;
using Luoshi.Web.Auth;
using Luoshi.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Luoshi.Web.Pages.Rankings;

/// <summary>
/// 月度排名: the table for a month and kind of unit, each part drilled down to its records, and one unit's trend over the
/// year — <see cref="UnitRankings"/> and <see cref="RankingEvidence"/>, for bureau roles (units get 403: they see the bulletin).
/// </summary>
public sealed class RankingsModel(UnitRankings rankings, RankingEvidence evidence, CriterionCatalog criteria) : PageModel
{
    public static readonly (string Code, string Name)[] Kinds = [("district", "区县"), ("department", "处室"), ("school", "学校")];

    public UnitRankings.Result? Result { get; private set; }
    public IReadOnlyDictionary<(string Kind, int Id), RankingEvidence.Record> Records { get; private set; } = new Dictionary<(string, int), RankingEvidence.Record>();
    public List<string> Problems { get; private set; } = [];
    public string? Period { get; private set; }
    public string Kind { get; private set; } = "district";

    /// <summary>The unit whose trend is shown (<c>?unit=</c>), its name and its points, one per month of the ranking's year.</summary>
    public int? TrendUnit { get; private set; }
    public string? TrendUnitName { get; private set; }
    public IReadOnlyList<UnitRankings.TrendPoint> Trend { get; private set; } = [];

    public string RecordKindOf(string key) => evidence.RecordKindOf(key);

    /// <summary>How a criterion is measured (<see cref="ICriterion.Rule"/>), shown in its drill-down.</summary>
    public string RuleOf(string key) => criteria.Find(key)?.Rule ?? "";

    public async Task<IActionResult> OnGetAsync(string? period, string? kind, int? unit)
    {
        (Period, Kind) = (period, string.IsNullOrWhiteSpace(kind) ? "district" : kind);
        var outcome = await rankings.ComputeAsync(User.ToCaller(), null, period, kind, HttpContext.RequestAborted);
        if (outcome.Kind == ProblemKind.Forbidden && !outcome.Succeeded) return Forbid();
        if (outcome.Value is not { } result) return Refused(outcome.Problems);
        Result = result;
        Period = result.Month.Period;
        Records = await evidence.DescribeAsync(result, HttpContext.RequestAborted);
        if (unit is { } id)
        {
            var trend = await rankings.TrendAsync(User.ToCaller(), result.Scheme.Id, id, result.Month.Year, HttpContext.RequestAborted);
            if (trend.Value is not { } points) return Refused(trend.Problems);
            (TrendUnit, TrendUnitName, Trend) = (id, result.Rows.FirstOrDefault(r => r.Unit.OrgUnitId == id)?.Unit.Name, points);
        }
        return Page();
    }

    private PageResult Refused(IReadOnlyList<Problem> problems)
    {
        Problems = problems.Words();
        Response.StatusCode = ProblemAnswers.StatusOf(problems);
        return Page();
    }
}
