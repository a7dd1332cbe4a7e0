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

        // 督办单 answers with attachments
        ["附件"] = "Attachments",
        ["附件（图片、PDF 或 Office 文件，可多选）"] = "Attachments (images, PDF or Office files; several allowed)",

        // 工作日历: the year view of /Calendar
        ["{0} 年节假日与调休"] = "holidays and make-up working days of {0}",
        ["年份"] = "Year",
        ["查看"] = "Show",
        ["返回本月事项"] = "Back to this month",
        ["催办、督办的办理时限按工作日计算：周末休息，法定节假日休息，调休的周末上班。"] =
            "Deadlines of urgings and supervision notices count working days: weekends and statutory holidays are off, make-up weekend days are on.",
        ["这一年没有节假日或调休记录：周一至周五上班，周末休息。"] = "No holidays or make-up days recorded for this year: Monday to Friday are working days.",
        ["全年节假日与调休"] = "The year's holidays",
        ["查看工作日历页（所有用户可见）"] = "Open the calendar page (seen by every user)",

        // 单位管理: the 包保 leader picker
        ["包保领导"] = "Leader in charge",
        ["（未设置）"] = "(none)",
        ["{0}（已停用）"] = "{0} (disabled)",
    };
}
