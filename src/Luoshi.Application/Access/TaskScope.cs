using Luoshi.Domain.OrgUnits;
using Luoshi.Domain.People;
using Luoshi.Domain.Plans;
using Luoshi.Domain.Reports;
using Luoshi.Domain.Tasks;
using Microsoft.EntityFrameworkCore;

namespace Luoshi.Application.Access;

/// <summary>
/// Who may see and change which task, in one place. The city's overseers see everything; a department sees the
/// tasks it leads or helps with; a district sees tasks assigned to it or its schools; a school only its own.
/// Draft plans are seen only by those who draft plans. A denial looks like "not found".
/// </summary>
public sealed class TaskScope(LuoshiDb db)
{
    public IQueryable<PlanTask> Visible(Caller caller)
    {
        var tasks = db.Tasks.AsQueryable();
        var published = db.Plans.Where(p => p.Status != PlanStatus.Draft).Select(p => p.Id);
        if (caller.SeesEverything) return tasks;
        var unit = caller.OrgUnitId;
        switch (caller.Role)
        {
            case Role.Department:
                // Departments draft plans together, so they see every draft task; published ones they lead or help with, and
                // every task of a plan they uploaded or published (the clerk who runs the plan assigns its tasks).
                var me = caller.UserId;
                var open = db.Plans.Where(p => p.Status == PlanStatus.Draft || p.CreatedById == me || p.PublishedById == me).Select(p => p.Id);
                return tasks.Where(t => open.Contains(t.PlanId) || t.LeadDepartmentId == unit || t.Units.Any(u => u.OrgUnitId == unit));
            case Role.District:
                var schools = db.OrgUnits.Where(o => o.ParentId == unit).Select(o => o.Id);
                return tasks.Where(t => published.Contains(t.PlanId) && t.Units.Any(u => u.Role == TaskUnitRole.Responsible && (u.OrgUnitId == unit
                    || schools.Contains(u.OrgUnitId))));
            default:
                return tasks.Where(t => published.Contains(t.PlanId) && t.Units.Any(u => u.Role == TaskUnitRole.Responsible && u.OrgUnitId == unit));
        }
    }

    /// <summary>
    /// The tasks a list shows the caller (boards, 我的任务, the calendar, the ledger's export): the visible ones, but a part a
    /// district gave its schools (<see cref="PlanTask.IsBreakdown"/>) only to those schools; the district and the city
    /// see it on the page of the task it was broken down from, so it never counts as one more task of the plan.
    /// </summary>
    public IQueryable<PlanTask> Listed(Caller caller)
    {
        var unit = caller.OrgUnitId;
        return Visible(caller).Where(t => !t.IsBreakdown || t.Units.Any(u => u.Role == TaskUnitRole.Responsible && u.OrgUnitId == unit));
    }

    public IQueryable<Plan> VisiblePlans(Caller caller)
    {
        if (caller.SeesEverything || caller.Role == Role.Department) return db.Plans;
        var planIds = Visible(caller).Select(t => t.PlanId);
        return db.Plans.Where(p => p.Status != PlanStatus.Draft && planIds.Contains(p.Id));
    }

    /// <summary>
    /// The task if the caller may see it, fully loaded (units, milestones, targets and their breakdown), with its plan
    /// and what the caller may do to it; null (which looks like 404) otherwise. Every page and endpoint finds tasks here.
    /// </summary>
    public async Task<TaskAccess?> FindAsync(Caller caller, int taskId, CancellationToken ct = default)
    {
        var task = await Visible(caller).Include(t => t.Units).Include(t => t.Milestones).Include(t => t.Targets).ThenInclude(g => g.Breakdown)
            .AsSplitQuery().FirstOrDefaultAsync(t => t.Id == taskId, ct);
        if (task is null) return null;
        var plan = await db.Plans.FirstAsync(p => p.Id == task.PlanId, ct);
        return new TaskAccess(task, plan, new TaskPermissions(caller, task, plan));
    }

    /// <summary>A report the caller may read, with its values and evidence, and its task as the caller sees it; null otherwise.</summary>
    public async Task<(ProgressReport Report, TaskAccess Task)?> FindReportAsync(Caller caller, int reportId, CancellationToken ct = default)
    {
        var report = await ReadableReports(caller).Include(r => r.Values).Include(r => r.Attachments).AsSplitQuery()
            .FirstOrDefaultAsync(r => r.Id == reportId, ct);
        if (report is null || await FindAsync(caller, report.TaskId, ct) is not { } task) return null;
        return (report, task);
    }

    /// <summary>
    /// Every report the caller may read, as a query to filter further: on tasks they can see, from units whose reports
    /// they may read, and never another unit's draft. The one home of this rule: the task page, the reports API, search,
    /// 我的待办 and the ledger.xlsx all draw report text from here. The city's overseers read every unit's reports; a
    /// department those on tasks it leads or helps with (and its own); a district its own and its schools'; a school its own.
    /// </summary>
    public IQueryable<ProgressReport> ReadableReports(Caller caller)
    {
        var me = caller.OrgUnitId;
        var taskIds = Visible(caller).Select(t => t.Id);
        var reports = db.Reports.Where(r => taskIds.Contains(r.TaskId) && (r.Status != ReportStatus.Draft || r.OrgUnitId == me));
        if (caller.SeesEverything) return reports;
        switch (caller.Role)
        {
            case Role.Department:
                var helped = db.Tasks.Where(t => t.LeadDepartmentId == me || t.Units.Any(u => u.Role == TaskUnitRole.CoDepartment
                    && u.OrgUnitId == me))
                    .Select(t => t.Id);
                return reports.Where(r => r.OrgUnitId == me || helped.Contains(r.TaskId));
            case Role.District:
                var schools = db.OrgUnits.Where(o => o.ParentId == me && o.Kind == OrgUnitKind.School).Select(o => o.Id);
                return reports.Where(r => r.OrgUnitId == me || schools.Contains(r.OrgUnitId));
            default:
                return reports.Where(r => r.OrgUnitId == me);
        }
    }

    /// <summary>Every version of the task's reports the caller may read, newest period first.</summary>
    public async Task<List<ProgressReport>> ReadableReportsAsync(Caller caller, PlanTask task, CancellationToken ct = default)
    {
        var reports = await ReadableReports(caller).AsNoTracking().Include(r => r.Values).Include(r => r.Attachments)
            .Where(r => r.TaskId == task.Id).AsSplitQuery().ToListAsync(ct);
        return reports.OrderByDescending(r => r.Period, StringComparer.Ordinal).ThenByDescending(r => r.Id).ToList();
    }
}
