using Luoshi.Application.Rankings;
using Luoshi.Domain.Problems;
using Luoshi.Web.Auth;
using Luoshi.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Luoshi.Web.Pages.Rankings;

/// <summary>
/// 加分/减分: the month's adjustments with their status, a form to propose one, and approve / reject buttons for the ones
/// others proposed — <see cref="RankingAdjustments"/>. Bureau roles read it; supervisors and administrators propose and review.
/// </summary>
public sealed class AdjustmentsModel(RankingAdjustments adjustments) : PageModel
{
    public IReadOnlyList<RankingAdjustments.View> Items { get; private set; } = [];
    public IReadOnlyList<RankingAdjustments.Unit> Units { get; private set; } = [];
    public List<string> Problems { get; private set; } = [];
    public string? Done { get; private set; }
    public string? Period { get; private set; }
    public int? UnitId { get; private set; }
    public bool Edits => RankingAdjustments.Edits(User.ToCaller());
    public int Me => User.ToCaller().UserId;

    /// <summary>What was typed into the proposal form, shown again when it is refused.</summary>
    public (string? Points, string? Basis) Typed { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? period, int? unit, string? done)
    {
        (Period, UnitId, Done) = (period, unit, done);
        return await ShowAsync([]);
    }

    public async Task<IActionResult> OnPostProposeAsync(int? orgUnitId, string? period, string? points, string? basis)
    {
        decimal? typed = decimal.TryParse(points?.Trim(), System.Globalization.NumberStyles.Number, System.Globalization.CultureInfo.InvariantCulture,
            out var p) ? p : null;
        var outcome = await adjustments.ProposeAsync(User.ToCaller(), new(orgUnitId, period, typed, basis), HttpContext.RequestAborted);
        if (outcome.Value is { } a)
            return RedirectToPage(new { period = a.Period, done = $"已提出{a.UnitName} {a.Period} {Signed(a.Points)} 分，待他人审核" });
        (Period, UnitId, Typed) = (period, orgUnitId, (points, basis));
        return await ShowAsync(outcome.Problems);
    }

    public Task<IActionResult> OnPostApproveAsync(int id, string? period) => ReviewAsync(id, true, period);

    public Task<IActionResult> OnPostRejectAsync(int id, string? period) => ReviewAsync(id, false, period);

    /// <summary>Points with their sign: +2, -1.5.</summary>
    public static string Signed(decimal points) => (points > 0 ? "+" : "") + points.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture);

    private async Task<IActionResult> ReviewAsync(int id, bool approve, string? period)
    {
        var outcome = await adjustments.ReviewAsync(User.ToCaller(), id, approve, HttpContext.RequestAborted);
        if (outcome.Value is { } a)
            return RedirectToPage(new { period = period ?? a.Period, done = $"{a.UnitName} {a.Period} {Signed(a.Points)} 分{RankingAdjustments.StatusName(a.Status)}" });
        Period = period;
        return await ShowAsync(outcome.Problems);
    }

    private async Task<IActionResult> ShowAsync(IReadOnlyList<Problem> problems)
    {
        if (problems.Count > 0 && problems.Leading() == ProblemKind.Forbidden && !Edits) return Forbid();
        var list = await adjustments.ListAsync(User.ToCaller(), Period, HttpContext.RequestAborted);
        if (list.Kind == ProblemKind.Forbidden && !list.Succeeded) return Forbid();
        Items = list.Value ?? [];
        Units = await adjustments.UnitsAsync(HttpContext.RequestAborted);
        var all = problems.Concat(list.Problems).ToList();
        Problems = all.Words();
        if (all.Count > 0) Response.StatusCode = ProblemAnswers.StatusOf(all);
        return Page();
    }
}
