namespace Luoshi.Domain.Reports;

/// <summary>A unit's progress report on a task for one period (进展反馈): progress, narrative, values and evidence.</summary>
public partial class ProgressReport
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

    /// <summary>
    /// True while this is the unit's current version for the task and period; null once a newer version supersedes it.
    /// Null rather than false: the database keeps (TaskId, OrgUnitId, Period, Live) unique, and NULLs never collide
    /// (on SQLite and PostgreSQL alike), so a unit has any number of old versions but one live report per period.
    /// </summary>
    public bool? Live { get; set; } = true;

    public DateTime CreatedAt { get; set; }

    public List<ReportValue> Values { get; set; } = [];

    public List<Attachment> Attachments { get; set; } = [];

    public int Version { get; set; }

    /// <summary>
    /// The report is replaced by <paramref name="next"/> (a corrected version after a return): it stays on record but is no
    /// longer live.
    /// </summary>
    public void SupersedeBy(ProgressReport next)
    {
        if (Live != true) throw new InvalidOperationException("只有当前版本的进展反馈可以被新版本替代");
        if (next.TaskId != TaskId || next.OrgUnitId != OrgUnitId || next.Period != Period)
            throw new InvalidOperationException("新版本必须是同一任务、同一单位、同一报告期的进展反馈");
        Live = null;
        Version++;
        next.SupersedesId = Id;
        next.Live = true;
    }
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
        period is { Length: 7 } && DateOnly.TryParseExact(
            period + "-01", "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out _);

    /// <summary>
    /// What is wrong with a report period, or null: it is written YYYY-MM and is not later than the current month in
    /// China (<paramref name="currentPeriod"/>): progress is reported for a month that has begun, never for one still to come.
    /// </summary>
    public static Problems.Problem? CheckPeriod(string? period, string currentPeriod)
    {
        if (!IsPeriod(period)) return ReportProblems.PeriodFormat;
        return string.CompareOrdinal(period, currentPeriod) > 0 ? ReportProblems.PeriodNotBegun.With(period, currentPeriod) : null;
    }
}

/// <summary>The value a report gives for one of the task's targets.</summary>
public class ReportValue
{
    public int ReportId { get; set; }

    public int TargetId { get; set; }

    /// <summary>The unit's figure: a count, or its share (numerator ÷ denominator, in percent for a % target).</summary>
    public decimal Value { get; set; }

    /// <summary>For a share target, what was counted (学生中的 95 人), when the unit gave it.</summary>
    public decimal? Numerator { get; set; }

    /// <summary>For a share target, the unit's base (它的 200 名学生): what its share is weighted by when units combine.</summary>
    public decimal? Denominator { get; set; }
}

/// <summary>
/// Evidence (photo, PDF, Office file) attached to a report, to the rectification of an inspection's finding (整改佐证) or to
/// a unit's answer to a 督办单, stored under the data directory; it belongs to exactly one of the three.
/// </summary>
public class Attachment
{
    public int Id { get; set; }

    public int? ReportId { get; set; }

    /// <summary>The finding whose rectification this evidences (<see cref="Supervision.Finding"/>), when not a report's.</summary>
    public int? FindingId { get; set; }

    /// <summary>The 督办单 whose answer (办理情况) this file goes with (<see cref="Supervision.Notice"/>).</summary>
    public int? NoticeId { get; set; }

    public required string FileName { get; set; }

    public required string ContentType { get; set; }

    public long Size { get; set; }

    /// <summary>Path under the attachments folder; generated, never taken from the user's file name.</summary>
    public required string StoredName { get; set; }

    public string Sha256 { get; set; } = "";

    public int? UploadedById { get; set; }

    public DateTime UploadedAt { get; set; }
}
