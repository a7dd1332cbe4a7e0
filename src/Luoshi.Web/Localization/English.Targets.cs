namespace Luoshi.Web.Localization;

public static partial class English
{
    /// <summary>Targets that follow the data: the link to an indicator, the data's reading and the check before 办结.</summary>
    private static Dictionary<string, string> LinkedTargetText() => new()
    {
        ["已保存目标与指标的关联"] = "The target's link to an indicator is saved",
        ["关联指标（实际值随数据）"] = "Linked indicator (the actual follows the data)",
        ["不关联（按进展反馈）"] = "Not linked (from progress reports)",
        ["基数（起点）"] = "Baseline (start)",
        ["保存关联"] = "Save the link",
        ["{0}：按数据自动计算，不需填报。数据显示 {1}"] = "{0}: worked out from the data, nothing to enter. The data shows {1}",
        ["{0} {1}（截至 {2}）"] = "{0} {1} (as of {2})",
        ["数据（{0}，截至 {1}，年初至今）：{2} {3}"] = "Data ({0}, as of {1}, year to date): {2} {3}",
        ["按预期进度应达 {0} {1}"] = "the expected path puts it at {0} {1}",
        ["数据（{0}）：暂无数据"] = "Data ({0}): no data yet",
        ["数据 {0}{1}（截至 {2}），应达 {3}{1}"] = "data {0}{1} (as of {2}), expected {3}{1}",
        ["数据显示已达到目标"] = "The data shows the target reached",
        ["数据符合预期进度"] = "The data is on its expected path",
        ["数据落后于预期进度"] = "The data is behind its expected path",
        ["数据严重落后于预期进度"] = "The data is far behind its expected path",
    };
}
