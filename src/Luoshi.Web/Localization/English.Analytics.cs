namespace Luoshi.Web.Localization;

public static partial class English
{
    /// <summary>Indicators, the pivot and the chart pages.</summary>
    private static Dictionary<string, string> AnalyticsPages() => new()
    {
        ["指标"] = "Indicators",
        ["暂无指标。"] = "No indicators yet.",
        ["分子"] = "Numerator",
        ["分母"] = "Denominator",
        ["系数"] = "Factor",
        ["计量单位"] = "Unit of measure",
        ["定义指标"] = "Define an indicator",
        ["修改指标"] = "Change the indicator",
        ["分子、分母写成数据元代码的加减，如 #{GBYEZS} 或 #{YE.公办} + #{YE.民办}；百分比的系数填 100。"] =
            "Write the numerator and denominator as sums of data element codes, e.g. #{GBYEZS} or #{YE.公办} + #{YE.民办}; a percentage has factor 100.",
        ["目标值（可不填）"] = "Target (optional)",
        ["透视表"] = "Pivot table",
        ["图表"] = "Chart",
        ["向下层数"] = "Levels below",
        ["导出 Excel"] = "Export to Excel",
        ["月"] = " mo.",
        ["全年"] = "Year",
        ["绿色：已达到目标；黄色：达到目标的九成以上；红色：不足九成；空白：无目标或无数据。"] =
            "Green: target reached; yellow: at least 90 % of it; red: below 90 %; blank: no target or no data.",
        ["各单位全年数值与目标值柱状图"] = "Bar chart of each unit's figure for the year beside its target",
        ["该范围内暂无数据。"] = "No data for these units yet.",
    };
}
