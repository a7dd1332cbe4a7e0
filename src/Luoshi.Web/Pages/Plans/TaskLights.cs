using Luoshi.Domain.Tasks;

namespace Luoshi.Web.Pages.Plans;

/// <summary>How many of a set of tasks show red, yellow and green (the colours of <see cref="WorkStatusRules.Light"/>).</summary>
public sealed record TaskLights(int Red, int Yellow, int Green, int Total)
{
    public static TaskLights Of(IReadOnlyCollection<WorkStatus> statuses) => new(
        statuses.Count(s => s.Light() == "red"),
        statuses.Count(s => s.Light() == "yellow"),
        statuses.Count(s => s.Light() == "green"),
        statuses.Count);

    /// <summary>A count as a whole percentage of all tasks.</summary>
    public int Percent(int count) => Total == 0 ? 0 : (int)Math.Round(100.0 * count / Total);
}
