namespace Luoshi.Domain.Tasks;

/// <summary>
/// The plan's outline as a tree of tasks: which items are groups (headings with child items) and which are the tasks
/// under a group that carry its status.
/// </summary>
public static class TaskOutline
{
    /// <summary>
    /// Marks every task of a plan that has outline children as a group, and every other as a task; breakdown children
    /// (<see cref="PlanTask.IsBreakdown"/>) do not make their parent a group. A task whose mark changes gets a new version.
    /// </summary>
    public static void MarkGroups(IReadOnlyCollection<PlanTask> tasksOfPlan)
    {
        var parents = tasksOfPlan.Where(t => t.ParentId is not null && !t.IsBreakdown).Select(t => t.ParentId!.Value).ToHashSet();
        foreach (var task in tasksOfPlan)
        {
            var group = parents.Contains(task.Id);
            if (task.IsGroup == group) continue;
            task.IsGroup = group;
            task.Version++;
        }
    }

    /// <summary>
    /// The tasks under a group that carry its status: its descendants that are not groups themselves, stopping at them (a
    /// task's own breakdown children are part of that task, not of the group).
    /// </summary>
    public static List<PlanTask> LeavesOf(PlanTask group, IReadOnlyCollection<PlanTask> tasksOfPlan)
    {
        var children = tasksOfPlan.Where(t => t.ParentId is not null).ToLookup(t => t.ParentId!.Value);
        var leaves = new List<PlanTask>();
        var pending = new Stack<PlanTask>(children[group.Id]);
        while (pending.Count > 0)
        {
            var task = pending.Pop();
            if (!task.IsGroup) leaves.Add(task);
            else foreach (var child in children[task.Id]) pending.Push(child);
        }
        return leaves;
    }
}
