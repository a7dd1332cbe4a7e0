using Luoshi.Parsing.Text;

namespace Luoshi.Parsing.Finders;

/// <summary>
/// Finds the units responsible for an item: labelled lists ((责任科室:组干科、机关党委), 牵头单位：…, 责任单位：…)
/// and explicit statements (学校是…的主要责任单位). 配合/协同 units and actors in prose are not responsible units.
/// </summary>
public static class ResponsibleUnitFinder
{
    private static readonly string[] Labels =
    [
        "牵头责任单位", "主要责任单位", "牵头单位", "责任单位", "责任科室", "责任处室", "责任部门", "牵头部门", "牵头科室", "牵头处室", "负责单位", "承办单位", "责任主体",
        "责任股室", "牵头股室", "主责单位", "主责部门", "主责科室", "落实单位", "实施单位", "责任股", "牵头", "责任",
    ];

    /// <summary>Short labels (牵头：, 责任：) that name units only in brackets, where a colon follows them directly.</summary>
    private static readonly string[] ShortLabels = ["牵头", "责任", "责任股"];

    /// <summary>Labels that end a list of responsible units on the same line (牵头单位：A 配合单位：B, 完成时限：…).</summary>
    private static readonly string[] FollowingLabels =
    [
        "配合单位", "协办单位", "参与单位", "协同单位", "配合部门", "配合科室", "配合处室", "配合股室", "配合：", "配合:", "协同：", "协同:", "完成时限", "完成时间", "时间节点", "时限要求", "责任人", "牵头领导", "分管领导",
    ];

    /// <summary>The characters the labels end with: a text holding none of them names no unit (most items' texts).</summary>
    private static readonly System.Buffers.SearchValues<char> LabelEnds = System.Buffers.SearchValues.Create([.. Labels.Select(l => l[^1]).Distinct()]);

    public static List<string> Find(string text)
    {
        text = Unspaced(text);
        var simple = Traditional.Simplify(text);
        if (ReferenceEquals(simple, text))
        {
            return FindIn(text);
        }

        // 責任單位：縣教育局: traditional script is read as simplified (one character for one), the units given as written.
        var found = FindIn(simple);
        for (var i = 0; i < found.Count; i++)
        {
            if (simple.IndexOf(found[i], StringComparison.Ordinal) is var at and >= 0)
            {
                found[i] = text.Substring(at, found[i].Length);
            }
        }

        return found;
    }

    private static List<string> FindIn(string text)
    {
        var result = new List<string>();
        if (!text.AsSpan().ContainsAny(LabelEnds))
        {
            if (text.Contains("负责", StringComparison.Ordinal))
            {
                LeadInBrackets(text, result);
            }

            return result;
        }

        foreach (var label in Labels)
        {
            var from = 0;
            while (from < text.Length)
            {
                var k = text.IndexOf(label, from, StringComparison.Ordinal);
                if (k < 0)
                {
                    break;
                }

                from = k + label.Length;
                if (k >= 2 && (text.AsSpan(k - 2, 2).SequenceEqual("主要") || text.AsSpan(k - 2, 2).SequenceEqual("牵头")) && label is "责任单位" or "单位")
                {
                    continue; // counted under the longer label
                }

                if (ShortLabels.Contains(label) && (from >= text.Length || text[from] is not ('：' or ':') || k == 0
                    || text[k - 1] is not ('（' or '(' or '【' or '[' or '；' or ';' or ' ' or '\u3000')))
                {
                    continue; // 牵头制定…, 责任到人, 压实主体责任：… : no label; a short label opens a bracket or follows another
                }

                var j = from;
                while (j < text.Length && (Chars.IsSpace(text[j]) || text[j] is '：' or ':' or '为' or '】' or ']'))
                {
                    j++;
                }

                if (j == from || (text[j - 1] is not ('：' or ':' or '为' or '】' or ']') && !Chars.IsSpace(text[j - 1])))
                {
                    if (!IsStatement(text, k, label, result))
                    {
                        continue;
                    }

                    continue;
                }

                // The list ends at its bracket, the sentence or a following label; brackets inside it (各县（市、区）) stay.
                var end = j;
                var depth = 0;
                while (end < text.Length && text[end] is not ('。' or '；' or ';' or '\n' or '\t' or '】' or ']'))
                {
                    if (text[end] is '（' or '(' && end + 1 < text.Length && Chars.IsCjk(text[end + 1]) && end > j && Chars.IsCjk(text[end - 1])
                        && text.IndexOfAny(['）', ')'], end) is var close && close > 0 && close - end <= 8)
                    {
                        depth++;
                    }
                    else if (text[end] is '）' or ')' && depth > 0)
                    {
                        depth--;
                    }
                    else if (text[end] is '）' or ')' or '（' or '(')
                    {
                        break;
                    }

                    end++;
                }

                foreach (var following in FollowingLabels)
                {
                    var f = text.IndexOf(following, j, end - j, StringComparison.Ordinal);
                    if (f >= 0)
                    {
                        end = f;
                    }
                }

                // 牵头单位：县教育局 责任单位：各集团校, 责任单位：安全科 责任领导：王某: the next label, whatever it names, ends
                // the list (a unit's name holds no colon); a responsible label's units are read under it.
                var colon = text.AsSpan(j, end - j).IndexOfAny('：', ':');
                if (colon > 0)
                {
                    var labelStart = text.AsSpan(j, colon).LastIndexOfAny(" \u3000、，,；;");
                    end = j + (labelStart >= 0 ? labelStart : 0);
                }

                AddList(text.AsSpan(j, end - j), result);
            }
        }

        LeadInBrackets(text, result);
        return result;
    }

    private static readonly string[] LeadWords = ["牵头负责", "牵头实施", "牵头", "负责"];

    /// <summary>
    /// （教师发展中心牵头，各学校配合）, （由校外培训监管科负责） closing an item or a sentence: the unit that leads.
    /// Prose that says who leads (市教育局牵头制定…) is not in such brackets.
    /// </summary>
    private static void LeadInBrackets(string text, List<string> result)
    {
        for (var open = text.IndexOfAny(['（', '(']); open >= 0; open = text.IndexOfAny(['（', '('], open + 1))
        {
            var close = text.IndexOfAny(['）', ')'], open + 1);
            if (close < 0 || close - open > 60)
            {
                continue;
            }

            var after = close + 1;
            while (after < text.Length && Chars.IsSpace(text[after]) && text[after] != '\n')
            {
                after++;
            }

            if (after < text.Length && text[after] is not ('。' or '；' or ';' or '\n'))
            {
                continue; // the brackets must close the item or its sentence
            }

            var inner = text.AsSpan(open + 1, close - open - 1).Trim();
            var cut = inner.IndexOfAny("，,；;。");
            var clause = cut >= 0 ? inner[..cut] : inner;
            if (clause.StartsWith("由"))
            {
                clause = clause[1..];
            }

            foreach (var word in LeadWords)
            {
                if (clause.EndsWith(word) && clause.Length - word.Length is >= 2 and <= 30)
                {
                    var units = WithoutManner(clause[..^word.Length]);
                    if (units.Length >= 2 && units.IndexOfAny("：:") < 0)
                    {
                        AddList(units, result);
                    }

                    break;
                }
            }
        }
    }

    private static readonly string[] Manners = ["按照职责分工", "按职责分工", "按照职责", "按职责", "分别", "共同", "具体"];

    /// <summary>（县教育局、各乡镇人民政府按职责分工负责）: how the units lead is no part of their names.</summary>
    private static ReadOnlySpan<char> WithoutManner(ReadOnlySpan<char> units)
    {
        foreach (var manner in Manners)
        {
            if (units.EndsWith(manner, StringComparison.Ordinal))
            {
                return units[..^manner.Length];
            }
        }

        return units;
    }

    /// <summary>学校是禁止在职教师从事有偿补课的主要责任单位 → 学校.</summary>
    private static bool IsStatement(string text, int labelAt, string label, List<string> result)
    {
        if (label is not ("主要责任单位" or "责任单位" or "牵头单位" or "责任主体"))
        {
            return false;
        }

        var k = labelAt - 1;
        while (k >= 0 && labelAt - k < 60 && !QuantityDelimiter(text[k]))
        {
            k--;
        }

        var clause = text.AsSpan(k + 1, labelAt - k - 1);
        var shi = clause.IndexOf('是');
        if (shi is <= 0 or > 12 || !(clause.EndsWith("的") || clause.EndsWith("的主要")))
        {
            return false;
        }

        var unit = Chars.TrimPunct(clause[..shi]);
        if (unit.Length is >= 2 and <= 12 && !result.Contains(unit))
        {
            result.Add(unit);
        }

        return true;
    }

    private static bool QuantityDelimiter(char c) => c is '，' or ',' or '。' or '；' or ';' or '：' or ':' or '\n' or '（' or '(' or '）' or ')';

    /// <summary>Label words written with a space between every character (责 任 单 位：), as a justified Word line has them.</summary>
    private static readonly string[] SpacedLabels = ["牵 头 单 位", "责 任 单 位", "责 任 科 室", "责 任 处 室", "责 任 股 室", "牵 头 科 室", "责 任 部 门"];

    private static string Unspaced(string text)
    {
        // 责任科（室）：督导室, 牵头股(室): the bracketed 室 of a label is the label's.
        if (text.Contains("室）", StringComparison.Ordinal) || text.Contains("室)", StringComparison.Ordinal))
        {
            text = text.Replace("科（室）", "科室", StringComparison.Ordinal).Replace("股（室）", "股室", StringComparison.Ordinal)
                .Replace("处（室）", "处室", StringComparison.Ordinal).Replace("科(室)", "科室", StringComparison.Ordinal)
                .Replace("股(室)", "股室", StringComparison.Ordinal).Replace("处(室)", "处室", StringComparison.Ordinal);
        }

        if (!text.Contains(' ', StringComparison.Ordinal) && !text.Contains('\u3000', StringComparison.Ordinal))
        {
            return text;
        }

        var s = text.Replace('\u3000', ' ');
        var changed = false;
        foreach (var spaced in SpacedLabels)
        {
            if (s.Contains(spaced, StringComparison.Ordinal))
            {
                s = s.Replace(spaced, spaced.Replace(" ", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
                changed = true;
            }
        }

        return changed ? s : text;
    }

    /// <summary>A note after a unit in a list: （牵头） and （负责） mark the unit that leads, （配合） and （协同） one that helps.</summary>
    private static readonly string[] LeadNotes = ["牵头", "负责", "主责", "主办"];

    private static readonly string[] HelpNotes = ["配合", "协同", "协助", "协办", "参与"];

    /// <summary>
    /// Adds the units of a list that are not there yet, split at 、，/ and spaces but not inside brackets: 各县（市、区）教育局
    /// is one entry, a catch-all kept as written.
    /// </summary>
    internal static void AddList(ReadOnlySpan<char> list, List<string> result)
    {
        var start = 0;
        var depth = 0;
        for (var i = 0; i <= list.Length; i++)
        {
            if (i < list.Length && list[i] is '（' or '(')
            {
                depth++;
            }
            else if (i < list.Length && list[i] is '）' or ')')
            {
                depth = Math.Max(0, depth - 1);
            }

            if (i == list.Length || (depth == 0 && list[i] is '、' or '，' or ',' or '/' or '／' or ' ' or '\u3000'))
            {
                var unit = Chars.TrimPunct(list[start..i]);
                if (unit.EndsWith(')') || unit.EndsWith('）'))
                {
                    // 市教育局（牵头）: the note is no part of the name; a unit noted （配合） helps and is not responsible.
                    var open = unit.LastIndexOfAny(['（', '(']);
                    var note = open > 0 ? unit[(open + 1)..^1] : string.Empty;
                    if (Array.Exists(HelpNotes, n => note == n))
                    {
                        start = i + 1;
                        continue;
                    }

                    if (Array.Exists(LeadNotes, n => note == n))
                    {
                        unit = unit[..open];
                    }
                }

                if (i == list.Length && unit.Length > 3 && unit.EndsWith('等'))
                {
                    unit = unit[..^1]; // 市教育局、市人社局等: the list's closing 等
                }

                if (unit.Length is >= 2 and <= 20 && !result.Contains(unit))
                {
                    result.Add(unit);
                }

                start = i + 1;
            }
        }
    }
}
