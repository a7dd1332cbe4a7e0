using Luoshi.Application.Access;
using Luoshi.Application.Notifications;
using Luoshi.Domain.Plans;
using Luoshi.Domain.Problems;
using Luoshi.Domain.Tasks;
using Luoshi.Domain.Time;
using Microsoft.EntityFrameworkCore;

namespace Luoshi.Application.Plans;

/// <summary>The use cases on a whole plan: what still stops it from being published, publishing it, adding a task to it.</summary>
public sealed class PlanWorkflow(LuoshiDb db, TaskScope scope, Notifier notifier, ChinaClock clock)
{
    /// <summary>A new task as a form or request gives it.</summary>
    public sealed record NewTask(string? Title, string? Text, int? ParentId);

    /// <summary>A published plan, how many units were told of their tasks, and how many tasks nobody has been given yet.</summary>
    public sealed record Published(Plan Plan, int UnitsTold, int TasksUnassigned);

    /// <summary>Another plan that looks like the same one: made from the same document text, or of the same title and year.</summary>
    public sealed record Twin(int Id, string Title, int Year, PlanStatus Status, bool SameDocument);

    /// <summary>
    /// The other plans the caller may see that this one repeats: a document uploaded again is warned of (not refused:
    /// a bureau may mean to start over), on the review page and in the answer to the upload.
    /// </summary>
    public async Task<List<Twin>> TwinsAsync(Caller caller, Plan plan, CancellationToken ct = default)
    {
        var (text, length, title, year) = (plan.SourceText, plan.SourceText.Length, plan.Title, plan.Year);
        return await scope.VisiblePlans(caller).AsNoTracking()
            .Where(p => p.Id != plan.Id && ((length > 0 && p.SourceText.Length == length && p.SourceText == text) || (p.Title == title && p.Year == year)))
            .OrderByDescending(p => p.Id).Take(5)
            .Select(p => new Twin(p.Id, p.Title, p.Year, p.Status, length > 0 && p.SourceText.Length == length && p.SourceText == text)).ToListAsync(ct);
    }

    /// <summary>The plan if the caller may see it; tracked, so a use case may change it.</summary>
    public Task<Plan?> FindAsync(Caller caller, int planId, CancellationToken ct = default) =>
        scope.VisiblePlans(caller).FirstOrDefaultAsync(p => p.Id == planId, ct);

    /// <summary>What stops a draft from being published: unfilled XX targets, no tasks at all.</summary>
    public async Task<List<Problem>> OpenProblemsAsync(Plan plan, CancellationToken ct = default)
    {
        var problems = new List<Problem>();
        var taskIds = db.Tasks.Where(t => t.PlanId == plan.Id).Select(t => t.Id);
        var placeholders = await db.Targets.Where(g => taskIds.Contains(g.TaskId) && g.Placeholder)
            .Join(db.Tasks, g => g.TaskId, t => t.Id, (g, t) => new { t.Number, t.Title, g.SourceText }).ToListAsync(ct);
        foreach (var p in placeholders)
            problems.Add(PlanProblems.PlaceholderLeft.With(p.Number, p.Title, p.SourceText));
        if (!await db.Tasks.AnyAsync(t => t.PlanId == plan.Id, ct)) problems.Add(PlanProblems.NoTasks);
        return problems;
    }

    /// <summary>The draft becomes the published ledger, and every lead department and responsible unit is told of its tasks.</summary>
    public async Task<Outcome<Published>> PublishAsync(Caller caller, int planId, CancellationToken ct = default)
    {
        if (await FindAsync(caller, planId, ct) is not { } plan) return PlanProblems.NotFound;
        if (!caller.DraftsPlans) return PlanProblems.DraftForbidden;
        if (plan.WhyNotPublish() is { } state) return state;
        var problems = await OpenProblemsAsync(plan, ct);
        if (problems.Count > 0) return problems;
        if (plan.Publish(clock.UtcNow, caller.UserId) is { } refused) return refused;
        var tasks = await db.Tasks.Include(t => t.Units).Where(t => t.PlanId == plan.Id).ToListAsync(ct);
        var told = new HashSet<int>();
        var unassigned = 0;
        foreach (var task in tasks.Where(t => !t.IsGroup))
        {
            var units = task.ResponsibleOrgUnitIds.ToList();
            if (task.LeadDepartmentId is { } lead) units.Add(lead);
            if (units.Count == 0) unassigned++;
            // The helping departments (配合处室) are told too: they see the task and may report on it.
            var helpers = task.CoDepartmentIds.Except(units).ToList();
            told.UnionWith(units);
            told.UnionWith(helpers);
            await notifier.ToUnitsAsync(units, Notifier.Assigned, $"新任务：{task.Title}", $"/Tasks/{task.Id}", $"assigned:{task.Id}", ct);
            await notifier.ToUnitsAsync(helpers, Notifier.Assigned, $"新任务（配合）：{task.Title}", $"/Tasks/{task.Id}", $"assigned:{task.Id}", ct);
        }
        await db.SaveChangesAsync(ct);
        return new Published(plan, told.Count, unassigned);
    }

    /// <summary>
    /// Corrects a draft's title and year (<paramref name="readVersion"/> is the version the caller read). A new year reads
    /// the deadlines of the plan's text again in it (<see cref="PlanDeadlines"/>): 年底前 of a plan read as 2019's becomes
    /// 31 December of the year the plan is meant for; deadlines set by hand stay.
    /// </summary>
    public async Task<Outcome<Plan>> ChangeDraftAsync(Caller caller, int planId, ReadVersion readVersion, string? title, int? year,
        CancellationToken ct = default)
    {
        if (await FindAsync(caller, planId, ct) is not { } plan) return PlanProblems.NotFound;
        if (!caller.DraftsPlans) return PlanProblems.DraftForbidden;
        if (readVersion.Check(plan.Version, PlanProblems.Stale) is { } stale) return stale;
        var oldYear = plan.Year;
        var problems = plan.Change(title, year);
        if (problems.Count > 0) return problems;
        if (plan.Year != oldYear)
            PlanDeadlines.ReadAgain(plan, oldYear, await db.Tasks.Where(t => t.PlanId == planId).ToListAsync(ct));
        return await db.SaveOrStaleAsync(PlanProblems.Stale, ct) is { } lost ? lost : plan;
    }

    /// <summary>
    /// Deletes a draft (a document uploaded twice, or by mistake) with all its items and targets; each removed plan and item
    /// is in the audit trail. A published plan is never deleted.
    /// </summary>
    public async Task<Outcome<Plan>> DeleteDraftAsync(Caller caller, int planId, CancellationToken ct = default)
    {
        if (await FindAsync(caller, planId, ct) is not { } plan) return PlanProblems.NotFound;
        if (!caller.DraftsPlans) return PlanProblems.DraftForbidden;
        if (plan.Status != PlanStatus.Draft) return PlanProblems.OnlyDraftDeleted;
        // Items are removed deepest first, so no item outlives its parent within the one save.
        var tasks = await db.Tasks.Where(t => t.PlanId == planId).ToListAsync(ct);
        db.Tasks.RemoveRange(tasks.OrderByDescending(t => t.Level));
        db.Plans.Remove(plan);
        await db.SaveChangesAsync(ct);
        return plan;
    }

    /// <summary>Adds a task at the end of the plan, under a parent of the same plan if given, inheriting its lead and deadline.</summary>
    public async Task<Outcome<PlanTask>> AddTaskAsync(Caller caller, int planId, NewTask request, CancellationToken ct = default)
    {
        if (await FindAsync(caller, planId, ct) is not { } plan) return PlanProblems.NotFound;
        if (TaskPermissions.WhyNotAddTask(caller, plan) is { } no) return no;
        if (PlanTask.CheckTitle(request.Title) is { } title) return title;
        if (request.Text is { Length: > PlanTask.MaxTextLength }) return TaskProblems.TextTooLong.With(PlanTask.MaxTextLength);
        PlanTask? parent = null;
        if (request.ParentId is { } pid && (parent = await db.Tasks.FirstOrDefaultAsync(t => t.Id == pid && t.PlanId == planId, ct)) is null)
            return TaskProblems.ParentNotInPlan;
        var last = await db.Tasks.Where(t => t.PlanId == planId).MaxAsync(t => (int?)t.Ordinal, ct) ?? 0;
        var task = new PlanTask
        {
            PlanId = planId,
            ParentId = parent?.Id,
            Level = (parent?.Level ?? 0) + 1,
            Ordinal = last + 1,
            Title = request.Title!.Trim(),
            Text = request.Text ?? "",
            Category = TaskCategories.Suggest(request.Title, request.Text),
            LeadDepartmentId = parent?.LeadDepartmentId,
            StartDate = new DateOnly(plan.Year, 1, 1),
            DueDate = parent?.DueDate ?? new DateOnly(plan.Year, 12, 31),
        };
        db.Tasks.Add(task);
        if (parent is { IsGroup: false })
        {
            // An item added under another makes that one a heading of the outline: a group.
            parent.IsGroup = true;
            parent.Version++;
        }
        await db.SaveChangesAsync(ct);
        return task;
    }
}
