namespace Luoshi.Domain.Reports;

/// <summary>A unit's progress report on a task for one period (进展反馈): progress, narrative, values and evidence.</summary>
public class ProgressReport
{
    public int Id { get; set; }

    public int TaskId { get; set; }

    /// <summary>The unit reporting (a responsible district or school, or the lead department).</summary>
    public int OrgUnitId { get; set; }

    /// <summary>The month reported on, <c>YYYY-MM</c>.</summary>
    public required string Period { get; set; }

    public int Progress { get; set; }

    public string Narrative { get; set; } = "";

    public ReportStatus Status { get; set; }

    /// <summary>Submitted after the period's deadline.</summary>
    public bool Late { get; set; }

    public int? SubmittedById { get; set; }

    public DateTime? SubmittedAt { get; set; }

    public int? ReviewedById { get; set; }

    public DateTime? ReviewedAt { get; set; }

    public string? ReviewComment { get; set; }

    /// <summary>The earlier version this one replaces (after a return); every version is kept.</summary>
    public int? SupersedesId { get; set; }

    /// <summary>The client's Idempotency-Key: a retried submission returns the stored report instead of a second one.</summary>
    public string? IdempotencyKey { get; set; }

    public DateTime CreatedAt { get; set; }

    public List<ReportValue> Values { get; set; } = [];

    public List<Attachment> Attachments { get; set; } = [];

    public int Version { get; set; }
}

public enum ReportStatus
{
    Draft,
    Submitted,
    Accepted,
    Returned,
}

public static class ReportStatuses
{
    public static string ToCode(this ReportStatus s) => s switch
    {
        ReportStatus.Draft => "draft",
        ReportStatus.Submitted => "submitted",
        ReportStatus.Accepted => "accepted",
        _ => "returned",
    };

    public static string ToChinese(this ReportStatus s) => s switch
    {
        ReportStatus.Draft => "草稿",
        ReportStatus.Submitted => "已报送",
        ReportStatus.Accepted => "已采纳",
        _ => "已退回",
    };

    /// <summary>The day a month's report is due: the 5th of the next month.</summary>
    public static DateOnly DueDate(string period) =>
        DateOnly.ParseExact(period + "-01", "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture).AddMonths(1).AddDays(4);

    public static bool IsPeriod(string? period) =>
        period is { Length: 7 } && DateOnly.TryParseExact(period + "-01", "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out _);
}

/// <summary>The value a report gives for one of the task's targets.</summary>
public class ReportValue
{
    public int ReportId { get; set; }

    public int TargetId { get; set; }

    public decimal Value { get; set; }
}

/// <summary>Evidence attached to a report (photo, PDF, Office file), stored under the data directory.</summary>
public class Attachment
{
    public int Id { get; set; }

    public int ReportId { get; set; }

    public required string FileName { get; set; }

    public required string ContentType { get; set; }

    public long Size { get; set; }

    /// <summary>Path under the attachments folder; generated, never taken from the user's file name.</summary>
    public required string StoredName { get; set; }

    public string Sha256 { get; set; } = "";

    public int? UploadedById { get; set; }

    public DateTime UploadedAt { get; set; }
}
