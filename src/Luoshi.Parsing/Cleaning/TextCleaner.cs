using System.Runtime.CompilerServices;
using Luoshi.Parsing.Model;
using Luoshi.Parsing.Text;

namespace Luoshi.Parsing.Cleaning;

/// <summary>The text after clean-up: content lines, and the noise that was dropped (kept for display).</summary>
public sealed record CleanText(IReadOnlyList<string> Lines, IReadOnlyList<RemovedLine> Removed);

/// <summary>The clean-up pipeline: split lines, mask inline contact noise, drop noise lines and menus, rejoin page chunks.</summary>
public static class TextCleaner
{
    public static CleanText Clean(string text)
    {
        var raw = SplitLines(text);
        var masked = new List<string>(raw.Count);
        var removed = new bool[raw.Count];
        var reasons = new List<(int Index, string Reason)>();
        for (var i = 0; i < raw.Count; i++)
        {
            var line = raw[i];
            var reason = LineNoiseRules.Classify(line);
            if (reason is not null)
            {
                removed[i] = true;
                reasons.Add((i, reason));
                masked.Add(line);
                continue;
            }

            masked.Add(InlineNoiseMasker.Mask(line).Trim());
        }

        NavigationBlockFilter.Apply(masked, removed, reasons);
        var removedLines = reasons.OrderBy(r => r.Index).Select(r => new RemovedLine(raw[r.Index], r.Reason)).ToList();
        var kept = new List<string>(raw.Count);
        for (var i = 0; i < masked.Count; i++)
        {
            if (!removed[i] && masked[i].Length > 0)
            {
                kept.Add(masked[i]);
            }
        }

        kept = PageChunkJoiner.Join(kept, removedLines);
        return new CleanText(kept, removedLines);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static List<string> SplitLines(string text)
    {
        var lines = new List<string>();
        var start = 0;
        for (var i = 0; i <= text.Length; i++)
        {
            if (i == text.Length || text[i] is '\n' or '\r' or '\u2028' or '\u2029' or '\f' or '\v')
            {
                lines.Add(Trim(text.AsSpan(start, i - start)));
                if (i < text.Length && text[i] == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                {
                    i++;
                }

                start = i + 1;
            }
        }

        return lines;
    }

    private static string Trim(ReadOnlySpan<char> s)
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

        return s[a..b].ToString();
    }
}
