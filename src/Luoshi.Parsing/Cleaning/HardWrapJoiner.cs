using Luoshi.Parsing.Outline;
using Luoshi.Parsing.Text;

namespace Luoshi.Parsing.Cleaning;

/// <summary>
/// Rejoins the paragraphs of text taken from a PDF or a printed page, which breaks every line at the page's width,
/// in the middle of a word or a figure (<c>包括义务</c> / <c>教育免费资金 4525 万元</c>). The document is hard-wrapped when
/// most of its longer lines have about the same width; then a line of that width that does not end a sentence runs on
/// into the next one, unless the next one opens on a numbering marker. Short lines (titles, headings, signatures) and
/// documents of long paragraphs stay as they are. The lines' source maps follow them.
/// </summary>
public static class HardWrapJoiner
{
    /// <summary>Widths in half-width columns (a Chinese character is two).</summary>
    private const int MinWidth = 36;

    private const int MaxWidth = 130;

    private const int MinWrapped = 6;

    public static (List<string> Lines, List<SourceMap> Maps) Join(List<string> lines, List<SourceMap> maps)
    {
        var wrap = WrapWidth(lines);
        if (wrap == 0)
        {
            return (lines, maps);
        }

        var result = new List<string>(lines.Count);
        var resultMaps = new List<SourceMap>(lines.Count);
        var runsOn = false;
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            if (runsOn && !OutlineMarkers.StartsWithMarker(line))
            {
                resultMaps[^1] = resultMaps[^1].Append(result[^1].Length, maps[i]);
                result[^1] += line;
            }
            else
            {
                result.Add(line);
                resultMaps.Add(maps[i]);
            }

            runsOn = Width(line) >= wrap - 6 && line.Length > 0 && !EndsSentence(line[^1]);
        }

        return (result, resultMaps);
    }

    /// <summary>
    /// The width that the lines running on into the next share, if at least <see cref="MinWrapped"/> lines and half the
    /// longer lines are such; else 0.
    /// </summary>
    private static int WrapWidth(List<string> lines)
    {
        // Only lines that a sentence runs on from count (a list of headings of one width is no wrapped paragraph).
        var counts = new Dictionary<int, int>();
        var longer = 0;
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            var w = Width(line);
            if (w < MinWidth)
            {
                continue;
            }

            longer++;
            if (w <= MaxWidth && !EndsSentence(line[^1]) && i + 1 < lines.Count && !OutlineMarkers.StartsWithMarker(lines[i + 1]))
            {
                counts[w] = counts.GetValueOrDefault(w) + 1;
            }
        }

        var best = 0;
        var bestCount = 0;
        foreach (var (w, _) in counts)
        {
            var near = 0;
            for (var d = -4; d <= 4; d++)
            {
                near += counts.GetValueOrDefault(w + d);
            }

            if (near > bestCount || (near == bestCount && w > best))
            {
                (best, bestCount) = (w + 4, near);
            }
        }

        return bestCount >= MinWrapped && bestCount * 2 >= longer ? best : 0;
    }

    private static int Width(string line)
    {
        var w = 0;
        foreach (var c in line)
        {
            w += c < 0x1100 ? 1 : 2;
        }

        return w;
    }

    private static bool EndsSentence(char c) => c is '。' or '！' or '？' or '!' or '?' or '；' or ';' or '：' or ':' or '”' or '」';
}
