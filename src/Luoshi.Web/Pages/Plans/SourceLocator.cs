using Luoshi.Domain.Tasks;

namespace Luoshi.Web.Pages.Plans;

/// <summary>
/// Finds where each outline item of a draft came from in the plan's text, so the review page can show it beside
/// the item. The parser cleans the text up (spaces, line breaks, full-width letters), so the search ignores white
/// space and folds full-width ASCII; an item edited beyond recognition is simply not found.
/// </summary>
public static class SourceLocator
{
    /// <summary>A stretch of the source, in UTF-16 code units as the browser counts them: [Start, End).</summary>
    public readonly record struct Span(int Start, int End);

    private const int Probe = 24;

    /// <summary>The source as the page shows it: one kind of line break, so that offsets match the browser's text.</summary>
    public static string Displayed(string source) => source.ReplaceLineEndings("\n");

    /// <summary>Spans in <paramref name="source"/> (as <see cref="Displayed"/> returns it) of the tasks, given in plan order.</summary>
    public static Dictionary<int, Span> Locate(string source, IEnumerable<PlanTask> tasks)
    {
        var (compact, map) = Compact(source);
        var spans = new Dictionary<int, Span>();
        var cursor = 0;
        foreach (var task in tasks)
        {
            var text = Compact(task.Text).Text;
            var title = Compact(task.Title).Text;
            var found = Find(compact, text, cursor) ?? Find(compact, title, cursor) ?? Find(compact, text, 0) ?? Find(compact, title, 0);
            if (found is not var (start, end)) continue;
            // Include the item's number (（一）, 2.) when the source writes it just before the text.
            var number = Compact(task.Number).Text;
            if (number.Length > 0 && start >= number.Length && string.CompareOrdinal(compact, start - number.Length, number, 0, number.Length) == 0)
                start -= number.Length;
            spans[task.Id] = new Span(map[start], map[end - 1] + 1);
            cursor = Math.Max(cursor, start + 1);
        }
        return spans;
    }

    /// <summary>The compact span of a needle: its beginning found from <paramref name="from"/>, its end where its last words follow.</summary>
    private static (int Start, int End)? Find(string haystack, string needle, int from)
    {
        if (needle.Length < 2 || from >= haystack.Length) return null;
        var head = needle[..Math.Min(Probe, needle.Length)];
        var start = haystack.IndexOf(head, from, StringComparison.Ordinal);
        if (start < 0) return null;
        var end = start + head.Length;
        if (needle.Length > head.Length)
        {
            var tail = needle[^Math.Min(Probe, needle.Length - head.Length)..];
            var limit = Math.Min(haystack.Length, start + needle.Length * 2 + Probe);
            var at = haystack.IndexOf(tail, end, limit - end, StringComparison.Ordinal);
            if (at >= 0) end = at + tail.Length;
        }
        return (start, end);
    }

    /// <summary>The text without white space, full-width ASCII folded, with each kept character's index in the original.</summary>
    private static (string Text, int[] Map) Compact(string text)
    {
        var chars = new char[text.Length];
        var map = new int[text.Length];
        var n = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c) || c == '\u200B' || c == '\uFEFF') continue;
            if (c is >= '\uFF01' and <= '\uFF5E') c = (char)(c - 0xFEE0);
            chars[n] = c;
            map[n++] = i;
        }
        return (new string(chars, 0, n), map[..n]);
    }
}
