using Luoshi.Parsing.Model;
using Luoshi.Parsing.Text;

namespace Luoshi.Parsing.Cleaning;

/// <summary>
/// Rejoins the text that a document-sharing site cut into numbered pages (<c>推进党史学习教</c> / <c>2、育长效化</c>):
/// when consecutive lines start 1、 2、 3、 … and most of them continue a sentence, the numbers are page marks.
/// The lines' source maps follow them: a mark dropped is skipped, a chunk joined to the line before is appended.
/// </summary>
public static class PageChunkJoiner
{
    public static (List<string> Lines, List<SourceMap> Maps) Join(List<string> lines, List<SourceMap> maps, List<RemovedLine> removed)
    {
        var starts = new List<int>();
        var expected = 1;
        for (var i = 0; i < lines.Count; i++)
        {
            if (ChunkNumber(lines[i]) is { } n && (n == expected || (starts.Count == 0 && n <= 2)))
            {
                starts.Add(i);
                expected = n + 1;
            }
        }

        if (starts.Count < 3)
        {
            return (lines, maps);
        }

        var midSentence = 0;
        var longLines = 0;
        for (var k = 1; k < starts.Count; k++)
        {
            var previous = lines[starts[k] - 1];
            if (previous.Length > 0 && !IsTerminal(previous[^1]))
            {
                midSentence++;
            }
        }

        foreach (var index in starts)
        {
            if (lines[index].Length >= 150)
            {
                longLines++;
            }
        }

        if (midSentence * 2 < starts.Count - 1 || longLines * 2 < starts.Count)
        {
            return (lines, maps);
        }

        var isStart = new HashSet<int>(starts);
        var result = new List<string>(lines.Count);
        var resultMaps = new List<SourceMap>(lines.Count);
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            if (!isStart.Contains(i))
            {
                result.Add(line);
                resultMaps.Add(maps[i]);
                continue;
            }

            var markerEnd = line.IndexOf('、') + 1;
            removed.Add(new RemovedLine(line[..markerEnd], "分页标记"));
            var body = line[markerEnd..];
            var bodyMap = maps[i].Skip(markerEnd);
            var joinsPrevious = i > starts[0] && result.Count > 0 && result[^1].Length > 0 && !IsTerminal(result[^1][^1])
                || (i > starts[0] && body.Length > 0 && IsTerminal(body[0]));
            if (joinsPrevious && result.Count > 0)
            {
                resultMaps[^1] = resultMaps[^1].Append(result[^1].Length, bodyMap);
                result[^1] += body;
            }
            else
            {
                result.Add(body);
                resultMaps.Add(bodyMap);
            }
        }

        return (result, resultMaps);
    }

    private static int? ChunkNumber(string line)
    {
        var j = 0;
        var value = 0;
        while (j < line.Length && j < 3 && Chars.IsDigit(line[j]))
        {
            value = (value * 10) + Chars.DigitValue(line[j]);
            j++;
        }

        return j is > 0 and < 4 && j < line.Length && line[j] == '、' ? value : null;
    }

    private static bool IsTerminal(char c) => c is '。' or '！' or '？' or '!' or '?' or '；' or ';' or '：' or ':' or '”' or '」' or '）' or ')';
}
