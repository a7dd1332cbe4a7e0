using Luoshi.Domain.Reports;
using Luoshi.Domain.Targets;

namespace Luoshi.Domain.Tasks;

/// <summary>What accepted reports make of a task: its progress and its targets' actual values.</summary>
public static class TaskProgress
{
    /// <summary>
    /// Task progress is the mean of each reporting unit's latest accepted progress; a target's actual value combines the
    /// units' latest accepted figures as <see cref="TargetActuals"/> says (counts add, shares combine as ratios). A target
    /// linked to an indicator follows the data, not the reports: its figures are kept, but they do not set its actual.
    /// </summary>
    public static void Recompute(PlanTask task, IEnumerable<ProgressReport> reports)
    {
        var accepted = reports.Where(r => r.Status == ReportStatus.Accepted && r.TaskId == task.Id).ToList();
        var latest = accepted.GroupBy(r => r.OrgUnitId)
            .Select(g => g.OrderByDescending(r => r.Period, StringComparer.Ordinal).ThenByDescending(r => r.Id).First()).ToList();
        task.Progress = latest.Count == 0 ? 0 : (int)Math.Round(latest.Average(r => r.Progress));
        foreach (var target in task.Targets.Where(g => g.IndicatorId is null))
        {
            var actual = TargetActuals.Of(target, accepted);
            if (actual.Value is null || actual.Value == target.Actual) continue;
            target.Actual = actual.Value;
            target.Version++;
        }
        task.Version++;
    }
}
