namespace Luoshi.Web.Localization;

public static partial class English
{
    /// <summary>The plan pages: the list, upload, draft review and the board.</summary>
    private static Dictionary<string, string> PlanPages() => new()
    {
    };
}
