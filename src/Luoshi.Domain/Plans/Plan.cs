namespace Luoshi.Domain.Plans;

/// <summary>A bureau's yearly work plan: the document it came from and the tasks split from it.</summary>
public partial class Plan
{
    public int Id { get; set; }

    public required string Title { get; set; }

    public int Year { get; set; }

    /// <summary>Where the year was read from (the title, a date in the text, or this year for want of one), or who changed it.</summary>
    public string? YearSource { get; set; }

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

/// <summary>Where a plan's year came from (<see cref="Plan.YearSource"/>): the review page says it in words.</summary>
public static class PlanYearSources
{
    /// <summary>The title names the year (2019年教育工作要点).</summary>
    public const string Title = "title";

    /// <summary>The title has none; a date in the text (signed, published, or the year it names most) gave it.</summary>
    public const string Text = "text";

    /// <summary>The text names no year: this year, for want of one.</summary>
    public const string Today = "today";

    /// <summary>Someone changed the year of the draft by hand.</summary>
    public const string Changed = "changed";
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
    public const int MaxYearSourceLength = 20;
    public const int MinYear = 2000;
    public const int MaxYear = 2100;

    /// <summary>The user uploaded or published the plan: the clerk who runs it, whose work it is to assign its tasks.</summary>
    public bool IsRunBy(int userId) => CreatedById == userId || PublishedById == userId;

    /// <summary>The draft becomes the published ledger; only a draft can be published.</summary>
    public Problems.Problem? WhyNotPublish() => Status == PlanStatus.Draft ? null : PlanProblems.NotDraft;

    /// <summary>
    /// The draft's title and year as someone corrects them on review; null leaves a field as it is. Only a draft changes;
    /// the deadlines read from the text are then read again in the new year (the use case does that).
    /// </summary>
    public List<Problems.Problem> Change(string? title, int? year)
    {
        var problems = new List<Problems.Problem>();
        if (Status != PlanStatus.Draft) problems.Add(PlanProblems.OnlyDraftChanged);
        if (title is not null && string.IsNullOrWhiteSpace(title)) problems.Add(PlanProblems.TitleEmpty);
        if (title is { Length: > MaxTitleLength }) problems.Add(PlanProblems.TitleTooLong.With(MaxTitleLength));
        // The title names the ledger's files (工作台账.xlsx): line breaks and other control characters have no place in it.
        if (title is not null && title.Any(char.IsControl)) problems.Add(PlanProblems.TitleControl);
        if (year is < MinYear or > MaxYear) problems.Add(PlanProblems.YearRange.With(MinYear, MaxYear));
        if (problems.Count > 0) return problems;
        if (title is not null) Title = title.Trim();
        if (year is { } y && y != Year)
        {
            Year = y;
            YearSource = PlanYearSources.Changed;
        }
        Version++;
        return problems;
    }

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
