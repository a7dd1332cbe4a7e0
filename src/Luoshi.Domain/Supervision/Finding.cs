using Luoshi.Domain.Calendar;
using Luoshi.Domain.Problems;
using Luoshi.Domain.Reports;

namespace Luoshi.Domain.Supervision;

/// <summary>
/// A problem an inspection found at one unit (督导发现的问题), and the 整改 item it becomes: the unit rectifies by its
/// deadline and says how, with evidence (open → submitted); the inspector's side accepts it (closed) or sends it back
/// with the reason (open again). Overdue while open past its deadline.
/// </summary>
public class Finding
{
    public const int MaxDescriptionLength = 2000;
    public const int MaxRequirementLength = 2000;
    public const int MaxRectificationLength = 10000;
    public const int MaxCommentLength = 2000;
    public const int MaxDays = 250;

    public int Id { get; set; }

    public int InspectionId { get; set; }

    /// <summary>The unit that must rectify (整改单位): one of the inspection's units.</summary>
    public int OrgUnitId { get; set; }

    public string Description { get; set; } = "";

    public FindingSeverity Severity { get; set; }

    /// <summary>What the unit must do (整改要求).</summary>
    public string Requirement { get; set; } = "";

    /// <summary>The 整改时限: the last day (China time) the rectification is on time.</summary>
    public DateOnly Deadline { get; set; }

    public DateTime CreatedAt { get; set; }

    public FindingStatus Status { get; set; }

    /// <summary>The unit's account of its rectification (整改情况).</summary>
    public string? Rectification { get; set; }

    public int? SubmittedById { get; set; }

    public DateTime? SubmittedAt { get; set; }

    /// <summary>Why the inspector's side sent the last rectification back, if it did.</summary>
    public string? ReturnComment { get; set; }

    public int? ClosedById { get; set; }

    public DateTime? ClosedAt { get; set; }

    public int Version { get; set; }

    /// <summary>The evidence of the rectification (photos, PDF, Office files).</summary>
    public List<Attachment> Attachments { get; set; } = [];

    /// <summary>
    /// Open (not rectified, or sent back) past its deadline as of China's <paramref name="chinaToday"/>; a rectification
    /// waiting for the inspector's review is not the unit's delay.
    /// </summary>
    public bool IsOverdue(DateOnly chinaToday) => Status == FindingStatus.Open && chinaToday > Deadline;

    /// <summary>
    /// A new finding at <paramref name="orgUnitId"/>, due on <paramref name="deadline"/> or <paramref name="days"/> working
    /// days after <paramref name="chinaToday"/> (one of the two).
    /// </summary>
    public static (Finding? Finding, List<Problem> Problems) Find(int orgUnitId, string? description, string? severity, string? requirement,
        DateOnly? deadline, int? days, WorkingDays calendar, DateOnly chinaToday, DateTime utcNow)
    {
        var problems = new List<Problem>();
        var what = description?.Trim() ?? "";
        var must = requirement?.Trim() ?? "";
        if (what.Length == 0) problems.Add(InspectionProblems.DescriptionMissing);
        else if (what.Length > MaxDescriptionLength) problems.Add(InspectionProblems.DescriptionTooLong.With(MaxDescriptionLength));
        if (must.Length > MaxRequirementLength) problems.Add(InspectionProblems.RequirementTooLong.With(MaxRequirementLength));
        var level = FindingWords.ParseSeverity(severity);
        if (level is null) problems.Add(InspectionProblems.SeverityInvalid.With(severity?.Trim()));
        DateOnly? due = null;
        if (deadline is not null && days is not null) problems.Add(InspectionProblems.DeadlineTwice);
        else if (days is { } n)
        {
            if (n is < 1 or > MaxDays) problems.Add(InspectionProblems.DaysOutOfRange.With(1, MaxDays));
            else due = calendar.Add(chinaToday, n);
        }
        else if (deadline is { } date)
        {
            if (date < chinaToday) problems.Add(InspectionProblems.DeadlinePast.With(date.ToString("yyyy年M月d日")));
            else due = date;
        }
        else problems.Add(InspectionProblems.DeadlineMissing);
        if (problems.Count > 0) return (null, problems);
        return (new Finding
        {
            OrgUnitId = orgUnitId,
            Description = what,
            Severity = level!.Value,
            Requirement = must,
            Deadline = due!.Value,
            CreatedAt = utcNow,
            Status = FindingStatus.Open,
        }, problems);
    }

    /// <summary>The unit says how it rectified (with evidence already attached); refused after closing and to other units.</summary>
    public Problem? Submit(int unitId, int userId, string? rectification, DateTime utcNow)
    {
        if (unitId != OrgUnitId) return InspectionProblems.NotYourUnit;
        if (Status == FindingStatus.Closed) return InspectionProblems.Closed;
        if (Status == FindingStatus.Submitted) return InspectionProblems.AlreadySubmitted;
        var text = rectification?.Trim() ?? "";
        if (text.Length == 0) return InspectionProblems.RectificationMissing;
        if (text.Length > MaxRectificationLength) return InspectionProblems.RectificationTooLong.With(MaxRectificationLength);
        Status = FindingStatus.Submitted;
        Rectification = text;
        SubmittedById = userId;
        SubmittedAt = utcNow;
        Version++;
        return null;
    }

    /// <summary>The inspector's side accepts the rectification: the item is closed (整改完成).</summary>
    public Problem? Close(int userId, DateTime utcNow)
    {
        if (Status == FindingStatus.Closed) return InspectionProblems.Closed;
        if (Status != FindingStatus.Submitted) return InspectionProblems.NotSubmitted;
        Status = FindingStatus.Closed;
        ClosedById = userId;
        ClosedAt = utcNow;
        Version++;
        return null;
    }

    /// <summary>The inspector's side sends the rectification back with the reason: the item is open again.</summary>
    public Problem? Return(string? comment)
    {
        if (Status == FindingStatus.Closed) return InspectionProblems.Closed;
        if (Status != FindingStatus.Submitted) return InspectionProblems.NotSubmitted;
        var text = comment?.Trim() ?? "";
        if (text.Length == 0) return InspectionProblems.ReturnReasonMissing;
        if (text.Length > MaxCommentLength) return InspectionProblems.CommentTooLong.With(MaxCommentLength);
        Status = FindingStatus.Open;
        ReturnComment = text;
        Version++;
        return null;
    }

    /// <summary>
    /// Closed on time: accepted, and the rectification that was accepted came in by the deadline (China date), so the
    /// inspector's time to review never counts against the unit.
    /// </summary>
    public bool ClosedOnTime => Status == FindingStatus.Closed && SubmittedAt is { } at && Time.ChinaClock.ToChina(at) is var local
        && DateOnly.FromDateTime(local) <= Deadline;
}

public enum FindingSeverity
{
    Minor,
    Serious,
    Grave,
}

public enum FindingStatus
{
    Open,
    Submitted,
    Closed,
}

/// <summary>The codes of the API and the words of the pages.</summary>
public static class FindingWords
{
    public static string ToCode(this FindingSeverity severity) => severity switch
    {
        FindingSeverity.Serious => "serious",
        FindingSeverity.Grave => "grave",
        _ => "minor",
    };

    public static string ToChinese(this FindingSeverity severity) => severity switch
    {
        FindingSeverity.Serious => "较重",
        FindingSeverity.Grave => "严重",
        _ => "一般",
    };

    /// <summary>The severity from its code or its Chinese word; none given is 一般; anything else null.</summary>
    public static FindingSeverity? ParseSeverity(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        null or "" or "minor" or "一般" => FindingSeverity.Minor,
        "serious" or "较重" or "较严重" => FindingSeverity.Serious,
        "grave" or "严重" => FindingSeverity.Grave,
        _ => null,
    };

    public static string ToCode(this FindingStatus status) => status switch
    {
        FindingStatus.Submitted => "submitted",
        FindingStatus.Closed => "closed",
        _ => "open",
    };

    public static string ToChinese(this FindingStatus status) => status switch
    {
        FindingStatus.Submitted => "已提交整改",
        FindingStatus.Closed => "已销号",
        _ => "待整改",
    };
}
