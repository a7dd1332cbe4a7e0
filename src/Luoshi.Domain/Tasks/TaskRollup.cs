namespace Luoshi.Domain.Tasks;

/// <summary>What a group shows in place of a status of its own: its tasks' progress (by weight) and their worst colour.</summary>
public sealed record TaskRollup(WorkStatus Status, int Progress)
{
    /// <summary>From the worst: red, then yellow, then work under way or not begun, then closing and closed.</summary>
    private static readonly WorkStatus[] WorstFirst =
    [
        WorkStatus.Overdue, WorkStatus.Warning, WorkStatus.InProgress, WorkStatus.NotStarted, WorkStatus.CompletionRequested,
        WorkStatus.Done, WorkStatus.Cancelled,
    ];

    /// <summary>
    /// The roll-up of a group's tasks: the worst status among them (cancelled ones only when all are) and their progress
    /// averaged by weight (plainly, when no task has a weight); not started without any task.
    /// </summary>
    public static TaskRollup Of(IReadOnlyCollection<(PlanTask Task, WorkStatus Status)> leaves)
    {
        if (leaves.Count == 0) return new TaskRollup(WorkStatus.NotStarted, 0);
        var status = leaves.Select(l => l.Status).MinBy(s => Array.IndexOf(WorstFirst, s));
        var counted = leaves.Where(l => l.Status != WorkStatus.Cancelled).ToList();
        if (counted.Count == 0) return new TaskRollup(status, 0);
        var weight = counted.Sum(l => l.Task.Weight);
        var progress = weight > 0
            ? counted.Sum(l => l.Task.Weight * l.Task.Progress) / weight
            : (decimal)counted.Average(l => l.Task.Progress);
        return new TaskRollup(status, (int)Math.Round(progress, MidpointRounding.AwayFromZero));
    }
}
