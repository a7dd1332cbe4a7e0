using Luoshi.Parsing.Cleaning;
using Luoshi.Parsing.Finders;
using Luoshi.Parsing.Metadata;
using Luoshi.Parsing.Model;
using Luoshi.Parsing.Outline;
using Luoshi.Parsing.Quantities;
using Luoshi.Parsing.Reading;

namespace Luoshi.Parsing;

/// <summary>
/// The public entry of the plan parser: reads a document (text, .html, .docx) and returns its outline, targets,
/// units and deadlines as plain data. <see cref="Parse(string, string?)"/> never throws on any text; only
/// <see cref="Parse(byte[], string?)"/> throws <see cref="PlanDocumentException"/>, when the bytes are not a readable document.
/// </summary>
public static class PlanParser
{
    /// <summary>
    /// Reads and parses an uploaded file. Throws <see cref="PlanDocumentException"/> (Chinese message) when unreadable or
    /// beyond the caps of <paramref name="options"/>, <see cref="OperationCanceledException"/> when its token is cancelled.
    /// </summary>
    public static PlanDocument Parse(byte[] content, string? fileName, ParseOptions? options = null) =>
        Tables.TaskWorkbook.IsWorkbook(fileName)
            ? Tables.TaskWorkbook.Read(content, options?.CancellationToken ?? default).Parse(fileName, options ?? ParseOptions.Unlimited)
            : Parse(PlanReader.ReadText(content, fileName, options?.CancellationToken ?? default), fileName, options);

    /// <summary>
    /// Parses plain text (a pasted plan or a web page copied to text). Never throws on any text with
    /// <see cref="ParseOptions.Unlimited"/>; with caps, throws <see cref="PlanDocumentException"/> naming the cap.
    /// </summary>
    public static PlanDocument Parse(string text, string? fileName = null, ParseOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        options ??= ParseOptions.Unlimited;
        var ct = options.CancellationToken;
        var clean = TextCleaner.Clean(Sanitize(text));
        ct.ThrowIfCancellationRequested();
        var outline = OutlineBuilder.Build(clean.Lines, options);
        var firstItemLine = outline.Items.Count > 0 ? outline.Items[0].LineIndex : -1;
        var firstItemStart = outline.Items.Count > 0 ? outline.Items[0].MarkerStart : 0;
        var title = TitleFinder.Find(clean.Lines, firstItemLine, firstItemStart, PageLineRemoved(clean.Removed))
            ?? TitleFinder.FromSharingSite(clean.Removed.Where(r => r.Reason == LineNoiseRules.SharingSiteReason).Select(r => r.Text))
            ?? TitleFromFileName(fileName);
        var year = options.Year ?? YearFinder.Find(title, clean.Lines,
            clean.Removed.Where(r => r.Reason != LineNoiseRules.SharingSiteReason).Select(r => r.Text)); // an upload date is no plan's
        var issuer = IssuerFinder.Find(title, clean.Lines);

        var reviewLines = new bool[clean.Lines.Count];
        Parallelism.ForRanges(clean.Lines.Count, ParallelLines, (from, to) =>
        {
            for (var i = from; i < to; i++)
            {
                reviewLines[i] = PastYearContext.IsReviewParagraph(clean.Lines[i], year);
            }
        });

        var topQuantities = new List<Quantity>();
        var targets = 0;
        var lookingBack = false; // 去年…52%；\n我们…14人: a look-back runs on over a line that ended on ；
        foreach (var segment in outline.TopLevel)
        {
            if (IsTitleLine(segment, title))
            {
                continue; // 新建学校45所！: a headline's figures are the title's, which the text states again
            }

            QuantityRecognizer.Recognize(segment.Text, reviewLines[segment.LineIndex], topQuantities, options.MaxTargets - targets, year, lookingBack);
            options.CheckTargets(targets = topQuantities.Count);
            lookingBack = QuantityRecognizer.RunsOnBack(segment.Text, lookingBack, year);
        }

        var reviewItems = new bool[outline.Items.Count];
        foreach (var draft in outline.Items)
        {
            reviewItems[draft.Index] = PastYearContext.IsReviewHeading(draft.Heading, year) || (draft.ParentIndex is { } p && reviewItems[p]);
        }

        var items = new PlanItem[outline.Items.Count];
        if (options.MaxTargets == int.MaxValue)
        {
            // No cap on targets to count as they come: each item is read on its own, a long document's items on all cores.
            Parallelism.ForRanges(items.Length, ParallelItems, (from, to) =>
            {
                for (var k = from; k < to; k++)
                {
                    ct.ThrowIfCancellationRequested();
                    items[k] = Item(outline.Items[k], reviewItems[k], reviewLines, clean, year, int.MaxValue);
                }
            });
        }
        else
        {
            for (var k = 0; k < items.Length; k++)
            {
                ct.ThrowIfCancellationRequested();
                items[k] = Item(outline.Items[k], reviewItems[k], reviewLines, clean, year, options.MaxTargets - targets);
                options.CheckTargets(targets += items[k].Quantities.Count);
            }
        }

        return new PlanDocument(title, year, issuer, topQuantities, items, clean.Removed);
    }

    /// <summary>The cleaning removed a news page's date or source line among the page's first removed lines.</summary>
    private static bool PageLineRemoved(IReadOnlyList<RemovedLine> removed)
    {
        for (var k = 0; k < removed.Count && k < 20; k++)
        {
            if (removed[k].Reason == LineNoiseRules.SiteChromeReason && TitleFinder.IsPageLine(removed[k].Text))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A line near the top that the title is made of (a headline, or one line of a headline over several).</summary>
    private static bool IsTitleLine(TextSegment segment, string? title) =>
        title is not null && segment.LineIndex < TitleLines && segment.Text.Length >= 4 && segment.Text.Length <= title.Length
            && title.Contains(segment.Text.Trim(), StringComparison.Ordinal);

    /// <summary>How far down a title's lines may stand.</summary>
    private const int TitleLines = 15;

    /// <summary>Documents of fewer lines or items are read on one thread: sharing out costs more than it saves.</summary>
    private const int ParallelLines = 4096;

    private const int ParallelItems = 512;

    /// <summary>
    /// One outline item with its figures (at most <paramref name="limit"/>), responsible units and deadline; reads only
    /// what the document's earlier steps produced, so items can be read in any order and at the same time.
    /// </summary>
    private static PlanItem Item(ItemDraft draft, bool review, bool[] reviewLines, CleanText clean, int? year, int limit)
    {
        var quantities = new List<Quantity>();
        var lookingBack = false;
        foreach (var segment in draft.Segments)
        {
            QuantityRecognizer.Recognize(segment.Text, review || reviewLines[segment.LineIndex] || segment.Done, quantities,
                limit - quantities.Count, year, lookingBack);
            lookingBack = QuantityRecognizer.RunsOnBack(segment.Text, lookingBack, year);
        }

        var ownText = draft.Text;
        var (endLine, end) = draft.TextEnd;
        return new PlanItem(
            draft.Index + 1,
            draft.ParentIndex + 1,
            draft.Level,
            draft.MarkerText,
            draft.Heading,
            ownText,
            draft.Table is { Units.Count: > 0 } row ? row.Units : ResponsibleUnitFinder.Find(ownText),
            DeadlineOf(draft, year),
            quantities,
            clean.Span(draft.LineIndex, draft.MarkerStart, endLine, end));
    }

    /// <summary>
    /// The text as the parser reads it and as it is stored and shown: lone surrogates and NULs, which no renderer (JSON,
    /// XML) can write and PostgreSQL cannot store, replaced (by U+FFFD and a space), and every line break written as
    /// <c>\n</c> (CR LF, CR, NEL, LS, FF and PS, the breaks of <see cref="string.ReplaceLineEndings(string)"/>), so that
    /// positions in it (<see cref="PlanItem.Source"/>) are the positions a browser counts in the text shown on a page.
    /// </summary>
    public static string Sanitize(string text)
    {
        var first = text.AsSpan().IndexOfAny(NeedSanitizing);
        var lone = FirstLoneSurrogate(text, first < 0 ? text.Length : first);
        if (lone >= 0)
        {
            first = lone;
        }

        if (first < 0)
        {
            return text;
        }

        var chars = new char[text.Length];
        text.CopyTo(0, chars, 0, first);
        var n = first;
        for (var i = first; i < text.Length; i++)
        {
            var c = text[i];
            chars[n++] = c switch
            {
                '\0' => ' ',
                '\r' or '\u0085' or '\u2028' or '\u2029' or '\f' => '\n',
                _ when char.IsSurrogate(c) && !IsPairedSurrogate(text, i) => '\uFFFD',
                _ => c,
            };
            if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
            {
                i++;
            }
        }

        return new string(chars, 0, n);
    }

    /// <summary>NUL and the line breaks other than <c>\n</c>: the characters <see cref="Sanitize"/> rewrites, besides lone surrogates.</summary>
    private static readonly System.Buffers.SearchValues<char> NeedSanitizing =
        System.Buffers.SearchValues.Create("\0\r\u0085\u2028\u2029\f");

    /// <summary>The first surrogate before <paramref name="end"/> that is not half of a pair, or -1.</summary>
    private static int FirstLoneSurrogate(string text, int end)
    {
        for (var i = 0; i < end; i++)
        {
            var k = text.AsSpan(i, end - i).IndexOfAnyInRange('\uD800', '\uDFFF');
            if (k < 0)
            {
                return -1;
            }

            i += k;
            if (!IsPairedSurrogate(text, i))
            {
                return i;
            }
        }

        return -1;
    }

    private static bool IsPairedSurrogate(string text, int i) => char.IsHighSurrogate(text[i])
        ? i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])
        : i > 0 && char.IsHighSurrogate(text[i - 1]);

    /// <summary>A table row's deadline column where it states a date, else the limit its text states.</summary>
    private static Deadline? DeadlineOf(ItemDraft draft, int? year) =>
        (draft.Table?.DeadlineText is { } cell ? Tables.DeadlineCell.Read(cell, year) : null)
            ?? DeadlineFinder.Find(draft.Heading, draft.Segments.Where(s => !s.Done), year);

    private static string? TitleFromFileName(string? fileName)
    {
        if (string.IsNullOrWhiteSpace(fileName))
        {
            return null;
        }

        var name = Path.GetFileNameWithoutExtension(fileName);
        return name.Any(Text.Chars.IsCjk) ? name : null;
    }
}
