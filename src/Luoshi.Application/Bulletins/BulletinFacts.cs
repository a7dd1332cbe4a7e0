using Luoshi.Application.Rankings;
using Luoshi.Application.Supervision;
using Luoshi.Domain.OrgUnits;
using Luoshi.Domain.Plans;
using Luoshi.Domain.Reports;
using Luoshi.Domain.Tasks;
using Microsoft.EntityFrameworkCore;

namespace Luoshi.Application.Bulletins;

/// <summary>
/// What the ledger says about a month, as the 督查通报 reports it: the summary figures, the districts' ranking
/// (<see cref="UnitRankings"/>), the red tasks (overdue and not closed) with their units, and the late reports. Read as of
/// the month's last day (or today while it runs), as the ranking is.
/// </summary>
public sealed class BulletinFacts(LuoshiDb db, UnitRankings rankings, RectificationStats rectification)
{
    public sealed record RedTask(string Title, string Units, DateOnly DueDate);

    public sealed record LateReport(string Unit, string Task);

    /// <summary>The month's figures; <see cref="First"/> and <see cref="Last"/> are the three best and the three worst ranked units (never the same unit twice).</summary>
    public sealed record Facts(RankingMonth Month, string Issuer, int TasksDue, int TasksDone, int TasksOverdue, int ReportsOnTime, int ReportsLate,
        int NoticesIssued, int NoticesAnswered, int FindingsDue, int FindingsClosed, UnitRankings.Result Ranking, IReadOnlyList<RedTask> RedTasks,
        IReadOnlyList<LateReport> LateReports)
    {
        public IReadOnlyList<string> First => [.. Ranked.Take(3).Select(r => r.Unit.Name)];

        public IReadOnlyList<string> Last => [.. Ranked.Skip(3).TakeLast(3).Select(r => r.Unit.Name)];

        private IEnumerable<UnitRankings.Row> Ranked => Ranking.Rows.Where(r => r.Unit.Rank is not null);
    }

    public async Task<Facts> ForMonthAsync(int year, int month, DateOnly today, CancellationToken ct = default)
    {
        var m = RankingMonth.Of(year, month, today, OrgUnitKind.District);
        var cutoff = m.CutoffUtc;
        var startUtc = Luoshi.Domain.Time.ChinaClock.EndOfDayUtc(m.First.AddDays(-1));
        var names = await db.OrgUnits.AsNoTracking().ToDictionaryAsync(u => u.Id, u => u.Name, ct);
        var issuer = await db.OrgUnits.AsNoTracking().Where(u => u.Kind == OrgUnitKind.Bureau && u.ParentId == null).OrderBy(u => u.Id)
            .Select(u => u.Name).FirstOrDefaultAsync(ct) ?? "教育局";

        var tasks = await db.Tasks.AsNoTracking().Where(t => !t.IsGroup && t.Closure != TaskClosure.Cancelled && t.DueDate != null && t.DueDate <= m.Day
                && db.Plans.Any(p => p.Id == t.PlanId && p.Status == PlanStatus.Published))
            .Select(t => new { t.Id, t.Title, DueDate = t.DueDate!.Value, t.Closure, t.ClosedAt, t.LeadDepartmentId }).ToListAsync(ct);
        bool Done(TaskClosure closure, DateTime? closedAt) => closure == TaskClosure.Done && closedAt < cutoff;
        var dueInMonth = tasks.Where(t => t.DueDate >= m.First).ToList();
        // A task is red once its deadline has passed: on the month's last day only when that day is over.
        var overdueBefore = m.Day < today ? m.Day.AddDays(1) : m.Day;
        var red = tasks.Where(t => t.DueDate < overdueBefore && !Done(t.Closure, t.ClosedAt)).OrderBy(t => t.DueDate).ThenBy(t => t.Id).ToList();
        var redIds = red.Select(t => t.Id).ToList();
        var units = (await db.TaskUnits.AsNoTracking().Where(u => redIds.Contains(u.TaskId) && u.Role == TaskUnitRole.Responsible)
            .Select(u => new { u.TaskId, u.OrgUnitId }).ToListAsync(ct)).ToLookup(u => u.TaskId, u => names.GetValueOrDefault(u.OrgUnitId, ""));
        var redTasks = red.Select(t => new RedTask(t.Title, units[t.Id].Any() ? string.Join("、", units[t.Id].Order(StringComparer.Ordinal))
            : t.LeadDepartmentId is { } lead ? names.GetValueOrDefault(lead, "") : "", t.DueDate)).ToList();

        var reports = await db.Reports.AsNoTracking()
            .Where(r => r.Period == m.Period && r.Live == true && r.Status != ReportStatus.Draft && r.SubmittedAt != null && r.SubmittedAt < cutoff)
            .Select(r => new { r.OrgUnitId, r.Late, Task = db.Tasks.Where(t => t.Id == r.TaskId).Select(t => t.Title).FirstOrDefault() }).ToListAsync(ct);
        var notices = await db.Notices.AsNoTracking().Where(n => n.IssuedAt >= startUtc && n.IssuedAt < cutoff)
            .Select(n => new { n.AnsweredAt }).ToListAsync(ct);
        var findings = await rectification.ForMonthAsync(year, month, m.Day, ct);
        var ranking = await rankings.ComputeAsync(await rankings.CurrentSchemeAsync(ct), m, ct);

        return new Facts(m, issuer, dueInMonth.Count, dueInMonth.Count(t => Done(t.Closure, t.ClosedAt)), red.Count,
            reports.Count(r => !r.Late), reports.Count(r => r.Late), notices.Count, notices.Count(n => n.AnsweredAt < cutoff),
            findings.Sum(f => f.Due), findings.Sum(f => f.ClosedOnTime), ranking, redTasks,
            [.. reports.Where(r => r.Late).Select(r => new LateReport(names.GetValueOrDefault(r.OrgUnitId, ""), r.Task ?? ""))
                .OrderBy(r => r.Unit, StringComparer.Ordinal).ThenBy(r => r.Task, StringComparer.Ordinal)]);
    }

    /// <summary>The drafted 总体情况: the month's figures in one paragraph.</summary>
    public static string Overview(Facts f) =>
        $"{f.Month.Year}年{f.Month.Month}月，全市到期任务{f.TasksDue}项，按时办结{f.TasksDone}项，截至{f.Month.Day:yyyy年M月d日}逾期未办结任务累计{f.TasksOverdue}项；"
        + $"报送月度进展反馈{f.ReportsOnTime + f.ReportsLate}份，其中按时{f.ReportsOnTime}份、迟报{f.ReportsLate}份；"
        + $"发出督办单{f.NoticesIssued}份，已答复{f.NoticesAnswered}份；到期整改问题{f.FindingsDue}个，按时整改{f.FindingsClosed}个。";

    /// <summary>The drafted 存在问题.</summary>
    public static string Problems(Facts f) =>
        (f.TasksOverdue > 0 ? $"一是部分任务推进滞后，{f.TasksOverdue}项任务逾期未办结（见附表）。" : "本月无逾期未办结任务。")
        + (f.ReportsLate > 0 ? $"二是个别单位进展反馈不及时，{f.ReportsLate}份月度进展反馈迟报。" : "");

    /// <summary>The drafted 下一步要求.</summary>
    public const string Requirements = "各单位要对照本通报指出的问题，逐项分析原因、制定措施、限期整改；逾期任务的责任单位要在5个工作日内报送整改情况。"
        + "市局将持续跟踪督办，整改情况纳入下月考核排名。";
}
