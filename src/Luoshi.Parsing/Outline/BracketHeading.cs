using Luoshi.Parsing.Text;

namespace Luoshi.Parsing.Outline;

/// <summary>
/// A part heading written as a label in 【】 alone on its line (<c>【总体要求】</c>, <c>【重点任务】</c>) opens a level above
/// 一、 when numbered items follow it on the next line. A label with anything after it on the line (<c>【部署】许昌市…</c>,
/// <c>【制定机关】苏州市教育局</c>), or with a colon, digits or punctuation inside (<c>【责任编辑:…】</c>), is no heading.
/// </summary>
public static class BracketHeading
{
    /// <summary>The marker an item of this kind shows: the brackets that stood around its heading.</summary>
    public const string MarkerText = "【】";

    private const int MaxLabel = 16;

    /// <summary>Whether line <paramref name="index"/> of <paramref name="lines"/> is such a heading.</summary>
    public static bool Is(IReadOnlyList<string> lines, int index)
    {
        var line = lines[index];
        if (line.Length < 4 || line[0] != '【' || line[^1] != '】' || line.Length - 2 > MaxLabel)
        {
            return false;
        }

        for (var i = 1; i < line.Length - 1; i++)
        {
            if (!Chars.IsCjk(line[i]) && line[i] != '、')
            {
                return false;
            }
        }

        return index + 1 < lines.Count && OutlineMarkers.StartsWithMarker(lines[index + 1]);
    }
}
