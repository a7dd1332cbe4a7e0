namespace Luoshi.Parsing.Quantities;

/// <summary>与金牌仅1分之差, 与省定标准相差3个百分点: a gap to something is that gap (与金牌的分差), not a measure of the words before.</summary>
internal static class GapTo
{
    public static string? Find(string clause, string read, int figureStart, int figureEnd, string unit)
    {
        var gap = string.CompareOrdinal(read, figureEnd, "之差", 0, 2) == 0 || string.CompareOrdinal(read, figureEnd, "的差距", 0, 3) == 0;
        var with = read.LastIndexOf('与', Math.Max(0, figureStart - 1));
        if (!gap || with < 0)
        {
            return null;
        }

        var other = read[(with + 1)..figureStart];
        foreach (var w in new[] { "相差", "仅差", "只差", "差", "仅", "只", "有" })
        {
            if (other.EndsWith(w, StringComparison.Ordinal))
            {
                other = other[..^w.Length];
            }
        }

        return other.Length >= 2 ? "与" + clause[(with + 1)..(with + 1 + other.Length)] + "的" + (unit == "分" ? "分差" : "差距") : null;
    }
}
