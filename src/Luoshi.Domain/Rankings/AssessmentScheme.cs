using Luoshi.Domain.OrgUnits;
using Luoshi.Domain.Problems;

namespace Luoshi.Domain.Rankings;

/// <summary>One criterion of a scheme (考核指标): its key (which measurement), its Chinese name and its weight in points.</summary>
public sealed record SchemeCriterion(string Key, string Name, decimal Weight);

/// <summary>
/// A 考核方案: which criteria, with which weights (summing to 100), rank the units of one kind. Versioned: a ranking says
/// which version it used.
/// </summary>
public sealed record AssessmentScheme(int Id, int Version, string Name, IReadOnlyList<OrgUnitKind> Kinds, IReadOnlyList<SchemeCriterion> Criteria)
{
    public const decimal TotalWeight = 100;

    /// <summary>The weights per kind of unit, when they differ by kind (a stored version); null: <see cref="Criteria"/> for every kind.</summary>
    public IReadOnlyDictionary<OrgUnitKind, IReadOnlyList<SchemeCriterion>>? ByKind { get; init; }

    /// <summary>The criteria and weights that rank units of <paramref name="kind"/>.</summary>
    public IReadOnlyList<SchemeCriterion> CriteriaFor(OrgUnitKind kind) => ByKind?.GetValueOrDefault(kind) ?? Criteria;

    /// <summary>Refuses criteria whose weights do not sum to exactly 100, or that name a criterion twice or weigh one ≤ 0.</summary>
    public static Problem? Check(IReadOnlyList<SchemeCriterion> criteria)
    {
        if (criteria.Count == 0) return RankingProblems.NoCriteria;
        if (criteria.FirstOrDefault(c => c.Weight <= 0) is { } zero) return RankingProblems.WeightNotPositive.With(zero.Name);
        if (criteria.GroupBy(c => c.Key).FirstOrDefault(g => g.Count() > 1) is { } twice) return RankingProblems.CriterionTwice.With(twice.First().Name);
        var sum = criteria.Sum(c => c.Weight);
        return sum == TotalWeight ? null : RankingProblems.WeightsNotHundred.With(sum);
    }
}

/// <summary>Every refusal about schemes and rankings, worded once in Chinese and English.</summary>
public static class RankingProblems
{
    private static readonly ProblemCatalog Catalog = new("ranking");

    public static readonly ProblemType NoCriteria = Catalog.Of(ProblemKind.Unreadable, "no-criteria", "考核方案至少要有一项考核指标",
        "A scheme needs at least one criterion");
    public static readonly ProblemType WeightNotPositive = Catalog.Of(ProblemKind.Unreadable, "weight-not-positive", "考核指标“{0}”的权重应大于 0",
        "The weight of {0} must be above 0");
    public static readonly ProblemType CriterionTwice = Catalog.Of(ProblemKind.Unreadable, "criterion-twice", "考核指标“{0}”重复出现",
        "The criterion {0} appears twice");
    public static readonly ProblemType WeightsNotHundred = Catalog.Of(ProblemKind.Unreadable, "weights-not-hundred",
        "各项考核指标的权重之和应为 100，现为 {0}", "The weights must sum to 100, not {0}");
    public static readonly ProblemType SchemeNotFound = Catalog.Of(ProblemKind.NotFound, "scheme-not-found", "找不到该考核方案",
        "No such assessment scheme");
    public static readonly ProblemType PeriodInvalid = Catalog.Invalid("period-invalid", "排名月份应写作 YYYY-MM（如 2026-10），且不晚于本月",
        "The period must be YYYY-MM and not after this month");
    public static readonly ProblemType KindInvalid = Catalog.Invalid("kind-invalid", "排名的单位类别应为 district（区县）、department（处室）或 school（学校）",
        "kind must be district, department or school");
    public static readonly ProblemType KindNotInScheme = Catalog.Invalid("kind-not-in-scheme", "考核方案“{0}”不用于{1}排名",
        "The scheme {0} does not rank {1}");
    public static readonly ProblemType UnitNotRanked = Catalog.Of(ProblemKind.NotFound, "unit-not-ranked", "找不到该单位，或该单位不参加此考核方案的排名",
        "No such unit, or the scheme does not rank it");
    public static readonly ProblemType EditForbidden = Catalog.Of(ProblemKind.Forbidden, "edit-forbidden", "只有督查督导和管理员可以编辑考核方案",
        "Only supervisors and administrators edit assessment schemes");
    public static readonly ProblemType NameRequired = Catalog.Of(ProblemKind.Unreadable, "name-required", "请填写考核方案名称（不超过 100 字）",
        "The scheme needs a name of at most 100 characters");
    public static readonly ProblemType NoKinds = Catalog.Of(ProblemKind.Unreadable, "no-kinds", "考核方案至少要为区县、处室或学校中的一类单位设定权重",
        "A scheme needs weights for at least one kind of unit");
    public static readonly ProblemType CriterionUnknown = Catalog.Of(ProblemKind.Unreadable, "criterion-unknown", "没有名为“{0}”的考核指标",
        "No criterion {0}");
    public static readonly ProblemType KindWeights = Catalog.Of(ProblemKind.Unreadable, "kind-weights", "{0}：{1}",
        "{0}: {1}");
    public static readonly ProblemType SchemeEditedMeanwhile = Catalog.Of(ProblemKind.Conflict, "edited-meanwhile", "考核方案刚被他人修改，请刷新后重试",
        "The scheme was just edited by someone else; reload and try again");
    public static readonly ProblemType Forbidden = Catalog.Of(ProblemKind.Forbidden, "forbidden",
        "实时排名仅供局领导、督查督导和管理员查看；各单位以印发的督查通报为准", "Only bureau leaders, supervisors and administrators see the live ranking");
}
