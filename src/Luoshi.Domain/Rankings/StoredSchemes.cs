using Luoshi.Domain.OrgUnits;

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
/// rejected) by another supervisor or administrator; only approved ones count.
/// </summary>
public class RankingAdjustment
{
    public const int MaxBasisLength = 500;
    public const decimal MaxPoints = 20;

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
