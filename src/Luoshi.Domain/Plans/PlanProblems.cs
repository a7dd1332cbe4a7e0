using Luoshi.Domain.Problems;

namespace Luoshi.Domain.Plans;

/// <summary>Every refusal about a plan, worded once in Chinese and English.</summary>
public static class PlanProblems
{
    private static readonly ProblemCatalog Catalog = new("plan");

    public static readonly ProblemType NotFound = Catalog.Of(ProblemKind.NotFound, "not-found", "找不到该计划，或您无权查看",
        "No such plan, or you may not see it");
    public static readonly ProblemType DraftForbidden = Catalog.Of(ProblemKind.Forbidden, "draft-forbidden", "只有管理员、督查督导和处室可以创建、修改和发布计划",
        "Only administrators, supervisors and departments may create, change and publish plans");
    public static readonly ProblemType OnlyDraftDeleted = Catalog.Of(ProblemKind.Conflict, "only-draft-deleted", "只有草稿状态的计划可以删除；已发布的计划保留在台账中",
        "Only a draft plan can be deleted; a published plan stays in the ledger");
    public static readonly ProblemType NotDraft = Catalog.Of(ProblemKind.Conflict, "not-draft", "只有草稿状态的计划可以发布",
        "Only a draft plan can be published");
    public static readonly ProblemType OnlyDraftChanged = Catalog.Of(ProblemKind.Conflict, "only-draft-changed", "计划已发布，名称和年份只能在草稿中修改",
        "The plan is published: its title and year are changed only while it is a draft");
    public static readonly ProblemType YearRange = Catalog.Invalid("year-range", "计划年份应在 {0}–{1} 之间", "The plan's year must be from {0} to {1}");
    public static readonly ProblemType TitleEmpty = Catalog.Invalid("title-empty", "计划名称不能为空", "The plan's title cannot be empty");
    public static readonly ProblemType TitleTooLong = Catalog.Invalid("title-too-long", "计划名称不能超过 {0} 个字符",
        "The plan's title cannot be longer than {0} characters");
    public static readonly ProblemType TitleControl = Catalog.Invalid("title-control", "计划名称不能包含换行或其他控制字符",
        "The plan's title cannot hold line breaks or other control characters");
    public static readonly ProblemType Stale = Catalog.Of(ProblemKind.Stale, "stale", "该计划在您打开之后已被他人修改，您的修改没有保存，请刷新后再试",
        "Someone changed the plan after you opened it; your change was not saved. Reload and try again");
    public static readonly ProblemType PlaceholderLeft = Catalog.Of(ProblemKind.Conflict, "placeholder-left", "任务“{0}{1}”的目标“{2}”仍是占位数（XX），请填写或删除",
        "Task “{0}{1}” still has the placeholder target “{2}” (XX): fill it in or drop it");
    public static readonly ProblemType NoTasks = Catalog.Of(ProblemKind.Conflict, "no-tasks", "计划中还没有任务", "The plan has no tasks yet");
    public static readonly ProblemType CarryIntoDraft = Catalog.Of(ProblemKind.Conflict, "carry-into-draft",
        "未完成任务只能结转到草稿状态的计划中（在发布前结转）", "Unfinished tasks are carried into a draft plan only (before it is published)");
    public static readonly ProblemType CarryFromEarlier = Catalog.Invalid("carry-from-earlier", "只能从 {0} 年以前的计划结转未完成任务",
        "Unfinished tasks are carried from plans of years before {0} only");
    public static readonly ProblemType CopySourceMissing = Catalog.Of(ProblemKind.NotFound, "copy-source-missing", "找不到要沿用分工的计划",
        "The plan to copy assignments from was not found");
}
