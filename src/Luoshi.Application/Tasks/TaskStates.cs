using Luoshi.Domain.Tasks;
using Luoshi.Domain.Time;
using Microsoft.EntityFrameworkCore;

namespace Luoshi.Application.Tasks;

/// <summary>
/// Settings of the ledger's rules: the warning window in days, how far behind its path a task may fall before it is yellow,
/// and how far a target linked to an indicator may lag its expected path, in percent of the path's span, before it is yellow
/// and red (<see cref="Domain.Indicators.PathTolerance"/>).
/// </summary>
public sealed record LedgerSettings(int WarningDays = 14, int LagPoints = WorkStatusRules.DefaultLagPoints,
    decimal DataTolerancePercent = Domain.Indicators.PathTolerance.DefaultYellowPercent,
    decimal DataFarBehindPercent = Domain.Indicators.PathTolerance.DefaultRedPercent);

/// <summary>
/// A task as the ledger shows it: its status, progress, where it should be by now and, when yellow, why. A group shows the
/// roll-up of its tasks (<see cref="TaskRollup"/>) in place of a status of its own. <see cref="Data"/> holds what the data
/// says of its targets linked to indicators (by target id); <see cref="Light"/> is its colour, the status's or, when a
/// linked target is far behind its path, red.
/// </summary>
public sealed record TaskState(WorkStatus Status, int Progress, int Expected, Lag? Behind, bool IsGroup)
{
    public IReadOnlyDictionary<int, Targets.TargetReading> Data { get; init; } = new Dictionary<int, Targets.TargetReading>();

    public string Light { get; init; } = Status.Light();

    /// <summary>Whether the data (a linked target behind its path) set the status and colour, not the self-reported progress.</summary>
    public bool ColouredByData { get; init; }

    /// <summary>The colour in words (红灯, 黄灯, 绿灯, 蓝灯, 灰灯), for exports that cannot show it.</summary>
    public string LightName => Light switch
    {
        "red" => "红灯",
        "yellow" => "黄灯",
        "green" => "绿灯",
        "grey" => "灰灯",
        _ => "蓝灯",
    };

    /// <summary>The status as a ledger export writes it: the status, and when the data set it, the colour and that it comes from the data.</summary>
    public string Label => ColouredByData ? $"{Status.ToChinese()}（{LightName}，据指标数据）" : Status.ToChinese();
}

/// <summary>Computes <see cref="TaskState"/>s today in China, with the ledger's settings: the one place pages and endpoints get them.</summary>
public sealed class TaskStates(LuoshiDb db, ChinaClock clock, LedgerSettings settings, Targets.LinkedTargets linked)
{
    public DateOnly Today => clock.Today;

    /// <summary>A task's own status (of a group, use <see cref="OfAsync"/>).</summary>
    public WorkStatus StatusOf(PlanTask task) => WorkStatusRules.Compute(task, clock.Today, settings.WarningDays, settings.LagPoints);

    /// <summary>A task that is not a group: its own status and, when it lags, why.</summary>
    public TaskState OfTask(PlanTask task)
    {
        var status = StatusOf(task);
        var behind = status == WorkStatus.Warning ? WorkStatusRules.Behind(task, clock.Today, settings.WarningDays, settings.LagPoints) : null;
        return new TaskState(status, task.Progress, WorkStatusRules.ExpectedProgress(task, clock.Today), behind, false);
    }

    /// <summary>
    /// The states of <paramref name="tasks"/>; their plans' other tasks are read when a group needs them. An open task with a
    /// target linked to an indicator follows the data too: behind its path it is yellow (预警), far behind (or past the
    /// deadline unmet) its light is red.
    /// </summary>
    public async Task<Dictionary<int, TaskState>> OfAsync(IReadOnlyCollection<PlanTask> tasks, CancellationToken ct = default)
    {
        var states = new Dictionary<int, TaskState>();
        var readings = await linked.ReadAsync(tasks.Where(t => !t.IsGroup).ToList(), ct);
        foreach (var task in tasks.Where(t => !t.IsGroup)) states[task.Id] = WithData(OfTask(task), task, readings);
        var groups = tasks.Where(t => t.IsGroup).ToList();
        if (groups.Count == 0) return states;
        var planIds = groups.Select(g => g.PlanId).Distinct().ToList();
        var all = await db.Tasks.AsNoTracking().Include(t => t.Milestones).Include(t => t.Targets).Where(t => planIds.Contains(t.PlanId))
            .ToListAsync(ct);
        var byPlan = all.GroupBy(t => t.PlanId).ToDictionary(g => g.Key, g => (IReadOnlyCollection<PlanTask>)g.ToList());
        var leavesOf = groups.ToDictionary(g => g.Id, g => TaskOutline.LeavesOf(g, byPlan.GetValueOrDefault(g.PlanId) ?? []).ToList());
        // The leaves' states by the same rule as the leaves' own pages: the data of their linked targets included.
        var leafTasks = leavesOf.Values.SelectMany(l => l).DistinctBy(l => l.Id).ToList();
        var leafReadings = await linked.ReadAsync(leafTasks.Where(l => !states.ContainsKey(l.Id)).ToList(), ct);
        var leafStates = leafTasks.ToDictionary(l => l.Id, l => states.TryGetValue(l.Id, out var known) ? known : WithData(OfTask(l), l, leafReadings));
        foreach (var group in groups)
        {
            var leaves = leavesOf[group.Id].Select(l => (l, leafStates[l.Id])).ToList();
            var rollup = TaskRollup.Of(leaves.Select(l => (l.l, l.Item2.Status)).ToList());
            // A leaf the data makes red (预警 by its status) makes its group red as well, as an overdue one does.
            var red = rollup.Status is WorkStatus.Warning && leaves.Any(l => l.Item2.ColouredByData && l.Item2.Light == "red");
            states[group.Id] = new TaskState(rollup.Status, rollup.Progress, 0, null, true)
            {
                Light = red ? "red" : rollup.Status.Light(),
                ColouredByData = leaves.Any(l => l.Item2.ColouredByData && l.Item2.Status == rollup.Status),
            };
        }
        return states;
    }

    private static TaskState WithData(TaskState state, PlanTask task, Dictionary<int, Targets.TargetReading> readings)
    {
        var data = task.Targets.Where(g => readings.ContainsKey(g.Id)).ToDictionary(g => g.Id, g => readings[g.Id]);
        if (data.Count == 0) return state;
        var worst = data.Values.Select(r => r.Verdict).Max();
        var open = state.Status is WorkStatus.NotStarted or WorkStatus.InProgress or WorkStatus.Warning;
        if (!open || worst < Domain.Indicators.DataVerdict.Behind) return state with { Data = data };
        return state with
        {
            Status = WorkStatus.Warning, Data = data, Light = worst == Domain.Indicators.DataVerdict.FarBehind ? "red" : "yellow", ColouredByData = true,
        };
    }

    /// <summary>One task's state (a group's roll-up included).</summary>
    public async Task<TaskState> OfAsync(PlanTask task, CancellationToken ct = default) => (await OfAsync([task], ct))[task.Id];
}
