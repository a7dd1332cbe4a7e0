using Luoshi.Application.Tasks;

namespace Luoshi.Web.Pages.Plans;

/// <summary>
/// How many of a set of tasks show red, yellow and green: the colours of their <see cref="TaskState.Light"/>, the one rule
/// (a task with a target linked to an indicator is coloured by the data too).
/// </summary>
public sealed record TaskLights(int Red, int Yellow, int Green, int Total)
{
    public static TaskLights Of(IReadOnlyCollection<TaskState> states) => new(
        states.Count(s => s.Light == "red"),
        states.Count(s => s.Light == "yellow"),
        states.Count(s => s.Light == "green"),
        states.Count);

    /// <summary>A count as a whole percentage of all tasks.</summary>
    public int Percent(int count) => Total == 0 ? 0 : (int)Math.Round(100.0 * count / Total);
}
