namespace Luoshi.Parsing.Quantities;

/// <summary>
/// 对制度建设、安全责任等进行一次自查自纠: a count of events done to something (对…进行/开展一次…) counts that thing's events
/// (制度建设、安全责任自查自纠); a time modifier of the thing (半年来的) and a closing 等 say nothing of it.
/// </summary>
internal static class EventObject
{
    private static readonly string[] Verbs = ["进行", "开展", "组织"];

    private static readonly string[] EventUnits = ["次", "期", "轮", "场"];

    public static string? Find(string clause, string read, int figureStart, int figureEnd, string unit)
    {
        if (!EventUnits.Contains(unit))
        {
            return null;
        }

        var verb = Text.WordAt.EndingAt(read, figureStart, Verbs);
        var on = verb is null || figureStart - verb.Length < 1 ? -1 : read.LastIndexOf('对', figureStart - verb.Length - 1);
        if (on < 0)
        {
            return null;
        }

        var thing = clause[(on + 1)..(figureStart - verb!.Length)];
        var time = thing.IndexOf("来的", StringComparison.Ordinal);
        if (time is > 0 and <= 4)
        {
            thing = thing[(time + 2)..];
        }

        thing = thing.TrimEnd('等');
        var done = clause[figureEnd..].Trim();
        return thing.Length >= 2 && done.Length >= 2 && !thing.Any(char.IsDigit) && !done.Any(char.IsDigit) ? thing + done : null;
    }
}
