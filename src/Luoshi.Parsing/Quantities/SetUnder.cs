namespace Luoshi.Parsing.Quantities;

/// <summary>领导小组下设5个督查组: bodies set up under another are named with it (领导小组下设督查组).</summary>
internal static class SetUnder
{
    private static readonly string[] Verbs = ["下设", "下辖"];

    private const int OwnerLength = 20;

    public static string? Find(string clause, string read, int figureStart, int figureEnd)
    {
        var verb = Text.WordAt.EndingAt(read, figureStart, Verbs);
        if (verb is null)
        {
            return null;
        }

        var owner = clause[..(figureStart - verb.Length)].Trim();
        var end = figureEnd;
        while (end < read.Length && Text.Chars.IsCjk(read[end]))
        {
            end++;
        }

        var bodies = clause[figureEnd..end];
        return owner.Length is >= 2 and <= OwnerLength && bodies.Length >= 2 ? owner + verb + bodies : null;
    }
}
