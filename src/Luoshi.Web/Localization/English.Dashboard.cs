namespace Luoshi.Web.Localization;

public static partial class English
{
    /// <summary>The leaders' dashboard (/Dashboard and a leader's home page).</summary>
    private static Dictionary<string, string> DashboardPage() => new()
    {
        ["领导驾驶舱"] = "Leaders' dashboard",
        ["截至 {0} · 已发布计划 {1} 个、任务 {2} 项"] = "As of {0} · {1} published plans, {2} tasks",
        ["督办单待答复"] = "Notices awaiting an answer",
        ["督办单已超时"] = "Notices past their deadline",
        ["各类别任务进展"] = "Progress by category",
        ["任务状态分布"] = "Tasks by status",
        ["任务状态饼图"] = "Pie chart of tasks by status",
        ["区县排名走势（{0}）"] = "Districts' ranks by month ({0})",
        ["各区县逐月名次折线图"] = "Line chart of each district's rank by month",
        ["{0} 区县排名"] = "District ranking {0}",
        ["本月还没有可排名的区县。"] = "No district can be ranked this month yet.",
        ["名次"] = "Rank",
        ["得分"] = "Score",
        ["上月名次"] = "Last month",
        ["变化"] = "Change",
        ["前列"] = "Top",
        ["末位"] = "Bottom",
        ["红灯、黄灯任务（{0} 项）"] = "Red and yellow tasks ({0})",
        ["没有逾期或预警的任务。"] = "No task is overdue or behind.",
        ["{0}%（应达 {1}%）"] = "{0}% ({1}% expected)",
        ["最落后的目标"] = "Targets furthest behind",
        ["没有落后于进度的目标。"] = "No target is behind its path.",
        ["完成值"] = "Actual",
        ["达成"] = "Attained",
        ["按时间应达"] = "Expected by now",
        ["未报"] = "Not reported",
        ["（数据）"] = " (from data)",
        ["待答复的督办单（超时或 {0} 天内到期）"] = "Notices awaiting an answer (past their deadline or due within {0} days)",
        ["没有超时或即将到期的督办单。"] = "No notice is past or near its deadline.",
        ["被督办单位"] = "Unit",
        ["办理时限"] = "Answer by",
        ["已超时"] = "Overdue",
        ["即将到期"] = "Due soon",
        ["各区县"] = "Districts",
        ["各处室"] = "Departments",
        ["迟报"] = "Late reports",
    };
}
