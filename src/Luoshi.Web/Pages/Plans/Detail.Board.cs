using Luoshi.Application;
using Luoshi.Application.Access;
using Luoshi.Application.Tasks;
using Luoshi.Domain.Tasks;
using Luoshi.Web.Infrastructure;
using Luoshi.Web.Pages.Shared;
using Microsoft.AspNetCore.Mvc;

namespace Luoshi.Web.Pages.Plans;

/// <summary>
/// Assigning on the board and in the draft review: who leads, helps, answers for and oversees the selected tasks and
/// by when (批量分工), one item's assignment in the review, and last year's assignments copied over.
/// </summary>
public sealed partial class DetailModel
{
    /// <summary>The assignment fields as a form sends them (named as <see cref="AssignmentFields"/> writes them).</summary>
    public sealed class AssignmentInput
    {
        public int? LeadDepartmentId { get; set; }
        public List<int> CoDepartmentIds { get; set; } = [];
        public List<int> ResponsibleOrgUnitIds { get; set; } = [];
        public int? LeaderUserId { get; set; }
        public DateOnly? DueDate { get; set; }
    }

    public async Task<IActionResult> OnPostBulkAssignAsync(int id, int[]? taskIds, AssignmentInput input, string? back)
    {
        if (!await FindPlanAsync(id)) return NotFound();
        var assignment = new Assignments.BulkAssignment(input.LeadDepartmentId, input.CoDepartmentIds, input.ResponsibleOrgUnitIds,
            input.LeaderUserId, input.DueDate);
        var outcome = await assignments.AssignAsync(Caller, taskIds, assignment, HttpContext.RequestAborted);
        return await AfterAssignmentAsync(outcome, "assigned", back);
    }

    /// <summary>One item's assignment fields in the review, fetched when the user opens them (a city offers a thousand units).</summary>
    public async Task<IActionResult> OnGetAssignFormAsync(int id, int taskId)
    {
        if (!await FindPlanAsync(id) || await scope.FindAsync(Caller, taskId, HttpContext.RequestAborted) is not { } found
            || found.Task.PlanId != id) return NotFound();
        if (!found.Can.CanEdit) return StatusCode(StatusCodes.Status403Forbidden);
        var task = found.Task;
        var choices = AssignmentChoices.Of(await reference.GetAsync(db, HttpContext.RequestAborted));
        var fields = new AssignmentFields(choices, "assign.", Lead: task.LeadDepartmentId,
            Co: [.. task.Units.Where(u => u.Role == TaskUnitRole.CoDepartment).Select(u => u.OrgUnitId)], Responsible: [.. task.ResponsibleOrgUnitIds],
            Leader: task.LeaderUserId, Due: task.DueDate);
        return Partial("_ItemAssignment", new ItemAssignment(id, task.Id, task.Version, fields));
    }

    /// <summary>One item's assignment in the review: what the form shows replaces what the item had.</summary>
    public async Task<IActionResult> OnPostAssignTaskAsync(int id, int taskId, int version, AssignmentInput assign)
    {
        if (await DraftItemAsync(id, taskId) is { } refusal) return refusal;
        var changes = new TaskWorkflow.TaskChanges(LeadDepartmentId: assign.LeadDepartmentId, ClearLeadDepartment: assign.LeadDepartmentId is null,
            CoDepartmentIds: assign.CoDepartmentIds, ResponsibleOrgUnitIds: assign.ResponsibleOrgUnitIds, LeaderUserId: assign.LeaderUserId,
            ClearLeader: assign.LeaderUserId is null, DueDate: assign.DueDate);
        var outcome = await ledger.ChangeAsync(Caller, taskId, ReadVersion.Of(version), changes, HttpContext.RequestAborted);
        return outcome.Succeeded ? Done("saved", taskId) : await RefusedAsync(taskId, null, outcome.Problems);
    }

    public async Task<IActionResult> OnPostCopyAssignmentsAsync(int id, int? fromPlanId, string? back)
    {
        if (!await FindPlanAsync(id)) return NotFound();
        var outcome = await assignments.CopyFromAsync(Caller, id, fromPlanId, HttpContext.RequestAborted);
        return await AfterAssignmentAsync(outcome, "copied", back);
    }

    public async Task<IActionResult> OnPostCarryOverAsync(int id, int? fromPlanId)
    {
        if (!await FindPlanAsync(id)) return NotFound();
        var outcome = await rollover.CarryOverAsync(Caller, id, fromPlanId, HttpContext.RequestAborted);
        return await AfterAssignmentAsync(outcome, "carried", null);
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
