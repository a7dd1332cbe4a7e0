using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace Luoshi.Parsing.Reading;

/// <summary>Finds the main content of a saved web page and returns it as lines; site chrome is dropped.</summary>
public static class HtmlTextExtractor
{
    private static readonly HashSet<string> Dropped = new(StringComparer.OrdinalIgnoreCase)
    {
        "script", "style", "noscript", "iframe", "nav", "header", "footer", "aside", "form", "select", "button", "svg", "template", "object",
    };

    private static readonly HashSet<string> Blocks = new(StringComparer.OrdinalIgnoreCase)
    {
        "p", "div", "br", "h1", "h2", "h3", "h4", "h5", "h6", "li", "tr", "table", "section",
        "article", "main", "ul", "ol", "dl", "dt", "dd", "blockquote", "pre", "hr", "center",
    };

    private static readonly string[] ContentHints = ["content", "article", "main", "text", "zoom", "detail",
        "body", "trs_editor", "news", "info", "con"];

    /// <summary>Reads the text of a page; its nesting is checked by <see cref="HtmlNestingGuard"/> first, so the tree stays shallow.</summary>
    public static string Extract(string html, CancellationToken ct = default)
    {
        HtmlNestingGuard.Check(html, ct);
        var parser = new HtmlParser(new HtmlParserOptions { IsScripting = false });
        using var document = parser.ParseDocument(html);
        foreach (var element in document.All.Where(e => Dropped.Contains(e.LocalName)).ToList())
        {
            element.Remove();
        }

        var title = document.QuerySelector("h1")?.TextContent.Trim();
        if (string.IsNullOrEmpty(title))
        {
            title = document.Title?.Trim();
        }

        var root = FindMainContent(document, ct);
        var sb = new StringBuilder();
        if (!string.IsNullOrEmpty(title))
        {
            sb.Append(title).Append('\n');
        }

        if (root is not null)
        {
            AppendText(root, sb, 0);
        }

        return sb.ToString();
    }

    private static IElement? FindMainContent(IDocument document, CancellationToken ct)
    {
        var body = document.Body;
        if (body is null)
        {
            return document.DocumentElement;
        }

        var semantic = document.QuerySelector("article") ?? document.QuerySelector("main");
        if (semantic is not null && TextLength(semantic) > 200)
        {
            return semantic;
        }

        // Score block containers by the text in their own paragraphs, penalising link-heavy navigation.
        IElement best = body;
        double bestScore = 0;
        foreach (var element in body.QuerySelectorAll("div, td, section, article, main"))
        {
            ct.ThrowIfCancellationRequested();
            var text = 0;
            foreach (var child in element.Children)
            {
                if (child.LocalName is "p" or "br" or "span" or "font" or "strong" or "b" || (child.LocalName == "div" && child.Children.Length == 0))
                {
                    text += child.TextContent.Length;
                }
            }

            text += OwnTextLength(element);
            if (text == 0)
            {
                continue;
            }

            var links = element.QuerySelectorAll("a").Sum(a => a.TextContent.Length);
            var total = Math.Max(1, element.TextContent.Length);
            double score = text * (1.0 - Math.Min(0.9, (double)links / total));
            var id = (element.Id + " " + element.ClassName).ToLowerInvariant();
            if (ContentHints.Any(h => id.Contains(h, StringComparison.Ordinal)))
            {
                score *= 1.5;
            }

            if (score > bestScore)
            {
                bestScore = score;
                best = element;
            }
        }

        return bestScore > 100 ? best : body;
    }

    private static int TextLength(IElement e) => e.TextContent.Length;

    private static int OwnTextLength(IElement e)
    {
        var n = 0;
        foreach (var node in e.ChildNodes)
        {
            if (node.NodeType == NodeType.Text)
            {
                n += node.TextContent.Trim().Length;
            }
        }

        return n;
    }

    private static void AppendText(INode node, StringBuilder sb, int depth)
    {
        if (depth > 200)
        {
            return; // hostile nesting
        }

        foreach (var child in node.ChildNodes)
        {
            if (child is IText text)
            {
                sb.Append(text.Data.Replace('\n', ' ').Replace('\r', ' '));
                continue;
            }

            if (child is not IElement element)
            {
                continue;
            }

            var block = Blocks.Contains(element.LocalName);
            if (block && sb.Length > 0 && sb[^1] != '\n')
            {
                sb.Append('\n');
            }

            if (element.LocalName is "td" or "th")
            {
                sb.Append('\t');
            }

            AppendText(element, sb, depth + 1);
            if (block && sb.Length > 0 && sb[^1] != '\n')
            {
                sb.Append('\n');
            }
        }
    }
}
