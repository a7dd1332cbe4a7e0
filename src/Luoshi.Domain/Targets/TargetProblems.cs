using Luoshi.Domain.Problems;

namespace Luoshi.Domain.Targets;

/// <summary>Every refusal about a target, worded once in Chinese and English.</summary>
public static class TargetProblems
{
    private static readonly ProblemCatalog Catalog = new("target");

    public static readonly ProblemType NotFound = Catalog.Of(ProblemKind.NotFound, "not-found", "找不到该目标，或您无权查看",
        "No such target, or you may not see it");
    public static readonly ProblemType EditForbidden = Catalog.Of(ProblemKind.Forbidden, "edit-forbidden", "没有权限修改该任务的目标",
        "You may not change this task's targets");
    public static readonly ProblemType LinkForbidden = Catalog.Of(ProblemKind.Forbidden, "link-forbidden", "只有督查人员或计划的负责人可以把目标关联到指标",
        "Only supervisors or the plan's owner may link a target to an indicator");
    public static readonly ProblemType IndicatorUnknown = Catalog.Invalid("indicator-unknown", "找不到指标 {0}", "No indicator {0}");
    public static readonly ProblemType Stale = Catalog.Of(ProblemKind.Stale, "stale", "该目标在您打开之后已被他人修改，您的修改没有保存，请核对当前内容后重新填写",
        "Someone changed the target after you opened it; your change was not saved. Check it and try again");
    public static readonly ProblemType ComparatorInvalid = Catalog.Invalid("comparator-invalid", "比较方式应为 =、>=、<= 或 range",
        "The comparator must be =, >=, <= or range");
    public static readonly ProblemType SubjectMissing = Catalog.Invalid("subject-missing", "请写明目标的对象（如“党建示范校”）",
        "Name what the target counts (e.g. model schools)");
    public static readonly ProblemType SubjectTooLong = Catalog.Invalid("subject-too-long", "目标对象不能超过 {0} 个字符",
        "The subject cannot be longer than {0} characters");
    public static readonly ProblemType UnitTooLong = Catalog.Invalid("unit-too-long", "单位不能超过 {0} 个字符",
        "The unit cannot be longer than {0} characters");
    public static readonly ProblemType RangeInvalid = Catalog.Invalid("range-invalid", "区间目标需要下限和不小于下限的上限",
        "A range needs a lower bound and an upper bound not below it");
    public static readonly ProblemType ValueMissing = Catalog.Invalid("value-missing", "请填写目标值", "Give the target value");
    public static readonly ProblemType NotNumber = Catalog.Invalid("not-number", "{0}“{1}”不是数字", "{0} “{1}” is not a number");
    public static readonly ProblemType PlaceholderNeedsValue = Catalog.Invalid("placeholder-needs-value", "请填写目标值，代替原文中的 XX；如果这不是目标，请点“不是目标”",
        "Give the value in place of the XX of the text; if this is not a target, choose “not a target”");
    public static readonly ProblemType OutOfRange = Catalog.Invalid("out-of-range", "数值超出范围", "The number is out of range");
    public static readonly ProblemType ShareIncomplete = Catalog.Invalid("share-incomplete", "分解到单位的每一项都要有单位和不小于 0 的数值",
        "Every share needs a unit and a number of at least 0");
    public static readonly ProblemType ShareTwice = Catalog.Invalid("share-twice", "同一单位只能分解一次", "Each unit may have one share");
    public static readonly ProblemType ShareUnitKind = Catalog.Invalid("share-unit-kind", "分解的单位必须是区县、学校或处室",
        "Shares go to districts, schools or departments");
    public static readonly ProblemType ShareNotResponsible = Catalog.Invalid("share-not-responsible", "只能分解到本任务的责任单位",
        "Shares go only to the task's responsible units");
    public static readonly ProblemType ShareNotNumber = Catalog.Invalid("share-not-number", "{0}的分解数“{1}”不是有效的数字",
        "The share of {0}, “{1}”, is not a valid number");
    public static readonly ProblemType SharesDisagree = Catalog.Invalid("shares-disagree", "各单位分解数之和（{0}）与目标值（{1}）不一致",
        "The shares add up to {0}, not to the target {1}");
}
