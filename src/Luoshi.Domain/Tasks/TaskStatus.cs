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

    /// <summary>
    /// Overdue (red) once the due date or an open milestone has passed; warning (yellow) when the due date or an
    /// open milestone is within <paramref name="warningDays"/> and progress lags the share of time elapsed.
    /// </summary>
    public static WorkStatus Compute(PlanTask task, DateOnly today, int warningDays)
    {
        switch (task.Closure)
        {
            case TaskClosure.Cancelled: return WorkStatus.Cancelled;
            case TaskClosure.Done: return WorkStatus.Done;
            case TaskClosure.CompletionRequested: return WorkStatus.CompletionRequested;
        }
        var openMilestones = task.Milestones.Where(m => !m.Done).Select(m => m.Date).ToList();
        if ((task.DueDate is { } due && due < today) || openMilestones.Any(d => d < today))
            return WorkStatus.Overdue;

        var nextDates = openMilestones.Append(task.DueDate ?? DateOnly.MaxValue).Where(d => d != DateOnly.MaxValue);
        var soon = nextDates.Any(d => d.DayNumber - today.DayNumber <= warningDays);
        if (soon && task.Progress < 100 && task.Progress < ExpectedProgress(task, today))
            return WorkStatus.Warning;
        if (task.StartDate is { } start && start > today && task.Progress == 0)
            return WorkStatus.NotStarted;
        return task.Progress > 0
            ? WorkStatus.InProgress
            : (task.StartDate is null || task.StartDate > today ? WorkStatus.NotStarted : WorkStatus.InProgress);
    }

    /// <summary>The share of the task's time that has passed, in percent: where progress should be by now.</summary>
    public static int ExpectedProgress(PlanTask task, DateOnly today)
    {
        if (task.DueDate is not { } due) return 0;
        var start = task.StartDate ?? new DateOnly(due.Year, 1, 1);
        var total = due.DayNumber - start.DayNumber;
        if (total <= 0) return 100;
        return Math.Clamp((int)Math.Round(100.0 * (today.DayNumber - start.DayNumber) / total), 0, 100);
    }
}
