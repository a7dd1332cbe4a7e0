using Luoshi.Domain.Problems;

namespace Luoshi.Domain.Data;

/// <summary>Every refusal about data elements, data sets, values and reports, worded once in Chinese and English.</summary>
public static class DataProblems
{
    private static readonly ProblemCatalog Catalog = new("data");

    public static readonly ProblemType Forbidden = Catalog.Of(ProblemKind.Forbidden, "forbidden", "您无权为“{0}”填报数据",
        "You may not enter data for “{0}”");
    public static readonly ProblemType DataSetNotFound = Catalog.Of(ProblemKind.NotFound, "data-set-not-found", "找不到该数据集（报表）",
        "No such data set");
    public static readonly ProblemType NoValues = Catalog.Invalid("no-values", "请至少填写一个数据值", "Give at least one value");
    public static readonly ProblemType TooManyValues = Catalog.Invalid("too-many-values", "一次最多提交 {0} 个数据值", "At most {0} values at once");
    public static readonly ProblemType ValueInvalid = Catalog.Invalid("value-invalid", "第 {0} 项：{1}", "Value {0}: {1}");
    public static readonly ProblemType PeriodInvalid = Catalog.Invalid("period-invalid",
        "报告期“{0}”无法识别，应写作 2026-03-05、2026-W10、2026-03、2026-Q1、2026 或 2026-2027学年", "The period “{0}” is not a period");
    public static readonly ProblemType PeriodWrongType = Catalog.Invalid("period-wrong-type", "报告期“{0}”不是该数据集的报告期类型（{1}）",
        "The period “{0}” is not of the data set's type ({1})");
    public static readonly ProblemType UnitNotAssigned = Catalog.Invalid("unit-not-assigned", "“{0}”不是数据集“{1}”的填报单位",
        "“{0}” does not report data set “{1}”");
    public static readonly ProblemType ZeroNotAllowed = Catalog.Invalid("zero-not-allowed", "数据集“{0}”不允许零报告（无情况）",
        "Data set “{0}” does not allow zero reports");
    public static readonly ProblemType AlreadyReported = Catalog.Of(ProblemKind.Conflict, "already-reported", "“{0}”{1} 已报送，不能重复报送",
        "“{0}” has already reported {1}");
    public static readonly ProblemType FuturePeriod = Catalog.Invalid("future-period", "报告期 {0} 尚未开始，不能报送", "The period {0} has not begun");
}
