using Luoshi.Parsing.Text;

namespace Luoshi.Parsing.Quantities;

/// <summary>
/// 投入680万元完成17所学校操场塑化改造, 投资2.1亿元推进“温暖校园”工程: a sum right after 投入/投资 that the clause then spends on
/// a piece of work measures what that work costs (学校操场塑化改造投入, “温暖校园”工程投资), not the work's own count.
/// </summary>
internal static class InvestedIn
{
    private static readonly string[] Spending = ["投入", "投资"];

    /// <summary>Verbs that open the work the sum is spent on; the noun after them names it.</summary>
    private static readonly string[] WorkVerbs = ["用于", "完成", "推进", "实施", "建设", "新建", "改造", "开展", "启动", "支持"];

    /// <param name="read">The clause as the rules read it; the figure with its unit is [<paramref name="figureStart"/>, <paramref name="figureEnd"/>).</param>
    public static string? Find(string clause, string read, int figureStart, int figureEnd, string unit)
    {
        if (unit != "元" || figureStart < 2 || figureEnd >= read.Length)
        {
            return null;
        }

        // Cheap first: the two characters before the figure (after 达/约/共) must be 投入 or 投资.
        var k = figureStart;
        while (k > 0 && (Chars.IsSpace(read[k - 1]) || read[k - 1] is '达' or '约' or '共' or '近'))
        {
            k--;
        }

        if (k < 2 || read[k - 2] != '投' || (read[k - 1] != '入' && read[k - 1] != '资'))
        {
            return null;
        }

        var verb = read[k - 1] == '入' ? Spending[0] : Spending[1];
        var i = figureEnd;
        while (i < read.Length && Chars.IsSpace(read[i]))
        {
            i++;
        }

        var work = WorkVerbs.FirstOrDefault(w => WordAt.Is(read, i, w));
        if (work is null)
        {
            return null;
        }

        i += work.Length;
        var start = i;
        while (i < read.Length && (Chars.IsDigit(read[i]) || read[i] == '.'))
        {
            i++;
        }

        if (i > start)
        {
            i += Units.Read(read, i, out _); // 完成17所学校…: the count of the work is no part of its name
        }

        var end = i;
        while (end < read.Length && !Chars.IsSentenceEnd(read[end]) && read[end] is not ('，' or ',' or '；' or ';' or '、' or '（' or '('))
        {
            end++;
        }

        var noun = clause[i..end].Trim();
        return noun.Length is >= 2 and <= 20 && !noun.Any(Chars.IsDigit) ? noun + verb : null;
    }
}
