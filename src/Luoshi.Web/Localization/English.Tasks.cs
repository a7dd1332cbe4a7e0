namespace Luoshi.Web.Localization;

public static partial class English
{
    /// <summary>The task pages: a task, my tasks, the schedule, the calendar, notifications and search.</summary>
    private static Dictionary<string, string> TaskPages() => new()
    {
    };
}
