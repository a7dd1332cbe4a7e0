namespace Luoshi.Parsing.Reading;

/// <summary>
/// Reads a web page's tags once, in linear time, before the HTML parser builds a tree from it: an HTML tree builder looks
/// through its stack of open elements for every tag, so 100,000 nested <c>&lt;div&gt;</c> cost it minutes, and any
/// recursive walk of such a tree can overflow the stack. Pages nested deeper than <see cref="ReadingLimits.MaxHtmlDepth"/>
/// or with more than <see cref="ReadingLimits.MaxHtmlTags"/> tags are refused with a Chinese <see cref="PlanDocumentException"/>.
/// The count is an upper bound of what the tree builder nests: elements that close themselves (p, li, td…) and void
/// elements (br, img…) are not counted as nesting.
/// </summary>
public static class HtmlNestingGuard
{
    private static readonly HashSet<string> NotNesting = new(StringComparer.OrdinalIgnoreCase)
    {
        // void elements
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
        "param", "source", "track", "wbr", "keygen", "basefont", "bgsound", "frame",
        // elements whose end tag may be left out: the next one closes them
        "p", "li", "dt", "dd", "tr", "td", "th", "option", "optgroup", "rb", "rt", "rp", "rtc", "thead", "tbody", "tfoot", "colgroup", "caption",
        "html", "head", "body",
    };

    private static readonly string[] RawText = ["script", "style", "textarea", "title", "xmp",
        "noscript", "iframe", "noembed", "noframes", "plaintext"];

    public static void Check(string html, CancellationToken ct = default)
    {
        var depth = 0;
        var tags = 0;
        var i = 0;
        while (true)
        {
            i = html.IndexOf('<', i);
            if (i < 0 || i + 1 >= html.Length)
            {
                return;
            }

            var next = html[i + 1];
            if (next == '!' || next == '?')
            {
                i = html.AsSpan(i).StartsWith("<!--") ? EndOf(html, i + 4, "-->") : EndOf(html, i + 2, ">");
                continue;
            }

            var closing = next == '/';
            var nameStart = closing ? i + 2 : i + 1;
            var nameEnd = nameStart;
            while (nameEnd < html.Length && char.IsAsciiLetterOrDigit(html[nameEnd]))
            {
                nameEnd++;
            }

            if (nameEnd == nameStart || !char.IsAsciiLetter(html[nameStart]))
            {
                i++;
                continue;
            }

            var end = html.IndexOf('>', nameEnd);
            if (end < 0)
            {
                return;
            }

            var name = html.AsSpan(nameStart, nameEnd - nameStart);
            if (closing)
            {
                if (depth > 0 && !NotNesting.GetAlternateLookup<ReadOnlySpan<char>>().Contains(name))
                {
                    depth--;
                }

                i = end + 1;
                continue;
            }

            if (++tags > ReadingLimits.MaxHtmlTags)
            {
                throw new PlanDocumentException($"网页的标签超过 {ReadingLimits.MaxHtmlTags:N0} 个，不像正常的网页，请另存为文本后再上传");
            }

            if ((tags & 0xFFF) == 0)
            {
                ct.ThrowIfCancellationRequested();
            }

            var selfClosing = html[end - 1] == '/';
            if (RawTextName(name) is { } raw)
            {
                i = EndOf(html, end + 1, "</" + raw);
                continue;
            }

            if (!selfClosing && !NotNesting.GetAlternateLookup<ReadOnlySpan<char>>().Contains(name) && ++depth > ReadingLimits.MaxHtmlDepth)
            {
                throw new PlanDocumentException($"网页的标签嵌套超过 {ReadingLimits.MaxHtmlDepth} 层，不像正常的网页，无法读取");
            }

            i = end + 1;
        }
    }

    private static string? RawTextName(ReadOnlySpan<char> name)
    {
        foreach (var raw in RawText)
        {
            if (name.Equals(raw, StringComparison.OrdinalIgnoreCase))
            {
                return raw;
            }
        }

        return null;
    }

    private static int EndOf(string html, int from, string marker)
    {
        var at = html.IndexOf(marker, Math.Min(from, html.Length), StringComparison.OrdinalIgnoreCase);
        return at < 0 ? html.Length : at + marker.Length;
    }
}
