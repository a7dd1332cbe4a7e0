using Luoshi.Domain.Problems;

namespace Luoshi.Domain.Indicators;

/// <summary>Every refusal about an indicator and its expressions, worded once in Chinese and English.</summary>
public static class IndicatorProblems
{
    private static readonly ProblemCatalog Catalog = new("indicator");

    public static readonly ProblemType NotFound = Catalog.Of(ProblemKind.NotFound, "not-found", "找不到该指标，或您无权查看",
        "No such indicator, or you may not see it");
    public static readonly ProblemType CodeMissing = Catalog.Invalid("code-missing", "请填写指标代码", "Give the indicator's code");
    public static readonly ProblemType NameMissing = Catalog.Invalid("name-missing", "请填写指标名称", "Give the indicator's name");
    public static readonly ProblemType ExpressionEmpty = Catalog.Of(ProblemKind.Unreadable, "expression-empty", "{0}不能为空，请写成 #{{数据元代码}} 的形式，如 #{{GYYE}}",
        "The {0} is empty; write it as #{{ELEMENT}}, e.g. #{{GYYE}}");
    public static readonly ProblemType ExpressionSyntax = Catalog.Of(ProblemKind.Unreadable, "expression-syntax",
        "{0}“{1}”第 {2} 个字符处有误：{3}", "The {0} “{1}” is wrong at character {2}: {3}");
    public static readonly ProblemType UnknownElement = Catalog.Of(ProblemKind.Unreadable, "unknown-element", "{0}中的数据元“{1}”不存在",
        "The {0} names the data element “{1}”, which does not exist");
    public static readonly ProblemType UnknownOption = Catalog.Of(ProblemKind.Unreadable, "unknown-option", "{0}中的数据元“{1}”没有分类“{2}”",
        "The {0} names option “{2}” of data element “{1}”, which it does not have");
    public static readonly ProblemType FactorInvalid = Catalog.Invalid("factor-invalid", "系数必须大于 0（百分比填 100）",
        "The factor must be above 0 (100 for a percentage)");
    public static readonly ProblemType Forbidden = Catalog.Of(ProblemKind.Forbidden, "forbidden", "只有督导和管理员可以定义指标",
        "Only supervisors and administrators define indicators");
    public static readonly ProblemType TooLong = Catalog.Invalid("too-long", "{0}不能超过 {1} 个字符", "The {0} is longer than {1} characters");
    public static readonly ProblemType CodeTaken = Catalog.Of(ProblemKind.Conflict, "code-taken", "指标代码“{0}”已被使用", "The indicator code “{0}” is taken");
    public static readonly ProblemType TargetUnitUnknown = Catalog.Invalid("target-unit-unknown", "目标值中的单位 {0} 不存在", "The target names unit {0}, which does not exist");
    public static readonly ProblemType TargetValueMissing = Catalog.Invalid("target-value-missing", "请填写 {0} 年的目标值", "Give the target value for {0}");
    public static readonly ProblemType TargetYearInvalid = Catalog.Invalid("target-year-invalid", "目标年度应在 2000 至 2100 之间",
        "The target year must be between 2000 and 2100");
}
