using System.Globalization;
using Luoshi.Application.Access;
using Luoshi.Application.Idempotency;
using Luoshi.Application.Reports;
using Luoshi.Application.Targets;
using Luoshi.Application.Tasks;
using Luoshi.Data;
using Luoshi.Data.Idempotency;
using Luoshi.Domain.OrgUnits;
using Luoshi.Domain.People;
using Luoshi.Domain.Plans;
using Luoshi.Domain.Reports;
using Luoshi.Domain.Tasks;
using Luoshi.Web.Apis;
using Luoshi.Web.Auth;
using Luoshi.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Luoshi.Web.Pages.Tasks;

/// <summary>
/// The task page: details, milestones, targets, the timeline of reports and changes, and the forms each role may use:
/// edit (the lead department and overseers), report (a responsible unit), review, and 办结. Every rule is the API's.
/// </summary>
[RequestSizeLimit(MaxEvidenceFiles * EvidenceFiles.MaxBytes + 1024 * 1024)]
[RequestFormLimits(MultipartBodyLengthLimit = MaxEvidenceFiles * EvidenceFiles.MaxBytes + 1024 * 1024)]
public sealed class TaskPageModel(LuoshiDb db, TaskScope scope, TaskWorkflow ledger, ReportWorkflow desk, IdempotentRequests once, EvidenceFiles files, TaskHistory history, TargetWorkflow targets) : PageModel
{
    public const int MaxEvidenceFiles = 5;
    private const int BlankMilestoneRows = 2;

    /// <summary>The edit form: the whole assignment and schedule of the task, with the version it was read at.</summary>
    public sealed class EditForm
    {
        public int Version { get; set; }
        public string? Category { get; set; }
        public int? LeadDepartmentId { get; set; }
        public List<int> CoDepartmentIds { get; set; } = [];
        public List<int> ResponsibleOrgUnitIds { get; set; } = [];
        public int? LeaderUserId { get; set; }
        public DateOnly? StartDate { get; set; }
        public DateOnly? DueDate { get; set; }
        public decimal? Weight { get; set; }
        public List<MilestoneRow> Milestones { get; set; } = [];
    }

    public sealed class MilestoneRow
    {
        public DateOnly? Date { get; set; }
        public string? Title { get; set; }
        public bool Done { get; set; }
        public bool Remove { get; set; }
    }

    /// <summary>The report form; <c>Key</c> is a one-time idempotency key, so a form sent twice stores one report.</summary>
    public sealed class ReportForm
    {
        public string? Period { get; set; }
        public string? Progress { get; set; }
        public string? Narrative { get; set; }
        public Dictionary<int, string?> Values { get; set; } = [];
        public string? Key { get; set; }
    }

    /// <summary>A field that differs between a stale form and the task as it is now.</summary>
    public sealed record Conflict(string Field, string Yours, string Current);

    public PlanTask Task { get; private set; } = null!;
    public Plan Plan { get; private set; } = null!;
    public WorkStatus Status { get; private set; }
    public int ExpectedProgress { get; private set; }
    public Dictionary<int, OrgUnit> Units { get; private set; } = [];
    public Dictionary<int, string> People { get; private set; } = [];
    public List<User> Leaders { get; private set; } = [];
    public List<ProgressReport> Reports { get; private set; } = [];
    public List<TaskHistory.Entry> Changes { get; private set; } = [];
    public PlanTask? Parent { get; private set; }

    public bool MayEdit { get; private set; }
    public bool MayReport { get; private set; }
    public bool MayReview { get; private set; }
    public bool MayRequestCompletion { get; private set; }
    public bool MayDecideCompletion { get; private set; }

    public EditForm Edit { get; private set; } = new();
    public ReportForm Report { get; private set; } = new();
    public List<string> Problems { get; private set; } = [];
    public List<Conflict> Conflicts { get; private set; } = [];

    /// <summary>Which form the problems belong to: edit, report, review, completion.</summary>
    public string? ProblemsOf { get; private set; }

    /// <summary>What the last form did (after its redirect), for the notice at the top.</summary>
    public string? Done => Request.Query["done"].FirstOrDefault();

    private Caller Caller => User.ToCaller();
    private CancellationToken Ct => HttpContext.RequestAborted;

    public async Task<IActionResult> OnGetAsync(int id)
    {
        if (!await LoadAsync(id)) return NotFound();
        Edit = EditOf(Task);
        Report = ReportOf();
        return Page();
    }

    public async Task<IActionResult> OnPostEditAsync(int id, EditForm edit)
    {
        if (!await LoadAsync(id)) return NotFound();
        if (!MayEdit) return StatusCode(StatusCodes.Status403Forbidden);
        var problems = new List<string>();
        var milestones = new List<TaskWorkflow.MilestoneChange>();
        foreach (var row in edit.Milestones.Where(r => !r.Remove && (r.Date is not null || !string.IsNullOrWhiteSpace(r.Title))))
        {
            if (row.Date is not { } date) problems.Add("每个节点都要有日期");
            else milestones.Add(new(date, row.Title ?? "", row.Done));
        }
        if (edit.Version != Task.Version)
        {
            Conflicts = ConflictsOf(edit);
            problems.Insert(0, "该任务在您打开之后已被他人修改，您的修改没有保存。以下是您填写的内容与当前内容的不同之处，请核对后重新提交。");
            return Refused("edit", problems, edit, StatusCodes.Status409Conflict);
        }
        if (problems.Count > 0) return Refused("edit", problems, edit);
        var changes = new TaskWorkflow.TaskChanges(
            Category: edit.Category,
            LeadDepartmentId: edit.LeadDepartmentId is > 0 ? edit.LeadDepartmentId : null, ClearLeadDepartment: edit.LeadDepartmentId is null or 0,
            CoDepartmentIds: edit.CoDepartmentIds, ResponsibleOrgUnitIds: edit.ResponsibleOrgUnitIds,
            LeaderUserId: edit.LeaderUserId is > 0 ? edit.LeaderUserId : null, ClearLeader: edit.LeaderUserId is null or 0,
            StartDate: edit.StartDate, DueDate: edit.DueDate, Milestones: milestones, Weight: edit.Weight);
        try
        {
            problems = await ledger.ChangeAsync(Task, Plan, changes, Ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            await LoadAsync(id);
            Conflicts = ConflictsOf(edit);
            return Refused("edit", ["该任务在您打开之后已被他人修改，您的修改没有保存。"], edit, StatusCodes.Status409Conflict);
        }
        if (problems.Count > 0) return Refused("edit", problems, edit);
        return Redirect($"/Tasks/{id}?done=edit");
    }

    public async Task<IActionResult> OnPostReportAsync(int id, ReportForm report, bool draft, List<IFormFile> evidence)
    {
        if (!await LoadAsync(id)) return NotFound();
        if (!TaskScope.MayReport(Caller, Task, Caller.OrgUnitId)) return StatusCode(StatusCodes.Status403Forbidden);
        var problems = new List<string>();
        if (Plan.Status != PlanStatus.Published) problems.Add("计划尚未发布，不能报送进展");
        int? progress = int.TryParse(report.Progress, NumberStyles.Integer, CultureInfo.InvariantCulture, out var p) ? p : null;
        var values = new List<(int, decimal)>();
        foreach (var target in Task.Targets)
        {
            var text = report.Values.GetValueOrDefault(target.Id)?.Trim();
            if (string.IsNullOrEmpty(text)) continue;
            if (decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var value)) values.Add((target.Id, value));
            else problems.Add($"目标“{target.Subject}”的完成值应为数字");
        }
        var uploads = evidence.Where(f => f.Length > 0 || !string.IsNullOrEmpty(f.FileName)).ToList();
        if (uploads.Count > MaxEvidenceFiles) problems.Add($"一次最多上传 {MaxEvidenceFiles} 个佐证材料");
        if (problems.Count > 0) return Refused("report", problems, report: report);

        var stored = new List<Attachment>();
        foreach (var upload in uploads)
        {
            await using var stream = upload.OpenReadStream();
            var (attachment, problem) = await files.StoreAsync(stream, upload.FileName, upload.Length, Caller.UserId, Ct);
            if (attachment is not null) stored.Add(attachment);
            else problems.Add(problem!);
        }
        if (problems.Count > 0)
        {
            stored.ForEach(files.Discard);
            return Refused("report", ["佐证材料未通过检查，本次报送没有保存：", .. problems], report: report);
        }
        var submission = new ReportWorkflow.Submission(Caller.OrgUnitId, report.Period?.Trim(), progress, report.Narrative, values, draft, stored);
        var run = await once.RunAsync(OnceOf(report, submission), ct => desk.SubmitAsync(Caller, Task, submission, ct), outcome => outcome.Report is { } r
            ? new IdempotentRequests.Answer(StatusCodes.Status302Found, "", $"/Tasks/{id}?done={(r.Status == ReportStatus.Draft ? "draft" : "report")}#report-{r.Id}")
            : null, Ct);
        if (run.Kind != IdempotentRequests.Kind.Ran || run.Answer is null) stored.ForEach(files.Discard);
        if (run.Answer is { } answer) return Redirect(answer.Location!);
        await LoadAsync(id); // a refused or lost submission left nothing behind; show the reports as they are now
        if (run.Kind == IdempotentRequests.Kind.KeyReused)
            return Refused("report", ["这张表单已经提交过，内容与上次不同，本次没有保存。请刷新页面后重新填写。"], report: report);
        var refused = run.Value!;
        return Refused("report", refused.Problems.ToList(), report: report, status: refused.Conflict ? StatusCodes.Status409Conflict : StatusCodes.Status422UnprocessableEntity);
    }

    /// <summary>
    /// The form's one-time key, bound to what the form says (its files by their content): the same form sent twice
    /// stores one report, and the key cannot carry a different report.
    /// </summary>
    private IdempotentRequests.Request? OnceOf(ReportForm report, ReportWorkflow.Submission submission)
    {
        var key = string.IsNullOrWhiteSpace(report.Key) ? null : report.Key.Trim();
        if (key is null || IdempotentRequests.ProblemWith(key) is not null) return null;
        return IdempotencyKeys.For(HttpContext, key, new
        {
            submission.Period, submission.Progress, submission.Narrative, submission.Draft,
            Values = submission.Values.OrderBy(v => v.TargetId).Select(v => new[] { v.TargetId, v.Value }),
            Evidence = submission.Evidence?.Select(a => new[] { a.FileName, a.Sha256 }),
        });
    }

    /// <summary>
    /// A target's breakdown per responsible unit (the city's 85 schools as each district's share): one number per unit,
    /// a blank leaves the unit out; shares of a count must add up to the target (TargetWorkflow's rule).
    /// </summary>
    public async Task<IActionResult> OnPostBreakdownAsync(int id, int targetId, int version, Dictionary<int, string?>? shares)
    {
        if (!await LoadAsync(id)) return NotFound();
        if (!MayEdit) return StatusCode(StatusCodes.Status403Forbidden);
        var target = Task.Targets.FirstOrDefault(g => g.Id == targetId);
        if (target is null) return NotFound();
        BreakdownTargetId = targetId;
        if (target.Version != version)
            return Refused("breakdown", ["该目标在您打开之后已被他人修改，您的分解没有保存，请核对当前的分解后重新填写。"], status: StatusCodes.Status409Conflict);
        var problems = new List<string>();
        var list = new List<TargetWorkflow.Share>();
        var responsible = Task.ResponsibleOrgUnitIds.ToHashSet();
        // A form without any share fields binds no dictionary at all: that is an empty breakdown, not a 500.
        foreach (var (unitId, text) in (shares ?? []).OrderBy(kv => kv.Key))
        {
            if (string.IsNullOrWhiteSpace(text)) continue;
            if (!responsible.Contains(unitId)) problems.Add("只能分解到本任务的责任单位");
            else if (!decimal.TryParse(text.Trim(), NumberStyles.Number, CultureInfo.InvariantCulture, out var value) || value < 0)
                problems.Add($"{UnitName(unitId)}的分解数“{text}”不是有效的数字");
            else list.Add(new(unitId, value));
        }
        if (problems.Count > 0) return Refused("breakdown", problems);
        try
        {
            problems = await targets.ChangeAsync(target, new TargetWorkflow.TargetChange(Breakdown: list), Ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            await LoadAsync(id);
            return Refused("breakdown", ["该目标在您打开之后已被他人修改，您的分解没有保存。"], status: StatusCodes.Status409Conflict);
        }
        if (problems.Count > 0) return Refused("breakdown", problems);
        return Redirect($"/Tasks/{id}?done=breakdown#target-{targetId}");
    }

    /// <summary>The target whose breakdown form the problems belong to.</summary>
    public int? BreakdownTargetId { get; private set; }

    public async Task<IActionResult> OnPostReviewAsync(int id, int reportId, string? decision, string? comment)
    {
        if (!await LoadAsync(id)) return NotFound();
        var report = await scope.ReadableReports(Caller).FirstOrDefaultAsync(r => r.Id == reportId && r.TaskId == id, Ct);
        if (report is null) return NotFound();
        if (!MayReview) return StatusCode(StatusCodes.Status403Forbidden);
        if (decision is not ("accept" or "return")) return Refused("review", ["请选择采纳或退回"]);
        var problems = await desk.ReviewAsync(Caller, report, Task, decision == "accept", comment, Ct);
        if (problems.Count > 0) return Refused("review", problems);
        return Redirect($"/Tasks/{id}?done={decision}#report-{reportId}");
    }

    public async Task<IActionResult> OnPostCompletionAsync(int id, string? summary)
    {
        if (!await LoadAsync(id)) return NotFound();
        if (!MayRequestCompletion) return StatusCode(StatusCodes.Status403Forbidden);
        if (Plan.Status != PlanStatus.Published) return Refused("completion", ["计划尚未发布"]);
        return Closed(id, "requested", await ledger.RequestCompletionAsync(Task, summary, Ct));
    }

    public async Task<IActionResult> OnPostDecideAsync(int id, string? decision, string? reason)
    {
        if (!await LoadAsync(id)) return NotFound();
        if (!MayDecideCompletion) return StatusCode(StatusCodes.Status403Forbidden);
        var approve = decision == "approve";
        return Closed(id, approve ? "approved" : "refused", await ledger.DecideCompletionAsync(Task, approve, reason, Caller.UserId, Ct));
    }

    public async Task<IActionResult> OnPostReopenAsync(int id, string? reason)
    {
        if (!await LoadAsync(id)) return NotFound();
        if (!MayDecideCompletion) return StatusCode(StatusCodes.Status403Forbidden);
        return Closed(id, "reopened", await ledger.ReopenAsync(Task, reason, Ct));
    }

    public async Task<IActionResult> OnPostCancelAsync(int id, string? reason)
    {
        if (!await LoadAsync(id)) return NotFound();
        if (!MayEdit) return StatusCode(StatusCodes.Status403Forbidden);
        return Closed(id, "cancelled", await ledger.CancelAsync(Task, reason, Ct));
    }

    private IActionResult Closed(int id, string done, List<string> problems) =>
        problems.Count > 0 ? Refused("completion", problems) : Redirect($"/Tasks/{id}?done={done}#completion");

    /// <summary>Shows the page again with the problems and what the user typed; nothing was saved.</summary>
    private PageResult Refused(string form, List<string> problems, EditForm? edit = null, int status = StatusCodes.Status422UnprocessableEntity, ReportForm? report = null)
    {
        ProblemsOf = form;
        Problems = problems;
        Edit = edit ?? EditOf(Task);
        Report = report ?? ReportOf();
        Response.StatusCode = status;
        return Page();
    }

    /// <summary>Loads the task if the caller may see it (the API's rule), with everything the page shows.</summary>
    private async Task<bool> LoadAsync(int id)
    {
        if (await TasksApi.FindAsync(id, scope, ledger, db, HttpContext, Ct) is not ({ } task, { } plan)) return false;
        Task = task;
        Plan = plan;
        Status = ledger.StatusOf(task);
        ExpectedProgress = WorkStatusRules.ExpectedProgress(task, ledger.Settings.Today);
        var caller = Caller;
        MayEdit = TaskScope.MayEdit(caller, task, plan);
        var open = task.Closure == TaskClosure.Open && plan.Status == PlanStatus.Published;
        MayReport = open && TaskScope.MayReport(caller, task, caller.OrgUnitId);
        MayReview = TaskScope.MayReview(caller, task);
        MayRequestCompletion = TaskScope.MayRequestCompletion(caller, task) && open;
        MayDecideCompletion = TaskScope.MayDecideCompletion(caller);
        Reports = await scope.ReadableReportsAsync(caller, task, Ct);
        // The edit form offers every department, district and school (a city has a thousand); readers need only the named ones.
        var units = db.OrgUnits.AsNoTracking();
        if (!MayEdit)
        {
            var named = task.Units.Select(u => u.OrgUnitId).Concat(Reports.Select(r => r.OrgUnitId))
                .Concat(task.Targets.SelectMany(g => g.Breakdown.Select(s => s.OrgUnitId))).Append(task.LeadDepartmentId ?? 0).Distinct().ToList();
            units = units.Where(u => named.Contains(u.Id));
        }
        Units = await units.OrderBy(u => u.Kind).ThenBy(u => u.SortOrder).ThenBy(u => u.Code).ToDictionaryAsync(u => u.Id, Ct);
        Leaders = MayEdit ? await db.Users.AsNoTracking().Where(u => u.Role == Role.Leader && !u.Disabled).OrderBy(u => u.DisplayName).ToListAsync(Ct) : [];
        var peopleIds = Reports.SelectMany(r => new[] { r.SubmittedById, r.ReviewedById }).Append(task.LeaderUserId).Append(task.ClosedById)
            .OfType<int>().Distinct().ToList();
        People = await db.Users.AsNoTracking().Where(u => peopleIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, Ct);
        Parent = task.ParentId is { } parent ? await db.Tasks.AsNoTracking().FirstOrDefaultAsync(t => t.Id == parent, Ct) : null;
        Changes = await history.OfAsync(task, Ct);
        return true;
    }

    public string UnitName(int id) => Units.TryGetValue(id, out var u) ? u.Name : $"#{id}";

    public string PersonName(int? id) => id is { } i && People.TryGetValue(i, out var name) ? name : "—";

    private static EditForm EditOf(PlanTask task) => new()
    {
        Version = task.Version,
        Category = task.Category.ToChinese(),
        LeadDepartmentId = task.LeadDepartmentId,
        CoDepartmentIds = task.CoDepartmentIds.ToList(),
        ResponsibleOrgUnitIds = task.ResponsibleOrgUnitIds.ToList(),
        LeaderUserId = task.LeaderUserId,
        StartDate = task.StartDate,
        DueDate = task.DueDate,
        Weight = task.Weight,
        Milestones = task.Milestones.OrderBy(m => m.Date).Select(m => new MilestoneRow { Date = m.Date, Title = m.Title, Done = m.Done })
            .Concat(Enumerable.Range(0, BlankMilestoneRows).Select(_ => new MilestoneRow())).ToList(),
    };

    /// <summary>A fresh report form: this month, prefilled from my unit's draft or returned report, with a new one-time key.</summary>
    private ReportForm ReportOf()
    {
        var today = ledger.Settings.Today;
        var form = new ReportForm { Period = $"{today.Year:0000}-{today.Month:00}", Key = Guid.NewGuid().ToString("N") };
        var mine = Reports.Where(r => r.OrgUnitId == Caller.OrgUnitId).MaxBy(r => r.Id);
        if (mine is { Status: ReportStatus.Draft or ReportStatus.Returned })
        {
            form.Period = mine.Period;
            form.Progress = mine.Progress.ToString(CultureInfo.InvariantCulture);
            form.Narrative = mine.Narrative;
            form.Values = mine.Values.ToDictionary(v => v.TargetId, v => (string?)LedgerFormat.Number(v.Value));
        }
        return form;
    }

    /// <summary>Field by field: what the stale form says against what the task says now.</summary>
    private List<Conflict> ConflictsOf(EditForm yours)
    {
        var current = EditOf(Task);
        var list = new List<Conflict>();
        void Compare(string field, string a, string b)
        {
            if (a != b) list.Add(new(field, a, b));
        }
        string Names(IEnumerable<int> ids) => string.Join("、", ids.Distinct().Order().Select(UnitName)) is { Length: > 0 } s ? s : "（无）";
        string Unit(int? id) => id is > 0 ? UnitName(id.Value) : "（无）";
        string Leader(int? id) => id is > 0 ? Leaders.FirstOrDefault(l => l.Id == id)?.DisplayName ?? $"#{id}" : "（无）";
        string Milestones(IEnumerable<MilestoneRow> rows) => string.Join("；", rows
            .Where(r => !r.Remove && r.Date is not null)
            .OrderBy(r => r.Date).Select(r => $"{LedgerFormat.Date(r.Date)} {r.Title?.Trim()}{(r.Done ? "（已完成）" : "")}")) is { Length: > 0 } s ? s : "（无）";
        Compare("类别", yours.Category ?? "", current.Category ?? "");
        Compare("牵头处室", Unit(yours.LeadDepartmentId), Unit(current.LeadDepartmentId));
        Compare("配合处室", Names(yours.CoDepartmentIds), Names(current.CoDepartmentIds));
        Compare("责任单位", Names(yours.ResponsibleOrgUnitIds), Names(current.ResponsibleOrgUnitIds));
        Compare("包保局领导", Leader(yours.LeaderUserId), Leader(current.LeaderUserId));
        Compare("开始日期", LedgerFormat.Date(yours.StartDate), LedgerFormat.Date(current.StartDate));
        Compare("完成时限", LedgerFormat.Date(yours.DueDate), LedgerFormat.Date(current.DueDate));
        Compare("权重", LedgerFormat.Number(yours.Weight), LedgerFormat.Number(current.Weight));
        Compare("倒排工期", Milestones(yours.Milestones), Milestones(current.Milestones));
        return list;
    }
}
