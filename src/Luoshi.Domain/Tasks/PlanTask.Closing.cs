using Luoshi.Domain.Problems;

namespace Luoshi.Domain.Tasks;

/// <summary>
/// The limits of a task's fields and its closing (办结) as transitions: each checks the state and the input, changes the
/// task and returns null, or returns the problem and changes nothing.
/// </summary>
public partial class PlanTask
{
    public const int MaxTitleLength = 500;
    public const int MaxTextLength = 20000;
    public const int MaxMilestoneTitleLength = 300;

    /// <summary>
    /// A title as it is matched across plans (沿用往年分工, 结转): without spaces, punctuation or numbers, so that
    /// "12加大…" of last year is the same task as "加大…" of this year.
    /// </summary>
    public static string TitleKey(string title) =>
        new(title.Where(c => !char.IsWhiteSpace(c) && !char.IsPunctuation(c) && !char.IsDigit(c)).ToArray());

    /// <summary>Problems with a title as typed: empty, or too long.</summary>
    public static Problem? CheckTitle(string? title) =>
        string.IsNullOrWhiteSpace(title) ? TaskProblems.TitleEmpty
        : title.Length > MaxTitleLength ? TaskProblems.TitleTooLong.With(MaxTitleLength)
        : null;

    /// <summary>The lead department asks for the task to be closed, saying how it was done.</summary>
    public Problem? WhyNotRequestCompletion() => Closure == TaskClosure.Open ? null : TaskProblems.NotOpen;

    public Problem? WhyNotDecideCompletion() => Closure == TaskClosure.CompletionRequested ? null : TaskProblems.NoPendingRequest;

    public Problem? WhyNotReopen() => IsClosed ? null : TaskProblems.NotClosed;

    public Problem? WhyNotCancel() => Closure switch
    {
        TaskClosure.Done => TaskProblems.DoneCannotCancel,
        TaskClosure.Cancelled => TaskProblems.AlreadyCancelled,
        _ => null,
    };

    public Problem? RequestCompletion(string? summary, DateTime utcNow)
    {
        if (WhyNotRequestCompletion() is { } state) return state;
        if (string.IsNullOrWhiteSpace(summary)) return TaskProblems.SummaryRequired;
        Closure = TaskClosure.CompletionRequested;
        CompletionSummary = summary.Trim();
        CompletionRequestedAt = utcNow;
        Version++;
        return null;
    }

    /// <summary>A supervisor or leader agrees: the task is done.</summary>
    public Problem? ApproveCompletion(int userId, DateTime utcNow)
    {
        if (WhyNotDecideCompletion() is { } state) return state;
        Closure = TaskClosure.Done;
        ClosedAt = utcNow;
        ClosedById = userId;
        Version++;
        return null;
    }

    /// <summary>A supervisor or leader refuses, with the reason: the task is open again and the reason is kept.</summary>
    public Problem? RefuseCompletion(string? reason)
    {
        if (WhyNotDecideCompletion() is { } state) return state;
        if (string.IsNullOrWhiteSpace(reason)) return TaskProblems.RefusalReasonRequired;
        Closure = TaskClosure.Open;
        ClosedAt = null;
        ClosedById = null;
        CompletionSummary = $"{CompletionSummary}\n不同意办结：{reason.Trim()}";
        Version++;
        return null;
    }

    /// <summary>A closed or cancelled task is opened again, with the reason.</summary>
    public Problem? Reopen(string? reason)
    {
        if (WhyNotReopen() is { } state) return state;
        if (string.IsNullOrWhiteSpace(reason)) return TaskProblems.ReopenReasonRequired;
        Closure = TaskClosure.Open;
        ClosedAt = null;
        ClosedById = null;
        CompletionSummary = $"{CompletionSummary}\n重新打开：{reason.Trim()}".Trim();
        Version++;
        return null;
    }

    /// <summary>The task is dropped, with the reason; a task already done cannot be.</summary>
    public Problem? Cancel(string? reason)
    {
        if (WhyNotCancel() is { } state) return state;
        if (string.IsNullOrWhiteSpace(reason)) return TaskProblems.CancelReasonRequired;
        Closure = TaskClosure.Cancelled;
        CompletionSummary = $"取消：{reason.Trim()}";
        Version++;
        return null;
    }

    /// <summary>Closed or cancelled: no more reports.</summary>
    public bool IsClosed => Closure is TaskClosure.Done or TaskClosure.Cancelled;
}
