namespace Luoshi.Parsing.Cleaning;

/// <summary>
/// Drops what a web page prints twice: a summary line at the top (the title with the text's opening glued on, then the
/// title alone: <c>武威2021年新建哪些学校?一、目标任务…</c> / <c>武威2021年新建哪些学校?</c>), and a second copy of the
/// page's text at its end (a site's plain or care version printed after the page: the title and the paragraphs under it
/// again, then the footer).
/// Only the first lines are looked at as the start of a copy, and lines are compared whole, so a long text costs little.
/// </summary>
public static class RepeatedPageFilter
{
    /// <summary>Lines near the top that may open a copy of the page (its title, the first heading).</summary>
    private const int HeadLines = 15;

    /// <summary>The shortest line that may open a copy: shorter ones (一、…, dates) recur in any text.</summary>
    private const int MinOpening = 8;

    /// <summary>A copy repeats at least this many non-blank lines, one after another.</summary>
    private const int MinCopyLines = 4;

    /// <summary>The most lines of content that may follow a copy: a page's footer.</summary>
    private const int MaxAfterCopy = 8;

    public const string SummaryReason = "页面摘要（标题后接正文开头）";
    public const string CopyReason = "页面重复的正文";

    public static void Apply(IReadOnlyList<string> lines, bool[] removed, List<(int Index, string Reason)> reasons)
    {
        var head = new List<int>(HeadLines);
        for (var i = 0; i < lines.Count && head.Count < HeadLines; i++)
        {
            if (!removed[i] && lines[i].Length > 0)
            {
                head.Add(i);
            }
        }

        for (var k = 0; k + 1 < Math.Min(head.Count, 5); k++)
        {
            var (line, next) = (lines[head[k]], lines[head[k + 1]]);
            if (next.Length >= 6 && line.Length > next.Length + 4 && line.StartsWith(next, StringComparison.Ordinal))
            {
                removed[head[k]] = true;
                reasons.Add((head[k], SummaryReason));
                break;
            }
        }

        foreach (var a in head)
        {
            if (removed[a] || lines[a].Length < MinOpening)
            {
                continue;
            }

            // The page printed twice holds its title twice; a line found three times or more opens no copy (texts put
            // one after another).
            var copy = NextEqual(lines, removed, a, a + 1);
            if (copy > 0 && NextEqual(lines, removed, a, copy + 1) < 0 && TryDropCopy(lines, removed, reasons, a, copy))
            {
                return;
            }
        }
    }

    private static int NextEqual(IReadOnlyList<string> lines, bool[] removed, int a, int from)
    {
        for (var b = from; b < lines.Count; b++)
        {
            if (lines[b].Length == lines[a].Length && !removed[b] && string.Equals(lines[b], lines[a], StringComparison.Ordinal))
            {
                return b;
            }
        }

        return -1;
    }

    /// <summary>Drops the lines from <paramref name="b"/> on that repeat those from <paramref name="a"/> on, if enough do.</summary>
    private static bool TryDropCopy(IReadOnlyList<string> lines, bool[] removed, List<(int Index, string Reason)> reasons, int a, int b)
    {
        var (i, j, same) = (a, b, 0);
        var end = b;
        while (i < b && j < lines.Count)
        {
            if (lines[i].Length == 0 || removed[i])
            {
                i++;
                continue;
            }

            if (lines[j].Length == 0 || removed[j])
            {
                j++;
                continue;
            }

            if (!string.Equals(lines[i], lines[j], StringComparison.Ordinal))
            {
                break;
            }

            same++;
            i++;
            j++;
            end = j;
        }

        if (same < MinCopyLines)
        {
            return false;
        }

        // The copy ends the page (only its footer follows): texts put one after another, each with its own title, are no copy.
        var after = 0;
        for (var k = end; k < lines.Count && after <= MaxAfterCopy; k++)
        {
            if (!removed[k] && lines[k].Length > 0)
            {
                after++;
            }
        }

        if (after > MaxAfterCopy)
        {
            return false;
        }

        for (var k = b; k < end; k++)
        {
            if (!removed[k] && lines[k].Length > 0)
            {
                removed[k] = true;
                reasons.Add((k, CopyReason));
            }
        }

        return true;
    }
}
