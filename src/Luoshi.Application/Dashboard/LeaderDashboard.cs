using Luoshi.Application.Access;
using Luoshi.Application.Rankings;
using Luoshi.Application.Tasks;
using Luoshi.Domain.OrgUnits;
using Luoshi.Domain.Plans;
using Luoshi.Domain.Problems;
using Luoshi.Domain.Rankings;
using Luoshi.Domain.Supervision;
using Luoshi.Domain.Tasks;
using Microsoft.EntityFrameworkCore;

namespace Luoshi.Application.Dashboard;

/// <summary>
/// The leaders' dashboard (领导驾驶舱) across every published plan: progress by category, red and yellow tasks, this month's
/// district ranking (the current scheme, as /Rankings) with each district's rank over the year's months, the targets furthest behind their path, the 督办单
/// awaiting an answer, and a line per district and per department. The one home of these figures: the home page of a 局领导,
/// <c>/Dashboard</c> and <c>GET /api/v1/dashboard</c> all call it. Bureau roles only (局领导, 督查督导, 管理员).
/// Counted are the city's own tasks of published plans: not the outline's groups, not the parts districts gave their schools,
/// not cancelled ones. Its queries do not grow with the number of plans, tasks or units: a few for the ledger, one per
/// ranking criterion and month for the ranking's trend.
/// </summary>
public sealed class LeaderDashboard(LuoshiDb db, TaskStates states, UnitRankings rankings)
{
    /// <summary>How many red and yellow tasks and lagging targets the dashboard lists.</summary>
    public const int Listed = 10;

    /// <summary>How many districts the ranking names at its top and at its bottom (fewer when there are few: never one twice).</summary>
    public const int RankEnds = 3;

    /// <summary>A 督办单 due within this many days (or past its 办理时限) is listed as awaiting an answer.</summary>
    public const int NoticeNearDays = 3;

    public sealed record CategoryRow(TaskCategory Category, IReadOnlyDictionary<WorkStatus, int> Counts)
    {
        public int Total => Counts.Values.Sum();
    }

    /// <summary>A red or yellow task; <paramref name="Light"/> is its colour by the one rule (<see cref="TaskState.Light"/>).</summary>
    public sealed record FlaggedTask(int TaskId, int PlanId, string Number, string Title, WorkStatus Status, int Progress, int Expected,
        DateOnly? Due, string? Lead, IReadOnlyList<string> Units, string Light = "blue");

    public sealed record RankLine(int OrgUnitId, string Code, string Name, decimal? Score, int? Rank, int? PreviousRank)
    {
        public int? Movement => Rank is { } now && PreviousRank is { } before ? before - now : null;
    }

    /// <summary>A district's rank in each month of the year so far (null: not ranked that month).</summary>
    public sealed record TrendLine(int OrgUnitId, string Code, string Name, IReadOnlyList<int?> Ranks);

    public sealed record RankingView(string SchemeName, string Period, int Ranked, IReadOnlyList<RankLine> Top, IReadOnlyList<RankLine> Bottom,
        IReadOnlyList<string> Months, IReadOnlyList<TrendLine> Trend);

    /// <summary>A target and how far its attainment lags where its task should be by now (percentage points).</summary>
    /// <summary><paramref name="FromData"/>: the target is linked to an indicator, its actual is the data's; <paramref name="Light"/> its task's colour.</summary>
    public sealed record LaggingTarget(int TargetId, int TaskId, string TaskTitle, string Target, decimal? Actual, decimal Attainment, int Expected,
        decimal Gap, DateOnly? Due, bool FromData = false, string Light = "blue");

    public sealed record OpenNotice(int NoticeId, string Number, int OrgUnitId, string Unit, int? TaskId, string? TaskTitle, DateOnly RespondBy,
        bool Overdue);

    /// <summary>A unit's line: its tasks (a district's as 责任单位, a department's as 牵头), the red ones, its late reports of the year, its open 督办单.</summary>
    public sealed record UnitLine(int OrgUnitId, string Code, string Name, int Tasks, int Overdue, int ReportsLate, int NoticesOpen);

    public sealed record View(DateOnly Today, int Plans, int Tasks, IReadOnlyDictionary<WorkStatus, int> Statuses, IReadOnlyList<CategoryRow> Categories,
        int RedCount, int YellowCount, IReadOnlyList<FlaggedTask> Flagged, RankingView Ranking, IReadOnlyList<LaggingTarget> Targets,
        int NoticesOpen, int NoticesOverdue, IReadOnlyList<OpenNotice> Notices, IReadOnlyList<UnitLine> Districts, IReadOnlyList<UnitLine> Departments);

    public static readonly ProblemType Forbidden = new ProblemCatalog("dashboard").Of(ProblemKind.Forbidden, "forbidden",
        "领导驾驶舱仅供局领导、督查督导和管理员查看", "Only bureau leaders, supervisors and administrators see the dashboard");

    public async Task<Outcome<View>> ForAsync(Caller caller, CancellationToken ct = default)
    {
        if (!caller.SeesEverything) return Forbidden;
        var today = states.Today;
        var tasks = await db.Tasks.AsNoTracking()
            .Where(t => !t.IsGroup && !t.IsBreakdown && t.Closure != TaskClosure.Cancelled
                && db.Plans.Any(p => p.Id == t.PlanId && p.Status == PlanStatus.Published))
            .Include(t => t.Units).Include(t => t.Milestones).Include(t => t.Targets).AsSplitQuery()
            .OrderBy(t => t.PlanId).ThenBy(t => t.Ordinal).ToListAsync(ct);
        var units = await db.OrgUnits.AsNoTracking().Where(u => u.Kind == OrgUnitKind.District || u.Kind == OrgUnitKind.Department)
            .OrderBy(u => u.SortOrder).ThenBy(u => u.Code).Select(u => new { u.Id, u.Code, u.Name, u.Kind }).ToListAsync(ct);
        var names = units.ToDictionary(u => u.Id, u => u.Name);
        // The one colour rule (TaskStates): a task with a target linked to an indicator takes its status and colour from the data too.
        var taskStates = await states.OfAsync(tasks, ct);
        var status = tasks.ToDictionary(t => t.Id, t => taskStates[t.Id].Status);
        var light = tasks.ToDictionary(t => t.Id, t => taskStates[t.Id].Light);

        var categories = tasks.GroupBy(t => t.Category).OrderBy(g => g.Key)
            .Select(g => new CategoryRow(g.Key, g.GroupBy(t => status[t.Id]).ToDictionary(s => s.Key, s => s.Count()))).ToList();
        var flagged = tasks.Where(t => light[t.Id] is "red" or "yellow")
            .OrderBy(t => light[t.Id] == "red" ? 0 : 1).ThenBy(t => t.DueDate).ThenBy(t => t.Id).ToList();
        string? Name(int? id) => id is { } i ? names.GetValueOrDefault(i) : null;

        // A target linked to an indicator counts with what the data says (its actual and attainment), as on the task page.
        var targets = tasks.Where(t => t.Closure != TaskClosure.Done).SelectMany(t => t.Targets.Where(g => g.Value is not null && !g.Placeholder)
                .Select(g => (Task: t, Target: g, Expected: WorkStatusRules.ExpectedProgress(t, today),
                    Data: taskStates[t.Id].Data.GetValueOrDefault(g.Id))))
            .Select(x => (x.Task, x.Target, x.Expected, x.Data, Actual: x.Data is { } d ? d.Actual : x.Target.Actual,
                Attainment: (x.Data is { } r ? r.Attainment : x.Target.Attainment) ?? 0))
            .Where(x => x.Expected > x.Attainment)
            .OrderByDescending(x => x.Expected - x.Attainment).ThenBy(x => x.Target.Id).Take(Listed)
            .Select(x => new LaggingTarget(x.Target.Id, x.Task.Id, x.Task.Title, x.Target.Describe(), x.Actual, x.Attainment, x.Expected,
                x.Expected - x.Attainment, x.Target.DueBy(x.Task.DueDate), x.Data is not null, light[x.Task.Id])).ToList();

        var open = await db.Notices.AsNoTracking().Where(n => n.Status == NoticeStatus.Open).OrderBy(n => n.RespondBy).ThenBy(n => n.Id)
            .Select(n => new { n.Id, n.Year, n.Sequence, n.OrgUnitId, n.TaskId, n.RespondBy,
                TaskTitle = db.Tasks.Where(t => t.Id == n.TaskId).Select(t => t.Title).FirstOrDefault(),
                Unit = db.OrgUnits.Where(u => u.Id == n.OrgUnitId).Select(u => u.Name).FirstOrDefault() })
            .ToListAsync(ct);
        var near = today.AddDays(NoticeNearDays);
        var notices = open.Where(n => n.RespondBy <= near)
            .Select(n => new OpenNotice(n.Id, Notice.NumberOf(n.Year, n.Sequence), n.OrgUnitId, n.Unit ?? "", n.TaskId, n.TaskTitle, n.RespondBy, n.RespondBy < today))
            .ToList();

        var yearPrefix = $"{today.Year:0000}-";
        var late = await db.Reports.AsNoTracking()
            .Where(r => r.Live == true && r.Late && r.Period.StartsWith(yearPrefix)
                && db.Tasks.Any(t => t.Id == r.TaskId && db.Plans.Any(p => p.Id == t.PlanId && p.Status == PlanStatus.Published)))
            .GroupBy(r => r.OrgUnitId).Select(g => new { Unit = g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Unit, g => g.Count, ct);
        var openByUnit = open.GroupBy(n => n.OrgUnitId).ToDictionary(g => g.Key, g => g.Count());
        UnitLine Line(int id, string code, string name, IEnumerable<PlanTask> own)
        {
            var list = own.ToList();
            return new UnitLine(id, code, name, list.Count, list.Count(t => status[t.Id] == WorkStatus.Overdue), late.GetValueOrDefault(id),
                openByUnit.GetValueOrDefault(id));
        }
        var districts = units.Where(u => u.Kind == OrgUnitKind.District)
            .Select(u => Line(u.Id, u.Code, u.Name, tasks.Where(t => t.Units.Any(x => x.Role == TaskUnitRole.Responsible && x.OrgUnitId == u.Id)))).ToList();
        var departments = units.Where(u => u.Kind == OrgUnitKind.Department)
            .Select(u => Line(u.Id, u.Code, u.Name, tasks.Where(t => t.LeadDepartmentId == u.Id))).ToList();

        return new View(today, tasks.Select(t => t.PlanId).Distinct().Count(), tasks.Count,
            tasks.GroupBy(t => status[t.Id]).ToDictionary(g => g.Key, g => g.Count()), categories,
            flagged.Count(t => light[t.Id] == "red"), flagged.Count(t => light[t.Id] == "yellow"),
            [.. flagged.Take(Listed).Select(t => new FlaggedTask(t.Id, t.PlanId, t.Number, t.Title, status[t.Id], t.Progress,
                WorkStatusRules.ExpectedProgress(t, today), t.DueDate, Name(t.LeadDepartmentId), [.. t.ResponsibleOrgUnitIds.Select(u => Name(u) ?? "")],
                light[t.Id]))],
            await RankingAsync(today, [.. units.Where(u => u.Kind == OrgUnitKind.District).Select(u => u.Id)], ct),
            targets, open.Count, open.Count(n => n.RespondBy < today), notices, districts, departments);
    }

    /// <summary>
    /// The districts' ranking under the current scheme (<see cref="UnitRankings.CurrentSchemeAsync"/>) for each month of this
    /// year up to this one, each month ranked once (<see cref="UnitRankings.YearAsync"/>): this month's first and last, and
    /// every district's rank month by month, in <paramref name="districts"/>' order.
    /// </summary>
    private async Task<RankingView> RankingAsync(DateOnly today, IReadOnlyList<int> districts, CancellationToken ct)
    {
        var scheme = await rankings.CurrentSchemeAsync(ct);
        var results = scheme.Kinds.Contains(OrgUnitKind.District) ? await rankings.YearAsync(scheme, today.Year, OrgUnitKind.District, ct) : [];
        if (results.Count == 0) return new RankingView(scheme.Name, $"{today.Year:0000}-{today.Month:00}", 0, [], [], [], []);
        var lines = results[^1].Rows.Where(r => r.Unit.Rank is not null)
            .Select(r => new RankLine(r.Unit.OrgUnitId, r.Unit.Code, r.Unit.Name, r.Unit.Score, r.Unit.Rank, r.PreviousRank)).ToList();
        var top = Math.Min(RankEnds, (lines.Count + 1) / 2);
        var byUnit = results[^1].Rows.ToDictionary(r => r.Unit.OrgUnitId, r => r.Unit);
        var trend = districts.Where(byUnit.ContainsKey).Select(d => new TrendLine(d, byUnit[d].Code, byUnit[d].Name,
            [.. results.Select(m => m.Rows.First(r => r.Unit.OrgUnitId == d).Unit.Rank)])).ToList();
        return new RankingView(scheme.Name, results[^1].Month.Period, lines.Count, [.. lines.Take(top)], [.. lines.Skip(top).TakeLast(RankEnds)],
            [.. results.Select(m => m.Month.Period)], trend);
    }
}
