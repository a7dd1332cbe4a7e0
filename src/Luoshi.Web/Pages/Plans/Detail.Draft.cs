using System.Globalization;
using Luoshi.Application;
using Luoshi.Application.Access;
using Luoshi.Application.Targets;
using Luoshi.Application.Tasks;
using Luoshi.Domain.Plans;
using Luoshi.Domain.Problems;
using Luoshi.Domain.Targets;
using Luoshi.Domain.Tasks;
using Luoshi.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Luoshi.Web.Pages.Plans;

/// <summary>The review page's changes to a draft: items (edit, merge, split, delete), targets (fix, fill, add, drop), publishing.</summary>
public sealed partial class DetailModel
{
    public async Task<IActionResult> OnPostEditTaskAsync(int id, int taskId, int version, string? title, string? text, string? category)
    {
        if (await DraftItemAsync(id, taskId) is { } refusal) return refusal;
        var changes = new TaskWorkflow.TaskChanges(Title: title ?? "", Text: text ?? "", Category: category);
        var outcome = await ledger.ChangeAsync(Caller, taskId, ReadVersion.Of(version), changes, Ct);
        return outcome.Succeeded ? Done("saved", taskId) : await RefusedAsync(taskId, null, outcome.Problems);
    }

    public async Task<IActionResult> OnPostMergeTaskAsync(int id, int taskId, int version)
    {
        if (await DraftItemAsync(id, taskId) is { } refusal) return refusal;
        var ordinal = await db.Tasks.Where(t => t.Id == taskId).Select(t => t.Ordinal).FirstAsync(Ct);
        var previousId = await db.Tasks.Where(t => t.PlanId == id && t.Ordinal < ordinal).OrderByDescending(t => t.Ordinal).Select(t => (int?)t.Id)
            .FirstOrDefaultAsync(Ct);
        if (previousId is null) return await RefusedAsync(taskId, null, [TaskProblems.NothingBefore]);
        var outcome = await ledger.MergeAsync(Caller, taskId, previousId, ReadVersion.Of(version), Ct);
        return outcome.Succeeded ? Done("merged", previousId) : await RefusedAsync(taskId, null, outcome.Problems);
    }

    public async Task<IActionResult> OnPostSplitTaskAsync(int id, int taskId, int version, int? at, string? splitTitle)
    {
        if (await DraftItemAsync(id, taskId) is { } refusal) return refusal;
        var outcome = await ledger.SplitAsync(Caller, taskId, at, splitTitle, ReadVersion.Of(version), Ct);
        return outcome.Value is { } sibling ? Done("split", sibling.Id) : await RefusedAsync(taskId, null, outcome.Problems);
    }

    public async Task<IActionResult> OnPostDeleteTaskAsync(int id, int taskId, int version)
    {
        if (await DraftItemAsync(id, taskId) is { } refusal) return refusal;
        var ordinal = await db.Tasks.Where(t => t.Id == taskId).Select(t => t.Ordinal).FirstAsync(Ct);
        var next = await db.Tasks.Where(t => t.PlanId == id && t.Ordinal > ordinal).OrderBy(t => t.Ordinal).Select(t => (int?)t.Id)
            .FirstOrDefaultAsync(Ct);
        var outcome = await ledger.DeleteAsync(Caller, taskId, ReadVersion.Of(version), Ct);
        return outcome.Succeeded ? Done("deleted", next) : await RefusedAsync(taskId, null, outcome.Problems);
    }

    public async Task<IActionResult> OnPostEditTargetAsync(int id, int targetId, int version, string? subject, string? comparator, string? value,
        string? upper, string? unit)
    {
        if (await DraftTargetAsync(id, targetId) is not { } target) return await GoneTargetAsync(id);
        if (ParseNumbers(value, upper, out var v, out var u) is { } bad) return await RefusedAsync(target.TaskId, null, [bad]);
        if (target.Placeholder && v is null) return await RefusedAsync(target.TaskId, null, [TargetProblems.PlaceholderNeedsValue]);
        var change = new TargetWorkflow.TargetChange(Subject: string.IsNullOrWhiteSpace(subject) ? null : subject, Comparator: comparator, Value: v,
            Upper: u, Unit: unit);
        var outcome = await targetDesk.ChangeAsync(Caller, targetId, ReadVersion.Of(version), change, Ct);
        return outcome.Succeeded ? Done("saved", target.TaskId) : await RefusedAsync(target.TaskId, targetId, outcome.Problems);
    }

    public async Task<IActionResult> OnPostAddTargetAsync(int id, int taskId, string? subject, string? comparator, string? value, string? upper,
        string? unit)
    {
        if (await DraftItemAsync(id, taskId) is { } refusal) return refusal;
        if (ParseNumbers(value, upper, out var v, out var u) is { } bad) return await RefusedAsync(taskId, null, [bad]);
        var change = new TargetWorkflow.TargetChange(Subject: subject, Comparator: comparator, Value: v, Upper: u, Unit: unit ?? "");
        var outcome = await targetDesk.AddAsync(Caller, taskId, change, Ct);
        return outcome.Succeeded ? Done("targetAdded", taskId) : await RefusedAsync(taskId, null, outcome.Problems);
    }

    public async Task<IActionResult> OnPostDropTargetAsync(int id, int targetId, int version)
    {
        if (await DraftTargetAsync(id, targetId) is not { } target) return await GoneTargetAsync(id);
        var outcome = await targetDesk.DropAsync(Caller, targetId, ReadVersion.Of(version), Ct);
        return outcome.Succeeded ? Done("targetDropped", target.TaskId) : await RefusedAsync(target.TaskId, targetId, outcome.Problems);
    }

    public async Task<IActionResult> OnPostPublishAsync(int id)
    {
        var outcome = await plans.PublishAsync(Caller, id, Ct);
        if (outcome.Value is { } published)
            return Redirect($"/Plans/{id}?notice=published&n={published.UnitsTold}&m={published.TasksUnassigned}");
        if (outcome.Kind is ProblemKind.NotFound || !await FindPlanAsync(id)) return NotFound();
        if (outcome.Kind is ProblemKind.Forbidden) return StatusCode(StatusCodes.Status403Forbidden);
        Problems = outcome.Problems.Words();
        PublishRefused = true;
        return await ShowAsync(ProblemAnswers.StatusOf(outcome.Problems));
    }

    /// <summary>The draft's title and year corrected; a new year reads the text's deadlines again (the API's PATCH, the same use case).</summary>
    public async Task<IActionResult> OnPostChangePlanAsync(int id, int version, string? title, int? year)
    {
        var outcome = await plans.ChangeDraftAsync(Caller, id, ReadVersion.Of(version), title, year, Ct);
        if (outcome.Succeeded) return Redirect($"/Plans/{id}?notice=planChanged");
        if (outcome.Kind is ProblemKind.NotFound || !await FindPlanAsync(id)) return NotFound();
        if (outcome.Kind is ProblemKind.Forbidden) return StatusCode(StatusCodes.Status403Forbidden);
        Problems = outcome.Problems.Words();
        return await ShowAsync(ProblemAnswers.StatusOf(outcome.Problems));
    }

    public async Task<IActionResult> OnPostDeleteDraftAsync(int id)
    {
        var outcome = await plans.DeleteDraftAsync(Caller, id, Ct);
        if (outcome.Value is { } plan) return Redirect($"/Plans?deleted={Uri.EscapeDataString(plan.Title)}");
        if (outcome.Kind is ProblemKind.NotFound || !await FindPlanAsync(id)) return NotFound();
        if (outcome.Kind is ProblemKind.Forbidden) return StatusCode(StatusCodes.Status403Forbidden);
        Problems = outcome.Problems.Words();
        return await ShowAsync(ProblemAnswers.StatusOf(outcome.Problems));
    }

    private CancellationToken Ct => HttpContext.RequestAborted;

    /// <summary>
    /// The review page changes items of its own plan while it is a draft (a published plan's tasks are changed on their
    /// pages); null when the item may be worked on here, else the answer. The use case checks the caller's rights.
    /// </summary>
    private async Task<IActionResult?> DraftItemAsync(int id, int taskId)
    {
        if (!await FindPlanAsync(id)) return NotFound();
        if (!await scope.Visible(Caller).AnyAsync(t => t.Id == taskId && t.PlanId == id, Ct)) return await RefusedAsync(null, null,
            [TaskProblems.NotFound]);
        if (Plan.Status != PlanStatus.Draft) return await RefusedAsync(null, null, [TaskProblems.ReviewClosed]);
        return null;
    }

    /// <summary>A target of an item of this draft, as it is now; null when it is not there (any more).</summary>
    private async Task<Target?> DraftTargetAsync(int id, int targetId)
    {
        var taskId = await db.Targets.Where(g => g.Id == targetId).Select(g => (int?)g.TaskId).FirstOrDefaultAsync(Ct);
        if (taskId is null || await DraftItemAsync(id, taskId.Value) is not null) return null;
        return await db.Targets.AsNoTracking().FirstAsync(g => g.Id == targetId, Ct);
    }

    private async Task<IActionResult> GoneTargetAsync(int id) =>
        await FindPlanAsync(id) ? await RefusedAsync(null, null, [TargetProblems.NotFound]) : NotFound();

    /// <summary>
    /// The review page again with the problems, at the status the API gives the same refusal. A change lost to someone
    /// else's shows what the item or target says now, so the user can compare before trying again.
    /// </summary>
    private async Task<IActionResult> RefusedAsync(int? taskId, int? targetId, IReadOnlyList<Problem> problems)
    {
        var kind = problems.Leading();
        var status = ProblemAnswers.StatusOf(kind);
        if (kind is ProblemKind.Forbidden) return StatusCode(status);
        db.ChangeTracker.Clear();
        if (kind is ProblemKind.Stale && targetId is { } g && await db.Targets.AsNoTracking().FirstOrDefaultAsync(x => x.Id == g, Ct) is { } target)
            return await RefuseAsync(taskId, status, text.Format("该目标在您打开之后已被他人修改，您的修改未保存。当前为：{0}。请核对后重新修改。", target.Describe()));
        if (kind is ProblemKind.Stale && taskId is { } t && await db.Tasks.AsNoTracking().FirstOrDefaultAsync(x => x.Id == t, Ct) is { } now)
        {
            var excerpt = now.Text.Length > 60 ? now.Text[..60] + "…" : now.Text;
            return await RefuseAsync(taskId, status, text.Format("该条目在您打开之后已被他人修改，您的修改未保存。当前名称：“{0}”；类别：{1}；内容：“{2}”。请核对后重新修改。",
                now.Title, text[now.Category.ToChinese()], excerpt));
        }
        return await RefuseAsync(kind is ProblemKind.NotFound ? null : taskId, status, [.. problems.Words()]);
    }

    /// <summary>A figure for a form field: empty when there is none.</summary>
    public static string Number(decimal? value) => value is { } v ? Target.Figure(v) : "";

    private static Problem? ParseNumbers(string? value, string? upper, out decimal? v, out decimal? u)
    {
        v = u = null;
        foreach (var (text, name) in new[] { (value, "目标值"), (upper, "上限") })
        {
            if (string.IsNullOrWhiteSpace(text)) continue;
            if (!decimal.TryParse(text.Trim().TrimEnd('%', '％'), NumberStyles.Number, CultureInfo.InvariantCulture, out var d))
                return TargetProblems.NotNumber.With(name, text);
            if (name == "目标值") v = d;
            else u = d;
        }
        return null;
    }

    private async Task<IActionResult> RefuseAsync(int? taskId, int status, params string[] problems)
    {
        Problems = [.. problems];
        FocusTaskId = taskId;
        return await ShowAsync(status);
    }

    /// <summary>After a change: back to the page (GET), at the item concerned, with a notice.</summary>
    private RedirectResult Done(string notice, int? taskId) =>
        Redirect($"/Plans/{Plan.Id}?notice={notice}{(taskId is { } t ? $"#task-{t}" : "")}");
}
