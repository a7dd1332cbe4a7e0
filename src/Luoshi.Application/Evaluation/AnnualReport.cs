using Luoshi.Application.Access;
using Luoshi.Application.Rankings;
using Luoshi.Application.Tasks;
using Luoshi.Domain.OrgUnits;
using Luoshi.Domain.People;
using Luoshi.Domain.Plans;
using Luoshi.Domain.Problems;
using Luoshi.Domain.Reports;
using Luoshi.Domain.Targets;
using Luoshi.Domain.Tasks;
using Luoshi.Domain.Time;
using Microsoft.EntityFrameworkCore;

namespace Luoshi.Application.Evaluation;

/// <summary>
/// The annual evaluation report (年度评估报告) of a plan, read as of the end of its year (or today while the year runs):
/// the summary figures, every task's outcome, the targets met and missed with the reports and attachments that claimed
/// them, each district's and department's rank in every month of the year (<see cref="UnitRankings"/>, the current scheme),
/// and the progress of the plan's categories. The one home of these figures: the page <c>/Plans/{id}/AnnualReport</c>, the
/// .pdf and the .docx all call it.
/// <para>Who may read it: the bureau's roles (局领导, 督查督导, 管理员) and the department that owns the plan (the issuing
/// unit, or the department of whoever uploaded or published it). Districts and schools may not (403): the report ranks
/// every unit against the others and names their shortfalls, which the bureau publishes in its own time (the 通报).</para>
/// </summary>
public sealed class AnnualReport(LuoshiDb db, UnitRankings rankings, ChinaClock clock)
{
    private static readonly ProblemCatalog Catalog = new("annual-report");

    public static readonly ProblemType Forbidden = Catalog.Of(ProblemKind.Forbidden, "forbidden",
        "年度评估报告仅供局领导、督查督导、管理员和计划所属处室查看", "Only bureau leaders, supervisors, administrators and the plan's own department see the annual report");

    /// <summary>What became of a task by the report's day.</summary>
    public enum TaskOutcome
    {
        DoneOnTime,
        DoneLate,
        InProgress,
        Overdue,
        Cancelled,
    }

    /// <summary>What became of a target: met, missed (a figure short of it), or no figure reported.</summary>
    public enum TargetOutcome
    {
        Met,
        Missed,
        NoData,
    }

    public sealed record TaskLine(int TaskId, string Number, string Title, TaskCategory Category, string Lead, string Units, DateOnly? Due,
        DateOnly? Closed, TaskOutcome Outcome, int Progress);

    public sealed record EvidenceFile(int Id, string Name)
    {
        public string Link => $"/api/v1/attachments/{Id}";
    }

    /// <summary>The accepted report that gave a unit's figure for a target: its unit, month, date (accepted, else submitted) and evidence.</summary>
    public sealed record Evidence(int ReportId, int TaskId, string Unit, string Period, DateOnly? Date, decimal Value, IReadOnlyList<EvidenceFile> Files)
    {
        public string Link => $"/Tasks/{TaskId}#report-{ReportId}";
    }

    public sealed record TargetLine(int TargetId, int TaskId, string TaskNumber, string TaskTitle, string Target, decimal? Actual, decimal? Attainment,
        string Unit, TargetOutcome Outcome, IReadOnlyList<Evidence> Evidence);

    public sealed record Summary(int Tasks, int DoneOnTime, int DoneLate, int InProgress, int Overdue, int Cancelled, int TargetsMet, int TargetsMissed,
        int TargetsNoData);

    /// <summary>A unit's rank (and score) in each month of the year; null where it was not ranked.</summary>
    public sealed record RankingLine(int OrgUnitId, string Code, string Name, IReadOnlyList<int?> Ranks, IReadOnlyList<decimal?> Scores);

    public sealed record CategoryLine(TaskCategory Category, int Tasks, int Done, int Overdue, int AverageProgress);

    public sealed record View(int PlanId, string PlanTitle, int Year, string Issuer, DateOnly AsOf, Summary Summary, IReadOnlyList<TaskLine> Tasks,
        IReadOnlyList<TargetLine> Met, IReadOnlyList<TargetLine> Missed, IReadOnlyList<TargetLine> NoData, string SchemeName,
        IReadOnlyList<string> Months, IReadOnlyList<RankingLine> Districts, IReadOnlyList<RankingLine> Departments, IReadOnlyList<CategoryLine> Categories)
    {
        public string Title => $"《{PlanTitle}》{Year}年度评估报告";

        public bool HasRankings => Months.Count > 0 && (Districts.Count > 0 || Departments.Count > 0);
    }

    /// <summary>May the caller read a plan's annual report? (See the class's remarks.)</summary>
    public async Task<bool> ReadsAsync(Caller caller, Plan plan, CancellationToken ct = default)
    {
        if (caller.SeesEverything) return true;
        if (caller.Role != Role.Department) return false;
        if (plan.OrgUnitId == caller.OrgUnitId) return true;
        int?[] owners = [plan.CreatedById, plan.PublishedById];
        return await db.Users.AnyAsync(u => owners.Contains(u.Id) && u.OrgUnitId == caller.OrgUnitId, ct);
    }

    public async Task<Outcome<View>> ForAsync(Caller caller, int planId, CancellationToken ct = default)
    {
        var plan = await db.Plans.AsNoTracking().FirstOrDefaultAsync(p => p.Id == planId, ct);
        if (plan is null) return PlanProblems.NotFound;
        if (!await ReadsAsync(caller, plan, ct)) return Forbidden;

        var today = clock.Today;
        var yearEnd = new DateOnly(plan.Year, 12, 31);
        var asOf = today < yearEnd ? today : yearEnd;
        var names = await db.OrgUnits.AsNoTracking().ToDictionaryAsync(u => u.Id, u => u.Name, ct);
        var issuer = names.GetValueOrDefault(plan.OrgUnitId) ?? (plan.Issuer is { Length: > 0 } i ? i : "教育局");
        var tasks = await db.Tasks.AsNoTracking().Where(t => t.PlanId == plan.Id && !t.IsGroup && !t.IsBreakdown)
            .Include(t => t.Units).Include(t => t.Milestones).Include(t => t.Targets).AsSplitQuery()
            .OrderBy(t => t.Ordinal).ThenBy(t => t.Id).ToListAsync(ct);
        var lines = tasks.Select(t => Line(t, asOf, names)).ToList();
        var targets = await TargetsAsync(tasks, names, ct);
        var scheme = await rankings.CurrentSchemeAsync(ct);
        var (months, districts, departments) = await RankingsAsync(scheme, plan.Year, ct);

        var counted = lines.Where(l => l.Outcome != TaskOutcome.Cancelled).ToList();
        var summary = new Summary(counted.Count, Count(counted, TaskOutcome.DoneOnTime), Count(counted, TaskOutcome.DoneLate),
            Count(counted, TaskOutcome.InProgress), Count(counted, TaskOutcome.Overdue), lines.Count - counted.Count,
            targets.Count(t => t.Outcome == TargetOutcome.Met), targets.Count(t => t.Outcome == TargetOutcome.Missed),
            targets.Count(t => t.Outcome == TargetOutcome.NoData));
        var categories = counted.GroupBy(l => l.Category).OrderBy(g => g.Key)
            .Select(g => new CategoryLine(g.Key, g.Count(), g.Count(l => l.Outcome is TaskOutcome.DoneOnTime or TaskOutcome.DoneLate),
                Count(g, TaskOutcome.Overdue), (int)Math.Round(g.Average(l => l.Outcome is TaskOutcome.DoneOnTime or TaskOutcome.DoneLate ? 100 : l.Progress))))
            .ToList();
        return new View(plan.Id, plan.Title, plan.Year, issuer, asOf, summary, lines,
            [.. targets.Where(t => t.Outcome == TargetOutcome.Met)], [.. targets.Where(t => t.Outcome == TargetOutcome.Missed)],
            [.. targets.Where(t => t.Outcome == TargetOutcome.NoData)], scheme.Name, months, districts, departments, categories);
    }

    private static int Count(IEnumerable<TaskLine> lines, TaskOutcome outcome) => lines.Count(l => l.Outcome == outcome);

    /// <summary>
    /// A task's outcome on <paramref name="asOf"/>: closed (办结) by its deadline or after it (the China day it was closed);
    /// overdue when its deadline has passed unclosed; otherwise in progress; cancelled ones apart.
    /// </summary>
    public static TaskOutcome OutcomeOf(PlanTask task, DateOnly asOf)
    {
        if (task.Closure == TaskClosure.Cancelled) return TaskOutcome.Cancelled;
        if (task.Closure == TaskClosure.Done && task.ClosedAt is { } closedAt)
            return task.DueDate is { } due && DateOnly.FromDateTime(ChinaClock.ToChina(closedAt)) > due ? TaskOutcome.DoneLate : TaskOutcome.DoneOnTime;
        return task.DueDate is { } d && d < asOf ? TaskOutcome.Overdue : TaskOutcome.InProgress;
    }

    private TaskLine Line(PlanTask t, DateOnly asOf, IReadOnlyDictionary<int, string> names) =>
        new(t.Id, t.Number, t.Title, t.Category, t.LeadDepartmentId is { } lead ? names.GetValueOrDefault(lead, "") : "",
            string.Join("、", t.ResponsibleOrgUnitIds.Select(u => names.GetValueOrDefault(u, "")).Order(StringComparer.Ordinal)), t.DueDate,
            t.Closure == TaskClosure.Done && t.ClosedAt is { } c ? DateOnly.FromDateTime(ChinaClock.ToChina(c)) : null, OutcomeOf(t, asOf),
            t.Closure == TaskClosure.Done ? 100 : t.Progress);

    /// <summary>Each target with a value: met (attainment 100%), missed, or without a figure; each unit's latest accepted report cited.</summary>
    private async Task<List<TargetLine>> TargetsAsync(List<PlanTask> tasks, IReadOnlyDictionary<int, string> names, CancellationToken ct)
    {
        var taskIds = tasks.Select(t => t.Id).ToList();
        var reports = await db.Reports.AsNoTracking().Where(r => taskIds.Contains(r.TaskId) && r.Status == ReportStatus.Accepted && r.Values.Count > 0)
            .Include(r => r.Values).Include(r => r.Attachments).AsSplitQuery().ToListAsync(ct);
        var byTask = reports.ToLookup(r => r.TaskId);
        var byId = reports.ToDictionary(r => r.Id);
        var result = new List<TargetLine>();
        foreach (var task in tasks)
            foreach (var target in task.Targets.Where(g => g.Value is not null && !g.Placeholder).OrderBy(g => g.Id))
            {
                var evidence = TargetActuals.Latest(target, byTask[task.Id]).Select(f => byId[f.ReportId]).Select(r => new Evidence(r.Id, r.TaskId,
                        names.GetValueOrDefault(r.OrgUnitId, ""), r.Period, DayOf(r.ReviewedAt ?? r.SubmittedAt), r.Values.First(v => v.TargetId == target.Id).Value,
                        [.. r.Attachments.OrderBy(a => a.Id).Select(a => new EvidenceFile(a.Id, a.FileName))]))
                    .OrderBy(e => e.Unit, StringComparer.Ordinal).ToList();
                var outcome = target.Attainment is not { } attained ? TargetOutcome.NoData : attained >= 100 ? TargetOutcome.Met : TargetOutcome.Missed;
                result.Add(new TargetLine(target.Id, task.Id, task.Number, task.Title, target.Describe(), target.Actual, target.Attainment, target.Unit,
                    outcome, evidence));
            }
        return result;
    }

    private static DateOnly? DayOf(DateTime? utc) => utc is { } u ? DateOnly.FromDateTime(ChinaClock.ToChina(u)) : null;

    /// <summary>The districts' and departments' ranks under the current scheme in each month of the year up to this one, each month ranked once.</summary>
    private async Task<(List<string> Months, List<RankingLine> Districts, List<RankingLine> Departments)> RankingsAsync(
        Domain.Rankings.AssessmentScheme scheme, int year, CancellationToken ct)
    {
        async Task<List<RankingLine>> Of(OrgUnitKind kind)
        {
            if (!scheme.Kinds.Contains(kind)) return [];
            var results = await rankings.YearAsync(scheme, year, kind, ct);
            if (results.Count == 0) return [];
            return [.. results[^1].Rows.Select(r => r.Unit).OrderBy(u => u.Rank ?? int.MaxValue).ThenBy(u => u.Code, StringComparer.Ordinal)
                .Select(u => new RankingLine(u.OrgUnitId, u.Code, u.Name,
                    [.. results.Select(x => x.Rows.FirstOrDefault(r => r.Unit.OrgUnitId == u.OrgUnitId)?.Unit.Rank)],
                    [.. results.Select(x => x.Rows.FirstOrDefault(r => r.Unit.OrgUnitId == u.OrgUnitId)?.Unit.Score)]))];
        }
        var today = clock.Today;
        var last = year < today.Year ? 12 : year == today.Year ? today.Month : 0;
        return ([.. Enumerable.Range(1, last).Select(m => $"{year:0000}-{m:00}")], await Of(OrgUnitKind.District), await Of(OrgUnitKind.Department));
    }
}
