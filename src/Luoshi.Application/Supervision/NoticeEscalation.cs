using Luoshi.Application.Calendar;
using Luoshi.Application.Jobs;
using Luoshi.Application.Notifications;
using Luoshi.Application.Tasks;
using Luoshi.Domain.Calendar;
using Luoshi.Domain.People;
using Luoshi.Domain.Plans;
using Luoshi.Domain.Reports;
using Luoshi.Domain.Supervision;
using Luoshi.Domain.Tasks;
using Luoshi.Domain.Time;
using Microsoft.EntityFrameworkCore;

namespace Luoshi.Application.Supervision;

/// <summary>
/// How the automatic 催办 escalates (<c>Luoshi__Supervision__EscalateAfterWorkingDays</c>, <c>…__LeaderAfterWorkingDays</c>):
/// a 催办 is to be answered within <see cref="EscalateAfterWorkingDays"/> working days, else a 督办 follows; the 督办
/// within <see cref="LeaderAfterWorkingDays"/> more, else it reaches the 包保局领导.
/// </summary>
public sealed record EscalationSettings(int EscalateAfterWorkingDays = 3, int LeaderAfterWorkingDays = 3);

/// <summary>
/// The daily step 催办与升级: on each working day, for each thing overdue — a task past its deadline (per responsible
/// unit), a monthly report not in by its due day (per task, unit and month), a 督办单 a person issued that is not
/// answered by its 办理时限 — the chain of automatic notices moves one level at most:
/// <list type="number">
/// <item>none yet: a 催办 (kind and level urge, issued by the system) to the unit, due in M working days;</item>
/// <item>the 催办 unanswered past its 办理时限: a 督办 (kind and level supervise) to the unit, copied to every supervisor, due in K;</item>
/// <item>the 督办 unanswered past its 办理时限: it reaches the 包保局领导 of the task, else of the unit (level leader), who is told.</item>
/// </list>
/// A chain stops for good once any of its notices is answered, and when the thing is no longer overdue (the task is
/// closed, the report is in, the notice answered). Each chain has one notice per level (a unique index on the key and
/// the level), so a day run twice, or two days' runs, never send a level twice.
/// </summary>
public sealed class NoticeEscalation(LuoshiDb db, Notifier notifier, WorkCalendar calendar, LedgerSettings ledger,
    EscalationSettings settings, ChinaClock clock) : IDailyStep
{
    public const string StepName = "escalation";
    public const string Escalated = "noticeEscalated";

    /// <summary>How many months back a late monthly report is still 催办'd (last month's and the one before).</summary>
    private const int LateReportMonths = 2;

    public string Name => StepName;

    public bool OncePerDay => true;

    /// <summary>One overdue thing: its chain key, the unit that must act, the task (if any) and why, in the words of a 督办单.</summary>
    private sealed record Overdue(string Key, int UnitId, int? TaskId, int? TaskLeaderId, string Reason);

    public async Task<string> RunAsync(DateOnly day, CancellationToken ct)
    {
        var days = await calendar.WorkingDaysAsync(ct);
        if (!days.IsWorkday(day)) return $"{day:yyyy-MM-dd} 不是工作日，不催办";
        var overdue = await OverdueAsync(day, ct);
        var keys = overdue.Select(o => o.Key).ToList();
        var chains = (await db.Notices.Where(n => n.EscalationKey != null).ToListAsync(ct))
            .Where(n => keys.Contains(n.EscalationKey!)).ToLookup(n => n.EscalationKey!);
        var unitLeaders = await db.OrgUnits.AsNoTracking().Where(u => u.LeaderUserId != null)
            .ToDictionaryAsync(u => u.Id, u => u.LeaderUserId!.Value, ct);
        var supervisors = await db.Users.AsNoTracking().Where(u => u.Role == Role.Supervisor && !u.Disabled).Select(u => u.Id).ToListAsync(ct);
        var numbers = new Numbers(db, day.Year);
        int urged = 0, supervised = 0, led = 0;
        foreach (var thing in overdue)
        {
            var chain = chains[thing.Key].ToList();
            if (chain.Any(n => n.IsAnswered)) continue;
            var urge = chain.FirstOrDefault(n => n.Kind == NoticeKind.Urge);
            var supervise = chain.FirstOrDefault(n => n.Kind == NoticeKind.Supervise);
            if (urge is null)
            {
                await IssueAsync(thing, NoticeKind.Urge, settings.EscalateAfterWorkingDays, days, day, numbers, [], ct);
                urged++;
            }
            else if (supervise is null && urge.IsOverdue(day))
            {
                await IssueAsync(thing, NoticeKind.Supervise, settings.LeaderAfterWorkingDays, days, day, numbers, supervisors, ct);
                supervised++;
            }
            else if (supervise is not null && supervise.Level != NoticeLevel.Leader && supervise.IsOverdue(day)
                     && (thing.TaskLeaderId ?? unitLeaders.GetValueOrDefault(thing.UnitId)) is { } leader and > 0
                     && supervise.EscalateToLeader(leader, clock.UtcNow))
            {
                await notifier.ToUsersAsync([leader], Escalated,
                    $"{supervise.Number}逾期未反馈，已报请您（包保领导）督办：{Short(supervise.Reason)}", "/Notices", $"escalate:{supervise.Id}:leader", ct);
                led++;
            }
        }
        return $"{day:yyyy-MM-dd} 催办与升级：逾期事项 {overdue.Count} 项；催办 {urged} 件，升级督办 {supervised} 件，报包保领导 {led} 件";
    }

    private async Task IssueAsync(Overdue thing, NoticeKind kind, int workingDays, WorkingDays days, DateOnly day, Numbers numbers,
        List<int> copyTo, CancellationToken ct)
    {
        var reason = kind == NoticeKind.Urge ? thing.Reason : $"经催办逾期未反馈，现予督办：{thing.Reason}";
        var (notice, _) = Notice.Issue(kind, thing.UnitId, thing.TaskId, reason, workingDays, days, day, await numbers.NextAsync(ct),
            clock.UtcNow, issuedById: null, issuerUnitId: null);
        notice!.EscalationKey = thing.Key;
        db.Notices.Add(notice);
        var text = $"{kind.ToChinese()}（{notice.Number}）：{Short(notice.Reason)}（请于{notice.RespondBy:yyyy年M月d日}前反馈办理情况）";
        await notifier.ToUnitsAsync([thing.UnitId], Notices.NoticeIssued, text, "/Notices", $"auto:{thing.Key}:{notice.Level.ToCode()}", ct);
        if (copyTo.Count > 0)
            await notifier.ToUsersAsync(copyTo, Escalated, $"抄送 {text}", "/Notices", $"auto:{thing.Key}:{notice.Level.ToCode()}:copy", ct);
    }

    /// <summary>Everything overdue on <paramref name="day"/>, each with its chain key.</summary>
    private async Task<List<Overdue>> OverdueAsync(DateOnly day, CancellationToken ct)
    {
        var published = db.Plans.Where(p => p.Status == PlanStatus.Published).Select(p => p.Id);
        var tasks = await db.Tasks.AsNoTracking().Include(t => t.Units).Include(t => t.Milestones)
            .Where(t => published.Contains(t.PlanId) && t.Closure == TaskClosure.Open && !t.IsGroup).AsSplitQuery().ToListAsync(ct);
        var list = new List<Overdue>();
        foreach (var task in tasks.Where(t => WorkStatusRules.Compute(t, day, ledger.WarningDays, ledger.LagPoints) == WorkStatus.Overdue))
            foreach (var unit in task.ResponsibleOrgUnitIds)
                list.Add(new($"task:{task.Id}:{unit}", unit, task.Id, task.LeaderUserId,
                    $"任务“{task.Title}”已超过完成时限（{task.DueDate:yyyy年M月d日}）仍未办结，请反馈进展并抓紧落实"));
        list.AddRange(await LateReportsAsync(tasks, day, ct));
        var notices = await db.Notices.AsNoTracking()
            .Where(n => n.EscalationKey == null && n.Status == NoticeStatus.Open && n.RespondBy < day).ToListAsync(ct);
        var leaders = tasks.ToDictionary(t => t.Id, t => t.LeaderUserId);
        list.AddRange(notices.Select(n => new Overdue($"notice:{n.Id}", n.OrgUnitId, n.TaskId,
            n.TaskId is { } t ? leaders.GetValueOrDefault(t) : null,
            $"{n.Number}应于{n.RespondBy:yyyy年M月d日}前反馈办理情况，至今未反馈：{Short(n.Reason)}")));
        return list;
    }

    /// <summary>Monthly reports past their due day (the 5th of the next month) and not submitted, of the last two months.</summary>
    private async Task<List<Overdue>> LateReportsAsync(List<PlanTask> tasks, DateOnly day, CancellationToken ct)
    {
        var list = new List<Overdue>();
        var ids = tasks.Select(t => t.Id).ToList();
        for (var back = 1; back <= LateReportMonths; back++)
        {
            var month = day.AddMonths(-back);
            var period = $"{month.Year:0000}-{month.Month:00}";
            var due = ReportStatuses.DueDate(period);
            if (day <= due) continue;
            var firstDay = new DateOnly(month.Year, month.Month, 1);
            var sent = (await db.Reports.AsNoTracking()
                    .Where(r => ids.Contains(r.TaskId) && r.Period == period && (r.Status == ReportStatus.Submitted || r.Status == ReportStatus.Accepted))
                    .Select(r => new { r.TaskId, r.OrgUnitId }).ToListAsync(ct))
                .Select(r => (r.TaskId, r.OrgUnitId)).ToHashSet();
            foreach (var task in tasks.Where(t => (t.StartDate is null || t.StartDate < firstDay.AddMonths(1)) && (t.DueDate is null || t.DueDate >= firstDay)))
                foreach (var unit in task.ResponsibleOrgUnitIds.Where(u => !sent.Contains((task.Id, u))))
                    list.Add(new($"report:{task.Id}:{unit}:{period}", unit, task.Id, task.LeaderUserId,
                        $"任务“{task.Title}”{period} 进展应于{due:yyyy年M月d日}前报送，至今未报送，请尽快报送"));
        }
        return list;
    }

    private static string Short(string text) => text.Length > 60 ? text[..60] + "…" : text;

    /// <summary>The year's next numbers for the notices of one run (saved together with the run's ledger row).</summary>
    private sealed class Numbers(LuoshiDb db, int year)
    {
        private int? last;

        public async Task<int> NextAsync(CancellationToken ct)
        {
            last ??= await db.Notices.Where(n => n.Year == year).MaxAsync(n => (int?)n.Sequence, ct) ?? 0;
            last++;
            return last.Value;
        }
    }
}
