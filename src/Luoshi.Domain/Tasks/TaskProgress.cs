using Luoshi.Domain.Reports;

namespace Luoshi.Domain.Tasks;

/// <summary>What accepted reports make of a task: its progress and its targets' actual values.</summary>
public static class TaskProgress
{
    /// <summary>
    /// Task progress is the mean of each reporting unit's latest accepted progress; a target's actual value is the sum
    /// of the units' latest accepted values (the mean, for percentages, ratios and ranges).
    /// </summary>
    public static void Recompute(PlanTask task, IEnumerable<ProgressReport> reports)
    {
        var latest = reports.Where(r => r.Status == ReportStatus.Accepted && r.TaskId == task.Id).GroupBy(r => r.OrgUnitId)
            .Select(g => g.OrderByDescending(r => r.Period, StringComparer.Ordinal).ThenByDescending(r => r.Id).First()).ToList();
        task.Progress = latest.Count == 0 ? 0 : (int)Math.Round(latest.Average(r => r.Progress));
        foreach (var target in task.Targets)
        {
            var values = latest.SelectMany(r => r.Values.Where(v => v.TargetId == target.Id)).Select(v => v.Value).ToList();
            if (values.Count == 0) continue;
            var averaged = Targets.Target.IsShareUnit(target.Unit) || target.Comparator == Targets.Comparator.Range;
            target.Actual = averaged ? Math.Round(values.Average(), 2) : values.Sum();
            target.Version++;
        }
        task.Version++;
    }
}
