using Luoshi.Domain.Calendar;
using Luoshi.Domain.Problems;

namespace Luoshi.Domain.Supervision;

/// <summary>
/// A 督办单 (or 催办单): a written demand to one unit, optionally about one task, that the unit must answer within a
/// number of working days. Numbered per year at issue (督办〔2026〕第12号); open → responded → closed, or sent back by
/// the issuer (responded → open again). Overdue while open past its 办理时限.
/// </summary>
public class Notice
{
    public const int MaxReasonLength = 2000;
    public const int MaxResponseLength = 10000;
    public const int MaxCommentLength = 2000;
    public const int DefaultDays = 3;
    public const int MinDays = 1;
    public const int MaxDays = 60;
    public const int MaxEscalationKeyLength = 100;

    public int Id { get; set; }

    /// <summary>The year of the number (the China date of issue).</summary>
    public int Year { get; set; }

    /// <summary>The running number within <see cref="Year"/>, from 1; unique per year.</summary>
    public int Sequence { get; set; }

    public NoticeKind Kind { get; set; }

    /// <summary>Who the notice has reached: a 催办, a 督办, or the 包保 leader.</summary>
    public NoticeLevel Level { get; set; }

    public int? TaskId { get; set; }

    /// <summary>The unit addressed (被督办单位).</summary>
    public int OrgUnitId { get; set; }

    public string Reason { get; set; } = "";

    public int? IssuedById { get; set; }

    /// <summary>The unit of the issuer (a department, a district, the supervision office), when the issuer had one.</summary>
    public int? IssuerUnitId { get; set; }

    public DateTime IssuedAt { get; set; }

    /// <summary>The 办理时限: the last day (China time) an answer is on time.</summary>
    public DateOnly RespondBy { get; set; }

    public NoticeStatus Status { get; set; }

    /// <summary>The unit's answer (办理情况).</summary>
    public string? Response { get; set; }

    public int? AnsweredById { get; set; }

    public DateTime? AnsweredAt { get; set; }

    /// <summary>Why the issuer sent the last answer back, if it did.</summary>
    public string? ReturnComment { get; set; }

    public int? ClosedById { get; set; }

    public DateTime? ClosedAt { get; set; }

    /// <summary>
    /// For a notice the daily jobs issued (催办与升级), what is overdue: its chain's key (<c>task:12:5</c>, <c>report:12:5:2026-09</c>,
    /// <c>notice:7</c>); null for a notice a person issued. One notice per key and level.
    /// </summary>
    public string? EscalationKey { get; set; }

    /// <summary>The 包保局领导 the notice was escalated to (level <see cref="NoticeLevel.Leader"/>).</summary>
    public int? LeaderUserId { get; set; }

    /// <summary>When it was escalated to the leader.</summary>
    public DateTime? EscalatedAt { get; set; }

    public int Version { get; set; }

    /// <summary>The files that came with the unit's answers (办理情况的附件).</summary>
    public List<Reports.Attachment> Attachments { get; set; } = [];

    /// <summary>Answered or closed: the unit has said what it did, and nothing further escalates.</summary>
    public bool IsAnswered => Status != NoticeStatus.Open;

    /// <summary>The unanswered 督办 reaches the 包保局领导 (level leader); a notice already there, or answered, is left alone.</summary>
    public bool EscalateToLeader(int leaderUserId, DateTime utcNow)
    {
        if (IsAnswered || Level == NoticeLevel.Leader) return false;
        Level = NoticeLevel.Leader;
        LeaderUserId = leaderUserId;
        EscalatedAt = utcNow;
        Version++;
        return true;
    }

    /// <summary>The number as documents write it: 督办〔2026〕第12号.</summary>
    public string Number => NumberOf(Year, Sequence);

    public static string NumberOf(int year, int sequence) => $"督办〔{year}〕第{sequence}号";

    /// <summary>Not answered and past its 办理时限 as of China's <paramref name="chinaToday"/>.</summary>
    public bool IsOverdue(DateOnly chinaToday) => Status == NoticeStatus.Open && chinaToday > RespondBy;

    /// <summary>
    /// A new notice, numbered <paramref name="sequence"/> in the year of <paramref name="chinaToday"/>, due
    /// <paramref name="days"/> working days after it.
    /// </summary>
    public static (Notice? Notice, Problem? Problem) Issue(NoticeKind kind, int orgUnitId, int? taskId, string? reason, int days,
        WorkingDays calendar, DateOnly chinaToday, int sequence, DateTime utcNow, int? issuedById, int? issuerUnitId)
    {
        var text = reason?.Trim() ?? "";
        if (text.Length == 0) return (null, NoticeProblems.ReasonMissing);
        if (text.Length > MaxReasonLength) return (null, NoticeProblems.ReasonTooLong.With(MaxReasonLength));
        if (days is < MinDays or > MaxDays) return (null, NoticeProblems.DaysOutOfRange.With(MinDays, MaxDays));
        return (new Notice
        {
            Year = chinaToday.Year,
            Sequence = sequence,
            Kind = kind,
            Level = kind == NoticeKind.Urge ? NoticeLevel.Urge : NoticeLevel.Supervise,
            OrgUnitId = orgUnitId,
            TaskId = taskId,
            Reason = text,
            IssuedAt = utcNow,
            IssuedById = issuedById,
            IssuerUnitId = issuerUnitId,
            RespondBy = calendar.Add(chinaToday, days),
            Status = NoticeStatus.Open,
        }, null);
    }

    /// <summary>The addressed unit answers (办理情况); an answer after closing is refused, as is one from another unit.</summary>
    public Problem? Answer(int answeringUnitId, int userId, string? response, DateTime utcNow)
    {
        if (answeringUnitId != OrgUnitId) return NoticeProblems.NotYourUnit;
        if (Status == NoticeStatus.Closed) return NoticeProblems.Closed;
        if (Status == NoticeStatus.Responded) return NoticeProblems.AlreadyAnswered;
        var text = response?.Trim() ?? "";
        if (text.Length == 0) return NoticeProblems.ResponseMissing;
        if (text.Length > MaxResponseLength) return NoticeProblems.ResponseTooLong.With(MaxResponseLength);
        Status = NoticeStatus.Responded;
        Response = text;
        AnsweredById = userId;
        AnsweredAt = utcNow;
        Version++;
        return null;
    }

    /// <summary>The issuer accepts the answer and closes the notice (办结).</summary>
    public Problem? Close(int userId, DateTime utcNow)
    {
        if (Status == NoticeStatus.Closed) return NoticeProblems.Closed;
        if (Status != NoticeStatus.Responded) return NoticeProblems.NotAnswered.With(Status.ToChinese());
        Status = NoticeStatus.Closed;
        ClosedById = userId;
        ClosedAt = utcNow;
        Version++;
        return null;
    }

    /// <summary>The issuer sends the answer back with the reason: the notice is open again, to be answered anew.</summary>
    public Problem? Return(string? comment)
    {
        if (Status == NoticeStatus.Closed) return NoticeProblems.Closed;
        if (Status != NoticeStatus.Responded) return NoticeProblems.NotAnswered.With(Status.ToChinese());
        var text = comment?.Trim() ?? "";
        if (text.Length == 0) return NoticeProblems.ReturnReasonMissing;
        if (text.Length > MaxCommentLength) return NoticeProblems.CommentTooLong.With(MaxCommentLength);
        Status = NoticeStatus.Open;
        ReturnComment = text;
        Version++;
        return null;
    }
}

public enum NoticeKind
{
    Urge,
    Supervise,
}

public enum NoticeLevel
{
    Urge,
    Supervise,
    Leader,
}

public enum NoticeStatus
{
    Open,
    Responded,
    Closed,
}

/// <summary>The codes of the API and the words of the pages.</summary>
public static class NoticeWords
{
    public static string ToCode(this NoticeKind kind) => kind == NoticeKind.Urge ? "urge" : "supervise";

    public static string ToChinese(this NoticeKind kind) => kind == NoticeKind.Urge ? "催办" : "督办";

    public static NoticeKind? ParseKind(string? code) => code?.Trim().ToLowerInvariant() switch
    {
        null or "" or "supervise" => NoticeKind.Supervise,
        "urge" => NoticeKind.Urge,
        _ => null,
    };

    public static string ToCode(this NoticeLevel level) => level switch
    {
        NoticeLevel.Urge => "urge",
        NoticeLevel.Leader => "leader",
        _ => "supervise",
    };

    /// <summary>How far the notice has gone, as the timeline says it: 催办, 督办, 报包保领导.</summary>
    public static string ToChinese(this NoticeLevel level) => level switch
    {
        NoticeLevel.Urge => "催办",
        NoticeLevel.Leader => "报包保领导",
        _ => "督办",
    };

    public static string ToCode(this NoticeStatus status) => status switch
    {
        NoticeStatus.Responded => "responded",
        NoticeStatus.Closed => "closed",
        _ => "open",
    };

    public static string ToChinese(this NoticeStatus status) => status switch
    {
        NoticeStatus.Responded => "已反馈",
        NoticeStatus.Closed => "已办结",
        _ => "待办理",
    };
}
