using Luoshi.Domain.Plans;
using Luoshi.Domain.Tasks;
using Luoshi.Parsing;

namespace Luoshi.Application.Plans;

/// <summary>
/// A draft's deadlines as the plan's text sets them, in the plan's year: the parser's reading of each item (年底前 is
/// 31 December of the plan's year), else its parent's deadline, else the year's end. A deadline set by hand stays.
/// </summary>
public static class PlanDeadlines
{
    /// <summary>
    /// Reads the deadlines of the plan's items again in <see cref="Plan.Year"/> (after the year was corrected), and moves
    /// start dates left at the old year's first day to the new one's. Each task changed gets a new version.
    /// </summary>
    public static void ReadAgain(Plan plan, int oldYear, IReadOnlyCollection<PlanTask> tasks)
    {
        var document = PlanParser.Parse(plan.SourceText, plan.SourceFileName, new ParseOptions { Year = plan.Year });
        var read = document.Items.GroupBy(i => i.Source.Start).ToDictionary(g => g.Key, g => g.First().Deadline?.Date);
        var byId = tasks.ToDictionary(t => t.Id);
        var yearStart = new DateOnly(oldYear, 1, 1);
        // Parents before children, so a child without a deadline of its own takes its parent's new one.
        foreach (var task in tasks.OrderBy(t => t.Level).ThenBy(t => t.Ordinal))
        {
            var changed = false;
            if (task.StartDate == yearStart)
            {
                task.StartDate = new DateOnly(plan.Year, 1, 1);
                changed = true;
            }
            if (!task.DueByHand)
            {
                var parent = task.ParentId is { } p ? byId.GetValueOrDefault(p) : null;
                var fromText = task.SourceStart is { } start ? read.GetValueOrDefault(start) : null;
                var due = fromText ?? parent?.DueDate ?? new DateOnly(plan.Year, 12, 31);
                changed |= due != task.DueDate;
                task.DueDate = due;
            }
            if (changed) task.Version++;
        }
    }
}
