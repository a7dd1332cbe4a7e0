namespace Luoshi.Parsing.Quantities;

/// <summary>
/// A programme named in quotes that a clause opens on (“千园达标”完成XXX所幼儿园创建任务), or that opens or ends the clause
/// before it in the same sentence (“双创”工作扎实推进，整体达标率85%; 实施了…“素质提升工程”，累计培训农村教师18万人), or that
/// stands right before the figure (实施“领雁工程”2个月集中培训), is the topic of the figure (an opening of the clause before only for a rate): the subject names it (“千园达标”幼儿园创建任务, “双创”工作整体达标率).
/// </summary>
public static class QuotedTopic
{
    /// <summary>Words right after the quoted name that still belong to it (“双创”<u>工作</u>).</summary>
    private static readonly string[] Heads = ["工作", "工程", "行动", "计划", "项目", "活动"];

    /// <param name="text">The text as the rules read it; the clause is [<paramref name="clauseStart"/>, figure) and the
    /// sentence opens at <paramref name="sentenceStart"/>.</param>
    public static string Complete(string subject, string unit, string original, string text, int sentenceStart, int clauseStart, int figureStart = -1)
    {
        if (subject.Length == 0 || subject.Contains('“') || subject.Contains('"'))
        {
            return subject;
        }

        var topic = Opening(original, text, clauseStart) ?? (figureStart > clauseStart ? Ending(original, text, clauseStart, figureStart) : null);
        if (topic is null && clauseStart - 1 > sentenceStart && text[clauseStart - 1] is '，' or ',')
        {
            var previous = text.LastIndexOfAny(['，', ','], clauseStart - 2, clauseStart - 1 - sentenceStart) + 1;
            var start = Math.Max(previous, sentenceStart);
            // A rate measures the topic the clause before opened on (“双创”工作扎实推进，整体达标率); a count of its own does not
            // (“三校三园”建成投用，新增学位5940个).
            topic = (IsShare(unit) ? Opening(original, text, start) : null) ?? Ending(original, text, start, clauseStart - 1);
        }

        return topic is null || subject.Contains(topic.Trim('“', '”'), StringComparison.Ordinal) ? subject : topic + subject;
    }

    private static bool IsShare(string unit) => unit is "%" or "比" or "个百分点" or "百分点";

    /// <summary>“双创”工作…: the quoted name (and the head word after it) a clause opens on.</summary>
    private static string? Opening(string original, string text, int start)
    {
        if (start >= text.Length || text[start] != '“')
        {
            return null;
        }

        var close = text.IndexOf('”', start);
        if (close < 0 || close - start < 2 || close - start > 12 || IsPlanPeriod(text.AsSpan(start + 1, close - start - 1)))
        {
            return null;
        }

        var end = close + 1;
        if (Heads.FirstOrDefault(h => string.CompareOrdinal(text, end, h, 0, h.Length) == 0) is { } head)
        {
            end += head.Length;
        }

        return original[start..end];
    }

    /// <summary>“十四五”, “十三五”: a plan period, which says when, not what.</summary>
    private static bool IsPlanPeriod(ReadOnlySpan<char> name) =>
        name.Length is >= 2 and <= 3 && name[^1] == '五' && Text.Chars.IsChineseNumeralChar(name[0]);

    /// <summary>…的“素质提升工程”: the quoted name a clause ends on.</summary>
    private static string? Ending(string original, string text, int start, int end)
    {
        if (end - start < 4 || text[end - 1] != '”')
        {
            return null;
        }

        var open = text.LastIndexOf('“', end - 2, end - 1 - start);
        return open < 0 || end - open > 14 ? null : original[open..end];
    }
}
