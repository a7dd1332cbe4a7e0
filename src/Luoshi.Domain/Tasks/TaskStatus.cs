namespace Luoshi.Domain.Tasks;

/// <summary>A task's status as everyone sees it; computed from dates, progress and closure, never typed by hand.</summary>
public enum WorkStatus
{
    NotStarted,
    InProgress,
    Warning,
    Overdue,
    CompletionRequested,
    Done,
    Cancelled,
}

/// <summary>The rules that turn a task's facts into its status (红黄绿灯).</summary>
public static class WorkStatusRules
{
    public static string ToCode(this WorkStatus status) => status switch
    {
        WorkStatus.NotStarted => "notStarted",
        WorkStatus.InProgress => "inProgress",
        WorkStatus.Warning => "warning",
        WorkStatus.Overdue => "overdue",
        WorkStatus.CompletionRequested => "completionRequested",
        WorkStatus.Done => "done",
        _ => "cancelled",
    };

    public static string ToChinese(this WorkStatus status) => status switch
    {
        WorkStatus.NotStarted => "未开始",
        WorkStatus.InProgress => "进行中",
        WorkStatus.Warning => "预警",
        WorkStatus.Overdue => "逾期",
        WorkStatus.CompletionRequested => "申请办结",
        WorkStatus.Done => "已办结",
        _ => "已取消",
    };

    /// <summary>Traffic-light colour for boards and charts.</summary>
    public static string Light(this WorkStatus status) => status switch
    {
        WorkStatus.Overdue => "red",
        WorkStatus.Warning => "yellow",
        WorkStatus.Done or WorkStatus.CompletionRequested => "green",
        WorkStatus.Cancelled => "grey",
        _ => "blue",
    };

    public static bool TryParse(string? code, out WorkStatus status)
    {
        foreach (var s in Enum.GetValues<WorkStatus>())
        {
            if (s.ToCode() == code || s.ToChinese() == code)
            {
                status = s;
                return true;
            }
        }
        status = default;
        return false;
    }

    /// <summary>How many percentage points progress may lag the expected path before the task turns yellow, unless set.</summary>
    public const int DefaultLagPoints = 20;

    /// <summary>
    /// Overdue (red) once the due date or an open milestone has passed. Warning (yellow) when progress lags the expected
    /// path (<see cref="ExpectedProgress"/>) and either the due date or an open milestone is within
    /// <paramref name="warningDays"/>, or the lag is more than <paramref name="lagPoints"/> points at any time.
    /// </summary>
    public static WorkStatus Compute(PlanTask task, DateOnly today, int warningDays, int lagPoints = DefaultLagPoints)
    {
        switch (task.Closure)
        {
            case TaskClosure.Cancelled: return WorkStatus.Cancelled;
            case TaskClosure.Done: return WorkStatus.Done;
            case TaskClosure.CompletionRequested: return WorkStatus.CompletionRequested;
        }
        if (IsOverdue(task, today)) return WorkStatus.Overdue;
        if (Behind(task, today, warningDays, lagPoints) is not null) return WorkStatus.Warning;
        if (task.StartDate is { } start && start > today && task.Progress == 0)
            return WorkStatus.NotStarted;
        return task.Progress > 0
            ? WorkStatus.InProgress
            : (task.StartDate is null || task.StartDate > today ? WorkStatus.NotStarted : WorkStatus.InProgress);
    }

    private static bool IsOverdue(PlanTask task, DateOnly today) =>
        (task.DueDate is { } due && due < today) || task.Milestones.Any(m => !m.Done && m.Date < today);

    /// <summary>
    /// Why an open task is yellow, or null when it is not behind: its progress, where it should be, and whether its next
    /// date (an open milestone or the deadline) is within the warning window. The task page says this in words.
    /// </summary>
    public static Lag? Behind(PlanTask task, DateOnly today, int warningDays, int lagPoints = DefaultLagPoints)
    {
        if (task.Closure != TaskClosure.Open || task.Progress >= 100 || IsOverdue(task, today)) return null;
        var expected = ExpectedProgress(task, today);
        if (task.Progress >= expected) return null;
        var next = task.Milestones.Where(m => !m.Done).Select(m => (DateOnly?)m.Date).Append(task.DueDate).Where(d => d is not null).Min();
        var soon = next is { } n && n.DayNumber - today.DayNumber <= warningDays;
        var lag = new Lag(task.Progress, expected, next, soon);
        return soon || lag.Points > lagPoints ? lag : null;
    }

    /// <summary>
    /// Where progress should be by now, in percent: along the path from the start (0%) through the milestones (each one
    /// an equal step) to the deadline (100%), in straight lines between them. Without a start, the year's first day.
    /// </summary>
    public static int ExpectedProgress(PlanTask task, DateOnly today)
    {
        var checkpoints = task.Milestones.Select(m => m.Date).Append(task.DueDate ?? DateOnly.MinValue).Where(d => d != DateOnly.MinValue)
            .Distinct().Order().ToList();
        if (checkpoints.Count == 0) return 0;
        var last = checkpoints[^1];
        var start = task.StartDate ?? new DateOnly(last.Year, 1, 1);
        checkpoints.RemoveAll(d => d <= start);
        if (checkpoints.Count == 0) return today >= start ? 100 : 0;
        var (from, fromPercent) = (start, 0.0);
        for (var i = 0; i < checkpoints.Count; i++)
        {
            var to = checkpoints[i];
            var toPercent = 100.0 * (i + 1) / checkpoints.Count;
            if (today < to)
            {
                var share = Math.Max(0, today.DayNumber - from.DayNumber) / (double)(to.DayNumber - from.DayNumber);
                return (int)Math.Round(fromPercent + (share * (toPercent - fromPercent)));
            }
            (from, fromPercent) = (to, toPercent);
        }
        return 100;
    }
}

/// <summary>How far a task lags where it should be: progress, the expected progress, and its next date.</summary>
public sealed record Lag(int Progress, int Expected, DateOnly? Next, bool NextIsSoon)
{
    /// <summary>Percentage points behind.</summary>
    public int Points => Expected - Progress;
}
