using Luoshi.Application.Notifications;
using Luoshi.Domain.OrgUnits;
using Luoshi.Domain.People;
using Luoshi.Domain.Plans;
using Luoshi.Domain.Tasks;
using Microsoft.EntityFrameworkCore;

namespace Luoshi.Application.Tasks;

/// <summary>Settings of the ledger's rules.</summary>
public sealed record LedgerSettings(int WarningDays = 14)
{
    public DateOnly Today => DateOnly.FromDateTime(DateTime.Now);
}

/// <summary>
/// The task ledger's rules: assigning, scheduling, publishing, editing the draft (merge, split, delete),
/// and closing tasks (办结). Problems come back in Chinese; nothing is saved when there is one.
/// </summary>
public sealed class TaskWorkflow(LuoshiDb db, Notifier notifier, LedgerSettings settings)
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

    public sealed record MilestoneChange(DateOnly Date, string Title, bool Done);

    public LedgerSettings Settings => settings;

    public WorkStatus StatusOf(PlanTask task) => WorkStatusRules.Compute(task, settings.Today, settings.WarningDays);

    public Task<PlanTask?> LoadAsync(int id, CancellationToken ct = default) =>
        db.Tasks.Include(t => t.Units).Include(t => t.Milestones).Include(t => t.Targets).ThenInclude(g => g.Breakdown)
            .AsSplitQuery().FirstOrDefaultAsync(t => t.Id == id, ct);

    public async Task<List<string>> ChangeAsync(PlanTask task, Plan plan, TaskChanges c, CancellationToken ct = default)
    {
        var problems = new List<string>();
        if (c.Title is not null && string.IsNullOrWhiteSpace(c.Title)) problems.Add("任务名称不能为空");
        if (c.Title is { Length: > 500 }) problems.Add("任务名称不能超过 500 个字符");
        if (c.Text is { Length: > 20000 }) problems.Add("任务内容不能超过 20000 个字符");
        var category = task.Category;
        if (c.Category is not null && !TaskCategories.TryParse(c.Category, out category))
            problems.Add($"任务类别“{c.Category}”无效，应为：{string.Join("、", TaskCategories.All.Select(x => x.ToChinese()))}");
        var unitIds = new List<int>();
        if (c.LeadDepartmentId is { } lead) unitIds.Add(lead);
        unitIds.AddRange(c.CoDepartmentIds ?? []);
        unitIds.AddRange(c.ResponsibleOrgUnitIds ?? []);
        var units = await db.OrgUnits.AsNoTracking().Where(u => unitIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, ct);
        if (c.LeadDepartmentId is { } l && (!units.TryGetValue(l, out var lu) || lu.Kind != OrgUnitKind.Department))
            problems.Add("牵头处室必须是市教育局的处室");
        foreach (var id in c.CoDepartmentIds ?? [])
            if (!units.TryGetValue(id, out var u) || u.Kind != OrgUnitKind.Department) problems.Add($"配合处室（编号 {id}）不是处室");
        foreach (var id in c.ResponsibleOrgUnitIds ?? [])
            if (!units.TryGetValue(id, out var u) || u.Kind is not (OrgUnitKind.District or OrgUnitKind.School or OrgUnitKind.Department))
                problems.Add($"责任单位（编号 {id}）必须是区县、学校或处室");
        if (c.LeaderUserId is { } leader && !await db.Users.AnyAsync(u => u.Id == leader && u.Role == Role.Leader && !u.Disabled, ct))
            problems.Add("包保领导必须是角色为“局领导”的用户");
        var start = c.StartDate ?? task.StartDate;
        var due = c.DueDate ?? task.DueDate;
        if (start is { } s && due is { } d && d < s) problems.Add("完成时限不能早于开始日期");
        if (c.Weight is < 0 or > 100) problems.Add("权重应在 0–100 之间");
        foreach (var m in c.Milestones ?? [])
            if (string.IsNullOrWhiteSpace(m.Title) || m.Title.Length > 300) problems.Add("每个节点都要写明内容（不超过 300 字）");
        if (problems.Count > 0) return problems;

        var before = task.Units.Where(u => u.Role == TaskUnitRole.Responsible).Select(u => u.OrgUnitId).Append(task.LeadDepartmentId ?? 0).ToHashSet();
        if (c.Title is not null) task.Title = c.Title.Trim();
        if (c.Text is not null) task.Text = c.Text;
        task.Category = category;
        if (c.ClearLeadDepartment) task.LeadDepartmentId = null;
        if (c.LeadDepartmentId is not null) task.LeadDepartmentId = c.LeadDepartmentId;
        if (c.ClearLeader) task.LeaderUserId = null;
        if (c.LeaderUserId is not null) task.LeaderUserId = c.LeaderUserId;
        if (c.CoDepartmentIds is not null) ReplaceUnits(task, TaskUnitRole.CoDepartment, c.CoDepartmentIds);
        if (c.ResponsibleOrgUnitIds is not null) ReplaceUnits(task, TaskUnitRole.Responsible, c.ResponsibleOrgUnitIds);
        task.StartDate = start;
        task.DueDate = due;
        if (c.Weight is { } w) task.Weight = w;
        if (c.Milestones is not null)
        {
            task.Milestones.Clear();
            foreach (var m in c.Milestones.OrderBy(m => m.Date))
                task.Milestones.Add(new Milestone { Date = m.Date, Title = m.Title.Trim(), Done = m.Done });
        }
        task.Version++;
        if (plan.Status == PlanStatus.Published)
        {
            var added = task.Units.Where(u => u.Role == TaskUnitRole.Responsible).Select(u => u.OrgUnitId).Append(task.LeadDepartmentId ?? 0)
                .Where(id => id != 0 && !before.Contains(id)).ToList();
            await notifier.ToUnitsAsync(added, Notifier.Assigned, $"新任务：{task.Title}", $"/Tasks/{task.Id}", null, ct);
        }
        await db.SaveChangesAsync(ct);
        return problems;
    }

    private static void ReplaceUnits(PlanTask task, TaskUnitRole role, IReadOnlyList<int> ids)
    {
        task.Units.RemoveAll(u => u.Role == role);
        foreach (var id in ids.Distinct())
            task.Units.Add(new TaskUnit { TaskId = task.Id, OrgUnitId = id, Role = role });
    }

    /// <summary>What stops a draft from being published: unfilled XX targets, tasks without a title.</summary>
    public async Task<List<string>> OpenProblemsAsync(Plan plan, CancellationToken ct = default)
    {
        var problems = new List<string>();
        var taskIds = db.Tasks.Where(t => t.PlanId == plan.Id).Select(t => t.Id);
        var placeholders = await db.Targets.Where(g => taskIds.Contains(g.TaskId) && g.Placeholder)
            .Join(db.Tasks, g => g.TaskId, t => t.Id, (g, t) => new { t.Number, t.Title, g.SourceText }).ToListAsync(ct);
        foreach (var p in placeholders)
            problems.Add($"任务“{p.Number}{p.Title}”的目标“{p.SourceText}”仍是占位数（XX），请填写或删除");
        if (!await db.Tasks.AnyAsync(t => t.PlanId == plan.Id, ct)) problems.Add("计划中还没有任务");
        return problems;
    }

    public async Task<List<string>> PublishAsync(Plan plan, CancellationToken ct = default)
    {
        if (plan.Status != PlanStatus.Draft) return ["只有草稿状态的计划可以发布"];
        var problems = await OpenProblemsAsync(plan, ct);
        if (problems.Count > 0) return problems;
        plan.Status = PlanStatus.Published;
        plan.PublishedAt = DateTime.UtcNow;
        plan.Version++;
        var tasks = await db.Tasks.Include(t => t.Units).Where(t => t.PlanId == plan.Id).ToListAsync(ct);
        foreach (var task in tasks)
        {
            var units = task.ResponsibleOrgUnitIds.ToList();
            if (task.LeadDepartmentId is { } lead) units.Add(lead);
            await notifier.ToUnitsAsync(units, Notifier.Assigned, $"新任务：{task.Title}", $"/Tasks/{task.Id}", $"assigned:{task.Id}", ct);
        }
        await db.SaveChangesAsync(ct);
        return [];
    }

    /// <summary>Sets the lead department of many tasks at once.</summary>
    public async Task<List<string>> AssignLeadAsync(IReadOnlyList<PlanTask> tasks, int leadDepartmentId, CancellationToken ct = default)
    {
        if (!await db.OrgUnits.AnyAsync(u => u.Id == leadDepartmentId && u.Kind == OrgUnitKind.Department, ct))
            return ["牵头处室必须是市教育局的处室"];
        foreach (var task in tasks)
        {
            task.LeadDepartmentId = leadDepartmentId;
            task.Version++;
        }
        await db.SaveChangesAsync(ct);
        return [];
    }

    /// <summary>Copies lead department, helpers, responsible units and leader from last year's plan to tasks with the same title.</summary>
    public async Task<int> CopyAssignmentsAsync(Plan from, Plan to, CancellationToken ct = default)
    {
        var source = await db.Tasks.Include(t => t.Units).Where(t => t.PlanId == from.Id).ToListAsync(ct);
        var byTitle = source.GroupBy(t => Normalize(t.Title)).ToDictionary(g => g.Key, g => g.First());
        var targets = await db.Tasks.Include(t => t.Units).Where(t => t.PlanId == to.Id).ToListAsync(ct);
        var copied = 0;
        foreach (var task in targets)
        {
            if (!byTitle.TryGetValue(Normalize(task.Title), out var old)) continue;
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

    private static string Normalize(string title) =>
        new(title.Where(c => !char.IsWhiteSpace(c) && !char.IsPunctuation(c) && !char.IsDigit(c)).ToArray());

    /// <summary>Removes a draft task; its children move up to its parent.</summary>
    public async Task DeleteAsync(PlanTask task, CancellationToken ct = default)
    {
        var children = await db.Tasks.Where(t => t.ParentId == task.Id).ToListAsync(ct);
        foreach (var child in children)
        {
            child.ParentId = task.ParentId;
            child.Level = Math.Max(1, child.Level - 1);
            child.Version++;
        }
        db.Tasks.Remove(task);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Merges a draft task into another: text appended, targets and units moved, the task removed.</summary>
    public async Task MergeAsync(PlanTask task, PlanTask into, CancellationToken ct = default)
    {
        into.Text = string.IsNullOrWhiteSpace(into.Text) ? task.Text : into.Text + "\n" + task.Text;
        foreach (var target in task.Targets.ToList()) target.TaskId = into.Id;
        foreach (var unit in task.Units.Where(u => into.Units.All(x => x.OrgUnitId != u.OrgUnitId || x.Role != u.Role)))
            into.Units.Add(new TaskUnit { TaskId = into.Id, OrgUnitId = unit.OrgUnitId, Role = unit.Role });
        into.Version++;
        await db.SaveChangesAsync(ct);
        task.Targets.Clear();
        await DeleteAsync(task, ct);
    }

    /// <summary>Splits a draft task in two at a point of its text; the second part becomes the next sibling.</summary>
    public async Task<PlanTask?> SplitAsync(PlanTask task, int at, string? newTitle, CancellationToken ct = default)
    {
        if (at <= 0 || at >= task.Text.Length) return null;
        var rest = task.Text[at..].Trim();
        task.Text = task.Text[..at].Trim();
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
        };
        foreach (var u in task.Units) sibling.Units.Add(new TaskUnit { OrgUnitId = u.OrgUnitId, Role = u.Role });
        db.Tasks.Add(sibling);
        await db.SaveChangesAsync(ct);
        return sibling;
    }

    public async Task<List<string>> RequestCompletionAsync(PlanTask task, string? summary, CancellationToken ct = default)
    {
        if (task.Closure != TaskClosure.Open) return ["只有进行中的任务可以申请办结"];
        if (string.IsNullOrWhiteSpace(summary)) return ["请填写办结情况说明"];
        task.Closure = TaskClosure.CompletionRequested;
        task.CompletionSummary = summary.Trim();
        task.CompletionRequestedAt = DateTime.UtcNow;
        task.Version++;
        var overseers = await db.Users.Where(u => (u.Role == Role.Supervisor || u.Role == Role.Leader) && !u.Disabled).Select(u => u.Id).ToListAsync(ct);
        await notifier.ToUsersAsync(overseers, Notifier.CompletionRequested, $"申请办结：{task.Title}", $"/Tasks/{task.Id}", null, ct);
        await db.SaveChangesAsync(ct);
        return [];
    }

    public async Task<List<string>> DecideCompletionAsync(PlanTask task, bool approve, string? reason, int userId, CancellationToken ct = default)
    {
        if (task.Closure != TaskClosure.CompletionRequested) return ["该任务没有待审批的办结申请"];
        if (!approve && string.IsNullOrWhiteSpace(reason)) return ["不同意办结时请说明理由"];
        task.Closure = approve ? TaskClosure.Done : TaskClosure.Open;
        task.ClosedAt = approve ? DateTime.UtcNow : null;
        task.ClosedById = approve ? userId : null;
        if (!approve) task.CompletionSummary = $"{task.CompletionSummary}\n不同意办结：{reason!.Trim()}";
        task.Version++;
        var units = task.LeadDepartmentId is { } lead ? new[] { lead } : [];
        await notifier.ToUnitsAsync(units, approve ? Notifier.CompletionApproved : Notifier.ReportReturned,
            approve ? $"已同意办结：{task.Title}" : $"办结申请未通过：{task.Title}（{reason}）", $"/Tasks/{task.Id}", null, ct);
        await db.SaveChangesAsync(ct);
        return [];
    }

    public async Task<List<string>> ReopenAsync(PlanTask task, string? reason, CancellationToken ct = default)
    {
        if (task.Closure is not (TaskClosure.Done or TaskClosure.Cancelled)) return ["只有已办结或已取消的任务可以重新打开"];
        if (string.IsNullOrWhiteSpace(reason)) return ["重新打开任务时请说明理由"];
        task.Closure = TaskClosure.Open;
        task.ClosedAt = null;
        task.ClosedById = null;
        task.CompletionSummary = $"{task.CompletionSummary}\n重新打开：{reason.Trim()}".Trim();
        task.Version++;
        await db.SaveChangesAsync(ct);
        return [];
    }

    public async Task<List<string>> CancelAsync(PlanTask task, string? reason, CancellationToken ct = default)
    {
        if (task.Closure == TaskClosure.Done) return ["已办结的任务不能取消"];
        if (string.IsNullOrWhiteSpace(reason)) return ["取消任务时请说明理由"];
        task.Closure = TaskClosure.Cancelled;
        task.CompletionSummary = $"取消：{reason.Trim()}";
        task.Version++;
        await db.SaveChangesAsync(ct);
        return [];
    }
}
