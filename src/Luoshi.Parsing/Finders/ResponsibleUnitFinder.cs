using System.Runtime.CompilerServices;
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
    ];

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static List<string> Find(string text)
    {
        var result = new List<string>();
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

                var j = from;
                while (j < text.Length && (Chars.IsSpace(text[j]) || text[j] is '：' or ':' or '为'))
                {
                    j++;
                }

                if (j == from || (text[j - 1] is not ('：' or ':' or '为') && !Chars.IsSpace(text[j - 1])))
                {
                    if (!IsStatement(text, k, label, result))
                    {
                        continue;
                    }

                    continue;
                }

                var end = j;
                while (end < text.Length && text[end] is not ('）' or ')' or '。' or '；' or ';' or '\n' or '\t' or '（' or '(' or '】' or ']'))
                {
                    end++;
                }

                AddList(text.AsSpan(j, end - j), result);
            }
        }

        return result;
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

    /// <summary>Adds the units of a list (甲、乙，丙) that are not there yet.</summary>
    internal static void AddList(ReadOnlySpan<char> list, List<string> result)
    {
        var start = 0;
        for (var i = 0; i <= list.Length; i++)
        {
            if (i == list.Length || list[i] is '、' or '，' or ',' or '/' or '／' or ' ' or '\u3000')
            {
                var unit = Chars.TrimPunct(list[start..i]);
                if (unit.Length is >= 2 and <= 20 && !result.Contains(unit))
                {
                    result.Add(unit);
                }

                start = i + 1;
            }
        }
    }
}
