using Luoshi.Domain.OrgUnits;
using Luoshi.Domain.Problems;

namespace Luoshi.Domain.Rankings;

/// <summary>
/// One stored version of a 考核方案: editing a scheme adds a version, never changes one, so a ranking can say which
/// weights it used. Scheme 1 is the default; its version 1 is the code-defined seed.
/// </summary>
public class RankingSchemeVersion
{
    public const int MaxNameLength = 100;

    public int Id { get; set; }

    /// <summary>Which scheme this is a version of (the scheme's id, shared by all its versions).</summary>
    public int SchemeId { get; set; }

    public int Version { get; set; }

    public string Name { get; set; } = "";

    public DateTime CreatedAt { get; set; }

    public int? CreatedById { get; set; }

    public List<RankingWeight> Weights { get; set; } = [];
}

/// <summary>A criterion's weight for one kind of unit in one scheme version.</summary>
public class RankingWeight
{
    public const int MaxKeyLength = 40;

    public int Id { get; set; }

    public int SchemeVersionId { get; set; }

    public OrgUnitKind Kind { get; set; }

    public string CriterionKey { get; set; } = "";

    public decimal Weight { get; set; }
}

public enum AdjustmentStatus
{
    Proposed,
    Approved,
    Rejected,
}

/// <summary>
/// 加分/减分: points (±) added to a unit's score for a month, with the reason. Proposed by one person, approved (or
/// rejected) by another supervisor or administrator; only approved ones count. Each is at most <see cref="MaxPoints"/>
/// either way (not zero, two decimals at most).
/// </summary>
public class RankingAdjustment
{
    public const int MaxBasisLength = 500;
    public const decimal MaxPoints = 10;

    public int Id { get; set; }

    public int OrgUnitId { get; set; }

    /// <summary>The month, <c>YYYY-MM</c>.</summary>
    public string Period { get; set; } = "";

    public decimal Points { get; set; }

    public string Basis { get; set; } = "";

    public AdjustmentStatus Status { get; set; }

    public int ProposedById { get; set; }

    public DateTime ProposedAt { get; set; }

    public int? ReviewedById { get; set; }

    public DateTime? ReviewedAt { get; set; }

    public int Version { get; set; }
}

/// <summary>Every refusal about 加分/减分, worded once in Chinese and English.</summary>
public static class AdjustmentProblems
{
    private static readonly ProblemCatalog Catalog = new("ranking-adjustment");

    public static readonly ProblemType Forbidden = Catalog.Of(ProblemKind.Forbidden, "forbidden",
        "只有督查督导和管理员可以提出和审核加减分；局领导可以查看", "Only supervisors and administrators propose and review adjustments");
    public static readonly ProblemType NotFound = Catalog.Of(ProblemKind.NotFound, "not-found", "找不到该加减分记录",
        "No such adjustment");
    public static readonly ProblemType UnitInvalid = Catalog.Of(ProblemKind.Unreadable, "unit-invalid",
        "请选择参加排名的单位（区县、处室或学校）", "Choose a ranked unit (a district, department or school)");
    public static readonly ProblemType PeriodInvalid = Catalog.Of(ProblemKind.Unreadable, "period-invalid",
        "加减分的月份应写作 YYYY-MM（如 2026-10），且不晚于本月", "The month must be YYYY-MM and not after this month");
    public static readonly ProblemType PointsInvalid = Catalog.Of(ProblemKind.Unreadable, "points-invalid",
        "加减分值应在 -{0} 到 {0} 之间、不为 0，最多两位小数（加分为正数，减分为负数）",
        "The points must be between -{0} and {0}, not 0, with at most two decimals");
    public static readonly ProblemType BasisRequired = Catalog.Of(ProblemKind.Unreadable, "basis-required",
        "请填写加减分理由（不超过 {0} 字）", "Give the reason, at most {0} characters");
    public static readonly ProblemType OwnProposal = Catalog.Of(ProblemKind.Forbidden, "own-proposal",
        "加减分须由提出人以外的督查督导或管理员审核，不能审核自己提出的加减分", "Another supervisor or administrator, not the proposer, reviews an adjustment");
    public static readonly ProblemType AlreadyReviewed = Catalog.Of(ProblemKind.Conflict, "already-reviewed",
        "该加减分已审核（{0}），不能再次审核", "The adjustment has already been reviewed ({0})");
    public static readonly ProblemType ReviewedMeanwhile = Catalog.Of(ProblemKind.Conflict, "reviewed-meanwhile",
        "该加减分刚被他人审核，请刷新后查看", "Someone else has just reviewed the adjustment; reload");
}
