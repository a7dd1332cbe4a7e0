using Luoshi.Application.Access;
using Luoshi.Domain.OrgUnits;
using Luoshi.Domain.Problems;
using Luoshi.Domain.Targets;
using Luoshi.Domain.Tasks;
using Microsoft.EntityFrameworkCore;

namespace Luoshi.Application.Targets;

/// <summary>
/// A task's targets: adding one, changing one (filling an XX placeholder, fixing the comparator, value or unit,
/// setting the breakdown per unit) and dropping one that is not a target. Whoever may edit the task may change its
/// targets (<see cref="TaskAction.Edit"/>); a refusal changes nothing.
/// </summary>
public sealed class TargetWorkflow(LuoshiDb db, TaskScope scope)
{
    public const decimal MaxMagnitude = 1_000_000_000_000m;

    /// <summary>The fields of a target to set; null means "leave as it is".</summary>
    public sealed record TargetChange(
        string? Subject = null,
        string? Comparator = null,
        decimal? Value = null,
        decimal? Upper = null,
        string? Unit = null,
        bool? Placeholder = null,
        decimal? Baseline = null,
        DateOnly? DueDate = null,
        IReadOnlyList<Share>? Breakdown = null,
        string? SourceText = null);

    /// <summary>One unit's part of a target as submitted; either field may be missing.</summary>
    public sealed record Share(int? OrgUnitId, decimal? Value);

    /// <summary>A target and its task as the caller sees them.</summary>
    public sealed record Found(Target Target, TaskAccess Task);

    /// <summary>Adds a target to a task; its deadline follows the task's unless the change sets one of its own.</summary>
    public async Task<Outcome<Found>> AddAsync(Caller caller, int taskId, TargetChange change, CancellationToken ct = default)
    {
        if (await scope.FindAsync(caller, taskId, ct) is not { } found) return TaskProblems.NotFound;
        if (!found.Can.CanEdit) return TargetProblems.EditForbidden;
        var target = new Target { TaskId = found.Task.Id };
        var problems = await ApplyAsync(target, change, isNew: true, ct);
        if (problems.Count > 0) return problems;
        db.Targets.Add(target);
        await db.SaveChangesAsync(ct);
        return new Found(target, found);
    }

    /// <summary>
    /// Each unit's latest accepted figure for each of the task's targets (by target id), from the reports the caller may
    /// read: what the task page and the task's API answer show beside the actual value.
    /// </summary>
    public static Dictionary<int, List<UnitFigure>> FiguresOf(PlanTask task, IEnumerable<Domain.Reports.ProgressReport> readable)
    {
        var reports = readable.ToList();
        return task.Targets.ToDictionary(g => g.Id, g => TargetActuals.Latest(g, reports));
    }

    /// <summary>A target if the caller may see its task; null otherwise.</summary>
    public async Task<Found?> FindAsync(Caller caller, int targetId, CancellationToken ct = default)
    {
        var taskId = await db.Targets.Where(t => t.Id == targetId).Select(t => (int?)t.TaskId).FirstOrDefaultAsync(ct);
        if (taskId is null || await scope.FindAsync(caller, taskId.Value, ct) is not { } found) return null;
        return new Found(found.Task.Targets.First(t => t.Id == targetId), found);
    }

    /// <summary>Changes a target read at <paramref name="readVersion"/> (If-Match, or the form's) and bumps its version.</summary>
    public async Task<Outcome<Found>> ChangeAsync(Caller caller, int targetId, ReadVersion readVersion, TargetChange change,
        CancellationToken ct = default)
    {
        if (await FindAsync(caller, targetId, ct) is not { } found) return TargetProblems.NotFound;
        if (!found.Task.Can.CanEdit) return TargetProblems.EditForbidden;
        if (readVersion.Check(found.Target.Version, TargetProblems.Stale) is { } stale) return stale;
        var problems = await ApplyAsync(found.Target, change, isNew: false, ct);
        if (problems.Count > 0) return problems;
        found.Target.Version++;
        return await db.SaveOrStaleAsync(TargetProblems.Stale, ct) is { } lost ? lost : found;
    }

    /// <summary>
    /// Links a target to an indicator (its actual, attainment and colour then follow the data, <see cref="LinkedTargets"/>) or,
    /// with a null indicator, unlinks it: its actual is then again what the accepted reports make of it. A baseline, when
    /// given, is where the expected path starts. The city's overseers (督查、管理员) and whoever runs the plan (uploaded or
    /// published it) may do this.
    /// </summary>
    public async Task<Outcome<Found>> LinkAsync(Caller caller, int targetId, int? indicatorId, decimal? baseline, CancellationToken ct = default)
    {
        if (await FindAsync(caller, targetId, ct) is not { } found) return TargetProblems.NotFound;
        if (!MayLink(caller, found.Task.Plan)) return TargetProblems.LinkForbidden;
        if (indicatorId is { } id && !await db.Indicators.AnyAsync(i => i.Id == id, ct)) return TargetProblems.IndicatorUnknown.With(id);
        if (baseline is { } b && Math.Abs(b) > MaxMagnitude) return TargetProblems.OutOfRange;
        var target = found.Target;
        var wasLinked = target.IndicatorId is not null;
        target.IndicatorId = indicatorId;
        if (baseline is not null) target.Baseline = baseline;
        if (indicatorId is null && wasLinked)
        {
            var accepted = await db.Reports.AsNoTracking().Include(r => r.Values)
                .Where(r => r.TaskId == target.TaskId && r.Status == Domain.Reports.ReportStatus.Accepted).ToListAsync(ct);
            target.Actual = TargetActuals.Of(target, accepted).Value ?? target.Actual;
        }
        target.Version++;
        return await db.SaveOrStaleAsync(TargetProblems.Stale, ct) is { } lost ? lost : found;
    }

    /// <summary>Who may link a plan's targets to indicators: the city's overseers (督查、管理员) and whoever runs the plan.</summary>
    public static bool MayLink(Caller caller, Domain.Plans.Plan plan) => caller.RunsLedger || plan.IsRunBy(caller.UserId);

    /// <summary>Drops a target (a figure of the plan that is not a target, or one no longer wanted).</summary>
    public async Task<Outcome<Found>> DropAsync(Caller caller, int targetId, ReadVersion readVersion, CancellationToken ct = default)
    {
        if (await FindAsync(caller, targetId, ct) is not { } found) return TargetProblems.NotFound;
        if (!found.Task.Can.CanEdit) return TargetProblems.EditForbidden;
        if (readVersion.Check(found.Target.Version, TargetProblems.Stale) is { } stale) return stale;
        db.Targets.Remove(found.Target);
        await db.SaveChangesAsync(ct);
        return found;
    }

    /// <summary>Checks and applies a target's fields; a filled value clears the placeholder; shares must add up to the value.</summary>
    private async Task<List<Problem>> ApplyAsync(Target target, TargetChange r, bool isNew, CancellationToken ct)
    {
        var problems = new List<Problem>();
        var comparator = target.Comparator;
        if (r.Comparator is not null && !Comparators.TryParse(r.Comparator, out comparator)) problems.Add(TargetProblems.ComparatorInvalid);
        if (isNew && string.IsNullOrWhiteSpace(r.Subject)) problems.Add(TargetProblems.SubjectMissing);
        if (r.Subject is { Length: > Target.MaxSubjectLength }) problems.Add(TargetProblems.SubjectTooLong.With(Target.MaxSubjectLength));
        if (r.Unit is { Length: > Target.MaxUnitLength }) problems.Add(TargetProblems.UnitTooLong.With(Target.MaxUnitLength));
        var value = r.Value ?? target.Value;
        var upper = r.Upper ?? target.Upper;
        if (comparator == Comparator.Range && (value is null || upper is null || upper < value)) problems.Add(TargetProblems.RangeInvalid);
        if (isNew && value is null && r.Placeholder != true) problems.Add(TargetProblems.ValueMissing);
        foreach (var v in new[] { r.Value, r.Upper, r.Baseline })
            if (v is { } x && Math.Abs(x) > MaxMagnitude) problems.Add(TargetProblems.OutOfRange);
        List<TargetShare>? shares = null;
        if (r.Breakdown is not null)
        {
            if (r.Breakdown.Any(s => s.OrgUnitId is null || s.Value is null or < 0)) problems.Add(TargetProblems.ShareIncomplete);
            else
            {
                var ids = r.Breakdown.Select(s => s.OrgUnitId!.Value).ToList();
                if (ids.Distinct().Count() != ids.Count) problems.Add(TargetProblems.ShareTwice);
                var known = await db.OrgUnits.Where(u => ids.Contains(u.Id) && (u.Kind == OrgUnitKind.District || u.Kind == OrgUnitKind.School
                    || u.Kind == OrgUnitKind.Department)).CountAsync(ct);
                if (known != ids.Distinct().Count()) problems.Add(TargetProblems.ShareUnitKind);
                var unit = r.Unit ?? target.Unit;
                var isShare = Target.IsShareUnit(unit);
                var sum = r.Breakdown.Sum(s => s.Value!.Value);
                if (!isShare && value is { } total && ids.Count > 0 && sum != total)
                    problems.Add(TargetProblems.SharesDisagree.With(sum, total));
                shares = r.Breakdown.Select(s => new TargetShare { OrgUnitId = s.OrgUnitId!.Value, Value = s.Value!.Value }).ToList();
            }
        }
        if (problems.Count > 0) return problems;

        if (r.Subject is not null) target.Subject = r.Subject.Trim();
        target.Comparator = comparator;
        target.Value = value;
        target.Upper = upper;
        if (r.Unit is not null) target.Unit = r.Unit.Trim();
        if (r.Baseline is not null) target.Baseline = r.Baseline;
        if (r.DueDate is not null) target.DueDate = r.DueDate;
        if (r.SourceText is not null)
            target.SourceText = r.SourceText.Length > Target.MaxSourceTextLength ? r.SourceText[..Target.MaxSourceTextLength] : r.SourceText;
        // Filling in a value is what resolves an XX placeholder.
        target.Placeholder = r.Placeholder ?? (r.Value is null && target.Placeholder);
        if (shares is not null)
        {
            target.Breakdown.Clear();
            target.Breakdown.AddRange(shares);
        }
        return problems;
    }
}
