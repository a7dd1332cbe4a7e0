using Luoshi.Parsing.Text;

namespace Luoshi.Parsing.Quantities;

/// <summary>
/// 600人以上学校设立医务室, 30万人口以上的县（市）建立培智学校: a size above which things must do something is the size of
/// those things that must (须设立医务室的学校规模, 须建立培智学校的县（市）人口规模), not a count of people.
/// </summary>
internal static class SizeThreshold
{
    private static readonly string[] Bounds = ["及以上", "以上", "及以下", "以下"];

    /// <summary>Words that open what the things above the size must do (the modal dropped).</summary>
    private static readonly string[] Modals = ["都要", "都必须", "必须", "均要", "均须", "都须", "要", "须", "应当", "应"];

    private static readonly string[] Verbs = ["建立", "设立", "设置", "配备", "配齐", "建成", "开设", "实行", "达到", "建设"];

    /// <summary>The longest name of the things sized.</summary>
    private const int NameLength = 10;

    public static string? Find(string clause, string read, int figureStart, int figureEnd, string unit)
    {
        if (unit != "人")
        {
            return null;
        }

        var k = figureEnd;
        var people = k < read.Length && read[k] == '口';
        if (people)
        {
            k++;
        }

        var bound = Bounds.FirstOrDefault(b => string.CompareOrdinal(read, k, b, 0, b.Length) == 0);
        if (bound is null)
        {
            return null;
        }

        k += bound.Length;
        if (k < read.Length && read[k] == '的')
        {
            k++;
        }

        // The things sized run to the modal or verb of what they must do.
        var start = k;
        var name = -1;
        var verbStart = -1;
        for (; k < read.Length && k - start <= NameLength && read[k] is not ('，' or ',' or '。' or '；'); k++)
        {
            var modal = Modals.FirstOrDefault(m => string.CompareOrdinal(read, k, m, 0, m.Length) == 0);
            if (modal is not null && k > start)
            {
                name = k;
                verbStart = k + modal.Length;
                break;
            }

            if (k - start >= 2 && Verbs.Any(v => string.CompareOrdinal(read, k, v, 0, v.Length) == 0))
            {
                name = verbStart = k;
                break;
            }
        }

        if (name < 0)
        {
            return null;
        }

        var end = verbStart;
        while (end < read.Length && read[end] is not ('的' or '，' or ',' or '。' or '；' or '、'))
        {
            end++;
        }

        var must = clause[verbStart..end];
        if (must.Length < 2 || !Chars.IsCjk(must[0]))
        {
            return null;
        }

        var size = people || read.AsSpan(figureStart, figureEnd - figureStart).Contains('万') ? "人口规模" : "规模";
        return "须" + must + "的" + clause[start..name] + size;
    }
}
