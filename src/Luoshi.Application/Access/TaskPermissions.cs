using Luoshi.Domain.Plans;
using Luoshi.Domain.Problems;
using Luoshi.Domain.Reports;
using Luoshi.Domain.Tasks;

namespace Luoshi.Application.Access;

/// <summary>The things a caller may do to a task.</summary>
public enum TaskAction
{
    /// <summary>Change assignment, schedule, milestones and targets.</summary>
    Edit,

    /// <summary>Delete, merge or split an item while the plan is a draft.</summary>
    ChangeDraft,

    /// <summary>Report progress for the caller's own unit.</summary>
    Report,

    /// <summary>Accept or return reports.</summary>
    Review,

    /// <summary>Ask for the task to be closed (办结).</summary>
    RequestCompletion,

    /// <summary>Approve or refuse a request to close.</summary>
    DecideCompletion,

    /// <summary>Open a closed or cancelled task again.</summary>
    Reopen,

    /// <summary>Drop the task.</summary>
    Cancel,

    /// <summary>Break the task down to the caller's own schools (a responsible district).</summary>
    BreakDown,
}

/// <summary>
/// What one caller may do to one task, computed once: who may (role and unit) and whether the task's and plan's state
/// allows it now. <see cref="WhyNot"/> is the one home of these rules: endpoints refuse with its problem, pages show
/// a button only when it is null. A caller who may not act is told so before the state is looked at.
/// </summary>
public sealed class TaskPermissions(Caller caller, PlanTask task, Plan plan)
{
    /// <summary>
    /// The lead department, and the overseers who run the ledger; any department while the plan is a draft; the department
    /// clerk who uploaded or published the plan, who assigns its tasks.
    /// </summary>
    private bool Edits => caller.RunsLedger
        || (caller.Role == Domain.People.Role.Department
            && (plan.Status == PlanStatus.Draft || task.LeadDepartmentId == caller.OrgUnitId || plan.IsRunBy(caller.UserId)));

    /// <summary>The caller's own unit carries, leads or helps with the task.</summary>
    private bool Reports => task.ResponsibleOrgUnitIds.Contains(caller.OrgUnitId) || task.LeadDepartmentId == caller.OrgUnitId
        || task.CoDepartmentIds.Contains(caller.OrgUnitId);

    /// <summary>
    /// The overseers; the lead department; of a task a district broke down to its schools, that district (the schools
    /// report to it).
    /// </summary>
    private bool Reviews => caller.RunsLedger || (caller.Role == Domain.People.Role.Department && task.LeadDepartmentId == caller.OrgUnitId)
        || (caller.Role == Domain.People.Role.District && task.OverseerOrgUnitId == caller.OrgUnitId);

    /// <summary>A district responsible for the task (清单式: 县级抓全员), which breaks it down to its own schools.</summary>
    private bool BreaksDown => caller.Role == Domain.People.Role.District && task.ResponsibleOrgUnitIds.Contains(caller.OrgUnitId);

    private bool RequestsCompletion => caller.RunsLedger || task.LeadDepartmentId == caller.OrgUnitId;

    public Problem? WhyNot(TaskAction action) => action switch
    {
        TaskAction.Edit => Edits ? null : TaskProblems.EditForbidden,
        TaskAction.ChangeDraft => !Edits ? TaskProblems.EditForbidden : plan.Status != PlanStatus.Draft ? TaskProblems.DraftOnly : null,
        TaskAction.Report => !Reports ? ReportProblems.ReportForbidden
            : task.IsGroup ? ReportProblems.GroupNotReported.With(task.Title)
            : plan.Status != PlanStatus.Published ? ReportProblems.PlanNotPublished
            : task.IsClosed ? ReportProblems.TaskClosed : null,
        TaskAction.Review => Reviews ? null : ReportProblems.ReviewForbidden,
        TaskAction.RequestCompletion => !RequestsCompletion ? TaskProblems.RequestForbidden
            : task.IsGroup ? TaskProblems.GroupNotClosed.With(task.Title)
            : plan.Status != PlanStatus.Published ? TaskProblems.PlanNotPublished
            : task.WhyNotRequestCompletion(),
        TaskAction.DecideCompletion => !caller.DecidesCompletion ? TaskProblems.DecideForbidden : task.WhyNotDecideCompletion(),
        TaskAction.Reopen => !caller.DecidesCompletion ? TaskProblems.ReopenForbidden : task.WhyNotReopen(),
        TaskAction.Cancel => !Edits ? TaskProblems.CancelForbidden : task.WhyNotCancel(),
        TaskAction.BreakDown => !BreaksDown ? TaskProblems.BreakdownForbidden
            : task.IsGroup ? TaskProblems.BreakdownGroup.With(task.Title)
            : plan.Status != PlanStatus.Published ? TaskProblems.PlanNotPublished
            : task.IsClosed ? TaskProblems.BreakdownClosed : null,
        _ => TaskProblems.EditForbidden,
    };

    public bool Can(TaskAction action) => WhyNot(action) is null;

    public bool CanEdit => Can(TaskAction.Edit);

    public bool CanReport => Can(TaskAction.Report);

    public bool CanReview => Can(TaskAction.Review);

    public bool CanRequestCompletion => Can(TaskAction.RequestCompletion);

    public bool CanDecide => Can(TaskAction.DecideCompletion);

    public bool CanReopen => Can(TaskAction.Reopen);

    public bool CanCancel => Can(TaskAction.Cancel);

    public bool CanBreakDown => Can(TaskAction.BreakDown);

    /// <summary>Evidence may be added to the caller's own unit's reports until they are accepted.</summary>
    public Problem? WhyNotAttach(ProgressReport report) =>
        report.OrgUnitId != caller.OrgUnitId ? ReportProblems.AttachForbidden
        : report.Status == ReportStatus.Accepted ? ReportProblems.AcceptedNoEvidence
        : null;

    /// <summary>Adding a task to a plan: those who draft plans, to a draft; once it is published, only the overseers who run the ledger.</summary>
    public static Problem? WhyNotAddTask(Caller caller, Plan plan) =>
        caller.RunsLedger || (caller.Role == Domain.People.Role.Department && plan.Status == PlanStatus.Draft) ? null : TaskProblems.AddForbidden;
}

/// <summary>A task the caller may see, fully loaded, with its plan and what the caller may do to it.</summary>
public sealed record TaskAccess(PlanTask Task, Plan Plan, TaskPermissions Can);
