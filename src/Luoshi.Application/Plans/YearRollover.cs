using Luoshi.Application.Access;
using Luoshi.Domain.Plans;
using Luoshi.Domain.Targets;
using Luoshi.Domain.Tasks;
using Microsoft.EntityFrameworkCore;

namespace Luoshi.Application.Plans;

/// <summary>
/// Next year's plan takes over what last year's left unfinished (结转): every open task of an earlier plan, with its
/// units, leader and targets, goes into a draft under one heading; each target starts from last year's actual as its
/// baseline. A task already carried (the same title) is not carried twice.
/// </summary>
public sealed class YearRollover(LuoshiDb db, TaskScope scope)
{
    /// <summary>The heading the carried tasks go under.</summary>
    public const string Heading = "上年度未完成任务（结转）";

    public async Task<Outcome<int>> CarryOverAsync(Caller caller, int toPlanId, int? fromPlanId, CancellationToken ct = default)
    {
        var plans = scope.VisiblePlans(caller);
        var to = await plans.FirstOrDefaultAsync(p => p.Id == toPlanId, ct);
        var from = fromPlanId is { } f ? await plans.AsNoTracking().FirstOrDefaultAsync(p => p.Id == f, ct) : null;
        if (to is null) return PlanProblems.NotFound;
        if (!caller.DraftsPlans) return PlanProblems.DraftForbidden;
        if (to.Status != PlanStatus.Draft) return PlanProblems.CarryIntoDraft;
        if (from is null) return PlanProblems.CopySourceMissing;
        if (from.Year >= to.Year) return PlanProblems.CarryFromEarlier.With(to.Year);

        var old = await db.Tasks.AsNoTracking().Include(t => t.Units).Include(t => t.Targets).Where(t => t.PlanId == from.Id)
            .OrderBy(t => t.Ordinal).ToListAsync(ct);
        // A district's parts for its schools are not carried: the district breaks the new year's task down again.
        var parents = old.Where(t => !t.IsBreakdown).Select(t => t.ParentId).OfType<int>().ToHashSet();
        var existing = (await db.Tasks.Where(t => t.PlanId == to.Id).Select(t => t.Title).ToListAsync(ct)).Select(PlanTask.TitleKey).ToHashSet();
        var open = old.Where(t => !parents.Contains(t.Id) && !t.IsBreakdown && t.Closure is TaskClosure.Open or TaskClosure.CompletionRequested
            && !existing.Contains(PlanTask.TitleKey(t.Title))).ToList();
        if (open.Count == 0) return 0;

        var ordinal = await db.Tasks.Where(t => t.PlanId == to.Id).MaxAsync(t => (int?)t.Ordinal, ct) ?? 0;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var heading = await db.Tasks.FirstOrDefaultAsync(t => t.PlanId == to.Id && t.ParentId == null && t.Title == Heading, ct);
        if (heading is null)
        {
            heading = new PlanTask
            {
                PlanId = to.Id, Level = 1, Ordinal = ++ordinal, Title = Heading, Category = TaskCategory.Other, IsGroup = true,
                Text = $"{from.Year}年“{from.Title}”中到{to.Year}年尚未办结的任务。",
            };
            db.Tasks.Add(heading);
            await db.SaveChangesAsync(ct); // saved first, so the carried tasks can point at it
        }
        var yearEnd = new DateOnly(to.Year, 12, 31);
        foreach (var task in open)
        {
            db.Tasks.Add(new PlanTask
            {
                PlanId = to.Id,
                ParentId = heading.Id,
                Level = 2,
                Ordinal = ++ordinal,
                Title = task.Title,
                Text = task.Text,
                Category = task.Category,
                LeadDepartmentId = task.LeadDepartmentId,
                LeaderUserId = task.LeaderUserId,
                StartDate = new DateOnly(to.Year, 1, 1),
                DueDate = task.DueDate is { } due && due > yearEnd ? due : yearEnd,
                Weight = task.Weight,
                Units = [.. task.Units.Select(u => new TaskUnit { OrgUnitId = u.OrgUnitId, Role = u.Role })],
                Targets = [.. task.Targets.Where(g => !g.Placeholder).Select(g => new Target
                {
                    Subject = g.Subject, Comparator = g.Comparator, Value = g.Value, Upper = g.Upper, Unit = g.Unit, SourceText = g.SourceText,
                    Baseline = g.Actual ?? g.Baseline, IndicatorId = g.IndicatorId,
                })],
            });
        }
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return open.Count;
    }
}
