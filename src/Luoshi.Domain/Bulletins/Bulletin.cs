using Luoshi.Domain.Problems;

namespace Luoshi.Domain.Bulletins;

/// <summary>
/// The monthly 督查通报 of one month (<see cref="Period"/>, YYYY-MM): drafted from the ledger, its three text sections
/// (总体情况, 存在问题, 下一步要求) edited by supervisors, then published to every unit. Publishing numbers it in the year of
/// publication (〔2026〕第10期) and keeps the document as it was published (<see cref="Document"/>): a published bulletin
/// never changes.
/// </summary>
public class Bulletin
{
    public const int MaxSectionLength = 10000;

    public int Id { get; set; }

    /// <summary>The month reported on, YYYY-MM; one bulletin per month.</summary>
    public string Period { get; set; } = "";

    public string Overview { get; set; } = "";

    public string Problems { get; set; } = "";

    public string Requirements { get; set; } = "";

    public BulletinStatus Status { get; set; }

    /// <summary>The year of the number (the China date of publication); null while a draft.</summary>
    public int? Year { get; set; }

    /// <summary>The running number within <see cref="Year"/>, from 1; null while a draft.</summary>
    public int? Sequence { get; set; }

    public DateTime CreatedAt { get; set; }

    public int? CreatedById { get; set; }

    public DateTime? PublishedAt { get; set; }

    public int? PublishedById { get; set; }

    /// <summary>The .docx as published, kept unchanged; null while a draft.</summary>
    public byte[]? Document { get; set; }

    public int Version { get; set; }

    public bool IsPublished => Status == BulletinStatus.Published;

    /// <summary>〔2026〕第10期, or 草稿 while not yet numbered.</summary>
    public string Number => Year is { } y && Sequence is { } s ? NumberOf(y, s) : "（草稿）";

    public static string NumberOf(int year, int sequence) => $"〔{year}〕第{sequence}期";

    /// <summary>Replaces the editable sections; refused once published, or when a section is too long.</summary>
    public Problem? Edit(string? overview, string? problems, string? requirements)
    {
        if (IsPublished) return BulletinProblems.Published;
        foreach (var text in new[] { overview, problems, requirements })
            if (text is { Length: > MaxSectionLength }) return BulletinProblems.SectionTooLong.With(MaxSectionLength);
        Overview = overview?.Trim() ?? Overview;
        Problems = problems?.Trim() ?? Problems;
        Requirements = requirements?.Trim() ?? Requirements;
        Version++;
        return null;
    }

    /// <summary>Publishes the draft as number <paramref name="sequence"/> of <paramref name="year"/>, keeping <paramref name="document"/>.</summary>
    public Problem? Publish(int year, int sequence, int userId, DateTime utcNow, byte[] document)
    {
        if (IsPublished) return BulletinProblems.Published;
        Status = BulletinStatus.Published;
        Year = year;
        Sequence = sequence;
        PublishedById = userId;
        PublishedAt = utcNow;
        Document = document;
        Version++;
        return null;
    }
}

public enum BulletinStatus
{
    Draft,
    Published,
}

/// <summary>Every refusal about a 督查通报, worded once in Chinese and English.</summary>
public static class BulletinProblems
{
    private static readonly ProblemCatalog Catalog = new("bulletin");

    public static readonly ProblemType NotFound = Catalog.Of(ProblemKind.NotFound, "not-found", "找不到该月的督查通报，或尚未印发",
        "No bulletin for that month, or it has not been published");
    public static readonly ProblemType Forbidden = Catalog.Of(ProblemKind.Forbidden, "forbidden", "只有督查督导和管理员可以起草、修改和印发督查通报",
        "Only supervisors and administrators draft, edit and publish bulletins");
    public static readonly ProblemType Published = Catalog.Of(ProblemKind.Conflict, "published", "该督查通报已印发，不能再修改",
        "The bulletin has been published and cannot change");
    public static readonly ProblemType Exists = Catalog.Of(ProblemKind.Conflict, "exists", "该月的督查通报已经起草，请在原稿上修改",
        "That month's bulletin has already been drafted");
    public static readonly ProblemType PeriodInvalid = Catalog.Invalid("period-invalid", "通报月份应写作 YYYY-MM（如 2026-10），且不晚于本月",
        "The period must be YYYY-MM and not after this month");
    public static readonly ProblemType SectionTooLong = Catalog.Invalid("section-too-long", "通报的每一部分不能超过 {0} 个字符",
        "Each section can hold at most {0} characters");
    public static readonly ProblemType Stale = Catalog.Of(ProblemKind.Stale, "stale", "该督查通报在您打开之后已被他人修改，请刷新后重试",
        "Someone changed the bulletin after you opened it; reload and try again");
}
