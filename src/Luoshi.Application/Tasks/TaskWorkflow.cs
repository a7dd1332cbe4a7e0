using Luoshi.Application.Access;
using Luoshi.Application.Notifications;
using Luoshi.Domain.OrgUnits;
using Luoshi.Domain.People;
using Luoshi.Domain.Plans;
using Luoshi.Domain.Problems;
using Luoshi.Domain.Tasks;
using Luoshi.Domain.Time;
using Microsoft.EntityFrameworkCore;

namespace Luoshi.Application.Tasks;

/// <summary>
/// The use cases on one task, each written once for pages and endpoints alike: change it, delete, merge or split it in
/// a draft, and close it (办结). Each finds the task as the caller sees it, asks <see cref="TaskPermissions"/>, checks
/// the input, acts, and saves once (the change and its audit rows in one transaction); a refusal changes nothing.
/// </summary>
public sealed class TaskWorkflow(LuoshiDb db, TaskScope scope, Notifier notifier, ChinaClock clock, TaskStates states)
{
    /// <summary>The fields of a task a caller may change; null means "leave as it is".</summary>
    public sealed record TaskChanges(
        string? Title = null,
        string? Text = null,
        string? Category = null,
        int? LeadDepartmentId = null,
        bool ClearLeadDepartment = false,
        IReadOnlyList<int>? CoDepartmentIds = null,
        IReadOnlyList<int>? ResponsibleOrgUnitIds = null,
        int? LeaderUserId = null,
        bool ClearLeader = false,
        DateOnly? StartDate = null,
        DateOnly? DueDate = null,
        IReadOnlyList<MilestoneChange>? Milestones = null,
        decimal? Weight = null);

    /// <summary>A milestone as a form or request gives it; a missing date is a problem, not a crash.</summary>
    public sealed record MilestoneChange(DateOnly? Date, string Title, bool Done);

    /// <summary>Today in China: what statuses and "late" are computed against.</summary>
    public DateOnly Today => clock.Today;

    public WorkStatus StatusOf(PlanTask task) => states.StatusOf(task);

    /// <summary>What the ledger shows of tasks (statuses, roll-ups of groups, why yellow), as <see cref="TaskStates"/> computes it.</summary>
    public TaskStates States => states;

    /// <summary>Changes a task's fields. <paramref name="readVersion"/> is the version the caller read (If-Match, or the form's).</summary>
    public async Task<Outcome<TaskAccess>> ChangeAsync(Caller caller, int taskId, ReadVersion readVersion, TaskChanges c,
        CancellationToken ct = default)
    {
        if (await scope.FindAsync(caller, taskId, ct) is not { } found) return TaskProblems.NotFound;
        if (found.Can.WhyNot(TaskAction.Edit) is { } no) return no;
        if (readVersion.Check(found.Task.Version, TaskProblems.Stale) is { } stale) return stale;
        var task = found.Task;
        var problems = await CheckAsync(task, c, ct);
        if (problems.Count > 0) return problems;

        await ApplyAsync(task, found.Plan, c, ct);
        return await SaveAsync(found, TaskProblems.Stale, ct);
    }

    /// <summary>
    /// Puts checked changes on a task and tells the units it newly goes to when its plan is published; the caller saves.
    /// </summary>
    internal async Task ApplyAsync(PlanTask task, Plan plan, TaskChanges c, CancellationToken ct)
    {
        var before = task.ResponsibleOrgUnitIds.Concat(task.CoDepartmentIds).Append(task.LeadDepartmentId ?? 0).ToHashSet();
        if (c.Title is not null) task.Title = c.Title.Trim();
        if (c.Text is not null) task.Text = c.Text;
        if (c.Category is not null && TaskCategories.TryParse(c.Category, out var category)) task.Category = category;
        if (c.ClearLeadDepartment) task.LeadDepartmentId = null;
        if (c.LeadDepartmentId is not null) task.LeadDepartmentId = c.LeadDepartmentId;
        if (c.ClearLeader) task.LeaderUserId = null;
        if (c.LeaderUserId is not null) task.LeaderUserId = c.LeaderUserId;
        if (c.CoDepartmentIds is not null) ReplaceUnits(task, TaskUnitRole.CoDepartment, c.CoDepartmentIds);
        if (c.ResponsibleOrgUnitIds is not null) ReplaceUnits(task, TaskUnitRole.Responsible, c.ResponsibleOrgUnitIds);
        task.StartDate = c.StartDate ?? task.StartDate;
        if (c.DueDate is { } due && due != task.DueDate)
        {
            // A deadline set by hand stays when the draft's year changes; the targets without their own follow it.
            task.DueDate = due;
            task.DueByHand = true;
        }
        if (c.Weight is { } w) task.Weight = w;
        if (c.Milestones is not null)
        {
            task.Milestones.Clear();
            foreach (var m in c.Milestones.OrderBy(m => m.Date))
                task.Milestones.Add(new Milestone { Date = m.Date!.Value, Title = m.Title.Trim(), Done = m.Done });
        }
        task.Version++;
        if (plan.Status == PlanStatus.Published)
        {
            var added = task.ResponsibleOrgUnitIds.Concat(task.CoDepartmentIds).Append(task.LeadDepartmentId ?? 0)
                .Where(id => id != 0 && !before.Contains(id)).Distinct().ToList();
            await notifier.ToUnitsAsync(added, Notifier.Assigned, $"新任务：{task.Title}", $"/Tasks/{task.Id}", null, ct);
        }
    }

    /// <summary>Why the changes cannot be made to the task (to any task when null), in full; empty when they can.</summary>
    internal async Task<List<Problem>> CheckAsync(PlanTask? task, TaskChanges c, CancellationToken ct)
    {
        var problems = new List<Problem>();
        if (c.Title is not null && PlanTask.CheckTitle(c.Title) is { } title) problems.Add(title);
        if (c.Text is { Length: > PlanTask.MaxTextLength }) problems.Add(TaskProblems.TextTooLong.With(PlanTask.MaxTextLength));
        if (c.Category is not null && !TaskCategories.TryParse(c.Category, out _))
            problems.Add(TaskProblems.CategoryInvalid.With(c.Category, string.Join("、", TaskCategories.All.Select(x => x.ToChinese()))));
        var unitIds = new List<int>();
        if (c.LeadDepartmentId is { } lead) unitIds.Add(lead);
        unitIds.AddRange(c.CoDepartmentIds ?? []);
        unitIds.AddRange(c.ResponsibleOrgUnitIds ?? []);
        var units = await db.OrgUnits.AsNoTracking().Where(u => unitIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, ct);
        if (c.LeadDepartmentId is { } l && (!units.TryGetValue(l, out var lu) || lu.Kind != OrgUnitKind.Department))
            problems.Add(TaskProblems.LeadNotDepartment);
        foreach (var id in c.CoDepartmentIds ?? [])
            if (!units.TryGetValue(id, out var u) || u.Kind != OrgUnitKind.Department) problems.Add(TaskProblems.CoDepartmentInvalid.With(id));
        foreach (var id in c.ResponsibleOrgUnitIds ?? [])
            if (!units.TryGetValue(id, out var u) || u.Kind is not (OrgUnitKind.District or OrgUnitKind.School or OrgUnitKind.Department))
                problems.Add(TaskProblems.ResponsibleInvalid.With(id));
        if (c.LeaderUserId is { } leader && !await db.Users.AnyAsync(u => u.Id == leader && u.Role == Role.Leader && !u.Disabled, ct))
            problems.Add(TaskProblems.LeaderInvalid);
        var start = c.StartDate ?? task?.StartDate;
        var due = c.DueDate ?? task?.DueDate;
        if (start is { } s && due is { } d && d < s) problems.Add(TaskProblems.DueBeforeStart);
        if (c.Weight is < 0 or > 100) problems.Add(TaskProblems.WeightOutOfRange);
        if (c.Milestones?.Any(m => m.Date is null) == true) problems.Add(TaskProblems.MilestoneUndated);
        if (c.Milestones?.Any(m => string.IsNullOrWhiteSpace(m.Title) || m.Title.Length > PlanTask.MaxMilestoneTitleLength) == true)
            problems.Add(TaskProblems.MilestoneTitle.With(PlanTask.MaxMilestoneTitleLength));
        return problems;
    }

    private static void ReplaceUnits(PlanTask task, TaskUnitRole role, IReadOnlyList<int> ids)
    {
        task.Units.RemoveAll(u => u.Role == role);
        foreach (var id in ids.Distinct())
            task.Units.Add(new TaskUnit { TaskId = task.Id, OrgUnitId = id, Role = role });
    }

    /// <summary>Removes an item of a draft; its children move up to its parent.</summary>
    public async Task<Outcome<PlanTask>> DeleteAsync(Caller caller, int taskId, ReadVersion readVersion, CancellationToken ct = default)
    {
        var draft = await DraftTaskAsync(caller, taskId, readVersion, ct);
        if (draft.Value is not { } found) return draft.Problems.ToList();
        var task = found.Task;
        await RemoveAsync(task, ct);
        return await SaveAsync(task, TaskProblems.Stale, ct);
    }

    private async Task RemoveAsync(PlanTask task, CancellationToken ct)
    {
        var children = await db.Tasks.Where(t => t.ParentId == task.Id).ToListAsync(ct);
        foreach (var child in children)
        {
            child.ParentId = task.ParentId;
            child.Level = Math.Max(1, child.Level - 1);
            child.Version++;
        }
        db.Tasks.Remove(task);
        var left = await db.Tasks.Where(t => t.PlanId == task.PlanId && t.Id != task.Id).ToListAsync(ct);
        TaskOutline.MarkGroups(left);
    }

    /// <summary>Merges an item of a draft into another of the same plan: text appended, targets and units moved, the item removed.</summary>
    public async Task<Outcome<TaskAccess>> MergeAsync(Caller caller, int taskId, int? intoTaskId, ReadVersion readVersion,
        CancellationToken ct = default)
    {
        var draft = await DraftTaskAsync(caller, taskId, readVersion, ct);
        if (draft.Value is not { } found) return draft.Problems.ToList();
        if (intoTaskId is not { } intoId || intoId == taskId) return TaskProblems.MergeIntoMissing;
        if (await scope.FindAsync(caller, intoId, ct) is not { } into || into.Plan.Id != found.Plan.Id) return TaskProblems.MergeIntoOtherPlan;
        var (task, target) = (found.Task, into.Task);
        target.Text = string.IsNullOrWhiteSpace(target.Text) ? task.Text : target.Text + "\n" + task.Text;
        foreach (var goal in task.Targets.ToList())
        {
            task.Targets.Remove(goal);
            goal.TaskId = target.Id;
            target.Targets.Add(goal);
        }
        foreach (var unit in task.Units.Where(u => target.Units.All(x => x.OrgUnitId != u.OrgUnitId || x.Role != u.Role)))
            target.Units.Add(new TaskUnit { TaskId = target.Id, OrgUnitId = unit.OrgUnitId, Role = unit.Role });
        target.Version++;
        await RemoveAsync(task, ct);
        return await SaveAsync(into, TaskProblems.Stale, ct);
    }

    /// <summary>Splits an item of a draft in two at a point of its text; the second part becomes the next sibling.</summary>
    public async Task<Outcome<PlanTask>> SplitAsync(Caller caller, int taskId, int? at, string? newTitle, ReadVersion readVersion,
        CancellationToken ct = default)
    {
        var draft = await DraftTaskAsync(caller, taskId, readVersion, ct);
        if (draft.Value is not { } found) return draft.Problems.ToList();
        var task = found.Task;
        if (at is not { } cut || cut <= 0 || cut >= task.Text.Length) return TaskProblems.SplitOutside.With(Math.Max(1, task.Text.Length - 1));
        var rest = task.Text[cut..].Trim();
        task.Text = task.Text[..cut].Trim();
        task.Version++;
        var laterSiblings = await db.Tasks.Where(t => t.PlanId == task.PlanId && t.Ordinal > task.Ordinal).ToListAsync(ct);
        foreach (var t in laterSiblings) t.Ordinal++;
        var sibling = new PlanTask
        {
            PlanId = task.PlanId,
            ParentId = task.ParentId,
            Level = task.Level,
            Number = "",
            Ordinal = task.Ordinal + 1,
            Title = string.IsNullOrWhiteSpace(newTitle) ? (rest.Length > 60 ? rest[..60] : rest) : newTitle.Trim(),
            Text = rest,
            Category = task.Category,
            LeadDepartmentId = task.LeadDepartmentId,
            StartDate = task.StartDate,
            DueDate = task.DueDate,
            // Both halves came from the same place of the plan's text.
            SourceStart = task.SourceStart,
            SourceEnd = task.SourceEnd,
        };
        foreach (var u in task.Units) sibling.Units.Add(new TaskUnit { OrgUnitId = u.OrgUnitId, Role = u.Role });
        db.Tasks.Add(sibling);
        return await SaveAsync(sibling, TaskProblems.Stale, ct);
    }

    private async Task<Outcome<TaskAccess>> DraftTaskAsync(Caller caller, int taskId, ReadVersion readVersion, CancellationToken ct)
    {
        if (await scope.FindAsync(caller, taskId, ct) is not { } found) return TaskProblems.NotFound;
        if (found.Can.WhyNot(TaskAction.ChangeDraft) is { } no) return no;
        if (readVersion.Check(found.Task.Version, TaskProblems.Stale) is { } stale) return stale;
        return found;
    }

    /// <summary>The lead department asks for the task to be closed; supervisors and leaders are told.</summary>
    public Task<Outcome<TaskAccess>> RequestCompletionAsync(Caller caller, int taskId, string? summary, CancellationToken ct = default) =>
        CloseAsync(caller, taskId, TaskAction.RequestCompletion, t => t.RequestCompletion(summary, clock.UtcNow), async task =>
        {
            var overseers = await db.Users.Where(u => (u.Role == Role.Supervisor || u.Role == Role.Leader) && !u.Disabled).Select(u => u.Id)
                .ToListAsync(ct);
            await notifier.ToUsersAsync(overseers, Notifier.CompletionRequested, $"申请办结：{task.Title}", $"/Tasks/{task.Id}", null, ct);
        }, ct);

    /// <summary>A supervisor or leader approves or refuses the request to close; the lead department is told.</summary>
    public Task<Outcome<TaskAccess>> DecideCompletionAsync(Caller caller, int taskId, bool approve, string? reason, CancellationToken ct = default) =>
        CloseAsync(caller, taskId, TaskAction.DecideCompletion,
            t => approve ? t.ApproveCompletion(caller.UserId, clock.UtcNow) : t.RefuseCompletion(reason),
            task => notifier.ToUnitsAsync(task.LeadDepartmentId is { } lead ? [lead] : [], approve ? Notifier.CompletionApproved
                : Notifier.ReportReturned,
                approve ? $"已同意办结：{task.Title}" : $"办结申请未通过：{task.Title}（{reason}）", $"/Tasks/{task.Id}", null, ct), ct);

    public Task<Outcome<TaskAccess>> ReopenAsync(Caller caller, int taskId, string? reason, CancellationToken ct = default) =>
        CloseAsync(caller, taskId, TaskAction.Reopen, t => t.Reopen(reason), null, ct);

    public Task<Outcome<TaskAccess>> CancelAsync(Caller caller, int taskId, string? reason, CancellationToken ct = default) =>
        CloseAsync(caller, taskId, TaskAction.Cancel, t => t.Cancel(reason), null, ct);

    private async Task<Outcome<TaskAccess>> CloseAsync(Caller caller, int taskId, TaskAction action, Func<PlanTask, Problem?> transition,
        Func<PlanTask, Task>? tell, CancellationToken ct)
    {
        if (await scope.FindAsync(caller, taskId, ct) is not { } found) return TaskProblems.NotFound;
        if (found.Can.WhyNot(action) is { } no) return no;
        if (transition(found.Task) is { } problem) return problem;
        if (tell is not null) await tell(found.Task);
        return await SaveAsync(found, TaskProblems.Stale, ct);
    }

    /// <summary>Saves the use case's changes at once; a concurrent change of the same rows is the stale problem and nothing is kept.</summary>
    private async Task<Outcome<T>> SaveAsync<T>(T value, ProblemType stale, CancellationToken ct) =>
        await db.SaveOrStaleAsync(stale, ct) is { } problem ? problem : value;

    /// <summary>Copies lead department, helpers, responsible units and leader from last year's plan to tasks with the same title.</summary>
    public async Task<int> CopyAssignmentsAsync(Plan from, Plan to, CancellationToken ct = default)
    {
        var source = await db.Tasks.Include(t => t.Units).Where(t => t.PlanId == from.Id).ToListAsync(ct);
        var byTitle = source.GroupBy(t => PlanTask.TitleKey(t.Title)).ToDictionary(g => g.Key, g => g.First());
        var targets = await db.Tasks.Include(t => t.Units).Where(t => t.PlanId == to.Id).ToListAsync(ct);
        var copied = 0;
        foreach (var task in targets)
        {
            if (!byTitle.TryGetValue(PlanTask.TitleKey(task.Title), out var old)) continue;
            task.LeadDepartmentId = old.LeadDepartmentId;
            task.LeaderUserId = old.LeaderUserId;
            task.Units.Clear();
            foreach (var u in old.Units) task.Units.Add(new TaskUnit { TaskId = task.Id, OrgUnitId = u.OrgUnitId, Role = u.Role });
            task.Version++;
            copied++;
        }
        await db.SaveChangesAsync(ct);
        return copied;
    }

}
