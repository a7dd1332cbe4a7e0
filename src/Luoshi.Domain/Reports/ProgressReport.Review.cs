using Luoshi.Domain.Problems;

namespace Luoshi.Domain.Reports;

/// <summary>A report's review (采纳/退回) as transitions, and the limits of what a report may say.</summary>
public partial class ProgressReport
{
    public const int MaxNarrativeLength = 10000;
    public const int MaxCommentLength = 2000;

    /// <summary>The lead department takes the report: it counts for the task's progress and targets.</summary>
    public Problem? Accept(int reviewerId, string? comment, DateTime utcNow) => Review(ReportStatus.Accepted, reviewerId, comment, utcNow);

    /// <summary>The lead department sends the report back with the reason; the unit corrects it as a new version.</summary>
    public Problem? Return(int reviewerId, string? comment, DateTime utcNow) => Review(ReportStatus.Returned, reviewerId, comment, utcNow);

    private Problem? Review(ReportStatus outcome, int reviewerId, string? comment, DateTime utcNow)
    {
        if (Status != ReportStatus.Submitted) return ReportProblems.NotSubmitted.With(Status.ToChinese());
        if (outcome == ReportStatus.Returned && string.IsNullOrWhiteSpace(comment)) return ReportProblems.ReturnReasonRequired;
        if (comment is { Length: > MaxCommentLength }) return ReportProblems.CommentTooLong.With(MaxCommentLength);
        Status = outcome;
        ReviewComment = comment?.Trim();
        ReviewedById = reviewerId;
        ReviewedAt = utcNow;
        Version++;
        return null;
    }

    /// <summary>The report goes to the lead department; late when China's today is past the period's due day.</summary>
    public void Submit(DateTime utcNow, DateOnly chinaToday)
    {
        Status = ReportStatus.Submitted;
        SubmittedAt = utcNow;
        Late = chinaToday > ReportStatuses.DueDate(Period);
    }
}
