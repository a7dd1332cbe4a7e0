using Luoshi.Application.Rankings;
using Luoshi.Domain.Problems;
using Luoshi.Web.Auth;
using Luoshi.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Luoshi.Web.Pages;

/// <summary>月度排名: the table for a month and kind of unit, each part drilled down to its records — <see cref="UnitRankings"/> for bureau roles.</summary>
public sealed class RankingsModel(UnitRankings rankings, CriterionCatalog criteria, RankingEvidence evidence) : PageModel
{
    public static readonly (string Code, string Name)[] Kinds = [("district", "区县"), ("department", "处室"), ("school", "学校")];

    public UnitRankings.Result? Result { get; private set; }
    public IReadOnlyDictionary<(string Kind, int Id), RankingEvidence.Record> Records { get; private set; } = new Dictionary<(string, int), RankingEvidence.Record>();
    public List<string> Problems { get; private set; } = [];
    public string? Period { get; private set; }
    public string Kind { get; private set; } = "district";

    public string RecordKindOf(string key) => criteria.Find(key)?.RecordKind ?? "";

    public async Task<IActionResult> OnGetAsync(string? period, string? kind)
    {
        (Period, Kind) = (period, string.IsNullOrWhiteSpace(kind) ? "district" : kind);
        var outcome = await rankings.ComputeAsync(User.ToCaller(), null, period, kind, HttpContext.RequestAborted);
        if (outcome.Kind == ProblemKind.Forbidden && !outcome.Succeeded) return Forbid();
        if (outcome.Value is not { } result)
        {
            Problems = outcome.Problems.Words();
            Response.StatusCode = ProblemAnswers.StatusOf(outcome.Problems);
            return Page();
        }
        Result = result;
        Period = result.Month.Period;
        Records = await evidence.DescribeAsync(result, criteria, HttpContext.RequestAborted);
        return Page();
    }
}
