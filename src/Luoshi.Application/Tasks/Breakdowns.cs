using Luoshi.Application.Access;
using Luoshi.Application.Notifications;
using Luoshi.Application.Targets;
using Luoshi.Domain.OrgUnits;
using Luoshi.Domain.Problems;
using Luoshi.Domain.Reports;
using Luoshi.Domain.Targets;
using Luoshi.Domain.Tasks;
using Luoshi.Domain.Time;
using Microsoft.EntityFrameworkCore;

namespace Luoshi.Application.Tasks;

/// <summary>
/// Work goes down to schools (清单式：市级抓骨干、县级抓全员、校级抓落实). A district responsible for a task breaks it down to
/// its own schools: a child task (<see cref="PlanTask.IsBreakdown"/>) for one or several schools, the whole task or parts of
/// its targets that add up to the district's own share. The schools report on the child, the district reviews those
/// reports (it is the child's <see cref="TaskUnitRole.Overseer"/>), and its own report on the task shows what its schools
/// reached. A district never reaches another district's schools.
/// </summary>
public sealed class Breakdowns(LuoshiDb db, TaskScope scope, Notifier notifier, ChinaClock clock, TaskStates states)
{
    /// <summary>A school's part of one of the task's targets; either field may be missing (a problem, not a crash).</summary>
    public sealed record TargetPart(int? TargetId, decimal? Value);

    /// <summary>What a district gives its schools: the title (the task's when empty), the schools, a deadline and target parts.</summary>
    public sealed record Request(string? Title, IReadOnlyList<int>? ResponsibleOrgUnitIds, DateOnly? DueDate, IReadOnlyList<TargetPart>? Targets,
        string? Text = null);

    /// <summary>A part of the task given to schools, with who gave it and how it stands.</summary>
    public sealed record Part(PlanTask Child, TaskState State)
    {
        public int? Overseer => Child.OverseerOrgUnitId;
    }

    /// <summary>
    /// The task's breakdown as the caller sees it: the parts given to schools and, for a district that gave them, what its
    /// schools reached per target (by target id) — the figures its own report on the task is made of.
    /// </summary>
    public sealed record View(IReadOnlyList<Part> Parts, IReadOnlyDictionary<int, TargetActual> FromSchools);

    /// <summary>Breaks the task down to the caller's schools; the schools are told. Checked whole: a refusal changes nothing.</summary>
    public async Task<Outcome<PlanTask>> BreakDownAsync(Caller caller, int taskId, Request request, CancellationToken ct = default)
    {
        if (await scope.FindAsync(caller, taskId, ct) is not { } found) return TaskProblems.NotFound;
        if (found.Can.WhyNot(TaskAction.BreakDown) is { } no) return no;
        var task = found.Task;
        var schoolIds = (request.ResponsibleOrgUnitIds ?? []).Distinct().ToList();
        if (schoolIds.Count == 0) return TaskProblems.BreakdownUnitsEmpty;
        var schools = await db.OrgUnits.AsNoTracking().Where(u => schoolIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, ct);
        foreach (var id in schoolIds)
        {
            // Another district's school, or no school at all, is out of the caller's reach: refused as such, not as a typo.
            if (!schools.TryGetValue(id, out var school) || school.ParentId != caller.OrgUnitId || school.Kind != OrgUnitKind.School)
                return TaskProblems.BreakdownOtherUnit.With(school?.Name ?? $"#{id}");
        }

        var problems = new List<Problem>();
        var title = string.IsNullOrWhiteSpace(request.Title) ? task.Title : request.Title.Trim();
        if (PlanTask.CheckTitle(title) is { } badTitle) problems.Add(badTitle);
        if (request.Text is { Length: > PlanTask.MaxTextLength }) problems.Add(TaskProblems.TextTooLong.With(PlanTask.MaxTextLength));
        if (request.DueDate is { } due && task.DueDate is { } taskDue && due > taskDue)
            problems.Add(TaskProblems.BreakdownAfterDue.With($"{taskDue.Year}年{taskDue.Month}月{taskDue.Day}日"));
        var parts = request.Targets ?? [];
        if (parts.Select(p => p.TargetId).Distinct().Count() != parts.Count) problems.Add(TaskProblems.BreakdownTargetTwice);
        var given = await GivenAsync(task.Id, caller.OrgUnitId, ct);
        foreach (var part in parts)
        {
            if (task.Targets.FirstOrDefault(g => g.Id == part.TargetId) is not { } target)
            {
                problems.Add(TaskProblems.BreakdownTargetNotOfTask.With(part.TargetId));
                continue;
            }
            if (part.Value is not { } value || value < 0 || value > TargetWorkflow.MaxMagnitude)
            {
                problems.Add(TaskProblems.BreakdownShareInvalid.With(target.Subject));
                continue;
            }
            var total = given.GetValueOrDefault(target.Id) + value;
            if (!target.IsShare && ShareOf(target, task, caller.OrgUnitId) is { } share && total > share)
                problems.Add(TaskProblems.BreakdownExceedsShare.With(target.Subject, Target.Figure(total), Target.Figure(share)));
        }
        if (problems.Count > 0) return problems;

        var child = task.PartFor(schoolIds, caller.OrgUnitId,
            parts.Select(p => (task.Targets.First(g => g.Id == p.TargetId), p.Value!.Value)), title, request.Text?.Trim() ?? "",
            clock.Today < task.StartDate ? task.StartDate : clock.Today, request.DueDate ?? task.DueDate, request.DueDate is not null);

        // Saved first so the schools' notice can link to the new task; the notice is stored in the same transaction.
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        db.Tasks.Add(child);
        await db.SaveChangesAsync(ct);
        var district = await db.OrgUnits.AsNoTracking().Where(u => u.Id == caller.OrgUnitId).Select(u => u.Name).FirstAsync(ct);
        await notifier.ToUnitsAsync(schoolIds, Notifier.Assigned, $"新任务（{district}分解）：{child.Title}", $"/Tasks/{child.Id}", null, ct);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return child;
    }

    /// <summary>
    /// The district's own share of a count target: its part of the city's breakdown if there is one, else the whole value
    /// when it is the task's only responsible unit; null (no limit) when the city has not said.
    /// </summary>
    public static decimal? ShareOf(Target target, PlanTask task, int orgUnitId) =>
        target.Breakdown.FirstOrDefault(s => s.OrgUnitId == orgUnitId)?.Value
        ?? (target.Breakdown.Count == 0 && task.ResponsibleOrgUnitIds.SequenceEqual(new[] { orgUnitId }) ? target.Value : null);

    /// <summary>What the district has already given its schools of each of the task's targets (by the task's target id).</summary>
    private async Task<Dictionary<int, decimal>> GivenAsync(int taskId, int districtId, CancellationToken ct)
    {
        var parts = await db.Tasks.AsNoTracking().Where(t => t.ParentId == taskId && t.IsBreakdown && t.Closure != TaskClosure.Cancelled
                && t.Units.Any(u => u.Role == TaskUnitRole.Overseer && u.OrgUnitId == districtId))
            .SelectMany(t => t.Targets).Where(g => g.ParentTargetId != null && g.Value != null)
            .Select(g => new { Parent = g.ParentTargetId!.Value, Value = g.Value!.Value }).ToListAsync(ct);
        return parts.GroupBy(p => p.Parent).ToDictionary(g => g.Key, g => g.Sum(p => p.Value));
    }

    /// <summary>
    /// The parts of the task given to schools that the caller may know of (all of them for those who see the task from the
    /// city, a district's own for a district), and for a district what its schools reached per target, combined by the
    /// target's rule (<see cref="TargetActuals"/>): counts add, shares as one ratio.
    /// </summary>
    public async Task<View> OfAsync(Caller caller, PlanTask task, CancellationToken ct = default)
    {
        if (task.IsGroup || task.IsBreakdown) return new View([], new Dictionary<int, TargetActual>());
        var query = db.Tasks.AsNoTracking().Include(t => t.Units).Include(t => t.Milestones).Include(t => t.Targets)
            .Where(t => t.ParentId == task.Id && t.IsBreakdown);
        var district = caller.Role == Domain.People.Role.District;
        if (district) query = query.Where(t => t.Units.Any(u => u.Role == TaskUnitRole.Overseer && u.OrgUnitId == caller.OrgUnitId));
        else if (caller.Role == Domain.People.Role.School) return new View([], new Dictionary<int, TargetActual>());
        var children = await query.AsSplitQuery().OrderBy(t => t.Id).ToListAsync(ct);
        var childStates = await states.OfAsync(children, ct);
        var parts = children.Select(c => new Part(c, childStates[c.Id])).ToList();
        if (!district || children.Count == 0) return new View(parts, new Dictionary<int, TargetActual>());

        var ids = children.Select(c => c.Id).ToList();
        var accepted = await db.Reports.AsNoTracking().Include(r => r.Values)
            .Where(r => ids.Contains(r.TaskId) && r.Status == ReportStatus.Accepted).ToListAsync(ct);
        var byTask = accepted.ToLookup(r => r.TaskId);
        var fromSchools = new Dictionary<int, TargetActual>();
        foreach (var target in task.Targets)
        {
            var figures = children.SelectMany(c => c.Targets.Where(g => g.ParentTargetId == target.Id)
                .SelectMany(g => TargetActuals.Latest(g, byTask[c.Id]))).ToList();
            if (figures.Count > 0) fromSchools[target.Id] = TargetActuals.Combine(target, figures);
        }
        return new View(parts, fromSchools);
    }
}
