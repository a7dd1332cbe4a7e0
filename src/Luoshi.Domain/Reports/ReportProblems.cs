using Luoshi.Domain.Problems;

namespace Luoshi.Domain.Reports;

/// <summary>Every refusal about a progress report and its evidence, worded once in Chinese and English.</summary>
public static class ReportProblems
{
    private static readonly ProblemCatalog Catalog = new("report");

    public static readonly ProblemType NotFound = Catalog.Of(ProblemKind.NotFound, "not-found", "找不到该进展反馈，或您无权查看",
        "No such report, or you may not see it");
    public static readonly ProblemType PlanNotPublished = Catalog.Of(ProblemKind.Conflict, "plan-not-published", "计划尚未发布，不能报送进展",
        "The plan is not published yet; progress cannot be reported");
    public static readonly ProblemType TaskClosed = Catalog.Of(ProblemKind.Conflict, "task-closed", "任务已办结或已取消，不能再报送进展",
        "The task is closed or cancelled; no more progress can be reported");
    public static readonly ProblemType GroupNotReported = Catalog.Of(ProblemKind.Conflict, "group-not-reported",
        "“{0}”是计划的分组标题，不是任务，不能报送进展；请在它下面的具体任务中报送",
        "“{0}” is a heading of the plan grouping tasks, not a task: report on the tasks under it");
    public static readonly ProblemType ShareParts = Catalog.Invalid("share-parts", "目标“{0}”的分子、分母应为数字，分母大于 0、分子不小于 0",
        "For target “{0}” give numbers: a denominator above 0 and a numerator of at least 0");
    public static readonly ProblemType ReportForbidden = Catalog.Of(ProblemKind.Forbidden, "report-forbidden", "只能为本单位承担的任务报送进展",
        "You may report only for your own unit on tasks it carries");
    public static readonly ProblemType PeriodFormat = Catalog.Invalid("period-format", "报告期应写作 YYYY-MM，例如 2026-03",
        "Write the period as YYYY-MM, e.g. 2026-03");
    public static readonly ProblemType PeriodNotBegun = Catalog.Invalid("period-not-begun", "报告期 {0} 尚未开始，只能报送 {1} 及以前的进展",
        "The period {0} has not begun; report for {1} or earlier");
    public static readonly ProblemType ProgressRange = Catalog.Invalid("progress-range", "进度应为 0–100 之间的整数",
        "Progress must be a whole number from 0 to 100");
    public static readonly ProblemType NarrativeTooLong = Catalog.Invalid("narrative-too-long", "进展情况不能超过 {0} 个字符",
        "The narrative cannot be longer than {0} characters");
    public static readonly ProblemType NarrativeRequired = Catalog.Invalid("narrative-required", "请填写进展情况", "Describe the progress");
    public static readonly ProblemType ValueIncomplete = Catalog.Invalid("value-incomplete", "每个目标值都要有目标编号和数值",
        "Every value needs a target id and a number");
    public static readonly ProblemType ValueNotNumber = Catalog.Invalid("value-not-number", "目标“{0}”的完成值应为数字",
        "The value for target “{0}” must be a number");
    public static readonly ProblemType TargetNotOfTask = Catalog.Invalid("target-not-of-task", "目标（编号 {0}）不属于该任务",
        "Target #{0} does not belong to this task");
    public static readonly ProblemType ValueTwice = Catalog.Invalid("value-twice", "同一目标只能填一个数值", "Give one value per target");
    public static readonly ProblemType InReview = Catalog.Of(ProblemKind.Conflict, "in-review", "{0} 的进展{1}，如需修改请等审核退回",
        "The report for {0} is {1}; wait for it to be returned to change it");
    public static readonly ProblemType LostRace = Catalog.Of(ProblemKind.Conflict, "lost-race", "本单位本期的进展已有人同时提交，本次没有保存，请刷新后查看或修改",
        "Someone of your unit submitted this period's report at the same moment; yours was not saved. Reload to see or change it");
    public static readonly ProblemType KeyNotAscii = Catalog.Invalid("key-not-ascii", "Idempotency-Key 只能由可见的 ASCII 字符组成，例如 UUID",
        "The Idempotency-Key may hold only visible ASCII characters, such as a UUID");
    public static readonly ProblemType KeyTooLong = Catalog.Invalid("key-too-long", "Idempotency-Key 不能超过 {0} 个字符",
        "The Idempotency-Key cannot be longer than {0} characters");
    public static readonly ProblemType KeyReused = Catalog.Of(ProblemKind.Unreadable, "key-reused",
        "该 Idempotency-Key 已用于另一个请求（不同的任务、路径或内容），本次请求没有执行；新的请求请使用新的 Idempotency-Key",
        "This Idempotency-Key was used for another request (another task, path or content); nothing was done. Use a new key for a new request");
    public static readonly ProblemType FormReused = Catalog.Of(ProblemKind.Unreadable, "form-reused", "这张表单已经提交过，内容与上次不同，本次没有保存。请刷新页面后重新填写。",
        "This form was already sent with other content; nothing was saved. Reload the page and fill it in again");
    public static readonly ProblemType ReviewForbidden = Catalog.Of(ProblemKind.Forbidden, "review-forbidden", "只有牵头处室可以审核进展反馈",
        "Only the lead department may review reports");
    public static readonly ProblemType DecisionInvalid = Catalog.Invalid("decision-invalid", "请选择采纳（accept）或退回（return）", "Choose accept or return");
    public static readonly ProblemType NotSubmitted = Catalog.Of(ProblemKind.Conflict, "not-submitted", "该报告{0}，只能审核已报送的报告",
        "The report is {0}; only a submitted report can be reviewed");
    public static readonly ProblemType Stale = Catalog.Of(ProblemKind.Stale, "stale", "该报告在您打开之后已被他人审核，请刷新后查看",
        "Someone reviewed the report after you opened it; reload to see it");
    public static readonly ProblemType ReturnReasonRequired = Catalog.Invalid("return-reason-required", "退回时请写明原因",
        "Give the reason for returning the report");
    public static readonly ProblemType CommentTooLong = Catalog.Invalid("comment-too-long", "审核意见不能超过 {0} 个字符",
        "The comment cannot be longer than {0} characters");
    public static readonly ProblemType AttachForbidden = Catalog.Of(ProblemKind.Forbidden, "attach-forbidden", "只能为本单位的进展反馈上传材料",
        "You may add evidence only to your own unit's reports");
    public static readonly ProblemType AcceptedNoEvidence = Catalog.Of(ProblemKind.Conflict, "accepted-no-evidence", "已采纳的进展反馈不能再添加材料",
        "An accepted report takes no more evidence");
    public static readonly ProblemType TooManyFiles = Catalog.Invalid("too-many-files", "一次最多上传 {0} 个佐证材料",
        "Upload at most {0} evidence files at once");
    public static readonly ProblemType EvidenceRefused = Catalog.Invalid("evidence-refused", "佐证材料未通过检查，本次报送没有保存：",
        "Evidence did not pass the checks; the report was not saved:");
    public static readonly ProblemType FileTooLarge = Catalog.Of(ProblemKind.TooLarge, "file-too-large", "文件超过 {0} MB",
        "The file is larger than {0} MB");
    public static readonly ProblemType FileEmpty = Catalog.Invalid("file-empty", "文件是空的", "The file is empty");
    public static readonly ProblemType FileMissing = Catalog.Invalid("file-missing", "请在表单字段 file 中上传文件", "Send the file in the form field “file”");
    public static readonly ProblemType NotMultipart = Catalog.Of(ProblemKind.Unsupported, "not-multipart", "请以 multipart/form-data 上传（字段 file）",
        "Upload as multipart/form-data (field “file”)");
    public static readonly ProblemType FileType = Catalog.Of(ProblemKind.Unsupported, "file-type",
        "“{0}”不是允许的文件类型（图片、PDF、Word、Excel、PowerPoint），或文件内容与扩展名不符",
        "“{0}” is not an accepted file type (picture, PDF, Word, Excel, PowerPoint), or its content does not match its extension");
}
