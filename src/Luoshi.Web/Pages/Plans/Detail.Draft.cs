using System.Globalization;
using Luoshi.Application.Access;
using Luoshi.Application.Targets;
using Luoshi.Application.Tasks;
using Luoshi.Domain.Plans;
using Luoshi.Domain.Targets;
using Luoshi.Domain.Tasks;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Luoshi.Web.Pages.Plans;

/// <summary>The review page's changes to a draft: items (edit, merge, split, delete), targets (fix, fill, add, drop), publishing.</summary>
public sealed partial class DetailModel
{
    public async Task<IActionResult> OnPostEditTaskAsync(int id, int taskId, int version, string? title, string? text, string? category)
    {
        var (task, refusal) = await DraftTaskAsync(id, taskId, version);
        if (task is null) return refusal!;
        if (string.IsNullOrWhiteSpace(title)) return await RefuseAsync(taskId, "任务名称不能为空");
        var changes = new TaskWorkflow.TaskChanges(Title: title, Text: text ?? "", Category: category);
        List<string> problems;
        try
        {
            problems = await ledger.ChangeAsync(task, Plan, changes, HttpContext.RequestAborted);
        }
        catch (DbUpdateConcurrencyException)
        {
            return await StaleTaskAsync(taskId);
        }
        return problems.Count > 0 ? await RefuseAsync(taskId, [.. problems]) : Done("saved", taskId);
    }

    public async Task<IActionResult> OnPostMergeTaskAsync(int id, int taskId, int version)
    {
        var (task, refusal) = await DraftTaskAsync(id, taskId, version);
        if (task is null) return refusal!;
        var previousId = await db.Tasks.Where(t => t.PlanId == id && t.Ordinal < task.Ordinal).OrderByDescending(t => t.Ordinal).Select(t => (int?)t.Id).FirstOrDefaultAsync();
        if (previousId is null || await ledger.LoadAsync(previousId.Value, HttpContext.RequestAborted) is not { } previous)
            return await RefuseAsync(taskId, "这是第一条，前面没有可以并入的条目");
        await ledger.MergeAsync(task, previous, HttpContext.RequestAborted);
        return Done("merged", previous.Id);
    }

    public async Task<IActionResult> OnPostSplitTaskAsync(int id, int taskId, int version, int? at, string? splitTitle)
    {
        var (task, refusal) = await DraftTaskAsync(id, taskId, version);
        if (task is null) return refusal!;
        var sibling = await ledger.SplitAsync(task, at ?? -1, splitTitle, HttpContext.RequestAborted);
        if (sibling is null)
            return await RefuseAsync(taskId, $"拆分位置应在任务内容之内（第 1–{Math.Max(1, task.Text.Length - 1)} 个字之后）");
        return Done("split", sibling.Id);
    }

    public async Task<IActionResult> OnPostDeleteTaskAsync(int id, int taskId, int version)
    {
        var (task, refusal) = await DraftTaskAsync(id, taskId, version);
        if (task is null) return refusal!;
        var next = await db.Tasks.Where(t => t.PlanId == id && t.Ordinal > task.Ordinal).OrderBy(t => t.Ordinal).Select(t => (int?)t.Id).FirstOrDefaultAsync();
        await ledger.DeleteAsync(task, HttpContext.RequestAborted);
        return Done("deleted", next);
    }

    public async Task<IActionResult> OnPostEditTargetAsync(int id, int targetId, int version, string? subject, string? comparator, string? value, string? upper, string? unit)
    {
        var (target, task, refusal) = await DraftTargetAsync(id, targetId, version);
        if (target is null) return refusal!;
        if (ParseNumbers(value, upper, out var v, out var u) is { } bad) return await RefuseAsync(task!.Id, bad);
        if (target.Placeholder && v is null) return await RefuseAsync(task!.Id, "请填写目标值，代替原文中的 XX；如果这不是目标，请点“不是目标”");
        var change = new TargetWorkflow.TargetChange(Subject: string.IsNullOrWhiteSpace(subject) ? null : subject, Comparator: comparator, Value: v, Upper: u, Unit: unit);
        List<string> problems;
        try
        {
            problems = await targetDesk.ChangeAsync(target, change, HttpContext.RequestAborted);
        }
        catch (DbUpdateConcurrencyException)
        {
            return await StaleTargetAsync(task!.Id, targetId);
        }
        return problems.Count > 0 ? await RefuseAsync(task!.Id, [.. problems]) : Done("saved", task!.Id);
    }

    public async Task<IActionResult> OnPostAddTargetAsync(int id, int taskId, string? subject, string? comparator, string? value, string? upper, string? unit)
    {
        var (task, refusal) = await DraftTaskAsync(id, taskId, version: null);
        if (task is null) return refusal!;
        if (ParseNumbers(value, upper, out var v, out var u) is { } bad) return await RefuseAsync(taskId, bad);
        var (_, problems) = await targetDesk.AddAsync(task, new TargetWorkflow.TargetChange(Subject: subject, Comparator: comparator, Value: v, Upper: u, Unit: unit ?? ""), HttpContext.RequestAborted);
        return problems.Count > 0 ? await RefuseAsync(taskId, [.. problems]) : Done("targetAdded", taskId);
    }

    public async Task<IActionResult> OnPostDropTargetAsync(int id, int targetId, int version)
    {
        var (target, task, refusal) = await DraftTargetAsync(id, targetId, version);
        if (target is null) return refusal!;
        await targetDesk.DropAsync(target, HttpContext.RequestAborted);
        return Done("targetDropped", task!.Id);
    }

    public async Task<IActionResult> OnPostPublishAsync(int id)
    {
        if (!await FindPlanAsync(id)) return NotFound();
        if (!Caller.DraftsPlans) return Forbid();
        var problems = await ledger.PublishAsync(Plan, HttpContext.RequestAborted);
        if (problems.Count == 0) return Redirect($"/Plans/{id}?notice=published");
        Problems = problems;
        PublishRefused = true;
        return await ShowAsync(StatusCodes.Status409Conflict);
    }

    /// <summary>A task of this draft that the caller may change, loaded and (given the version the form was read at) not stale; or why not.</summary>
    private async Task<(PlanTask? Task, IActionResult? Refusal)> DraftTaskAsync(int id, int taskId, int? version)
    {
        if (!await FindPlanAsync(id)) return (null, NotFound());
        if (!await scope.Visible(Caller).AnyAsync(t => t.Id == taskId && t.PlanId == id)) return (null, NotFound());
        var task = await ledger.LoadAsync(taskId, HttpContext.RequestAborted);
        if (task is null) return (null, NotFound());
        if (Plan.Status != PlanStatus.Draft) return (null, await RefuseAsync(null, "计划已发布，不能再在核对页修改；请到任务页面修改"));
        if (!TaskScope.MayEdit(Caller, task, Plan)) return (null, Forbid());
        if (version is { } read)
        {
            if (task.Version != read) return (null, await StaleTaskAsync(taskId));
            // The version read with the form is the one the update expects; a change in between fails the save.
            db.Entry(task).Property(t => t.Version).OriginalValue = read;
        }
        return (task, null);
    }

    private async Task<(Target? Target, PlanTask? Task, IActionResult? Refusal)> DraftTargetAsync(int id, int targetId, int version)
    {
        var taskId = await db.Targets.Where(g => g.Id == targetId).Select(g => (int?)g.TaskId).FirstOrDefaultAsync();
        if (taskId is null) return (null, null, await FindPlanAsync(id) ? await RefuseAsync(null, "该目标已被删除") : NotFound());
        var (task, refusal) = await DraftTaskAsync(id, taskId.Value, version: null);
        if (task is null) return (null, null, refusal);
        var target = task.Targets.First(g => g.Id == targetId);
        if (target.Version != version) return (null, null, await StaleTargetAsync(task.Id, targetId));
        db.Entry(target).Property(g => g.Version).OriginalValue = version;
        return (target, task, null);
    }

    private async Task<IActionResult> StaleTaskAsync(int taskId)
    {
        db.ChangeTracker.Clear();
        var now = await db.Tasks.AsNoTracking().FirstOrDefaultAsync(t => t.Id == taskId);
        if (now is null) return await RefuseAsync(null, "该条目已被他人删除，您的修改未保存");
        var excerpt = now.Text.Length > 60 ? now.Text[..60] + "…" : now.Text;
        return await RefuseAsync(taskId, StatusCodes.Status409Conflict,
            $"该条目在您打开之后已被他人修改，您的修改未保存。当前名称：“{now.Title}”；类别：{now.Category.ToChinese()}；内容：“{excerpt}”。请核对后重新修改。");
    }

    private async Task<IActionResult> StaleTargetAsync(int taskId, int targetId)
    {
        db.ChangeTracker.Clear();
        var now = await db.Targets.AsNoTracking().FirstOrDefaultAsync(g => g.Id == targetId);
        if (now is null) return await RefuseAsync(taskId, "该目标已被他人删除，您的修改未保存");
        return await RefuseAsync(taskId, StatusCodes.Status409Conflict,
            $"该目标在您打开之后已被他人修改，您的修改未保存。当前为：{now.Describe()}。请核对后重新修改。");
    }

    /// <summary>A figure for a form field: empty when there is none.</summary>
    public static string Number(decimal? value) => value is { } v ? Target.Figure(v) : "";

    private static string? ParseNumbers(string? value, string? upper, out decimal? v, out decimal? u)
    {
        v = u = null;
        foreach (var (text, name) in new[] { (value, "目标值"), (upper, "上限") })
        {
            if (string.IsNullOrWhiteSpace(text)) continue;
            if (!decimal.TryParse(text.Trim().TrimEnd('%', '％'), NumberStyles.Number, CultureInfo.InvariantCulture, out var d))
                return $"{name}“{text}”不是数字";
            if (name == "目标值") v = d;
            else u = d;
        }
        return null;
    }

    private Task<IActionResult> RefuseAsync(int? taskId, params string[] problems) =>
        RefuseAsync(taskId, StatusCodes.Status422UnprocessableEntity, problems);

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
