namespace Luoshi.Web.Localization;

public static partial class English
{
    /// <summary>The 督办单 steps on a task's timeline, the answer's attachments, the 工作日历 year view and the 包保 leader picker.</summary>
    private static Dictionary<string, string> NoticeStepPages() => new()
    {
        // The task's timeline: a 督办单's steps (TaskHistory.NoticeStep)
        ["报包保领导"] = "Taken to the leader in charge",
        ["系统自动发出"] = "Issued automatically",
        ["逾期未反馈，报包保领导"] = "Not answered in time, taken to the leader in charge",
        ["退回重办"] = "Sent back to be done again",
    };
}
