namespace Luoshi.Parsing.Quantities;

/// <summary>
/// 获贵港市优秀共产党员1人、优秀党务工作者1人，先进基层党组织2个: in a list of honours, a member that names only its title
/// takes the body that awarded the member before it (贵港市优秀党务工作者, 贵港市先进基层党组织).
/// </summary>
internal static class ListedTitle
{
    /// <summary>Last characters of a body that awards honours (贵港市, 市委教育工委, 省教育厅).</summary>
    private static readonly string[] Bodies = ["自治区", "市委教育工委", "教育工委", "教育厅", "教育局", "省", "市", "县", "区", "委", "级"];

    /// <summary>Titles of honours: a member named by one of these alone names no body.</summary>
    private static readonly string[] Titles = ["优秀", "先进", "模范", "十佳", "最美", "示范"];

    /// <summary>The longest name of an awarding body.</summary>
    private const int BodyLength = 8;

    public static string Complete(string subject, string? previous)
    {
        if (string.IsNullOrEmpty(previous) || Text.WordAt.Opening(subject, Titles) is null)
        {
            return subject;
        }

        // The body is what the member before puts in front of its title.
        var title = Titles.Select(t => previous.IndexOf(t, StringComparison.Ordinal)).Where(i => i > 0).DefaultIfEmpty(-1).Min();
        if (title < 2 || title > BodyLength)
        {
            return subject;
        }

        var body = previous[..title];
        return Text.WordAt.Ending(body, Bodies) is not null ? body + subject : subject;
    }
}
