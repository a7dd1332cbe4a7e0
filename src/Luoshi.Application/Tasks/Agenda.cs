using Luoshi.Application.Access;
using Luoshi.Domain.People;
using Luoshi.Domain.Plans;
using Luoshi.Domain.Reports;
using Luoshi.Domain.Tasks;
using Luoshi.Domain.Time;
using Microsoft.EntityFrameworkCore;

namespace Luoshi.Application.Tasks;

/// <summary>
/// What a user must do next (我的待办), by date. A district or school: this month's and last month's reports to send,
/// and returned ones to correct. A department: reports waiting for its review, milestones and due dates coming on the
/// tasks it leads. Leaders and supervisors: completion requests to decide, overdue and warning tasks.
/// </summary>
public sealed class Agenda(LuoshiDb db, TaskScope scope, TaskWorkflow ledger, ChinaClock clock, LedgerSettings settings, Caching.ReferenceData reference)
{
    /// <summary>How far ahead a department is shown its milestones and due dates.</summary>
    public const int HorizonDays = 30;

    /// <summary>
    /// One thing to do: by when (for a report to review, when it was sent; for a completion request, when it was asked),
    /// what, on which task of which plan, and its traffic-light colour (red, yellow, blue).
    /// </summary>
    public sealed record Item(DateOnly Date, string Kind, string Text, int TaskId, string TaskTitle, string Light, string Link)
    {
        public string PlanTitle { get; init; } = "";

        /// <summary>True when <see cref="Date"/> is when something was sent or asked, not a day it is due.</summary>
        public bool DateIsSent => Kind is "review" or "completion";
    }

    public async Task<List<Item>> ForAsync(Caller caller, CancellationToken ct = default)
    {
        var published = db.Plans.Where(p => p.Status == PlanStatus.Published).Select(p => p.Id);
        // Groups (outline headings) are neither reported on nor due: only tasks are things to do.
        var tasks = scope.Listed(caller).Where(t => published.Contains(t.PlanId) && !t.IsGroup).AsNoTracking();
        var items = caller.Role switch
        {
            // A district's and a school's own reports; for a district also its schools' reports on the parts it gave them.
            Role.District or Role.School => await ReportsToSendAsync(caller,
                scope.Visible(caller).Where(t => published.Contains(t.PlanId) && !t.IsGroup).AsNoTracking(), ct),
            Role.Department => await LeadWorkAsync(caller, tasks, ct),
            _ => await OversightAsync(tasks, ct),
        };
        var taskIds = items.Select(i => i.TaskId).Distinct().ToList();
        var plans = await db.Tasks.AsNoTracking().Where(t => taskIds.Contains(t.Id)).Join(db.Plans, t => t.PlanId, p => p.Id, (t, p) => new { t.Id, p.Title })
            .ToDictionaryAsync(x => x.Id, x => x.Title, ct);
        return items.Select(i => i with { PlanTitle = plans.GetValueOrDefault(i.TaskId, "") })
            .OrderBy(i => i.Date).ThenBy(i => Severity(i.Light)).ThenBy(i => i.TaskId).ToList();
    }

    private static int Severity(string light) => light switch { "red" => 0, "yellow" => 1, _ => 2 };

    private DateOnly Today => clock.Today;

    /// <summary>Red once past, yellow within the warning window, blue otherwise.</summary>
    private string LightOf(DateOnly date) =>
        date < Today ? "red" : date.DayNumber - Today.DayNumber <= settings.WarningDays ? "yellow" : "blue";

    private static string Period(DateOnly date) => $"{date.Year:0000}-{date.Month:00}";

    /// <summary>
    /// The unit's own reports of last month and this month that it still owes (<see cref="Reports.ReportDuties"/>, the rule of
    /// the reminders and the ranking) and has not sent, or that came back; for a district also its schools' reports on the
    /// parts it gave them, waiting for its review.
    /// </summary>
    private async Task<List<Item>> ReportsToSendAsync(Caller caller, IQueryable<PlanTask> visible, CancellationToken ct)
    {
        var unit = caller.OrgUnitId;
        var thisMonth = Period(Today);
        var lastMonth = Period(Today.AddMonths(-1));
        var duties = await Reports.ReportDuties.OwedAsync(db, [lastMonth, thisMonth], clock.UtcNow, unit, ct);
        var ids = duties.Select(d => d.TaskId).Distinct().ToList();
        // With them, in the same query, the schools' reports on the parts the district gave them, waiting for its review.
        var overseen = visible.Where(t => t.Closure == TaskClosure.Open && t.Units.Any(u => u.OrgUnitId == unit && u.Role == TaskUnitRole.Overseer))
            .Select(t => t.Id);
        var reports = await scope.ReadableReports(caller).AsNoTracking()
            .Where(r => (ids.Contains(r.TaskId) && r.OrgUnitId == unit && (r.Period == thisMonth || r.Period == lastMonth))
                || (r.Status == ReportStatus.Submitted && overseen.Contains(r.TaskId)))
            .Join(db.Tasks, r => r.TaskId, t => t.Id, (r, t) => new
            {
                r.Id, r.TaskId, r.OrgUnitId, r.Period, r.Status, r.ReviewComment, r.SubmittedAt, t.Title, Overseen = overseen.Contains(r.TaskId),
            })
            .ToListAsync(ct);
        // Named from the cached org tree.
        var tree = reports.Any(r => r.Overseen) ? await reference.GetAsync(db, ct) : null;
        var items = reports.Where(r => r.Overseen).Select(r => new Item(
            r.SubmittedAt is { } at ? DateOnly.FromDateTime(ChinaClock.ToChina(at)) : Today, "review",
            $"待审核：{tree!.UnitName(r.OrgUnitId)} {r.Period} 进展", r.TaskId, r.Title, "yellow", $"/Tasks/{r.TaskId}#report-{r.Id}")).ToList();
        foreach (var duty in duties)
        {
            var (period, taskId) = (duty.Period, duty.TaskId);
            var due = ReportStatuses.DueDate(period);
            var latest = reports.Where(r => r.TaskId == taskId && r.OrgUnitId == unit && r.Period == period).MaxBy(r => r.Id);
            var link = $"/Tasks/{taskId}#report-form";
            if (latest?.Status == ReportStatus.Returned)
                items.Add(new(due, "returned", $"{period} 进展被退回，请修改后重新报送：{latest.ReviewComment}", taskId, duty.TaskTitle, "red", link));
            else if (latest is null || latest.Status == ReportStatus.Draft)
                items.Add(new(due, "report", due < Today ? $"{period} 进展逾期未报送" : $"{period} 进展待报送", taskId, duty.TaskTitle, LightOf(due), link));
        }
        return items;
    }

    /// <summary>The submitted reports on these tasks (id → title) waiting for the caller's review, dated when they were sent.</summary>
    private async Task<List<Item>> WaitingAsync(Caller caller, Dictionary<int, string> titles, CancellationToken ct)
    {
        var ids = titles.Keys.ToList();
        var waiting = await scope.ReadableReports(caller).AsNoTracking().Where(r => ids.Contains(r.TaskId) && r.Status == ReportStatus.Submitted)
            .Join(db.OrgUnits, r => r.OrgUnitId, u => u.Id, (r, u) => new { r.Id, r.TaskId, r.Period, r.SubmittedAt, Unit = u.Name }).ToListAsync(ct);
        return waiting.Select(r => new Item(r.SubmittedAt is { } at ? DateOnly.FromDateTime(ChinaClock.ToChina(at)) : Today, "review",
            $"待审核：{r.Unit} {r.Period} 进展", r.TaskId, titles[r.TaskId], "yellow", $"/Tasks/{r.TaskId}#report-{r.Id}")).ToList();
    }

    private async Task<List<Item>> LeadWorkAsync(Caller caller, IQueryable<PlanTask> visible, CancellationToken ct)
    {
        var lead = await visible.Include(t => t.Milestones).Where(t => t.LeadDepartmentId == caller.OrgUnitId).ToListAsync(ct);
        var items = await WaitingAsync(caller, lead.ToDictionary(t => t.Id, t => t.Title), ct);
        var horizon = Today.AddDays(HorizonDays);
        foreach (var task in lead.Where(t => t.Closure == TaskClosure.Open))
        {
            foreach (var m in task.Milestones.Where(m => !m.Done && m.Date <= horizon))
                items.Add(new(m.Date, "milestone", $"节点：{m.Title}", task.Id, task.Title, LightOf(m.Date), $"/Tasks/{task.Id}#milestones"));
            if (task.DueDate is { } due && due <= horizon)
                items.Add(new(due, "due", "完成时限", task.Id, task.Title, LightOf(due), $"/Tasks/{task.Id}"));
        }
        return items;
    }

    private async Task<List<Item>> OversightAsync(IQueryable<PlanTask> visible, CancellationToken ct)
    {
        var tasks = await visible.Include(t => t.Milestones).Include(t => t.Targets).AsSplitQuery()
            .Where(t => t.Closure == TaskClosure.CompletionRequested || (t.Closure == TaskClosure.Open && t.DueDate != null)
                || (t.Closure == TaskClosure.Open && t.Milestones.Any(m => !m.Done)))
            .ToListAsync(ct);
        var items = new List<Item>();
        // The one colour rule (TaskStates): a task the data of a linked target puts behind its path is 预警 here as on the ledger.
        var states = await ledger.States.OfAsync(tasks, ct);
        foreach (var task in tasks)
        {
            var link = $"/Tasks/{task.Id}";
            var state = states[task.Id];
            var dates = task.Milestones.Where(m => !m.Done).Select(m => m.Date).Concat(task.DueDate is { } d ? [d] : []).Order().ToList();
            switch (state.Status)
            {
                case WorkStatus.CompletionRequested:
                    var asked = task.CompletionRequestedAt is { } at ? DateOnly.FromDateTime(ChinaClock.ToChina(at)) : Today;
                    items.Add(new(asked, "completion", "办结申请待审批", task.Id, task.Title, "yellow", link + "#completion"));
                    break;
                case WorkStatus.Overdue:
                    items.Add(new(dates.First(x => x < Today), "overdue", "逾期", task.Id, task.Title, "red", link));
                    break;
                case WorkStatus.Warning:
                    var next = dates.Where(x => x >= Today).DefaultIfEmpty(Today).First();
                    items.Add(state.ColouredByData
                        ? new(next, "warning", "预警：指标数据落后于预期进度", task.Id, task.Title, state.Light, link + "#targets")
                        : new(next, "warning", "预警：进度落后于时间", task.Id, task.Title, "yellow", link));
                    break;
            }
        }
        return items;
    }
}
