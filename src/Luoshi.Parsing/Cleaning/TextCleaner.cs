using Luoshi.Parsing.Model;
using Luoshi.Parsing.Text;

namespace Luoshi.Parsing.Cleaning;

/// <summary>
/// The text after clean-up: content lines, the noise that was dropped (kept for display), and for each line where its
/// characters are in the text that was cleaned.
/// </summary>
public sealed record CleanText(IReadOnlyList<string> Lines, IReadOnlyList<RemovedLine> Removed, IReadOnlyList<SourceMap> Origins)
{
    /// <summary>The stretch of the cleaned text from line <paramref name="startLine"/>'s character <paramref name="start"/> to line <paramref
    /// name="endLine"/>'s <paramref name="end"/> (exclusive).</summary>
    public SourceSpan Span(int startLine, int start, int endLine, int end) => new(Origins[startLine].Source(start), Origins[endLine].SourceEnd(end));
}

/// <summary>The clean-up pipeline: split lines, mask inline contact noise, drop noise lines and menus, rejoin page chunks,
/// hard-wrapped paragraphs and figures split from their units.</summary>
public static class TextCleaner
{
    /// <summary>Texts of fewer lines are cleaned on one thread: sharing out costs more than it saves.</summary>
    private const int ParallelLines = 4096;

    public static CleanText Clean(string text)
    {
        var (raw, origins) = SplitLines(text);
        var masked = new string[raw.Count];
        var maps = new SourceMap[raw.Count];
        var removed = new bool[raw.Count];
        var lineReasons = new string?[raw.Count];
        var table = Tables.TableReader.Find(raw, removed); // a task table's rows are no menu, however short or barred

        // Each line is judged and masked on its own, so a long text's lines are shared out among the cores; the results
        // go into arrays by line, in the same order whatever thread judged them.
        void CleanLines(int from, int to)
        {
            for (var i = from; i < to; i++)
            {
                var line = raw[i];
                var reason = table[i] ? null : LineNoiseRules.Classify(line);
                if (reason is not null)
                {
                    removed[i] = true;
                    lineReasons[i] = reason;
                    masked[i] = line;
                    continue;
                }

                var kept = InlineNoiseMasker.Mask(line, origins[i], out var map);
                masked[i] = kept.Trim();
                maps[i] = map.Skip(kept.Length - kept.AsSpan().TrimStart().Length);
            }
        }

        Parallelism.ForRanges(raw.Count, ParallelLines, CleanLines);
        var reasons = new List<(int Index, string Reason)>();
        for (var i = 0; i < raw.Count; i++)
        {
            if (lineReasons[i] is { } reason)
            {
                reasons.Add((i, reason));
            }
        }

        NavigationBlockFilter.Apply(masked, removed, reasons, table);
        RepeatedPageFilter.Apply(masked, removed, reasons);
        var removedLines = InLineOrder(reasons, raw);
        var lines = new List<string>(raw.Count);
        var lineMaps = new List<SourceMap>(raw.Count);
        for (var i = 0; i < masked.Length; i++)
        {
            if (!removed[i] && masked[i].Length > 0)
            {
                lines.Add(masked[i]);
                lineMaps.Add(maps[i]);
            }
        }

        var (joined, joinedMaps) = PageChunkJoiner.Join(lines, lineMaps, removedLines);
        (joined, joinedMaps) = HardWrapJoiner.Join(joined, joinedMaps);
        (joined, joinedMaps) = FigureBreakJoiner.Join(joined, joinedMaps);
        return new CleanText(joined, removedLines, joinedMaps);
    }

    /// <summary>
    /// The removed lines in the order of the text, those of one line in the order they were found: a stable counting
    /// sort by line (the same order as a stable sort, without the generic sorting code compiled at start-up).
    /// </summary>
    private static List<RemovedLine> InLineOrder(List<(int Index, string Reason)> reasons, List<string> raw)
    {
        var next = new int[raw.Count + 1];
        for (var k = 0; k < reasons.Count; k++)
        {
            next[reasons[k].Index + 1]++;
        }

        for (var i = 1; i < next.Length; i++)
        {
            next[i] += next[i - 1];
        }

        var sorted = new RemovedLine[reasons.Count];
        for (var k = 0; k < reasons.Count; k++)
        {
            var (index, reason) = reasons[k];
            sorted[next[index]++] = new RemovedLine(raw[index], reason);
        }

        return [.. sorted];
    }

    private static (List<string> Lines, List<int> Origins) SplitLines(string text)
    {
        var expected = text.AsSpan().Count('\n') + 1; // the lists' size at once instead of by doubling (other breaks are rare)
        var lines = new List<string>(expected);
        var origins = new List<int>(expected);
        var start = 0;
        for (var i = 0; i <= text.Length; i++)
        {
            // The next line break (or the end of the text), found by a vectorised search.
            var k = text.AsSpan(i).IndexOfAny(LineBreaks);
            i = k < 0 ? text.Length : i + k;
            var (line, offset) = Trim(text.AsSpan(start, i - start));
            lines.Add(line);
            origins.Add(start + offset);
            if (i < text.Length && text[i] == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
            {
                i++;
            }

            start = i + 1;
        }

        return (lines, origins);
    }

    private static readonly System.Buffers.SearchValues<char> LineBreaks = System.Buffers.SearchValues.Create("\n\r\u2028\u2029\f\v");

    /// <summary>The line without white space and control characters at its ends, and where it starts in <paramref name="s"/>.</summary>
    private static (string Line, int Offset) Trim(ReadOnlySpan<char> s)
    {
        var a = 0;
        var b = s.Length;
        while (a < b && (Chars.IsSpace(s[a]) || char.IsControl(s[a])))
        {
            a++;
        }

        while (b > a && (Chars.IsSpace(s[b - 1]) || char.IsControl(s[b - 1])))
        {
            b--;
        }

        return (s[a..b].ToString(), a);
    }
}
