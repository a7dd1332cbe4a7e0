using Luoshi.Domain.Problems;

namespace Luoshi.Domain.Supervision;

/// <summary>Every refusal about a 督办单, worded once in Chinese and English.</summary>
public static class NoticeProblems
{
    private static readonly ProblemCatalog Catalog = new("notice");

    public static readonly ProblemType NotFound = Catalog.Of(ProblemKind.NotFound, "not-found", "找不到该督办单，或您无权查看",
        "No such notice, or you may not see it");
    public static readonly ProblemType NotYourUnit = Catalog.Of(ProblemKind.Forbidden, "not-your-unit", "该督办单不是发给本单位的，不能办理",
        "This notice is not addressed to your unit");
    public static readonly ProblemType NotIssuer = Catalog.Of(ProblemKind.Forbidden, "not-issuer", "只有发出督办单的单位才能办结或退回",
        "Only the issuer may close or return the notice");
    public static readonly ProblemType Stale = Catalog.Of(ProblemKind.Stale, "stale", "该督办单在您打开之后已被他人处理，请刷新后重试",
        "Someone changed the notice after you opened it; reload and try again");
    public static readonly ProblemType Closed = Catalog.Of(ProblemKind.Conflict, "closed", "该督办单已办结，不能再办理",
        "The notice is closed");
    public static readonly ProblemType NotAnswered = Catalog.Of(ProblemKind.Conflict, "not-answered", "该督办单当前状态为“{0}”，尚未反馈办理情况",
        "The notice is {0}; it has not been answered");
    public static readonly ProblemType AlreadyAnswered = Catalog.Of(ProblemKind.Conflict, "already-answered", "该督办单已反馈办理情况，等待发出单位审核",
        "The notice has been answered and awaits the issuer");
    public static readonly ProblemType ReasonMissing = Catalog.Invalid("reason-missing", "请填写督办事由", "Give the reason");
    public static readonly ProblemType ReasonTooLong = Catalog.Invalid("reason-too-long", "督办事由不能超过 {0} 个字符",
        "The reason cannot be longer than {0} characters");
    public static readonly ProblemType ResponseMissing = Catalog.Invalid("response-missing", "请填写办理情况", "Give the answer");
    public static readonly ProblemType ResponseTooLong = Catalog.Invalid("response-too-long", "办理情况不能超过 {0} 个字符",
        "The answer cannot be longer than {0} characters");
    public static readonly ProblemType ReturnReasonMissing = Catalog.Invalid("return-reason-missing", "退回督办单时请写明原因",
        "Say why the answer is sent back");
    public static readonly ProblemType CommentTooLong = Catalog.Invalid("comment-too-long", "退回原因不能超过 {0} 个字符",
        "The reason for sending back cannot be longer than {0} characters");
    public static readonly ProblemType DaysOutOfRange = Catalog.Invalid("days-out-of-range", "办理时限应为 {0} 至 {1} 个工作日",
        "The time allowed must be {0} to {1} working days");
    public static readonly ProblemType KindInvalid = Catalog.Invalid("kind-invalid", "督办类型应为 urge（催办）或 supervise（督办）",
        "The kind must be urge or supervise");
    public static readonly ProblemType Forbidden = Catalog.Of(ProblemKind.Forbidden, "forbidden", "您无权向该单位发出督办单",
        "You may not issue a notice to this unit");
}
