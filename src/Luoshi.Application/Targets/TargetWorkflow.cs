using Luoshi.Application.Access;
using Luoshi.Domain.OrgUnits;
using Luoshi.Domain.Targets;
using Luoshi.Domain.Tasks;
using Microsoft.EntityFrameworkCore;

namespace Luoshi.Application.Targets;

/// <summary>
/// A task's targets: adding one, changing one (filling an XX placeholder, fixing the comparator, value or unit,
/// setting the breakdown per unit) and dropping one that is not a target. Problems come back in Chinese; nothing
/// is saved when there is one. Access is the caller's business (<see cref="TaskScope.MayEdit"/>).
/// </summary>
public sealed class TargetWorkflow(LuoshiDb db)
{
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

    public async Task<(Target? Target, List<string> Problems)> AddAsync(PlanTask task, TargetChange change, CancellationToken ct = default)
    {
        var target = new Target { TaskId = task.Id, DueDate = task.DueDate };
        var problems = await ApplyAsync(target, change, isNew: true, ct);
        if (problems.Count > 0) return (null, problems);
        db.Targets.Add(target);
        await db.SaveChangesAsync(ct);
        return (target, problems);
    }

    /// <summary>Changes a target and bumps its version; a concurrent change surfaces as <see cref="DbUpdateConcurrencyException"/>.</summary>
    public async Task<List<string>> ChangeAsync(Target target, TargetChange change, CancellationToken ct = default)
    {
        var problems = await ApplyAsync(target, change, isNew: false, ct);
        if (problems.Count > 0) return problems;
        target.Version++;
        await db.SaveChangesAsync(ct);
        return problems;
    }

    /// <summary>Drops a target (a figure of the plan that is not a target, or one no longer wanted).</summary>
    public async Task DropAsync(Target target, CancellationToken ct = default)
    {
        db.Targets.Remove(target);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Checks and applies a target's fields; a filled value clears the placeholder; shares must add up to the value.</summary>
    private async Task<List<string>> ApplyAsync(Target target, TargetChange r, bool isNew, CancellationToken ct)
    {
        var problems = new List<string>();
        var comparator = target.Comparator;
        if (r.Comparator is not null && !Comparators.TryParse(r.Comparator, out comparator)) problems.Add("比较方式应为 =、>=、<= 或 range");
        if (isNew && string.IsNullOrWhiteSpace(r.Subject)) problems.Add("请写明目标的对象（如“党建示范校”）");
        if (r.Subject is { Length: > 200 }) problems.Add("目标对象不能超过 200 个字符");
        if (r.Unit is { Length: > 40 }) problems.Add("单位不能超过 40 个字符");
        var value = r.Value ?? target.Value;
        var upper = r.Upper ?? target.Upper;
        if (comparator == Comparator.Range && (value is null || upper is null || upper < value)) problems.Add("区间目标需要下限和不小于下限的上限");
        if (isNew && value is null && r.Placeholder != true) problems.Add("请填写目标值");
        foreach (var v in new[] { r.Value, r.Upper, r.Baseline })
            if (v is { } x && Math.Abs(x) > 1_000_000_000_000m) problems.Add("数值超出范围");
        List<TargetShare>? shares = null;
        if (r.Breakdown is not null)
        {
            if (r.Breakdown.Any(s => s.OrgUnitId is null || s.Value is null or < 0)) problems.Add("分解到单位的每一项都要有单位和不小于 0 的数值");
            else
            {
                var ids = r.Breakdown.Select(s => s.OrgUnitId!.Value).ToList();
                if (ids.Distinct().Count() != ids.Count) problems.Add("同一单位只能分解一次");
                var known = await db.OrgUnits.Where(u => ids.Contains(u.Id) && (u.Kind == OrgUnitKind.District || u.Kind == OrgUnitKind.School || u.Kind == OrgUnitKind.Department)).CountAsync(ct);
                if (known != ids.Distinct().Count()) problems.Add("分解的单位必须是区县、学校或处室");
                var unit = r.Unit ?? target.Unit;
                var isShare = Target.IsShareUnit(unit);
                var sum = r.Breakdown.Sum(s => s.Value!.Value);
                if (!isShare && value is { } total && ids.Count > 0 && sum != total)
                    problems.Add($"各单位分解数之和（{sum:0.##}）与目标值（{total:0.##}）不一致");
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
        if (r.SourceText is not null) target.SourceText = r.SourceText.Length > 1000 ? r.SourceText[..1000] : r.SourceText;
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
