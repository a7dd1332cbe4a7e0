using Luoshi.Parsing.Quantities;
using Luoshi.Parsing.Text;

namespace Luoshi.Parsing.Outline;

/// <summary>
/// A piece of text that belongs to one item (or to the top level); phase lines (第一阶段：…) are flagged. It is
/// line <see cref="LineIndex"/>'s characters [<see cref="Start"/>, <see cref="End"/>).
/// </summary>
public readonly record struct TextSegment(string Text, bool Phase, int LineIndex, int Start, int End)
{
    /// <summary>A table's progress cell (完成情况, 成效): its figures report what is done.</summary>
    public bool Done { get; init; }
}

/// <summary>An outline item while the outline is being built.</summary>
public sealed class ItemDraft
{
    public required int Index { get; init; }

    public required int? ParentIndex { get; init; }

    public required int Level { get; init; }

    public required Marker Marker { get; init; }

    public required string MarkerText { get; init; }

    public required int LineIndex { get; init; }

    /// <summary>Where the marker starts in its line.</summary>
    public required int MarkerStart { get; init; }

    public string Heading { get; set; } = string.Empty;

    public List<TextSegment> Segments { get; } = [];

    /// <summary>The units and deadline of the table row that is this item; null for an item of the prose.</summary>
    public Tables.TableRowFacts? Table { get; set; }

    public string Text => string.Join("\n", Segments.Select(s => s.Text));

    /// <summary>
    /// Where the item's own text ends (line, character): at its table row's last cell, at its last segment, or at its marker
    /// when it has no text.
    /// </summary>
    public (int Line, int End) TextEnd => Table?.RowEnd ?? (Segments.Count > 0 ? (Segments[^1].LineIndex, Segments[^1].End) : (LineIndex,
        MarkerStart + MarkerText.Length));
}

/// <summary>The outline of a document and the text outside every item.</summary>
public sealed record OutlineResult(IReadOnlyList<ItemDraft> Items, IReadOnlyList<TextSegment> TopLevel);

/// <summary>
/// Finds numbered items at line starts and after clause ends (。；：), and nests them: a style already open
/// continues its run at its level; a new style nests under the current item, except that a higher-ranked
/// structural style (一、 over （一） over 1.) closes the lower ones; a run restarting inside the paragraph of
/// its own previous item nests one level down.
/// </summary>
public static partial class OutlineBuilder
{
    private const int MaxDepth = 12;

    private static readonly string[] ClosingFrames =
    [
        "会议指出", "会议强调", "会议要求", "会议认为", "会议提出", "会议明确", "会议号召", "会议最后", "会议还", "会议以", "会议分析", "会议总结",
        "会议传达", "会议部署", "会议听取", "会议通报", "会议审议", "会上", "会议期间", "此次会议", "本次会议", "会议由", "会议在",
    ];

    /// <summary>
    /// The characters the scan of a line stops at when no clause boundary is open: those that end a sentence or a clause
    /// (<see cref="Chars.IsSentenceEnd"/>, <see cref="Chars.IsClauseBoundary"/>) and those a marker can start with (digits,
    /// Chinese numerals, an opening bracket).
    /// </summary>
    private static readonly CharMask MarkerOrBoundary = new(
        Enumerable.Range(0, char.MaxValue + 1).Select(c => (char)c).Where(c => Chars.IsSentenceEnd(c) || Chars.IsClauseBoundary(c) || MayStartMarker(c)));

    /// <summary>
    /// The characters a marker found away from a clause boundary can start with: digits (1. 2.), Chinese numerals (三是),
    /// opening brackets (（一）) and ㈠–㈩. The scan of a line looks closer only at these (and at clause ends).
    /// </summary>
    private static bool MayStartMarker(char c) =>
        Chars.IsDigit(c) || Chars.IsChineseNumeralChar(c) || Chars.IsOpenParen(c) || OutlineMarkers.IsEnclosedNumber(c);


    public static OutlineResult Build(IReadOnlyList<string> lines, ParseOptions? options = null)
    {
        options ??= ParseOptions.Unlimited;
        var items = new List<ItemDraft>();
        var top = new List<TextSegment>();
        var chain = new List<ItemDraft>();
        var lastBare = 0;
        var brackets = 0;
        var attachment = false;
        for (var li = 0; li < lines.Count; li++)
        {
            options.CheckItems(items.Count);
            if ((li & 0x3FF) == 0)
            {
                options.CancellationToken.ThrowIfCancellationRequested();
            }

            var line = lines[li];
            if (!attachment && Tables.TableReader.TryRead(lines, li, out var table))
            {
                PlaceTable(table, chain, items);
                li = table.EndLine - 1;
                continue;
            }

            if (attachment)
            {
                if (OutlineMarkers.StartsWithMarker(line))
                {
                    continue;
                }

                attachment = false;
            }

            if (IsAttachmentLine(line))
            {
                attachment = true;
                continue;
            }

            if (WordAt.StartsWithAny(line, ClosingFrames))
            {
                chain.Clear();
            }

            if (chain.Count < MaxDepth && BracketHeading.Is(lines, li))
            {
                // 【重点任务】: a part heading without a number; its label is the heading.
                Place(new Marker(MarkerStyle.Bracket, ++brackets, 1), inline: false, li, 0, BracketHeading.MarkerText, chain, items);
                Emit(line, li, 1, line.Length - 1, false, chain, top);
                continue;
            }

            var phase = IsPhaseLine(line);
            var segStart = 0;
            ItemDraft? openedHere = null;
            var openedAsHeading = false; // openedHere opened its line, followed the end of a sentence, or was glued to a heading
            var sentenceEndSinceOpen = false;
            var setParts = -1; // the run family that spells out a quoted set on this line (“三个转变”：一是…)
            var i = 0;
            var boundary = false; // BoundaryBefore(line, i), carried along instead of looked for again at every character
            while (i < line.Length)
            {
                if (i > 0 && !boundary)
                {
                    // Up to the next character that can end a sentence or clause or start a marker, none changes anything here
                    // (a space keeps no boundary, any other character ends one): found by one tight scan.
                    var next = MarkerOrBoundary.IndexOfAny(line.AsSpan(i));
                    if (next < 0)
                    {
                        break;
                    }

                    i += next;
                }

                var c = line[i];
                if (Chars.IsSentenceEnd(c))
                {
                    sentenceEndSinceOpen = true;
                }

                var atStart = i == 0;
                var afterBoundary = !atStart && boundary;
                if (atStart || afterBoundary || (Chars.IsDigit(c) && i > 0 && !Chars.IsDigit(line[i - 1]))
                    || (Chars.IsChineseNumeralChar(c) && i + 1 < line.Length && line[i + 1] is '是' or '要' or '、')
                    || Chars.IsOpenParen(c) || OutlineMarkers.IsEnclosedNumber(c)) // each a MayStartMarker character: the scan stops at it
                {
                    Marker marker = default;
                    var found = false;
                    var glue = false;
                    var lineHeading = openedHere is not null && openedAsHeading && !sentenceEndSinceOpen ? openedHere : null;
                    if ((atStart || afterBoundary) && OutlineMarkers.TryMatch(line, i, out marker))
                    {
                        found = Accept(marker, atStart, chain, lastBare);
                    }
                    else if (Chars.IsDigit(c) && TryBare(line, i, out marker))
                    {
                        var glued = openedHere is not null && !sentenceEndSinceOpen;
                        var next = marker.Ordinal == lastBare + 1 || (marker.Ordinal == lastBare + 2 && lastBare > 0 && afterBoundary);
                        found = next && (atStart || afterBoundary || glued) && (marker.Ordinal > 1 || glued || atStart);
                    }
                    else if (!atStart && chain.Count > 0 && GluedRunMarker(line, i, chain, out marker))
                    {
                        found = true; // 形成有力支撑三是推进…: line breaks lost before a run marker
                    }
                    else if (!atStart && GluedStructuralMarker(line, i, segStart, chain, items, lineHeading, out marker))
                    {
                        found = glue = true; // …工作计划打算一、2022年亮点工作(一)教育发展…: a whole document on one line
                    }
                    else if (!atStart && lineHeading is not null && GluedRunOpener(line, i, lineHeading, out marker))
                    {
                        found = true; // (一)坚定政治方向,夯实…保障一是深入开展…。二是…: a run glued to the heading it details
                    }

                    if (found && marker.IsRun && !atStart
                        && (marker.Family == setParts || (marker.Ordinal == 1 && SpellsOutQuotedSet(line, i))))
                    {
                        setParts = marker.Family;
                        found = false;
                    }

                    if (found && chain.Count < MaxDepth)
                    {
                        Emit(line, li, segStart, i, phase, chain, top);
                        phase = false;
                        var item = Place(marker, inline: !atStart, li, i, line.Substring(i, marker.Length).TrimEnd(), chain, items);
                        if (marker.Style is MarkerStyle.ArabicBare)
                        {
                            lastBare = marker.Ordinal;
                        }

                        openedHere = item;
                        openedAsHeading = atStart || glue || (i > 0 && Chars.IsSentenceEnd(PreviousNonSpace(line, i)));
                        sentenceEndSinceOpen = false;
                        segStart = i + marker.Length;
                        i = segStart;
                        boundary = BoundaryBefore(line, i);
                        continue;
                    }
                }

                boundary = Chars.IsSpace(c) ? boundary : Chars.IsClauseBoundary(c);
                i++;
            }

            Emit(line, li, segStart, line.Length, phase, chain, top);
        }

        foreach (var item in items)
        {
            item.Heading = HeadingOf(item.Segments.Count > 0 ? item.Segments[0].Text : string.Empty);
        }

        return new OutlineResult(items, top);
    }

    private static bool Accept(Marker marker, bool atStart, List<ItemDraft> chain, int lastBare)
    {
        if (marker.Style == MarkerStyle.ArabicBare)
        {
            return marker.Ordinal == lastBare + 1;
        }

        if (atStart || marker.Ordinal == 1)
        {
            return true;
        }

        for (var k = chain.Count - 1; k >= 0; k--)
        {
            if (chain[k].Marker.Family == marker.Family)
            {
                var previous = chain[k].Marker.Ordinal;
                // A missing number does not end the list: one number may be skipped (二是…；四是…).
                return marker.IsRun ? marker.Ordinal <= previous + 2 : marker.Ordinal == previous + 1 || marker.Ordinal == previous + 2;
            }
        }

        return false;
    }

    private static ItemDraft Place(Marker marker, bool inline, int lineIndex, int markerStart, string markerText, List<ItemDraft> chain,
        List<ItemDraft> items)
    {
        var sibling = -1;
        for (var k = chain.Count - 1; k >= 0; k--)
        {
            if (chain[k].Marker.Family != marker.Family)
            {
                continue;
            }

            if (marker.Ordinal > 1 && chain[k].Marker.Ordinal == marker.Ordinal - 1)
            {
                sibling = k;
                break;
            }

            if (sibling < 0)
            {
                sibling = k;
            }
        }

        if (sibling >= 0 && marker.Ordinal == 1 && inline && sibling == chain.Count - 1 && chain[sibling].LineIndex == lineIndex)
        {
            sibling = -1; // a run restarting inside its own item's paragraph nests under it
        }

        if (sibling >= 0)
        {
            chain.RemoveRange(sibling, chain.Count - sibling);
        }
        else if (!marker.IsRun)
        {
            while (chain.Count > 0 && !chain[^1].Marker.IsRun && chain[^1].Marker.Rank > marker.Rank)
            {
                chain.RemoveAt(chain.Count - 1);
            }
        }

        var parent = chain.Count > 0 ? chain[^1] : null;
        var item = new ItemDraft
        {
            Index = items.Count,
            ParentIndex = parent?.Index,
            Level = chain.Count + 1,
            Marker = marker,
            MarkerText = markerText,
            LineIndex = lineIndex,
            MarkerStart = markerStart,
        };
        items.Add(item);
        chain.Add(item);
        return item;
    }

    private static void Emit(string line, int lineIndex, int start, int end, bool phase, List<ItemDraft> chain, List<TextSegment> top)
    {
        if (end <= start)
        {
            return;
        }

        var span = line.AsSpan(start, end - start);
        var trimmed = span.Trim();
        if (trimmed.Length == 0)
        {
            return;
        }

        start += span.Length - span.TrimStart().Length;
        var text = trimmed.Length == line.Length ? line : trimmed.ToString(); // a whole line is not copied
        var segment = new TextSegment(text, phase, lineIndex, start, start + trimmed.Length);
        if (chain.Count > 0)
        {
            chain[^1].Segments.Add(segment);
        }
        else
        {
            top.Add(segment);
        }
    }

    /// <summary>
    /// A run marker glued to the word before it (支撑三是推进…): only the next number of a run already open (or the one after it).
    /// </summary>
    private static bool GluedRunMarker(string line, int i, List<ItemDraft> chain, out Marker marker)
    {
        if (!Chars.IsCjk(line[i - 1]) || Chars.IsChineseNumeralChar(line[i - 1]) || line[i - 1] is '第' or '这' or '那' or '其' or '统' or '唯'
            || !OutlineMarkers.TryMatch(line, i, out marker) || !marker.IsRun || marker.Ordinal < 2)
        {
            marker = default;
            return false;
        }

        for (var k = chain.Count - 1; k >= 0; k--)
        {
            if (chain[k].Marker.Family == marker.Family)
            {
                return marker.Ordinal == chain[k].Marker.Ordinal + 1 || marker.Ordinal == chain[k].Marker.Ordinal + 2;
            }
        }

        return false;
    }

    private static char PreviousNonSpace(string line, int i)
    {
        var k = i - 1;
        while (k > 0 && Chars.IsSpace(line[k]))
        {
            k--;
        }

        return line[k];
    }

    /// <summary>
    /// 一是 glued to the structural heading that opened its stretch of line (…夯实政治保障一是深入开展…。二是…), where the line
    /// break after the heading was lost: it opens the heading's run when 二是 follows on the line.
    /// </summary>
    private static bool GluedRunOpener(string line, int i, ItemDraft heading, out Marker marker)
    {
        var prev = line[i - 1];
        if (heading.Marker.IsRun || !Chars.IsCjk(prev) || Chars.IsChineseNumeralChar(prev) || WordBeforeNumeral.Contains(prev)
            || !OutlineMarkers.TryMatch(line, i, out marker) || !marker.IsRun || marker.Ordinal != 1)
        {
            marker = default;
            return false;
        }

        var end = Math.Min(line.Length - 1, i + GluedLookahead);
        for (var j = line.IndexOf('二', i + marker.Length); j >= 0 && j < end; j = line.IndexOf('二', j + 1))
        {
            if (OutlineMarkers.TryMatch(line, j, out var next) && next.Style == marker.Style && next.Ordinal == 2)
            {
                return true;
            }
        }

        marker = default;
        return false;
    }

    /// <summary>
    /// 实现“三个转变”：一是…: a run right after a set named in quotes with its count spells out what the set means; its
    /// parts are no items.
    /// </summary>
    private static bool SpellsOutQuotedSet(string line, int i)
    {
        var k = i - 1;
        while (k >= 0 && Chars.IsSpace(line[k]))
        {
            k--;
        }

        if (k < 3 || line[k] is not ('：' or ':') || line[k - 1] is not ('”' or '"' or '」'))
        {
            return false;
        }

        var open = line.LastIndexOfAny(['“', '"', '「'], k - 2);
        return open >= 0 && k - 1 - open is > 2 and <= 12 && Chars.IsChineseNumeralChar(line[open + 1]);
    }

    /// <summary>How far ahead on a line the next number of a glued marker's list is looked for.</summary>
    private const int GluedLookahead = 4000;

    /// <summary>Characters that make a word with the 一 after them (统一、唯一、之一、同一、): no marker follows them.</summary>
    private static readonly System.Buffers.SearchValues<char> WordBeforeNumeral = System.Buffers.SearchValues.Create("第统唯之同单专万逐这那其各每划归合");

    /// <summary>
    /// 一、 or （一） glued to the word before it (…打算一、…, …工作(一)教育…), where line breaks were lost: it fits the list
    /// open at its level (the first number of a new one, or the next of an open one), and either the next number of its list
    /// follows it on the line, or it is the document's first item and the text before it ends like a title (…计划, …打算).
    /// A lower-ranked marker (1、, （一）) glued to the heading that opened its line (一、…发展1、学前三年…) opens the heading's
    /// first sub-item, or carries on the numbering of the list before (…网络3、理顺…).
    /// </summary>
    private static bool GluedStructuralMarker(string line, int i, int segStart, List<ItemDraft> chain, List<ItemDraft> items,
        ItemDraft? lineHeading, out Marker marker)
    {
        var prev = line[i - 1];
        // 划一, 统一 make a word only with a numeral right after them; a bracket between (…工作计划(一)…) makes none, nor does
        // the document's title before its first item (…2024年工作计划一、总体思路…).
        if (!Chars.IsCjk(prev) || Chars.IsChineseNumeralChar(prev)
            || (!Chars.IsOpenParen(line[i]) && WordBeforeNumeral.Contains(prev)
                && !(items.Count == 0 && LooksLikeTitle(line.AsSpan(segStart, i - segStart).Trim())))
            || !OutlineMarkers.TryMatch(line, i, out marker)
            || !(marker.Style is MarkerStyle.ChineseComma or MarkerStyle.ChineseParen
                || (marker.Style is MarkerStyle.ArabicDot && lineHeading is not null && i + marker.Length < line.Length
                    && (Chars.IsCjk(line[i + marker.Length]) || line[i + marker.Length] is '“'))))
        {
            marker = default;
            return false;
        }

        if (lineHeading is not null && marker.Rank > lineHeading.Marker.Rank && !marker.IsRun)
        {
            var last = 0;
            for (var k = items.Count - 1; k >= 0; k--)
            {
                if (items[k].Marker.Family == marker.Family)
                {
                    last = items[k].Marker.Ordinal;
                    break;
                }
            }

            if (marker.Ordinal == 1 || marker.Ordinal == last + 1)
            {
                return true;
            }
        }

        if (marker.Style is MarkerStyle.ArabicDot)
        {
            return false;
        }

        var itemCount = items.Count;
        var fits = marker.Ordinal == 1;
        for (var k = chain.Count - 1; k >= 0; k--)
        {
            if (chain[k].Marker.Family == marker.Family)
            {
                fits = marker.Ordinal == chain[k].Marker.Ordinal + 1;
                break;
            }
        }

        if (!fits)
        {
            return false;
        }

        if (itemCount == 0 && marker.Ordinal == 1 && LooksLikeTitle(line.AsSpan(segStart, i - segStart).Trim()))
        {
            return true;
        }

        var end = Math.Min(line.Length, i + GluedLookahead);
        for (var j = i + marker.Length + 2; j < end; j++) // an item has some text before the next (获一、二等奖 is no list)
        {
            if ((marker.Style == MarkerStyle.ChineseParen ? (Chars.IsOpenParen(line[j]) || OutlineMarkers.IsEnclosedNumber(line[j])) : j + 1 < line.Length && line[j + 1] == '、')
                && OutlineMarkers.TryMatch(line, j, out var next) && next.Style == marker.Style)
            {
                if (next.Ordinal == marker.Ordinal + 1)
                {
                    return true;
                }

                if (next.Ordinal == marker.Ordinal)
                {
                    return false; // the same number again before the next: a list inside the text, not this one
                }
            }
        }

        return false;
    }

    private static readonly string[] TitleEndings = ["要点", "计划", "打算", "方案", "总结", "意见", "安排", "思路", "规划", "范文"];

    /// <summary>The text before a document's first item that is its heading: one phrase, ending like a document's title.</summary>
    private static bool LooksLikeTitle(ReadOnlySpan<char> text)
    {
        if (text.Length is < 4 or > 60 || text.IndexOfAny("。，,；;：:！？!?") >= 0)
        {
            return false;
        }

        foreach (var e in TitleEndings)
        {
            if (text.EndsWith(e, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A digit glued to the text it numbers (<c>育人1切实强化</c>): 1–2 digits, then a character that is not a unit or date word.</summary>
    private static bool TryBare(string s, int i, out Marker marker)
    {
        marker = default;
        var j = i;
        var value = 0;
        while (j < s.Length && Chars.IsDigit(s[j]) && j - i < 3)
        {
            value = (value * 10) + Chars.DigitValue(s[j]);
            j++;
        }

        if (j - i > 2 || j >= s.Length || value < 1 || !Chars.IsCjk(s[j]) || Units.StartsUnitOrDate(s, j))
        {
            return false;
        }

        if (i > 0 && (Chars.IsDot(s[i - 1]) || Chars.IsAsciiLetter(s[i - 1])
            || s[i - 1] is '第' or '前' or '后' or '近' or '约' or '共' or '计' or '达' or '占' or '至' or '到' or '～' or '~' or '-' or '—' or '+' or '＋'))
        {
            return false;
        }

        marker = new Marker(MarkerStyle.ArabicBare, value, j - i);
        return true;
    }

    private static bool BoundaryBefore(string s, int i)
    {
        var k = i - 1;
        while (k >= 0 && Chars.IsSpace(s[k]))
        {
            k--;
        }

        return k >= 0 && Chars.IsClauseBoundary(s[k]);
    }

    private static string HeadingOf(string first)
    {
        var end = first.Length;
        for (var i = 0; i < first.Length; i++)
        {
            var c = first[i];
            if (c is '。' or '；' or ';' or '！' or '？' or '!' or '?')
            {
                end = i;
                break;
            }

            if (c is '：' or ':' && i <= 15 && i > 0)
            {
                end = i;
                break;
            }
        }

        return Chars.TrimPunct(WithoutLabelRunOn(WithoutNumber(first.AsSpan(0, end))));
    }

    /// <summary>The labels of a plan's standard sections (一、指导思想 …).</summary>
    private static readonly string[] SectionLabels =
    [
        "指导思想", "总体思路", "总体目标", "总体要求", "工作思路", "工作目标", "工作举措", "工作措施", "工作要求", "工作重点", "主要措施",
        "主要任务", "主要目标", "重点任务", "保障措施", "基本原则", "具体措施", "目标任务", "发展目标", "实施步骤",
    ];

    /// <summary>
    /// 总体思路坚持以…办好人民满意的教育: a section label run on into a long sentence (the line break after the heading lost)
    /// is the heading alone; 工作目标是…, 指导思想和基本原则 and a short heading stay as written.
    /// </summary>
    private static ReadOnlySpan<char> WithoutLabelRunOn(ReadOnlySpan<char> heading)
    {
        if (heading.Length < 18 || !Chars.IsCjk(heading[0]))
        {
            return heading;
        }

        var next = heading[4];
        if (!(Chars.IsCjk(next) || next is '“' or '"') || next is '是' or '为' or '和' or '与' or '及' or '的' or '、' or '等' or '任' or '要')
        {
            return heading;
        }

        return WordAt.StartsWithAny(heading, SectionLabels) ? heading[..4] : heading; // every label has four characters
    }

    /// <summary>12加大…, 6促进…: a number left at the start of a heading is numbering, not part of the title.</summary>
    private static ReadOnlySpan<char> WithoutNumber(ReadOnlySpan<char> heading)
    {
        var k = 0;
        while (k < heading.Length && k < 3 && Chars.IsDigit(heading[k]))
        {
            k++;
        }

        if (k is 0 or > 2 || k >= heading.Length)
        {
            return heading;
        }

        if (heading[k] is '、' or '.' or '．' && k + 1 < heading.Length && Chars.IsCjk(heading[k + 1]))
        {
            return heading[(k + 1)..];
        }

        return Chars.IsCjk(heading[k]) && !Units.StartsUnitOrDate(heading, k) ? heading[k..] : heading;
    }

    private static bool IsAttachmentLine(string line) =>
        line.StartsWith("附件", StringComparison.Ordinal) && line.Length > 2
            && (line[2] is '：' or ':' || (line.Length > 3 && Chars.IsDigit(line[2]) && line[3] is '：' or ':'));

    private static bool IsPhaseLine(string line)
    {
        if (!line.StartsWith('第'))
        {
            return false;
        }

        var len = ChineseNumber.Read(line, 1, out _);
        return len > 0 && line.AsSpan(1 + len).StartsWith("阶段", StringComparison.Ordinal);
    }
}
