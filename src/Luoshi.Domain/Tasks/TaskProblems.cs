using Luoshi.Domain.Problems;

namespace Luoshi.Domain.Tasks;

/// <summary>Every refusal about a task, worded once in Chinese and English.</summary>
public static class TaskProblems
{
    private static readonly ProblemCatalog Catalog = new("task");

    public static readonly ProblemType NotFound = Catalog.Of(ProblemKind.NotFound, "not-found", "找不到该任务，或您无权查看",
        "No such task, or you may not see it");
    public static readonly ProblemType TitleEmpty = Catalog.Invalid("title-empty", "任务名称不能为空", "The task title cannot be empty");
    public static readonly ProblemType TitleTooLong = Catalog.Invalid("title-too-long", "任务名称不能超过 {0} 个字符",
        "The task title cannot be longer than {0} characters");
    public static readonly ProblemType TextTooLong = Catalog.Invalid("text-too-long", "任务内容不能超过 {0} 个字符",
        "The task text cannot be longer than {0} characters");
    public static readonly ProblemType CategoryInvalid = Catalog.Invalid("category-invalid", "任务类别“{0}”无效，应为：{1}",
        "“{0}” is not a task category; use one of: {1}");
    public static readonly ProblemType LeadNotDepartment = Catalog.Invalid("lead-not-department", "牵头处室必须是市教育局的处室",
        "The lead must be a department of the bureau");
    public static readonly ProblemType AssignmentEmpty = Catalog.Invalid("assignment-empty",
        "请至少选择一项要设置的内容：牵头处室、配合处室、责任单位、包保领导或完成时限",
        "Choose at least one thing to set: lead department, helping departments, responsible units, leader in charge or deadline");
    public static readonly ProblemType CoDepartmentInvalid = Catalog.Invalid("co-department-invalid", "配合处室（编号 {0}）不是处室",
        "Helping unit #{0} is not a department");
    public static readonly ProblemType ResponsibleInvalid = Catalog.Invalid("responsible-invalid", "责任单位（编号 {0}）必须是区县、学校或处室",
        "Responsible unit #{0} must be a district, a school or a department");
    public static readonly ProblemType LeaderInvalid = Catalog.Invalid("leader-invalid", "包保领导必须是角色为“局领导”的用户",
        "The leader in charge must be a user with the bureau-leader role");
    public static readonly ProblemType DueBeforeStart = Catalog.Invalid("due-before-start", "完成时限不能早于开始日期",
        "The deadline cannot be before the start date");
    public static readonly ProblemType WeightOutOfRange = Catalog.Invalid("weight-out-of-range", "权重应在 0–100 之间",
        "The weight must be between 0 and 100");
    public static readonly ProblemType MilestoneUndated = Catalog.Invalid("milestone-undated", "每个节点都要有日期", "Every milestone needs a date");
    public static readonly ProblemType MilestoneTitle = Catalog.Invalid("milestone-title", "每个节点都要写明内容（不超过 {0} 字）",
        "Every milestone needs a description (at most {0} characters)");
    public static readonly ProblemType ParentNotInPlan = Catalog.Invalid("parent-not-in-plan", "上级任务不在该计划中", "The parent task is not in this plan");
    public static readonly ProblemType MergeIntoMissing = Catalog.Invalid("merge-into-missing", "请选择要并入的另一个任务", "Choose another task to merge into");
    public static readonly ProblemType MergeIntoOtherPlan = Catalog.Invalid("merge-into-other-plan", "要并入的任务不在同一计划中",
        "The task to merge into is not in the same plan");
    public static readonly ProblemType NothingBefore = Catalog.Invalid("nothing-before", "这是第一条，前面没有可以并入的条目",
        "This is the first item; there is none before it to merge into");
    public static readonly ProblemType ReviewClosed = Catalog.Of(ProblemKind.Conflict, "review-closed", "计划已发布，不能再在核对页修改；请到任务页面修改",
        "The plan is published: change its tasks on their own pages, not on the review page");
    public static readonly ProblemType SplitOutside = Catalog.Invalid("split-outside", "拆分位置应在任务内容之内（1–{0}）", "Split within the task's text (1–{0})");
    public static readonly ProblemType SelectionSize = Catalog.Invalid("selection-size", "请选择 1–{0} 个任务", "Choose 1–{0} tasks");
    public static readonly ProblemType SelectionNotFound = Catalog.Of(ProblemKind.NotFound, "selection-not-found", "有的任务不存在或不可见",
        "Some of the tasks do not exist or are not visible to you");
    public static readonly ProblemType SelectionForbidden = Catalog.Of(ProblemKind.Forbidden, "selection-forbidden", "有的任务您无权修改",
        "You may not change some of the tasks");
    public static readonly ProblemType EditForbidden = Catalog.Of(ProblemKind.Forbidden, "edit-forbidden", "只有牵头处室、督查督导和管理员可以修改任务",
        "Only the lead department, supervisors and administrators may change the task");
    public static readonly ProblemType AddForbidden = Catalog.Of(ProblemKind.Forbidden, "add-forbidden", "没有权限在计划中新增任务：计划发布后只有督查督导和管理员可以新增任务",
        "You may not add tasks to this plan: once it is published only supervisors and administrators may");
    public static readonly ProblemType DraftOnly = Catalog.Of(ProblemKind.Conflict, "draft-only", "计划已发布，只能在草稿中删除、合并或拆分任务",
        "The plan is published: tasks are deleted, merged or split only in a draft");
    public static readonly ProblemType PlanNotPublished = Catalog.Of(ProblemKind.Conflict, "plan-not-published", "计划尚未发布",
        "The plan is not published yet");
    public static readonly ProblemType RequestForbidden = Catalog.Of(ProblemKind.Forbidden, "completion-request-forbidden", "只有牵头处室可以申请办结",
        "Only the lead department may ask for the task to be closed");
    public static readonly ProblemType DecideForbidden = Catalog.Of(ProblemKind.Forbidden, "completion-decide-forbidden", "只有督查督导或局领导可以审批办结",
        "Only supervisors or bureau leaders may decide on closing a task");
    public static readonly ProblemType ReopenForbidden = Catalog.Of(ProblemKind.Forbidden, "reopen-forbidden", "只有督查督导或局领导可以重新打开任务",
        "Only supervisors or bureau leaders may reopen a task");
    public static readonly ProblemType CancelForbidden = Catalog.Of(ProblemKind.Forbidden, "cancel-forbidden", "没有权限取消该任务",
        "You may not cancel this task");
    public static readonly ProblemType GroupNotClosed = Catalog.Of(ProblemKind.Conflict, "group-not-closed",
        "“{0}”是计划的分组标题，不是任务，不能申请办结；它下面的任务各自办结",
        "“{0}” is a heading of the plan grouping tasks, not a task: the tasks under it are closed one by one");
    public static readonly ProblemType NotOpen = Catalog.Of(ProblemKind.Conflict, "not-open", "只有进行中的任务可以申请办结",
        "Only an open task can be asked to be closed");
    public static readonly ProblemType SummaryRequired = Catalog.Invalid("summary-required", "请填写办结情况说明", "Describe how the task was completed");
    public static readonly ProblemType NoPendingRequest = Catalog.Of(ProblemKind.Conflict, "no-pending-request", "该任务没有待审批的办结申请",
        "The task has no request to be closed awaiting a decision");
    public static readonly ProblemType RefusalReasonRequired = Catalog.Invalid("refusal-reason-required", "不同意办结时请说明理由",
        "Give the reason for refusing");
    public static readonly ProblemType NotClosed = Catalog.Of(ProblemKind.Conflict, "not-closed", "只有已办结或已取消的任务可以重新打开",
        "Only a closed or cancelled task can be reopened");
    public static readonly ProblemType ReopenReasonRequired = Catalog.Invalid("reopen-reason-required", "重新打开任务时请说明理由",
        "Give the reason for reopening");
    public static readonly ProblemType DoneCannotCancel = Catalog.Of(ProblemKind.Conflict, "done-cannot-cancel", "已办结的任务不能取消",
        "A closed task cannot be cancelled");
    public static readonly ProblemType AlreadyCancelled = Catalog.Of(ProblemKind.Conflict, "already-cancelled", "该任务已取消",
        "The task is already cancelled");
    public static readonly ProblemType CancelReasonRequired = Catalog.Invalid("cancel-reason-required", "取消任务时请说明理由",
        "Give the reason for cancelling");
    public static readonly ProblemType BreakdownForbidden = Catalog.Of(ProblemKind.Forbidden, "breakdown-forbidden",
        "只有负责该任务的区县可以把它分解到本区县的学校", "Only a district responsible for the task may break it down to its own schools");
    public static readonly ProblemType BreakdownOtherUnit = Catalog.Of(ProblemKind.Forbidden, "breakdown-other-unit",
        "只能分解到本单位所属的学校：“{0}”不属于本单位", "A task is broken down only to the caller's own schools: “{0}” is not one of them");
    public static readonly ProblemType BreakdownUnitsEmpty = Catalog.Invalid("breakdown-units-empty", "请选择要分解到的学校",
        "Choose the schools to break the task down to");
    public static readonly ProblemType BreakdownGroup = Catalog.Of(ProblemKind.Conflict, "breakdown-group",
        "“{0}”是计划的分组标题，不是任务，不能分解；请分解它下面的任务", "“{0}” is a heading grouping tasks: break down the tasks under it");
    public static readonly ProblemType BreakdownClosed = Catalog.Of(ProblemKind.Conflict, "breakdown-closed", "任务已办结或已取消，不能再分解",
        "The task is closed or cancelled: it cannot be broken down");
    public static readonly ProblemType BreakdownAfterDue = Catalog.Invalid("breakdown-after-due", "分解任务的完成时限不能晚于原任务的完成时限（{0}）",
        "The deadline of a part cannot be after the task's own ({0})");
    public static readonly ProblemType BreakdownTargetNotOfTask = Catalog.Invalid("breakdown-target-not-of-task", "目标（编号 {0}）不是该任务的目标",
        "Target #{0} is not a target of this task");
    public static readonly ProblemType BreakdownTargetTwice = Catalog.Invalid("breakdown-target-twice", "同一目标只能填写一次", "Give each target once");
    public static readonly ProblemType BreakdownShareInvalid = Catalog.Invalid("breakdown-share-invalid", "“{0}”的分解数应为不小于 0 的数",
        "The part of “{0}” must be a number not below 0");
    public static readonly ProblemType BreakdownExceedsShare = Catalog.Invalid("breakdown-exceeds-share",
        "“{0}”分给学校的合计 {1} 超过本单位的份额 {2}", "The parts of “{0}” given to schools add up to {1}, more than the unit's share of {2}");
    public static readonly ProblemType Stale = Catalog.Of(ProblemKind.Stale, "stale", "该任务在您打开之后已被他人修改，您的修改没有保存，请刷新查看最新内容后再提交",
        "Someone changed the task after you opened it; your change was not saved. Reload and try again");
}
