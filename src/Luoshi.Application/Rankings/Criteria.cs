using Luoshi.Application.Calendar;
using Luoshi.Application.Data;
using Luoshi.Application.Supervision;
using Luoshi.Application.Targets;
using Luoshi.Application.Tasks;
using Luoshi.Domain.Data;
using Luoshi.Domain.Indicators;
using Luoshi.Domain.OrgUnits;
using Luoshi.Domain.Plans;
using Luoshi.Domain.Rankings;
using Luoshi.Domain.Reports;
using Luoshi.Domain.Targets;
using Luoshi.Domain.Tasks;
using Microsoft.EntityFrameworkCore;

namespace Luoshi.Application.Rankings;

/// <summary>
/// One measurable criterion of a 考核方案: for a month, each unit's <see cref="Measure"/> (due, met, the records behind it).
/// A unit absent from the answer has nothing to measure: the criterion is not applicable to it. A new criterion
/// (数据填报完整率, …) is one more class, registered in <see cref="CriterionCatalog"/>.
/// </summary>
public interface ICriterion
{
    string Key { get; }

    string Name { get; }

    /// <summary>What the ids of a <see cref="Measure"/> are: <c>task</c>, <c>notice</c>, <c>finding</c>, <c>target</c>, <c>dataset</c>.</summary>
    string RecordKind { get; }

    /// <summary>
    /// How it is measured, in Chinese, as the drill-down and README state it: what is due, what counts as met, and why the
    /// denominator is fair (every criterion is a rate over the unit's own items, never a raw count, so a big unit is not favoured).
    /// </summary>
    string Rule { get; }

    Task<IReadOnlyDictionary<int, Measure>> MeasureAsync(RankingMonth month, CancellationToken ct);
}

internal static class Measures
{
    /// <summary>Groups (unit, record id, met) rows into a measure per unit.</summary>
    public static IReadOnlyDictionary<int, Measure> Of(IEnumerable<(int Unit, int Id, bool Met)> rows) =>
        rows.GroupBy(r => r.Unit).ToDictionary(g => g.Key, g => new Measure(g.Count(), g.Count(r => r.Met), [.. g.Select(r => r.Id).Distinct().Order()]));

    /// <summary>The same, with a note on each record the drill-down shows beside it (the first note of a record stays).</summary>
    public static IReadOnlyDictionary<int, Measure> Of(IEnumerable<(int Unit, int Id, bool Met, string Note)> rows) =>
        rows.GroupBy(r => r.Unit).ToDictionary(g => g.Key, g => new Measure(g.Count(), g.Count(r => r.Met), [.. g.Select(r => r.Id).Distinct().Order()])
        {
            Notes = g.GroupBy(r => r.Id).ToDictionary(x => x.Key, x => x.First().Note),
        });
}

/// <summary>
/// 任务按时完成率: of the tasks of published plans due from the year's start to the month's day (cumulative, so the
/// year's work counts), how many were closed (办结) by the end of their deadline. A district or school answers for the
/// tasks it is responsible for (责任单位), a department for those it leads (牵头). Groups and cancelled tasks do not count.
/// </summary>
public sealed class TaskCompletionCriterion(LuoshiDb db) : ICriterion
{
    public string Key => "tasks";

    public string Name => "任务按时完成率";

    public string RecordKind => "task";

    public string Rule => "当年1月1日至该月末到期的任务（区县、学校按责任单位，处室按牵头）中，截止日当天结束前办结的比例；分母是本单位到期的任务数，不是件数，单位大小不影响得分";

    public async Task<IReadOnlyDictionary<int, Measure>> MeasureAsync(RankingMonth month, CancellationToken ct)
    {
        var yearStart = new DateOnly(month.Year, 1, 1);
        var tasks = db.Tasks.AsNoTracking().Where(t => !t.IsGroup && t.Closure != TaskClosure.Cancelled && t.DueDate >= yearStart && t.DueDate <= month.Day
            && db.Plans.Any(p => p.Id == t.PlanId && p.Status == PlanStatus.Published));
        var rows = month.Kind == OrgUnitKind.Department
            ? await tasks.Where(t => t.LeadDepartmentId != null)
                .Select(t => new { Unit = t.LeadDepartmentId!.Value, t.Id, t.DueDate, t.Closure, t.ClosedAt }).ToListAsync(ct)
            : await tasks.SelectMany(t => t.Units.Where(u => u.Role == TaskUnitRole.Responsible),
                (t, u) => new { Unit = u.OrgUnitId, t.Id, t.DueDate, t.Closure, t.ClosedAt }).ToListAsync(ct);
        var cutoff = month.CutoffUtc;
        return Measures.Of(rows.Select(r => (r.Unit, r.Id,
            r.Closure == TaskClosure.Done && r.ClosedAt is { } closed && closed < cutoff && closed < Luoshi.Domain.Time.ChinaClock.EndOfDayUtc(r.DueDate!.Value))));
    }
}

/// <summary>
/// 进展反馈按时率: the monthly progress reports due in the month — a month's report is due on the 5th of the next month
/// (<see cref="ReportStatuses.DueDate"/>), so the month's ranking reads the previous month's — those owed at that month's end
/// (<see cref="Reports.ReportDuties"/>, the rule the reminders share), and any other report sent for that month; met when its
/// current version was submitted by the ranking day and not late. A report never sent counts as not on time: a unit that sends nothing does not score better than one that sends late. The
/// drill-down lists the tasks, each noted 按时报送, 逾期报送 or 未报送.
/// </summary>
public sealed class ReportTimelinessCriterion(LuoshiDb db) : ICriterion
{
    public string Key => "reports";

    public string Name => "进展反馈按时率";

    public string RecordKind => "task";

    public string Rule => "报送截止日（次月5日）在该月的月度进展反馈（即上月的进展反馈）：上月末仍在办的任务每个责任单位应报一份，按时报送的比例；未报送、逾期报送都不算按时；分母是本单位应报的份数，不是件数";

    public async Task<IReadOnlyDictionary<int, Measure>> MeasureAsync(RankingMonth month, CancellationToken ct)
    {
        var cutoff = month.CutoffUtc;
        var previous = month.Previous();
        var period = previous.Period;
        if (ReportStatuses.DueDate(period) > month.Day) return new Dictionary<int, Measure>();
        var owed = await Reports.ReportDuties.OwedAsync(db, period, previous.CutoffUtc, ct);
        var sent = (await db.Reports.AsNoTracking()
                .Where(r => r.Period == period && r.Live == true && r.Status != ReportStatus.Draft && r.SubmittedAt != null && r.SubmittedAt < cutoff)
                .Select(r => new { r.OrgUnitId, r.TaskId, r.Late }).ToListAsync(ct))
            .GroupBy(r => (r.OrgUnitId, r.TaskId)).ToDictionary(g => g.Key, g => g.All(r => !r.Late));
        var pairs = owed.Select(o => (o.OrgUnitId, o.TaskId)).Concat(sent.Keys).Distinct();
        return Measures.Of(pairs.Select(p => sent.TryGetValue(p, out var onTime)
            ? (p.OrgUnitId, p.TaskId, onTime, onTime ? $"{period} 按时报送" : $"{period} 逾期报送")
            : (p.OrgUnitId, p.TaskId, false, $"{period} 未报送")));
    }
}

/// <summary>
/// 督办按时答复率: of the 督办单 and 催办单 addressed to the unit whose 办理时限 fell in the month (up to its day), how
/// many it answered by the end of that day.
/// </summary>
public sealed class NoticeResponseCriterion(LuoshiDb db) : ICriterion
{
    public string Key => "notices";

    public string Name => "督办按时答复率";

    public string RecordKind => "notice";

    public string Rule => "办理时限在该月的督办单、催办单中，时限当天结束前答复的比例；分母是发给本单位且该月到期的督办单数，按单计比率而非件数";

    public async Task<IReadOnlyDictionary<int, Measure>> MeasureAsync(RankingMonth month, CancellationToken ct)
    {
        var (first, day) = (month.First, month.Day);
        var rows = await db.Notices.AsNoTracking().Where(n => n.RespondBy >= first && n.RespondBy <= day)
            .Select(n => new { n.OrgUnitId, n.Id, n.RespondBy, n.AnsweredAt }).ToListAsync(ct);
        var cutoff = month.CutoffUtc;
        return Measures.Of(rows.Select(n => (n.OrgUnitId, n.Id,
            n.AnsweredAt is { } answered && answered < cutoff && answered < Luoshi.Domain.Time.ChinaClock.EndOfDayUtc(n.RespondBy))));
    }
}

/// <summary>整改完成率: <see cref="RectificationStats"/>: of the 整改 items due in the month, how many were closed on time.</summary>
public sealed class RectificationCriterion(RectificationStats stats) : ICriterion
{
    public string Key => "rectification";

    public string Name => "整改完成率";

    public string RecordKind => "finding";

    public string Rule => "该月到期的整改问题中按期销号的比例；分母是本单位该月到期的整改问题数";

    public async Task<IReadOnlyDictionary<int, Measure>> MeasureAsync(RankingMonth month, CancellationToken ct) =>
        (await stats.ForMonthAsync(month.Year, month.Month, month.Day, ct)).ToDictionary(s => s.OrgUnitId, s => new Measure(s.Due, s.ClosedOnTime, s.FindingIds));
}

/// <summary>
/// 数据填报完整率: of the data set returns due in the month (up to its day) that the unit answers for, how many were filed
/// (a zero report counts), read from <see cref="Completeness.ForAsync"/> with the unit as the root: a school answers for
/// its own return, a district for its schools' (or its own, for a district data set). A return is due in the month when
/// its period's due day (<see cref="DataSet.DueAt"/>) falls in it; monthly and longer periods only (a daily or weekly
/// set's completeness is read on its own). Not applicable to a unit with no return due that month. Filed means filed
/// now: a return filed after the month's end still counts for that month.
/// </summary>
public sealed class DataCompletenessCriterion(LuoshiDb db, Completeness completeness) : ICriterion
{
    public string Key => "data";

    public string Name => "数据填报完整率";

    public string RecordKind => "dataset";

    public string Rule => "该月到期的数据填报中已报送（含零报告）的比例，按学校计：区县的分母是其应报学校数，不是报送份数的多少";

    public async Task<IReadOnlyDictionary<int, Measure>> MeasureAsync(RankingMonth month, CancellationToken ct)
    {
        var sets = await db.DataSets.AsNoTracking()
            .Where(s => s.PeriodType == PeriodType.Month || s.PeriodType == PeriodType.Quarter || s.PeriodType == PeriodType.Year || s.PeriodType == PeriodType.SchoolYear)
            .ToListAsync(ct);
        if (sets.Count == 0) return new Dictionary<int, Measure>();
        var days = await new WorkCalendar(db).WorkingDaysAsync(ct);
        var due = sets.SelectMany(s => new[] { Period.Of(s.PeriodType, month.First.AddDays(-1)), Period.Of(s.PeriodType, month.Day) }.Distinct()
                .Where(p => DateOnly.FromDateTime(s.DueAt(p, days)) is var d && d >= month.First && d <= month.Day).Select(p => (Set: s.Id, Period: p.Text)))
            .ToList();
        var units = await db.OrgUnits.AsNoTracking().Where(u => u.Kind == month.Kind).Select(u => u.Id).ToListAsync(ct);
        var rows = new List<(int Unit, int Id, int Expected, int Received)>();
        foreach (var (set, period) in due)
            foreach (var unit in units)
                if ((await completeness.ForAsync(set, period, unit, ct)).Value is { Expected: > 0 } f)
                    rows.Add((unit, set, f.Expected, f.Received));
        return rows.GroupBy(r => r.Unit).ToDictionary(g => g.Key,
            g => new Measure(g.Sum(r => r.Expected), g.Sum(r => r.Received), [.. g.Select(r => r.Id).Distinct().Order()]));
    }
}

/// <summary>Every criterion a scheme may use, by key.</summary>
/// <remarks><paramref name="linked"/> and <paramref name="settings"/>: how linked targets read the data (without them, linked
/// targets are not measured: the benchmark's catalog).</remarks>
public sealed class CriterionCatalog(LuoshiDb db, RectificationStats rectification, Completeness completeness, LinkedTargets? linked = null,
    LedgerSettings? settings = null)
{
    public IReadOnlyList<ICriterion> All { get; } =
    [
        new TaskCompletionCriterion(db), new TargetAttainmentCriterion(db, linked, settings ?? new LedgerSettings()), new ReportTimelinessCriterion(db),
        new NoticeResponseCriterion(db), new RectificationCriterion(rectification), new DataCompletenessCriterion(db, completeness),
    ];

    public ICriterion? Find(string key) => All.FirstOrDefault(c => c.Key == key);
}

/// <summary>
/// 目标达成率: of the plan targets (with a value, not a placeholder) of the tasks a unit answers for — a district or school
/// those it is responsible for (责任单位), a department those it leads (牵头) — in published plans of the month's year,
/// started by the month's day, how many are met or on track: where the figures stand against where the target should be
/// by then (<see cref="ExpectedPath"/>, linear by month from the baseline at the task's start to the value at the target's
/// deadline), read as of the month's day.
/// <list type="bullet">
/// <item>A target linked to an indicator is read from the data (<see cref="LinkedTargets.ReadAsOfAsync"/>): met or on the
/// path counts as met; behind or far behind not; no data → not measurable (missing is not zero).</item>
/// <item>Any other target is read from the reviewed (accepted by the month's day) reported figures: a district's or
/// school's own figure against its own part (its breakdown share; for a share or rate target, or a task of one unit, the
/// target itself); a count target shared by several units without a breakdown, and a department's target, as the task's
/// combined figure (<see cref="TargetActuals"/>) against the whole target. Met or within the path's tolerance
/// (<see cref="LedgerSettings.DataTolerancePercent"/>) counts as met. No reviewed figure yet reads as the baseline (nothing
/// reached), judged the same way; a falling target without a baseline is then not measurable.</item>
/// </list>
/// The rate is over the unit's own measurable targets, never a count, so a unit with more targets is not favoured.
/// Tasks, targets and reports are read once per instance (a request) and the months computed from them.
/// </summary>
public sealed class TargetAttainmentCriterion(LuoshiDb db, LinkedTargets? linked, LedgerSettings settings) : ICriterion
{
    public string Key => "targets";

    public string Name => "目标达成率";

    public string RecordKind => "target";

    public string Rule => "本单位负责（区县、学校按责任单位，处室按牵头）的已发布计划中已开始任务的目标里，截至月末达到目标或符合预期进度（关联指标的按数据，其余按审核通过的报送数）的比例；"
        + "尚无审核通过的报送数按基线计；分母是本单位可考核的目标数（关联指标暂无数据的不计），是比率而非件数";

    private List<PlanTask>? tasks;
    private Dictionary<int, int> years = [];
    private ILookup<int, ProgressReport> reports = Enumerable.Empty<ProgressReport>().ToLookup(r => r.TaskId);

    public async Task<IReadOnlyDictionary<int, Measure>> MeasureAsync(RankingMonth month, CancellationToken ct)
    {
        await LoadAsync(ct);
        var day = month.Day;
        var cutoff = month.CutoffUtc;
        var measured = tasks!.Where(t => years.GetValueOrDefault(t.PlanId) == month.Year && (t.StartDate ?? new DateOnly(month.Year, 1, 1)) <= day).ToList();
        var readings = linked is null || !measured.Any(t => t.Targets.Any(g => g.IndicatorId is not null))
            ? []
            : await linked.ReadAsOfAsync(measured, day, ct);
        var tolerance = new PathTolerance(settings.DataTolerancePercent, settings.DataFarBehindPercent);
        var rows = new List<(int Unit, int Id, bool Met, string Note)>();
        foreach (var task in measured)
        {
            var units = month.Kind == OrgUnitKind.Department
                ? task.LeadDepartmentId is { } lead ? new List<int> { lead } : []
                : task.ResponsibleOrgUnitIds.ToList();
            if (units.Count == 0) continue;
            var accepted = reports[task.Id].Where(r => r.ReviewedAt is { } at && at < cutoff).ToList();
            foreach (var target in task.Targets.Where(g => g.Value is not null && !g.Placeholder).OrderBy(g => g.Id))
            {
                if (target.IndicatorId is not null)
                {
                    if (readings.GetValueOrDefault(target.Id) is not { Verdict: not DataVerdict.NoData } reading) continue;
                    var met = reading.Verdict is DataVerdict.Met or DataVerdict.OnPath;
                    var note = $"{target.Describe()}：数据 {Figure(reading.Actual)}（{reading.Period}），应达 {Figure(reading.Expected)}，{reading.Verdict.ToChinese()}";
                    rows.AddRange(units.Select(u => (u, target.Id, met, note)));
                    continue;
                }
                var start = task.StartDate ?? new DateOnly(month.Year, 1, 1);
                var due = target.DueBy(task.DueDate) ?? new DateOnly(month.Year, 12, 31);
                foreach (var unit in units)
                {
                    var own = month.Kind != OrgUnitKind.Department
                        ? target.Breakdown.FirstOrDefault(b => b.OrgUnitId == unit)?.Value ?? (target.IsShare || units.Count == 1 ? target.Value : null)
                        : null;
                    var actual = own is not null
                        ? TargetActuals.Latest(target, accepted.Where(r => r.OrgUnitId == unit)).FirstOrDefault()?.Value
                        : TargetActuals.Of(target, accepted).Value;
                    var goal = own ?? target.Value!.Value;
                    var path = new ExpectedPath(target.Baseline ?? 0, goal, target.Comparator, start, due);
                    var expected = path.ExpectedAt(day);
                    var whose = own is not null ? "本单位" : "任务合计";
                    // No reviewed figure yet reads as nothing reached since the baseline, judged as any figure is; a falling
                    // target (不超过) without a baseline has no such reading and is not measurable until a figure comes.
                    if (actual is null && target.Baseline is null && path.Downward) continue;
                    var value = actual ?? path.Baseline;
                    var verdict = path.Verdict(value, day, day, tolerance);
                    var figure = actual is null ? $"{whose}尚无审核通过的报送数（按基线 {Figure(value)} 计）" : $"{whose}报送 {Figure(value)}";
                    rows.Add((unit, target.Id, verdict is DataVerdict.Met or DataVerdict.OnPath,
                        $"{target.Describe()}：{figure}，目标 {Figure(goal)}，应达 {Figure(expected)}，{Words(verdict)}"));
                }
            }
        }
        return Measures.Of(rows);
    }

    private static string Figure(decimal? value) => value is { } v ? Target.Figure(Math.Round(v, 2)) : "—";

    private static string Words(DataVerdict verdict) => verdict switch
    {
        DataVerdict.Met => "已达到目标",
        DataVerdict.OnPath => "符合预期进度",
        DataVerdict.Behind => "落后于预期进度",
        _ => "严重落后于预期进度",
    };

    private async Task LoadAsync(CancellationToken ct)
    {
        if (tasks is not null) return;
        var published = db.Plans.Where(p => p.Status == PlanStatus.Published);
        years = await published.ToDictionaryAsync(p => p.Id, p => p.Year, ct);
        tasks = await db.Tasks.AsNoTracking()
            .Where(t => !t.IsGroup && t.Closure != TaskClosure.Cancelled && published.Any(p => p.Id == t.PlanId)
                && t.Targets.Any(g => g.Value != null && !g.Placeholder))
            .Include(t => t.Units).Include(t => t.Targets).ThenInclude(g => g.Breakdown).AsSplitQuery().ToListAsync(ct);
        var ids = tasks.Where(t => t.Targets.Any(g => g.IndicatorId is null)).Select(t => t.Id).ToList();
        reports = ids.Count == 0 ? reports : (await db.Reports.AsNoTracking()
            .Where(r => ids.Contains(r.TaskId) && r.Status == ReportStatus.Accepted && r.Values.Count > 0)
            .Include(r => r.Values).ToListAsync(ct)).ToLookup(r => r.TaskId);
    }
}
