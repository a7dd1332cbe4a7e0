using Luoshi.Application;
using Luoshi.Application.Access;
using Luoshi.Application.Tasks;
using Luoshi.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace Luoshi.Web.Pages.Plans;

/// <summary>The board's changes: a lead department for the selected tasks, and last year's assignments copied over.</summary>
public sealed partial class DetailModel
{
    public async Task<IActionResult> OnPostBulkAssignAsync(int id, int[]? taskIds, int? leadDepartmentId, string? back)
    {
        if (!await FindPlanAsync(id)) return NotFound();
        var outcome = await assignments.AssignLeadAsync(Caller, taskIds, leadDepartmentId, HttpContext.RequestAborted);
        return await AfterAssignmentAsync(outcome, "assigned", back);
    }

    public async Task<IActionResult> OnPostCopyAssignmentsAsync(int id, int? fromPlanId, string? back)
    {
        if (!await FindPlanAsync(id)) return NotFound();
        var outcome = await assignments.CopyFromAsync(Caller, id, fromPlanId, HttpContext.RequestAborted);
        return await AfterAssignmentAsync(outcome, "copied", back);
    }

    /// <summary>Back to the board with its filters and a notice, or the board again with the Chinese problems.</summary>
    private async Task<IActionResult> AfterAssignmentAsync(Outcome<int> outcome, string notice, string? back)
    {
        if (outcome.Succeeded)
        {
            // The board's filters come back as "?…"; odd ones (control characters…) are dropped, not sent on to break the redirect.
            var board = $"/Plans/{Plan.Id}";
            var filters = back is { Length: > 1 } b && b[0] == '?' ? QueryString.FromUriComponent(LocalUrl.OrFallback(board + b,
                board)[board.Length..]) : QueryString.Empty;
            var query = filters.Add("notice", notice).Add("n", outcome.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
            return Redirect($"/Plans/{Plan.Id}{query.ToUriComponent()}");
        }
        Problems = outcome.Problems.Words();
        return await ShowAsync(ProblemAnswers.StatusOf(outcome.Problems));
    }
}
