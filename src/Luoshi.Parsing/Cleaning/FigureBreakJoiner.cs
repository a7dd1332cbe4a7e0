using Luoshi.Parsing.Quantities;
using Luoshi.Parsing.Text;

namespace Luoshi.Parsing.Cleaning;

/// <summary>
/// Rejoins a figure and its unit that a line break split (text taken from a PDF breaks its lines anywhere:
/// <c>教育投入累计 8316</c> / <c>万元,其中…</c>, <c>配套费 889 万</c> / <c>元、…</c>): a line ending in a figure (or a figure
/// and 万/亿) after some text, and a next line opening on 万/亿 or a measure word, are one line. A year or a list number
/// before a line that opens on 年 or on text stays as it is. The lines' source maps follow them.
/// </summary>
public static class FigureBreakJoiner
{
    public static (List<string> Lines, List<SourceMap> Maps) Join(List<string> lines, List<SourceMap> maps)
    {
        List<string>? result = null;
        List<SourceMap>? resultMaps = null;
        for (var i = 0; i < lines.Count; i++)
        {
            var joins = i > 0 && EndsInFigure(result is null ? lines[i - 1] : result[^1], out var multiplied)
                && OpensOnUnit(lines[i], multiplied);
            if (joins && result is null)
            {
                result = lines.GetRange(0, i);
                resultMaps = maps.GetRange(0, i);
            }

            if (result is null)
            {
                continue;
            }

            if (joins)
            {
                resultMaps![^1] = resultMaps[^1].Append(result[^1].Length, maps[i]);
                result[^1] += lines[i];
            }
            else
            {
                result.Add(lines[i]);
                resultMaps!.Add(maps[i]);
            }
        }

        return result is null ? (lines, maps) : (result, resultMaps!);
    }

    /// <summary>…累计 8316, …配套费 889 万: a figure (with its 万/亿) ends the line, after some text.</summary>
    private static bool EndsInFigure(string line, out bool multiplied)
    {
        multiplied = false;
        var k = line.Length - 1;
        if (k >= 0 && line[k] is '万' or '亿')
        {
            multiplied = true;
            k--;
            while (k >= 0 && Chars.IsSpace(line[k]))
            {
                k--;
            }
        }

        var end = k;
        while (k >= 0 && (Chars.IsDigit(line[k]) || (line[k] == '.' && k < end)))
        {
            k--;
        }

        if (k == end || k < 0 || !Chars.IsDigit(line[end]))
        {
            return false;
        }

        while (k >= 0 && Chars.IsSpace(line[k]))
        {
            k--;
        }

        return k >= 0 && (Chars.IsCjk(line[k]) || line[k] is '，' or ',' or '、') && !Chars.IsChineseNumeralChar(line[k]);
    }

    private static bool OpensOnUnit(string line, bool multiplied)
    {
        var i = 0;
        if (!multiplied && line.Length > 1 && line[0] is '万' or '亿')
        {
            i = 1;
        }

        var len = Units.Read(line, i, out var unit);
        return len > 0 && Units.IsMeasure(unit) && unit != "年" && (i == 1 || len < line.Length);
    }
}
