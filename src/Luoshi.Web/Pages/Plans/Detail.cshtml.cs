using System.Text.Json;
using Luoshi.Application.Access;
using Luoshi.Application.Caching;
using Luoshi.Application.Plans;
using Luoshi.Application.Targets;
using Luoshi.Application.Tasks;
using Luoshi.Data;
using Luoshi.Domain.OrgUnits;
using Luoshi.Domain.Plans;
using Luoshi.Domain.Tasks;
using Luoshi.Web.Auth;
using Luoshi.Web.Infrastructure;
using Luoshi.Web.Localization;
using Luoshi.Web.Pages.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Luoshi.Web.Pages.Plans;

/// <summary>
/// One plan: while it is a draft, the review page (the outline beside the source text, with every fix the API
/// offers); once published, the board (counts by category and status, a chart, filters, the task table, bulk
/// assignment). Only plans the caller may see open; another unit's plan looks like "not found".
/// </summary>
[CachedPerBrowser]
public sealed partial class DetailModel(TaskScope scope, TaskWorkflow ledger, TargetWorkflow targetDesk, PlanWorkflow plans, Assignments assignments,
    YearRollover rollover, ReferenceData reference, LuoshiDb db, UiText text) : PageModel
{
    /// <summary>One outline item of a draft: the task, the task before it (to merge into), where it came from in the source.</summary>
    public sealed record OutlineItem(PlanTask Task, int? PreviousId, SourceLocator.Span? Source, bool MayEdit);

    /// <summary>One row of the board's task table: a task, or a group (an outline heading) showing its tasks' roll-up.</summary>
    public sealed record BoardRow(PlanTask Task, WorkStatus Status, int Progress, bool MayEdit, TaskState? State = null);

    /// <summary>The board's filters, as the query string carries them.</summary>
    public sealed record BoardFilter(string? Category, string? Status, int? Lead, int? Unit)
    {
        public bool Any => Category is not null || Status is not null || Lead is not null || Unit is not null;
    }

    public Plan Plan { get; private set; } = null!;

    public Caller Caller => User.ToCaller();

    /// <summary>Problems of the last change, in Chinese; nothing was changed when there are any.</summary>
    public List<string> Problems { get; private set; } = [];

    /// <summary>True when the problems are why the plan was not published.</summary>
    public bool PublishRefused { get; private set; }

    public string? Notice { get; private set; }

    /// <summary>The outline item a failed change was about, opened for another try.</summary>
    public int? FocusTaskId { get; private set; }

    public List<OutlineItem> Outline { get; } = [];

    /// <summary>Plans this draft repeats (the same document uploaded again, or the same title and year): the review warns.</summary>
    public List<PlanWorkflow.Twin> Twins { get; private set; } = [];

    public string Source { get; private set; } = "";

    public int PlaceholderCount { get; private set; }

    public BoardFilter Filter { get; private set; } = new(null, null, null, null);

    /// <summary>The table's rows: the tasks that pass the filters and, without filters, the groups they sit under.</summary>
    public List<BoardRow> Rows { get; } = [];

    /// <summary>The tasks of the table (not its groups): what the counts, lights and chart count.</summary>
    public IEnumerable<BoardRow> TaskRows => Rows.Where(r => !r.Task.IsGroup);

    public Dictionary<(TaskCategory Category, WorkStatus Status), int> Counts { get; } = [];

    public TaskLights Lights { get; private set; } = new(0, 0, 0, 0);

    public Dictionary<int, string> UnitNames { get; private set; } = [];

    public List<OrgUnit> Departments { get; private set; } = [];

    /// <summary>Units that carry tasks of the plan (for the responsible-unit filter).</summary>
    public List<OrgUnit> ResponsibleUnits { get; private set; } = [];

    /// <summary>Other plans whose assignments may be copied, last year's first.</summary>
    public List<Plan> EarlierPlans { get; private set; } = [];

    public string ChartJson { get; private set; } = "{}";

    public bool MayPublish => Caller.DraftsPlans;

    /// <summary>Whom tasks can be given to, for the bulk assignment (loaded when the caller may assign any task here).</summary>
    public AssignmentChoices? Choices { get; private set; }

    /// <summary>The leaders' names, for the review's assignment line.</summary>
    public Dictionary<int, string> LeaderNames { get; private set; } = [];

    public bool MayBulkAssign => Choices is not null;

    /// <summary>The bulk assignment's fields: empty, each left as it is unless chosen.</summary>
    public AssignmentFields BulkFields => new(Choices!, "", Bulk: true);

    /// <summary>Today in China: a draft read as an earlier year than this one is pointed out.</summary>
    public DateOnly Today => ledger.Today;

    public bool MayCopyAssignments => Caller.DraftsPlans && EarlierPlans.Count > 0;

    public static IReadOnlyList<WorkStatus> Statuses { get; } = Enum.GetValues<WorkStatus>();

    public async Task<IActionResult> OnGetAsync(int id, string? category, string? status, int? lead, int? unit, string? notice, int? n, int? m)
    {
        if (!await FindPlanAsync(id)) return NotFound();
        Filter = new BoardFilter(
            TaskCategories.TryParse(category, out _) ? category : null,
            WorkStatusRules.TryParse(status, out _) ? status : null,
            lead, unit);
        Notice = notice switch
        {
            "saved" => text["已保存"],
            "planChanged" => text["已保存计划名称和年份；文中读出的完成时限已按该年份重新计算（手工修改过的除外）"],
            "merged" => text["已并入上一条"],
            "split" => text["已拆分为两条"],
            "deleted" => text["已删除该条目"],
            "targetAdded" => text["已添加目标"],
            "targetDropped" => text["已删除该目标（不是目标）"],
            "published" => m is > 0
                ? text.Format("计划已发布，已通知 {0} 个单位；还有 {1} 个任务没有牵头处室或责任单位，请在下面的任务表中交办", n ?? 0, m)
                : text.Format("计划已发布，已通知 {0} 个单位", n ?? 0),
            "assigned" => text.Format("已为 {0} 个任务设置分工", n ?? 0),
            "copied" => text.Format("已沿用往年分工：{0} 个任务", n ?? 0),
            "carried" => n is > 0 ? text.Format("已结转 {0} 个未完成任务，目标以上年实际值为基线", n) : text["所选计划中没有需要结转的未完成任务"],
            _ => null,
        };
        return await ShowAsync(StatusCodes.Status200OK, reload: false);
    }

    /// <summary>Loads the plan if the caller may see it.</summary>
    private async Task<bool> FindPlanAsync(int id)
    {
        var plan = await scope.VisiblePlans(Caller).FirstOrDefaultAsync(p => p.Id == id);
        if (plan is null) return false;
        Plan = plan;
        return true;
    }

    /// <summary>
    /// Shows the page as the database has it now: after a form, the plan is read again (of a refused change nothing
    /// remains); a plain GET shows the plan it has just read.
    /// </summary>
    private async Task<PageResult> ShowAsync(int status, bool reload = true)
    {
        if (reload)
        {
            db.ChangeTracker.Clear();
            Plan = await db.Plans.AsNoTracking().FirstAsync(p => p.Id == Plan.Id);
        }
        if (Plan.Status == PlanStatus.Draft) await LoadOutlineAsync();
        else await LoadBoardAsync();
        Response.StatusCode = status;
        return Page();
    }

    private async Task LoadOutlineAsync()
    {
        var tasks = await scope.Visible(Caller).AsNoTracking().Where(t => t.PlanId == Plan.Id)
            .Include(t => t.Targets).Include(t => t.Units).AsSplitQuery().OrderBy(t => t.Ordinal).ToListAsync();
        Source = SourceLocator.Displayed(Plan.SourceText);
        int? previous = null;
        foreach (var task in tasks)
        {
            Outline.Add(new OutlineItem(task, previous, SourceLocator.Of(task, Source), new TaskPermissions(Caller, task, Plan).CanEdit));
            previous = task.Id;
        }
        PlaceholderCount = tasks.Sum(t => t.Targets.Count(g => g.Placeholder));
        var unitIds = tasks.SelectMany(t => t.Units.Select(u => u.OrgUnitId).Append(t.LeadDepartmentId ?? 0)).Distinct().ToList();
        UnitNames = await db.OrgUnits.AsNoTracking().Where(u => unitIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Name);
        var leaderIds = tasks.Select(t => t.LeaderUserId).OfType<int>().Distinct().ToList();
        LeaderNames = await db.Users.AsNoTracking().Where(u => leaderIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName);
        if (Outline.Any(i => i.MayEdit)) Choices = AssignmentChoices.Of(await reference.GetAsync(db, HttpContext.RequestAborted));
        Twins = await plans.TwinsAsync(Caller, Plan, HttpContext.RequestAborted);
        await LoadEarlierPlansAsync();
    }

    private async Task LoadBoardAsync()
    {
        var tasks = await scope.Listed(Caller).AsNoTracking().Where(t => t.PlanId == Plan.Id)
            .Include(t => t.Units).Include(t => t.Milestones).Include(t => t.Targets).AsSplitQuery().OrderBy(t => t.Ordinal).ToListAsync();
        Departments = await db.OrgUnits.AsNoTracking().Where(u => u.Kind == OrgUnitKind.Department).OrderBy(u => u.SortOrder).ThenBy(u => u.Code)
            .ToListAsync();
        var responsibleIds = tasks.SelectMany(t => t.ResponsibleOrgUnitIds).Distinct().ToList();
        ResponsibleUnits = await db.OrgUnits.AsNoTracking().Where(u => responsibleIds.Contains(u.Id)).OrderBy(u => u.Kind).ThenBy(u => u.SortOrder)
            .ThenBy(u => u.Code).ToListAsync();
        UnitNames = Departments.Concat(ResponsibleUnits).DistinctBy(u => u.Id).ToDictionary(u => u.Id, u => u.Name);

        var states = await ledger.States.OfAsync(tasks);
        var rows = tasks.Select(t => new BoardRow(t, states[t.Id].Status, states[t.Id].Progress, new TaskPermissions(Caller, t, Plan).CanEdit, states[t.Id]));
        // Groups head the table only while it is not filtered; they are never counted.
        if (Filter.Any) rows = rows.Where(r => !r.Task.IsGroup);
        if (TaskCategories.TryParse(Filter.Category, out var category)) rows = rows.Where(r => r.Task.Category == category);
        if (WorkStatusRules.TryParse(Filter.Status, out var status)) rows = rows.Where(r => r.Status == status);
        if (Filter.Lead is { } lead) rows = rows.Where(r => r.Task.LeadDepartmentId == lead);
        if (Filter.Unit is { } unit) rows = rows.Where(r => r.Task.ResponsibleOrgUnitIds.Contains(unit));
        Rows.AddRange(rows);
        if (Rows.Any(r => r.MayEdit)) Choices = AssignmentChoices.Of(await reference.GetAsync(db, HttpContext.RequestAborted));

        foreach (var row in TaskRows)
            Counts[(row.Task.Category, row.Status)] = Counts.GetValueOrDefault((row.Task.Category, row.Status)) + 1;
        Lights = TaskLights.Of(TaskRows.Select(r => r.State!).ToList());
        ChartJson = JsonSerializer.Serialize(new
        {
            categories = TaskCategories.All.Select(c => text[c.ToChinese()]).ToList(),
            series = Statuses.Select(s => new
            {
                code = s.ToCode(),
                name = text[s.ToChinese()],
                data = TaskCategories.All.Select(c => Counts.GetValueOrDefault((c, s))).ToList(),
            }).ToList(),
        });

        await LoadEarlierPlansAsync();
    }

    /// <summary>Other plans whose assignments may be copied (and, into a draft, whose unfinished tasks may be carried), last year's first.</summary>
    private async Task LoadEarlierPlansAsync()
    {
        if (!Caller.DraftsPlans) return;
        var others = await scope.VisiblePlans(Caller).AsNoTracking().Where(p => p.Id != Plan.Id).ToListAsync();
        EarlierPlans = others.OrderByDescending(p => p.Year < Plan.Year).ThenByDescending(p => p.Year).ThenByDescending(p => p.Id).ToList();
    }

    /// <summary>The board's query string with one filter changed (null removes it).</summary>
    public string FilterLink(string? category = null, string? status = null) =>
        QueryString.Create(new Dictionary<string, string?>
        {
            ["category"] = category ?? Filter.Category,
            ["status"] = status ?? Filter.Status,
            ["lead"] = Filter.Lead?.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["unit"] = Filter.Unit?.ToString(System.Globalization.CultureInfo.InvariantCulture),
        }.Where(p => p.Value is not null)).ToUriComponent();

    public string UnitName(int? id) => id is { } i && UnitNames.TryGetValue(i, out var name) ? name : "";

    /// <summary>Who a task of the draft is given to and by when, in one line (empty when nobody yet).</summary>
    public string AssignmentOf(PlanTask task)
    {
        var parts = new List<string>();
        if (task.LeadDepartmentId is { } lead) parts.Add(text.Format("牵头：{0}", UnitName(lead)));
        var co = task.Units.Where(u => u.Role == TaskUnitRole.CoDepartment).Select(u => UnitName(u.OrgUnitId)).ToList();
        if (co.Count > 0) parts.Add(text.Format("配合：{0}", string.Join("、", co)));
        var responsible = task.ResponsibleOrgUnitIds.Select(u => UnitName(u)).ToList();
        if (responsible.Count > 0)
            parts.Add(text.Format("责任单位：{0}", string.Join("、", responsible.Take(5)) + (responsible.Count > 5 ? text.Format("等 {0} 个", responsible.Count) : "")));
        if (task.LeaderUserId is { } leader && LeaderNames.TryGetValue(leader, out var name)) parts.Add(text.Format("包保：{0}", name));
        if (task.DueDate is { } due) parts.Add(text.Format("时限：{0}", Tasks.LedgerFormat.Date(due)));
        return string.Join("；", parts);
    }
}
