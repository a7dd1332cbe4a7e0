using System.Globalization;
using Luoshi.Application.Calendar;
using Luoshi.Application.Notifications;
using Luoshi.Application.Reports;
using Luoshi.Application.Tasks;
using Luoshi.Domain.Calendar;
using Luoshi.Domain.Plans;
using Luoshi.Domain.Reports;
using Luoshi.Domain.Tasks;
using Luoshi.Domain.Time;
using Microsoft.EntityFrameworkCore;

namespace Luoshi.Application.Jobs;

/// <summary>How many working days ahead the daily reminders look (a setting, <c>Luoshi:ReminderWorkingDays</c>).</summary>
public sealed record ReminderSettings(int WorkingDaysBefore = 3);

/// <summary>
/// The reminders of the daily jobs, sent on working days to the people of the units concerned, each with a link to the
/// exact form: a task's deadline and its milestones within N working days (to its responsible units and lead
/// department), a monthly report due within N working days or late (to each unit that has not sent it), and a task
/// become overdue (once). Each reminder reaches a person once per subject and day (its dedup key names both).
/// </summary>
public sealed class DailyReminders(LuoshiDb db, Notifier notifier, WorkCalendar calendar, LedgerSettings ledger, ReminderSettings settings,
    ChinaClock clock)
    : IDailyStep
{
    public const string DeadlineSoon = "deadlineSoon";
    public const string ReportDue = "reportDue";
    public const string ReportLate = "reportLate";

    public const string StepName = "reminders";

    public string Name => StepName;

    public bool OncePerDay => true;

    public async Task<string> RunAsync(DateOnly day, CancellationToken ct)
    {
        var days = await calendar.WorkingDaysAsync(ct);
        if (!days.IsWorkday(day)) return $"{day:yyyy-MM-dd} 不是工作日，不发提醒";
        var published = db.Plans.Where(p => p.Status == PlanStatus.Published).Select(p => p.Id);
        var tasks = await db.Tasks.AsNoTracking().Include(t => t.Units).Include(t => t.Milestones)
            .Where(t => published.Contains(t.PlanId) && t.Closure == TaskClosure.Open && !t.IsGroup).AsSplitQuery().ToListAsync(ct);
        var before = Queued();
        var counts = new Dictionary<string, int>();
        foreach (var task in tasks)
            await TaskDatesAsync(task, day, days, counts, ct);
        await ReportsAsync(day, days, counts, ct);
        var sent = Queued() - before;
        var parts = counts.Where(c => c.Value > 0).Select(c => $"{c.Key} {c.Value} 项");
        return $"{day:yyyy-MM-dd} 提醒：{(counts.Values.Sum() == 0 ? "无到期事项" : string.Join("，", parts))}；共发出 {sent} 条站内通知";
    }

    private int Queued() => db.ChangeTracker.Entries<Domain.Notifications.Notification>().Count(e => e.State == EntityState.Added);

    private async Task TaskDatesAsync(PlanTask task, DateOnly day, WorkingDays days, Dictionary<string, int> counts, CancellationToken ct)
    {
        var units = task.ResponsibleOrgUnitIds.ToList();
        if (task.LeadDepartmentId is { } lead) units.Add(lead);
        var stamp = Stamp(day);
        if (WorkStatusRules.Compute(task, day, ledger.WarningDays, ledger.LagPoints) == WorkStatus.Overdue)
        {
            // Once per task, under the key the hourly sweep used before, so a database it already reminded is not reminded again.
            await notifier.ToUnitsAsync(units, Notifier.Overdue, $"任务已逾期：{task.Title}", $"/Tasks/{task.Id}", $"overdue:{task.Id}", ct);
            Count(counts, "任务逾期");
        }
        if (task.DueDate is { } due && Within(day, due, days) is { } left)
        {
            await notifier.ToUnitsAsync(units, DeadlineSoon, $"任务将于{Words(due)}到期（{Left(day, due, left)}）：{task.Title}", $"/Tasks/{task.Id}",
                $"remind:due:{task.Id}:{stamp}", ct);
            Count(counts, "任务到期");
        }
        foreach (var m in task.Milestones.Where(m => !m.Done))
        {
            if (Within(day, m.Date, days) is not { } mLeft) continue;
            await notifier.ToUnitsAsync(units, Notifier.MilestoneSoon, $"节点将于{Words(m.Date)}到期（{Left(day, m.Date, mLeft)}）：{task.Title}——{m.Title}",
                $"/Tasks/{task.Id}#milestones", $"remind:milestone:{m.Id}:{stamp}", ct);
            Count(counts, "节点到期");
        }
    }

    /// <summary>
    /// Last month's report (due on the 5th of this month) and this month's (due on the 5th of the next), to each unit that owes
    /// it now (<see cref="ReportDuties"/>, the rule the ranking's 进展反馈按时率 counts by; a day run late does not remind of a
    /// task closed since) and has not sent it.
    /// </summary>
    private async Task ReportsAsync(DateOnly day, WorkingDays days, Dictionary<string, int> counts, CancellationToken ct)
    {
        var stamp = Stamp(day);
        foreach (var period in new[] { Period(day.AddMonths(-1)), Period(day) })
        {
            var due = ReportStatuses.DueDate(period);
            var late = day > due;
            var left = Within(day, due, days);
            if (!late && left is null) continue;
            var owed = await ReportDuties.OwedAsync(db, period, clock.UtcNow, ct);
            var ids = owed.Select(o => o.TaskId).Distinct().ToList();
            var sent = (await db.Reports.AsNoTracking()
                    .Where(r => ids.Contains(r.TaskId) && r.Period == period && (r.Status == ReportStatus.Submitted || r.Status == ReportStatus.Accepted))
                    .Select(r => new { r.TaskId, r.OrgUnitId }).ToListAsync(ct))
                .Select(r => (r.TaskId, r.OrgUnitId)).ToHashSet();
            foreach (var duty in owed.Where(o => !sent.Contains((o.TaskId, o.OrgUnitId))).OrderBy(o => o.TaskId).ThenBy(o => o.OrgUnitId))
            {
                var (task, unit, title) = (duty.TaskId, duty.OrgUnitId, duty.TaskTitle);
                var link = $"/Tasks/{task}#report-form";
                if (late)
                    await notifier.ToUnitsAsync([unit], ReportLate, $"{period} 进展已逾期未报送（应于{Words(due)}前报送）：{title}", link,
                        $"remind:late:{task}:{unit}:{period}:{stamp}", ct);
                else
                    await notifier.ToUnitsAsync([unit], ReportDue, $"{period} 进展请于{Words(due)}前报送（{Left(day, due, left!.Value)}）：{title}", link,
                        $"remind:report:{task}:{unit}:{period}:{stamp}", ct);
                Count(counts, late ? "进展逾期未报" : "进展待报送");
            }
        }
    }

    /// <summary>Working days from <paramref name="day"/> to <paramref name="date"/> when it is today or within the setting, else null.</summary>
    private int? Within(DateOnly day, DateOnly date, WorkingDays days)
    {
        if (date < day) return null;
        var left = days.Between(day, date);
        return left <= settings.WorkingDaysBefore ? left : null;
    }

    private static void Count(Dictionary<string, int> counts, string what) => counts[what] = counts.GetValueOrDefault(what) + 1;

    private static string Left(DateOnly day, DateOnly date, int workingDays) =>
        date == day ? "今天截止" : workingDays == 0 ? "截止前已无工作日" : $"还有 {workingDays} 个工作日";

    private static string Words(DateOnly date) => date.ToString("M月d日", CultureInfo.InvariantCulture);

    private static string Stamp(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Period(DateOnly date) => $"{date.Year:0000}-{date.Month:00}";
}
