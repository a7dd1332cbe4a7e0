namespace Luoshi.Web.Localization;

public static partial class English
{
    /// <summary>Supervision (督办单, 专项督导 and 整改), the calendar, messages and their channels, and the plan-board forms
    /// added with them.</summary>
    private static Dictionary<string, string> SupervisionPages() => new()
    {
        // 督办单
        ["督办单"] = "Supervision notices",
        ["暂无督办单。"] = "No supervision notices.",
        ["事由"] = "Reason",
        ["督办事项"] = "Matter",
        ["办理时限"] = "Answer by",
        ["办理情况"] = "Answer",
        ["打印督办单"] = "Print notice",
        ["反馈办理情况"] = "Answer the notice",
        ["发出督办单"] = "Issue a notice",
        ["被督办单位"] = "Unit supervised",
        ["任务编号（可不填）"] = "Task number (optional)",
        ["督办"] = "Supervise",
        ["催办"] = "Urge",
        ["办理时限（工作日）"] = "Answer within (working days)",
        ["发出"] = "Issue",

        // 月度排名
        ["月度排名"] = "Monthly ranking",
        ["第"] = "version ",
        ["版"] = "",
        ["截至"] = "as of",
        ["某项指标当月没有可考核事项的，其权重按比例分给该单位的其他指标。"] =
            "A criterion with nothing to assess for a unit in the month passes its weight to the unit's other criteria in proportion.",
        ["查看本年各月走势"] = "Trend over the year",
        ["无适用指标"] = "Nothing to assess",
        ["上升"] = "Up",
        ["下降"] = "Down",
        ["不适用"] = "Not applicable",
        ["分"] = " pts",
        ["有效权重"] = "Effective weight",
        ["本年各月得分与名次"] = "Score and rank by month this year",

        // 督查通报
        ["督查通报"] = "Bulletins",
        ["通报月份"] = "Month",
        ["由台账起草"] = "Draft from the ledger",
        ["暂无督查通报。"] = "No bulletins yet.",
        ["已印发"] = "Published",
        ["下载 Word 公文"] = "Download as Word",
        ["一、总体情况"] = "1. Overview",
        ["三、存在问题"] = "3. Problems",
        ["四、下一步要求"] = "4. Next steps",
        ["印发（印发后不能修改）"] = "Publish (no changes after publishing)",

        // 专项督导 and 整改
        ["专项督导"] = "Inspections",
        ["暂无专项督导。"] = "No inspections.",
        ["被督导单位"] = "Units inspected",
        ["整改时限"] = "Rectify by",
        ["登记专项督导"] = "Record an inspection",
        ["督导名称"] = "Inspection",
        ["督导专项"] = "Subject",
        ["如 校园安全专项督导"] = "e.g. campus safety inspection",
        ["督导概况"] = "Summary",
        ["发现的问题（每行一项：单位｜问题｜严重程度｜整改要求｜整改时限）"] =
            "Findings (one per line: unit｜finding｜severity｜what to rectify｜deadline)",
        ["严重程度为 一般、较重 或 严重；整改时限写日期（2026-10-20）或工作日数（10个工作日），按工作日历跳过节假日。"] =
            "Severity is 一般 (minor), 较重 (serious) or 严重 (grave); the deadline is a date (2026-10-20) or working days (10个工作日), counted on the working-day calendar.",
        ["登记"] = "Record",
        ["督导日期"] = "Inspected on",
        ["督导单位"] = "Inspected by",
        ["发现的问题与整改"] = "Findings and rectification",
        ["暂无需要整改的问题。"] = "Nothing to rectify.",
        ["严重程度"] = "Severity",
        ["整改要求"] = "To rectify",
        ["整改情况"] = "Rectification",
        ["退回原因"] = "Why it was returned",
        ["佐证材料（图片、PDF、Office 文件，最多 5 个）"] = "Evidence (images, PDF, Office files; at most 5)",
        ["提交整改情况"] = "Submit the rectification",
        ["审核通过、销号"] = "Accept and close",
        ["退回整改"] = "Return for rectification",
        ["登记问题"] = "Record a finding",
        ["整改单位"] = "Unit to rectify",
        ["问题描述"] = "Finding",
        ["一般"] = "Minor",
        ["较重"] = "Serious",
        ["严重"] = "Grave",
        ["整改时限（日期）"] = "Rectify by (date)",
        ["或 工作日数"] = "or working days",
        ["（{0}/{1}）"] = " ({0}/{1})",

        // The calendar
        ["{0} 项"] = "{0} items",
        ["本月事项"] = "This month",
        ["本月没有截止日期或节点"] = "No deadlines or milestones this month",
        ["未保存"] = "Not saved",
        ["新增或修改一天"] = "Add or change a day",
        ["导入"] = "Import",
        ["催办、督办的时限按工作日计算：周末休息，法定节假日休息，调休的周末上班。节假日和调休是数据，不是程序：系统内置了 {0} 年的安排（依据国务院办公厅关于部分节假日安排的通知）；2027 年的通知尚未发布，未内置任何 2027 年的日期，通知发布后请在此添加或导入。"] =
            "Deadlines of urging and supervision count working days: weekends off, statutory holidays off, make-up working weekends on. Holidays are data, not code: the arrangements for {0} are built in (from the State Council General Office's holiday notices); the notice for 2027 has not been published and no 2027 day is built in — add or import them here once it is.",
        ["{0} 月"] = "Month {0}",
        ["工作日"] = "Working day",
        ["周末"] = "Weekend",
        ["休"] = "Off",
        ["班"] = "On",
        ["末"] = "W/E",
        ["法定节假日"] = "Statutory holiday",
        ["调休上班"] = "Make-up working day",
        ["放假"] = "Off",
        ["上班"] = "Working",
        ["国庆节、国庆节调休上班"] = "e.g. 国庆节, 国庆节调休上班",
        ["上传 .csv 或 .xlsx，三列：日期（YYYY-MM-DD）、上班/放假、名称，可带表头。文件中出现的每一年整体替换为文件中的记录；有任何一行出错时不保存任何内容，并列出所有出错的行。"] =
            "Upload a .csv or .xlsx with three columns: date (YYYY-MM-DD), 上班/放假, name; a header row is allowed. Each year in the file is replaced as a whole by the file's days; if any row is wrong nothing is saved and every wrong row is listed.",
        ["上传并导入"] = "Upload and import",
        ["{0} 年的节假日与调休（{1} 天）"] = "Holidays and make-up days of {0} ({1} days)",
        ["星期"] = "Weekday",
        ["上班/放假"] = "Working/off",

        // Messages and channels
        ["邮件通知"] = "Mail notifications",
        ["邮箱"] = "Mail address",
        ["通知同时发到这个邮箱"] = "Also send notifications to this address",
        ["消息发送"] = "Messages sent",
        ["渠道"] = "Channel",
        ["接收方"] = "Recipient",
        ["尝试次数"] = "Attempts",
        ["下次尝试"] = "Next attempt",
        ["最近的错误"] = "Last error",
        ["重发"] = "Send again",
        ["只显示最近的 {0} 条，共 {1} 条"] = "Showing the latest {0} of {1}",
        ["消息渠道"] = "Message channels",
        ["单位邮箱"] = "Unit mail address",
        ["企业微信群机器人 Webhook"] = "WeCom group robot webhook",
        ["钉钉群机器人 Webhook"] = "DingTalk group robot webhook",
        ["钉钉加签密钥"] = "DingTalk signing secret",
        ["已设置（留空不变）"] = "Set (leave empty to keep)",
        ["删除加签密钥"] = "Remove the signing secret",
        ["变更内容"] = "Changes",

        // Plan board and review forms
        ["所属计划"] = "Plan",
        ["批量分工：勾选任务后设置牵头处室、配合处室、责任单位、包保领导或完成时限"] =
            "Assign in bulk: tick tasks, then set the lead office, supporting offices, responsible units, lead leader or deadline",
        ["没有选择的项保持不变；配合处室和责任单位加在各任务原有的之上。"] =
            "Fields left empty stay as they are; supporting offices and responsible units are added to each task's own.",
        ["设置选中任务的分工"] = "Assign the ticked tasks",
        ["结转未完成任务"] = "Carry over unfinished tasks",
        ["把往年计划中尚未办结的任务连同分工和目标结转到本计划的“上年度未完成任务（结转）”下；目标以上年的实际值为基线。同名任务不会重复结转。"] =
            "Carries tasks not closed in earlier plans, with their assignment and targets, into this plan under “上年度未完成任务（结转）”; last year's actual values become the baselines. A task of the same name is never carried twice.",
        ["保存分工"] = "Save the assignment",
        ["这份计划可能是重复上传的："] = "This plan may have been uploaded before:",
        ["如确属重复，请删除本草稿；如要重新开始，可以删除原来的草稿。"] =
            "If it is a duplicate, delete this draft; to start again, delete the earlier draft.",
        ["分工与时限"] = "Assignment and deadlines",
        ["在任务页中设置"] = "Set on the task page",
    };
}
