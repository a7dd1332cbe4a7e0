using Luoshi.Domain.Problems;

namespace Luoshi.Domain.Supervision;

/// <summary>Every refusal about a 专项督导 and its 整改 items, worded once in Chinese and English.</summary>
public static class InspectionProblems
{
    private static readonly ProblemCatalog Catalog = new("inspection");

    public static readonly ProblemType NotFound = Catalog.Of(ProblemKind.NotFound, "not-found", "找不到该专项督导，或您无权查看",
        "No such inspection, or you may not see it");
    public static readonly ProblemType FindingNotFound = Catalog.Of(ProblemKind.NotFound, "finding-not-found", "找不到该整改问题，或您无权查看",
        "No such finding, or you may not see it");
    public static readonly ProblemType Forbidden = Catalog.Of(ProblemKind.Forbidden, "forbidden", "您无权对该单位开展专项督导",
        "You may not inspect this unit");
    public static readonly ProblemType NotInspector = Catalog.Of(ProblemKind.Forbidden, "not-inspector", "只有开展督导的一方才能登记问题、销号或退回整改",
        "Only the inspecting side may record findings, close or return them");
    public static readonly ProblemType NotYourUnit = Catalog.Of(ProblemKind.Forbidden, "not-your-unit", "该问题不是本单位的整改事项，不能提交整改",
        "This finding is not your unit's to rectify");
    public static readonly ProblemType Stale = Catalog.Of(ProblemKind.Stale, "stale", "该整改问题在您打开之后已被他人处理，请刷新后重试",
        "Someone changed the finding after you opened it; reload and try again");
    public static readonly ProblemType Closed = Catalog.Of(ProblemKind.Conflict, "closed", "该整改问题已销号，不能再办理",
        "The finding is closed");
    public static readonly ProblemType NotSubmitted = Catalog.Of(ProblemKind.Conflict, "not-submitted", "该问题尚未提交整改情况",
        "No rectification has been submitted for this finding");
    public static readonly ProblemType AlreadySubmitted = Catalog.Of(ProblemKind.Conflict, "already-submitted", "该问题已提交整改情况，等待督导方审核",
        "The rectification has been submitted and awaits review");
    public static readonly ProblemType TitleMissing = Catalog.Invalid("title-missing", "请填写督导名称", "Give the inspection a title");
    public static readonly ProblemType TitleTooLong = Catalog.Invalid("title-too-long", "督导名称不能超过 {0} 个字符",
        "The title cannot be longer than {0} characters");
    public static readonly ProblemType TopicMissing = Catalog.Invalid("topic-missing", "请填写督导专项（如 校园安全专项督导）",
        "Say what the inspection is about");
    public static readonly ProblemType TopicTooLong = Catalog.Invalid("topic-too-long", "督导专项不能超过 {0} 个字符",
        "The topic cannot be longer than {0} characters");
    public static readonly ProblemType SummaryTooLong = Catalog.Invalid("summary-too-long", "督导概况不能超过 {0} 个字符",
        "The summary cannot be longer than {0} characters");
    public static readonly ProblemType DateMissing = Catalog.Invalid("date-missing", "请填写督导日期（yyyy-MM-dd）",
        "Give the date of the inspection (yyyy-MM-dd)");
    public static readonly ProblemType DateInvalid = Catalog.Invalid("date-invalid", "日期“{0}”无法识别，请写作 yyyy-MM-dd",
        "The date “{0}” is not a date (yyyy-MM-dd)");
    public static readonly ProblemType DatesReversed = Catalog.Invalid("dates-reversed", "督导结束日期不能早于开始日期",
        "The inspection cannot end before it starts");
    public static readonly ProblemType UnitsMissing = Catalog.Invalid("units-missing", "请选择被督导单位", "Choose the units inspected");
    public static readonly ProblemType TooManyUnits = Catalog.Invalid("too-many-units", "一次督导最多 {0} 个单位",
        "At most {0} units in one inspection");
    public static readonly ProblemType UnitNotInspectable = Catalog.Invalid("unit-not-inspectable", "“{0}”不是区县或学校，不能作为被督导单位",
        "“{0}” is not a district or a school");
    public static readonly ProblemType UnitNotInspected = Catalog.Invalid("unit-not-inspected", "“{0}”不在本次督导的单位中",
        "“{0}” is not one of the units inspected");
    public static readonly ProblemType UnitUnknown = Catalog.Invalid("unit-unknown", "找不到单位“{0}”", "No unit “{0}”");
    public static readonly ProblemType DescriptionMissing = Catalog.Invalid("description-missing", "请填写发现的问题", "Describe the finding");
    public static readonly ProblemType DescriptionTooLong = Catalog.Invalid("description-too-long", "问题描述不能超过 {0} 个字符",
        "The description cannot be longer than {0} characters");
    public static readonly ProblemType RequirementTooLong = Catalog.Invalid("requirement-too-long", "整改要求不能超过 {0} 个字符",
        "The requirement cannot be longer than {0} characters");
    public static readonly ProblemType SeverityInvalid = Catalog.Invalid("severity-invalid", "严重程度“{0}”应为 一般、较重 或 严重",
        "The severity “{0}” must be minor, serious or grave");
    public static readonly ProblemType DeadlineMissing = Catalog.Invalid("deadline-missing", "请填写整改时限：日期，或若干个工作日",
        "Give the deadline: a date, or a number of working days");
    public static readonly ProblemType DeadlineTwice = Catalog.Invalid("deadline-twice", "整改时限只能填日期或工作日数之一",
        "Give the deadline as a date or as working days, not both");
    public static readonly ProblemType DeadlinePast = Catalog.Invalid("deadline-past", "整改时限 {0} 已经过去", "The deadline {0} has passed");
    public static readonly ProblemType DaysOutOfRange = Catalog.Invalid("days-out-of-range", "整改时限应为 {0} 至 {1} 个工作日",
        "The time allowed must be {0} to {1} working days");
    public static readonly ProblemType FindingLineInvalid = Catalog.Invalid("finding-line-invalid",
        "第 {0} 行应为“单位｜问题｜严重程度｜整改要求｜整改时限”（时限写日期或“10个工作日”）",
        "Line {0} must read unit | finding | severity | requirement | deadline");
    public static readonly ProblemType RectificationMissing = Catalog.Invalid("rectification-missing", "请填写整改情况", "Say how it was rectified");
    public static readonly ProblemType RectificationTooLong = Catalog.Invalid("rectification-too-long", "整改情况不能超过 {0} 个字符",
        "The rectification cannot be longer than {0} characters");
    public static readonly ProblemType TooManyFiles = Catalog.Invalid("too-many-files", "一次最多上传 {0} 个佐证材料",
        "At most {0} evidence files at once");
    public static readonly ProblemType ReturnReasonMissing = Catalog.Invalid("return-reason-missing", "退回整改时请写明原因",
        "Say why the rectification is sent back");
    public static readonly ProblemType CommentTooLong = Catalog.Invalid("comment-too-long", "退回原因不能超过 {0} 个字符",
        "The reason for sending back cannot be longer than {0} characters");
}
