using System.Globalization;
using Luoshi.Application;
using Luoshi.Application.Access;
using Luoshi.Application.Caching;
using Luoshi.Application.Idempotency;
using Luoshi.Application.Reports;
using Luoshi.Application.Targets;
using Luoshi.Application.Tasks;
using Luoshi.Data;
using Luoshi.Data.Idempotency;
using Luoshi.Domain.OrgUnits;
using Luoshi.Domain.People;
using Luoshi.Domain.Plans;
using Luoshi.Domain.Problems;
using Luoshi.Domain.Reports;
using Luoshi.Domain.Targets;
using Luoshi.Domain.Tasks;
using Luoshi.Web.Auth;
using Luoshi.Web.Infrastructure;
using Luoshi.Web.Pages.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Luoshi.Web.Pages.Tasks;

/// <summary>
/// The task page: details, milestones, targets, the timeline of reports and changes, and the forms each role may use:
/// edit (the lead department and overseers), report (a responsible unit), review, and 办结. Every rule is the API's.
/// </summary>
[CachedPerBrowser]
[RequestSizeLimit(MaxEvidenceFiles * EvidenceFiles.MaxBytes + 1024 * 1024)]
[RequestFormLimits(MultipartBodyLengthLimit = MaxEvidenceFiles * EvidenceFiles.MaxBytes + 1024 * 1024)]
public sealed class TaskPageModel(LuoshiDb db, TaskScope scope, TaskWorkflow workflow, ReportWorkflow reports, TargetWorkflow targets,
    IdempotentRequests once, EvidenceFiles files, TaskHistory history, ReferenceData reference, Breakdowns breakdowns,
    Luoshi.Application.Analytics.IndicatorDefinitions indicators) : PageModel
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

        /// <summary>For a share target: what was counted and the unit's base (the share is then their ratio).</summary>
        public Dictionary<int, string?> Numerators { get; set; } = [];

        public Dictionary<int, string?> Denominators { get; set; } = [];

        public string? Key { get; set; }
    }

    /// <summary>The form by which a district gives its task, or parts of its targets, to its own schools.</summary>
    public sealed class PartForm
    {
        public string? Title { get; set; }
        public List<int> SchoolIds { get; set; } = [];
        public DateOnly? DueDate { get; set; }

        /// <summary>Each target's part for these schools (by target id); empty means none.</summary>
        public Dictionary<int, string?> Targets { get; set; } = [];
    }

    /// <summary>A field that differs between a stale form and the task as it is now.</summary>
    public sealed record Conflict(string Field, string Yours, string Current);

    public PlanTask Task { get; private set; } = null!;
    public Plan Plan { get; private set; } = null!;
    public WorkStatus Status => State.Status;

    /// <summary>The task's status, progress (a group's roll-up) and, when yellow, why.</summary>
    public TaskState State { get; private set; } = null!;

    /// <summary>Whether the caller may link the task's targets to indicators, and the indicators to choose from (only then).</summary>
    public bool CanLink { get; private set; }

    public List<Luoshi.Domain.Indicators.Indicator> Indicators { get; private set; } = [];

    public int ExpectedProgress => State.Expected;

    /// <summary>Each unit's latest accepted figure per target (by target id), from the reports the caller may read.</summary>
    public Dictionary<int, List<UnitFigure>> Figures { get; private set; } = [];
    public Dictionary<int, OrgUnit> Units { get; private set; } = [];
    public Dictionary<int, string> People { get; private set; } = [];
    public List<Person> Leaders { get; private set; } = [];
    public List<ProgressReport> Reports { get; private set; } = [];
    public List<TaskHistory.Entry> Changes { get; private set; } = [];
    public PlanTask? Parent { get; private set; }

    /// <summary>Whether the caller may open the task this one was broken down from (a school sees only its part).</summary>
    public bool ParentVisible { get; private set; }

    /// <summary>The parts of the task given to schools, and what a district's schools reached (<see cref="Breakdowns.View"/>).</summary>
    public Breakdowns.View Below { get; private set; } = new([], new Dictionary<int, TargetActual>());

    /// <summary>The caller's own schools, offered by the breakdown form (only to a district that may break the task down).</summary>
    public List<OrgUnit> OwnSchools { get; private set; } = [];

    public PartForm Part { get; private set; } = new();

    /// <summary>The caller's own unit (whose share of a target the breakdown form shows).</summary>
    public int CallerUnitId => Caller.OrgUnitId;

    /// <summary>A group's items the caller may see, with their states: what its roll-up is made of.</summary>
    public List<(PlanTask Task, TaskState State)> Children { get; private set; } = [];

    /// <summary>What the caller may do to the task now (the buttons and forms shown come from here, as the endpoints' checks do).</summary>
    public TaskPermissions Can { get; private set; } = null!;

    /// <summary>Today in China, as statuses and lateness are computed.</summary>
    public DateOnly Today => workflow.Today;

    public EditForm Edit { get; private set; } = new();

    /// <summary>The edit form's assignment fields, as the form was sent or as the task has them.</summary>
    public AssignmentFields AssignmentFields => new(AssignmentChoices.Of(Units.Values, Leaders), "edit.", Lead: Edit.LeadDepartmentId,
        Co: Edit.CoDepartmentIds, Responsible: Edit.ResponsibleOrgUnitIds, Leader: Edit.LeaderUserId, Due: Edit.DueDate);
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
        var milestones = edit.Milestones.Where(r => !r.Remove && (r.Date is not null || !string.IsNullOrWhiteSpace(r.Title)))
            .Select(r => new TaskWorkflow.MilestoneChange(r.Date, r.Title ?? "", r.Done)).ToList();
        var changes = new TaskWorkflow.TaskChanges(
            Category: edit.Category,
            LeadDepartmentId: edit.LeadDepartmentId is > 0 ? edit.LeadDepartmentId : null, ClearLeadDepartment: edit.LeadDepartmentId is null or 0,
            CoDepartmentIds: edit.CoDepartmentIds, ResponsibleOrgUnitIds: edit.ResponsibleOrgUnitIds,
            LeaderUserId: edit.LeaderUserId is > 0 ? edit.LeaderUserId : null, ClearLeader: edit.LeaderUserId is null or 0,
            StartDate: edit.StartDate, DueDate: edit.DueDate, Milestones: milestones, Weight: edit.Weight);
        var outcome = await workflow.ChangeAsync(Caller, id, ReadVersion.Of(edit.Version), changes, Ct);
        if (outcome.Succeeded) return Redirect($"/Tasks/{id}?done=edit");
        if (!await LoadAsync(id)) return NotFound();
        // A stale form shows, field by field, what the user typed against the task as it is now.
        if (outcome.Kind == ProblemKind.Stale) Conflicts = ConflictsOf(edit);
        return Refused("edit", outcome.Problems, edit);
    }

    public async Task<IActionResult> OnPostReportAsync(int id, ReportForm report, bool draft, List<IFormFile> evidence)
    {
        if (!await LoadAsync(id)) return NotFound();
        // Asked before the evidence is stored, so a refused report leaves no files behind; the use case asks again.
        if (Can.WhyNot(TaskAction.Report) is { } no) return Refused("report", [no], report: report);
        var problems = new List<Problem>();
        int? progress = int.TryParse(report.Progress, NumberStyles.Integer, CultureInfo.InvariantCulture, out var p) ? p : null;
        var values = new List<ReportWorkflow.Figure>();
        foreach (var target in Task.Targets)
        {
            var (value, numerator, denominator) =
                (Parse(report.Values, target), Parse(report.Numerators, target), Parse(report.Denominators, target));
            if (value.Bad || numerator.Bad || denominator.Bad) problems.Add(ReportProblems.ValueNotNumber.With(target.Subject));
            else if (value.Number is not null || numerator.Number is not null || denominator.Number is not null)
                values.Add(new ReportWorkflow.Figure(target.Id, value.Number, numerator.Number, denominator.Number));
        }
        var uploads = evidence.Where(f => f.Length > 0 || !string.IsNullOrEmpty(f.FileName)).ToList();
        if (uploads.Count > MaxEvidenceFiles) problems.Add(ReportProblems.TooManyFiles.With(MaxEvidenceFiles));
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
            return Refused("report", [ReportProblems.EvidenceRefused, .. problems], report: report);
        }
        var submission = new ReportWorkflow.Submission(null, report.Period?.Trim(), progress, report.Narrative, values, draft, stored);
        var run = await once.RunAsync(OnceOf(report, submission), ct => reports.SubmitAsync(Caller, id, submission, ct), outcome
            => outcome.Value is { } r
            ? new IdempotentRequests.Answer(StatusCodes.Status302Found, "",
                $"/Tasks/{id}?done={(r.Status == ReportStatus.Draft ? "draft" : "report")}#report-{r.Id}")
            : null, Ct);
        if (run.Kind != IdempotentRequests.Kind.Ran || run.Answer is null) stored.ForEach(files.Discard);
        if (run.Answer is { } answer) return Redirect(answer.Location!);
        await LoadAsync(id); // a refused or lost submission left nothing behind; show the reports as they are now
        if (run.Kind == IdempotentRequests.Kind.KeyReused) return Refused("report", [ReportProblems.FormReused], report: report);
        return Refused("report", run.Value!.Problems, report: report);
    }

    /// <summary>A number typed for a target (empty: none; not a number: bad).</summary>
    private static (decimal? Number, bool Bad) Parse(Dictionary<int, string?> fields, Target target)
    {
        var text = fields.GetValueOrDefault(target.Id)?.Trim();
        if (string.IsNullOrEmpty(text)) return (null, false);
        return decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var n) ? (n, false) : (null, true);
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
            Values = submission.Values.OrderBy(v => v.TargetId).Select(v => new object?[] { v.TargetId, v.Value, v.Numerator, v.Denominator }),
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
        if (Task.Targets.All(g => g.Id != targetId)) return NotFound();
        BreakdownTargetId = targetId;
        var problems = new List<Problem>();
        var list = new List<TargetWorkflow.Share>();
        var responsible = Task.ResponsibleOrgUnitIds.ToHashSet();
        // A form without any share fields binds no dictionary at all: that is an empty breakdown, not a 500.
        foreach (var (unitId, text) in (shares ?? []).OrderBy(kv => kv.Key))
        {
            if (string.IsNullOrWhiteSpace(text)) continue;
            if (!responsible.Contains(unitId)) problems.Add(TargetProblems.ShareNotResponsible);
            else if (!decimal.TryParse(text.Trim(), NumberStyles.Number, CultureInfo.InvariantCulture, out var value) || value < 0)
                problems.Add(TargetProblems.ShareNotNumber.With(UnitName(unitId), text));
            else list.Add(new(unitId, value));
        }
        if (problems.Count > 0 && Can.CanEdit) return Refused("breakdown", problems);
        var outcome = await targets.ChangeAsync(Caller, targetId, ReadVersion.Of(version), new TargetWorkflow.TargetChange(Breakdown: list), Ct);
        if (outcome.Succeeded) return Redirect($"/Tasks/{id}?done=breakdown#target-{targetId}");
        await LoadAsync(id);
        return Refused("breakdown", outcome.Problems);
    }

    /// <summary>Links a target to an indicator, or unlinks it (no indicator chosen): TargetWorkflow.LinkAsync, as the API.</summary>
    public async Task<IActionResult> OnPostLinkAsync(int id, int targetId, int? indicatorId, string? baseline)
    {
        if (!await LoadAsync(id)) return NotFound();
        if (Task.Targets.All(g => g.Id != targetId)) return NotFound();
        decimal? start = null;
        if (!string.IsNullOrWhiteSpace(baseline))
        {
            if (!decimal.TryParse(baseline.Trim(), NumberStyles.Number, CultureInfo.InvariantCulture, out var value))
                return Refused("link", [TargetProblems.NotNumber.With("基数", baseline)]);
            start = value;
        }
        var outcome = await targets.LinkAsync(Caller, targetId, indicatorId is > 0 ? indicatorId : null, start, Ct);
        if (outcome.Succeeded) return Redirect($"/Tasks/{id}?done=link#target-{targetId}");
        await LoadAsync(id);
        return Refused("link", outcome.Problems);
    }

    /// <summary>A district gives the task, or parts of its targets, to some of its schools (Breakdowns' rules).</summary>
    public async Task<IActionResult> OnPostPartAsync(int id, PartForm part)
    {
        if (!await LoadAsync(id)) return NotFound();
        var problems = new List<Problem>();
        var parts = new List<Breakdowns.TargetPart>();
        foreach (var target in Task.Targets)
        {
            var (value, bad) = Parse(part.Targets, target);
            if (bad) problems.Add(TaskProblems.BreakdownShareInvalid.With(target.Subject));
            else if (value is not null) parts.Add(new(target.Id, value));
        }
        if (problems.Count > 0 && Can.CanBreakDown) return RefusedPart(problems, part);
        var outcome = await breakdowns.BreakDownAsync(Caller, id, new Breakdowns.Request(part.Title, part.SchoolIds, part.DueDate, parts), Ct);
        if (outcome.Succeeded) return Redirect($"/Tasks/{id}?done=part#parts");
        await LoadAsync(id);
        return RefusedPart(outcome.Problems, part);
    }

    private IActionResult RefusedPart(IReadOnlyList<Problem> problems, PartForm part)
    {
        var answer = Refused("part", problems);
        Part = part;
        return answer;
    }

    /// <summary>The target whose breakdown form the problems belong to.</summary>
    public int? BreakdownTargetId { get; private set; }

    public async Task<IActionResult> OnPostReviewAsync(int id, int reportId, string? decision, string? comment)
    {
        var outcome = await reports.ReviewAsync(Caller, reportId, decision, comment, ofTask: id, Ct);
        return outcome.Succeeded ? Redirect($"/Tasks/{id}?done={decision}#report-{reportId}") : await RefusedAsync(id, "review", outcome.Problems);
    }

    public async Task<IActionResult> OnPostCompletionAsync(int id, string? summary) =>
        await ClosedAsync(id, "requested", await workflow.RequestCompletionAsync(Caller, id, summary, Ct));

    public async Task<IActionResult> OnPostDecideAsync(int id, string? decision, string? reason)
    {
        var approve = decision == "approve";
        return await ClosedAsync(id, approve ? "approved" : "refused", await workflow.DecideCompletionAsync(Caller, id, approve, reason, Ct));
    }

    public async Task<IActionResult> OnPostReopenAsync(int id, string? reason) =>
        await ClosedAsync(id, "reopened", await workflow.ReopenAsync(Caller, id, reason, Ct));

    public async Task<IActionResult> OnPostCancelAsync(int id, string? reason) =>
        await ClosedAsync(id, "cancelled", await workflow.CancelAsync(Caller, id, reason, Ct));

    private async Task<IActionResult> ClosedAsync(int id, string done, Outcome<TaskAccess> outcome) =>
        outcome.Succeeded ? Redirect($"/Tasks/{id}?done={done}#completion") : await RefusedAsync(id, "completion", outcome.Problems);

    /// <summary>The task page again after a refused use case (loaded as it is now), or the 404/403 page.</summary>
    private async Task<IActionResult> RefusedAsync(int id, string form, IReadOnlyList<Problem> problems)
    {
        var kind = problems.Leading();
        if (kind == ProblemKind.NotFound || !await LoadAsync(id)) return NotFound();
        return Refused(form, problems);
    }

    /// <summary>
    /// Shows the page again with the problems, in the user's language, and what the user typed; nothing was saved. The
    /// status is the problems' (as the API's): 403 and 404 show the error page, anything else the form again.
    /// </summary>
    private IActionResult Refused(string form, IReadOnlyList<Problem> problems, EditForm? edit = null, ReportForm? report = null)
    {
        var status = ProblemAnswers.StatusOf(problems);
        if (status is StatusCodes.Status404NotFound) return NotFound();
        if (status is StatusCodes.Status403Forbidden) return StatusCode(status);
        ProblemsOf = form;
        Problems = problems.Words();
        Edit = edit ?? EditOf(Task);
        Report = report ?? ReportOf();
        Response.StatusCode = status;
        return Page();
    }

    /// <summary>Loads the task if the caller may see it (the one finder of pages and endpoints), with everything the page shows.</summary>
    private async Task<bool> LoadAsync(int id)
    {
        db.ChangeTracker.Clear();
        if (await scope.FindAsync(Caller, id, Ct) is not { } found) return false;
        (Task, Plan, Can) = (found.Task, found.Plan, found.Can);
        State = await workflow.States.OfAsync(Task, Ct);
        CanLink = TargetWorkflow.MayLink(Caller, Plan) && Task.Targets.Count > 0;
        Indicators = CanLink ? await indicators.ListAsync(Ct) : [];
        var task = Task;
        Reports = await scope.ReadableReportsAsync(Caller, task, Ct);
        Figures = TargetWorkflow.FiguresOf(task, Reports);
        // The edit form offers every department, district and school (a city has a thousand); readers need only the named ones.
        var tree = await reference.GetAsync(db, Ct);
        IEnumerable<OrgUnit> units = tree.UnitsInOrder;
        if (!Can.CanEdit)
        {
            var named = task.Units.Select(u => u.OrgUnitId).Concat(Reports.Select(r => r.OrgUnitId))
                .Concat(task.Targets.SelectMany(g => g.Breakdown.Select(s => s.OrgUnitId))).Append(task.LeadDepartmentId ?? 0).ToHashSet();
            units = units.Where(u => named.Contains(u.Id));
        }
        Units = units.ToDictionary(u => u.Id);
        Leaders = Can.CanEdit ? AssignmentChoices.LeadersOf(tree) : [];
        var peopleIds = Reports.SelectMany(r => new[] { r.SubmittedById, r.ReviewedById }).Append(task.LeaderUserId).Append(task.ClosedById)
            .OfType<int>().Distinct().ToList();
        People = peopleIds.Where(tree.People.ContainsKey).ToDictionary(id => id, id => tree.People[id].DisplayName);
        Parent = task.ParentId is { } parent ? await db.Tasks.AsNoTracking().FirstOrDefaultAsync(t => t.Id == parent, Ct) : null;
        ParentVisible = Parent is not null && (!task.IsBreakdown || await scope.Visible(Caller).AnyAsync(t => t.Id == Parent.Id, Ct));
        Below = await breakdowns.OfAsync(Caller, task, Ct);
        OwnSchools = Can.CanBreakDown ? tree.UnitsInOrder.Where(u => u.ParentId == Caller.OrgUnitId && u.Kind == OrgUnitKind.School).ToList() : [];
        foreach (var unit in Below.Parts.SelectMany(p => p.Child.Units.Select(u => u.OrgUnitId)).Concat(OwnSchools.Select(s => s.Id))
                     .Concat(Below.FromSchools.Values.SelectMany(f => f.Figures.Select(x => x.OrgUnitId))))
            if (!Units.ContainsKey(unit) && tree.Units.TryGetValue(unit, out var known)) Units[unit] = known;
        Changes = await history.OfAsync(task, Ct);
        if (task.IsGroup)
        {
            var children = await scope.Visible(Caller).AsNoTracking().Include(t => t.Milestones).Where(t => t.ParentId == task.Id)
                .OrderBy(t => t.Ordinal).ToListAsync(Ct);
            var states = await workflow.States.OfAsync(children, Ct);
            Children = children.Select(c => (c, states[c.Id])).ToList();
        }
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
        var form = new ReportForm { Period = $"{Today.Year:0000}-{Today.Month:00}", Key = PageCache.OneTimeKey(HttpContext) };
        var mine = Reports.Where(r => r.OrgUnitId == Caller.OrgUnitId).MaxBy(r => r.Id);
        if (mine is { Status: ReportStatus.Draft or ReportStatus.Returned })
        {
            form.Period = mine.Period;
            form.Progress = mine.Progress.ToString(CultureInfo.InvariantCulture);
            form.Narrative = mine.Narrative;
            form.Values = mine.Values.Where(v => v.Numerator is null).ToDictionary(v => v.TargetId, v => (string?)LedgerFormat.Number(v.Value));
            form.Numerators = mine.Values.Where(v => v.Numerator is not null)
                .ToDictionary(v => v.TargetId, v => (string?)LedgerFormat.Number(v.Numerator));
            form.Denominators = mine.Values.Where(v => v.Denominator is not null)
                .ToDictionary(v => v.TargetId, v => (string?)LedgerFormat.Number(v.Denominator));
            return form;
        }
        // A district's report starts from what its schools reached: their count, or their ratio's parts (Σ numerators, Σ bases).
        foreach (var (targetId, reached) in Below.FromSchools)
        {
            if (reached.Method == ActualMethod.Ratio)
            {
                form.Numerators[targetId] = LedgerFormat.Number(reached.Numerator);
                form.Denominators[targetId] = LedgerFormat.Number(reached.Denominator);
            }
            else if (reached.Value is { } value)
            {
                form.Values[targetId] = LedgerFormat.Number(value);
            }
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
            .OrderBy(r => r.Date).Select(r => $"{LedgerFormat.Date(r.Date)} {r.Title?.Trim()}{(r.Done ? "（已完成）" : "")}")) is { Length: > 0 } s ? s
                : "（无）";
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
