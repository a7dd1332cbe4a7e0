namespace Luoshi.Domain.Plans;

/// <summary>A bureau's yearly work plan: the document it came from and the tasks split from it.</summary>
public partial class Plan
{
    public int Id { get; set; }

    public required string Title { get; set; }

    public int Year { get; set; }

    public string? Issuer { get; set; }

    public PlanStatus Status { get; set; }

    /// <summary>The document's text as read (before clean-up), shown beside the draft for review.</summary>
    public string SourceText { get; set; } = "";

    public string? SourceFileName { get; set; }

    /// <summary>The org unit that owns the plan (the bureau that issued it).</summary>
    public int OrgUnitId { get; set; }

    public int? CreatedById { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime? PublishedAt { get; set; }

    /// <summary>Who published the plan; they, like whoever uploaded it, keep seeing and assigning its tasks.</summary>
    public int? PublishedById { get; set; }

    public int Version { get; set; }
}

/// <summary>Where a plan is in its life: being drafted, in force, or put away.</summary>
public enum PlanStatus
{
    Draft,
    Published,
    Archived,
}

/// <summary>Codes and Chinese names of plan states.</summary>
public static class PlanStatuses
{
    public static string ToCode(this PlanStatus status) => status switch
    {
        PlanStatus.Draft => "draft",
        PlanStatus.Published => "published",
        _ => "archived",
    };

    public static string ToChinese(this PlanStatus status) => status switch
    {
        PlanStatus.Draft => "草稿",
        PlanStatus.Published => "已发布",
        _ => "已归档",
    };
}

/// <summary>A plan's publishing as a transition.</summary>
public partial class Plan
{
    public const int MaxTitleLength = 300;

    /// <summary>The user uploaded or published the plan: the clerk who runs it, whose work it is to assign its tasks.</summary>
    public bool IsRunBy(int userId) => CreatedById == userId || PublishedById == userId;

    /// <summary>The draft becomes the published ledger; only a draft can be published.</summary>
    public Problems.Problem? WhyNotPublish() => Status == PlanStatus.Draft ? null : PlanProblems.NotDraft;

    public Problems.Problem? Publish(DateTime utcNow, int? userId = null)
    {
        if (WhyNotPublish() is { } state) return state;
        Status = PlanStatus.Published;
        PublishedAt = utcNow;
        PublishedById = userId;
        Version++;
        return null;
    }
}
