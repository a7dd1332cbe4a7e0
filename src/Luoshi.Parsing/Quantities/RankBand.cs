using Luoshi.Parsing.Text;

namespace Luoshi.Parsing.Quantities;

/// <summary>
/// 加强对后20%学生的跟踪监测, 前10%的学校: a share after 前 or 后 names a band of a ranking (the bottom fifth of the
/// students): its subject is that band's share of the noun after it (后段学生比例), not the words before.
/// </summary>
internal static class RankBand
{
    /// <summary>Last characters of the nouns that are ranked (学生, 教师, 班主任, 学校, 幼儿园).</summary>
    private const string Ranked = "生师员长任者童儿校园";

    public static string? Find(string clause, string read, int figureStart, int figureEnd, string unit)
    {
        if (unit != "%" || figureStart < 1 || read[figureStart - 1] is not ('前' or '后'))
        {
            return null;
        }

        var start = figureEnd < read.Length && read[figureEnd] == '的' ? figureEnd + 1 : figureEnd;
        var end = start;
        while (end < read.Length && Chars.IsCjk(read[end]) && read[end] != '的' && end - start < 8)
        {
            end++;
            if (end - start >= 2 && Ranked.Contains(read[end - 1]))
            {
                break; // 后15%学生学业帮扶制度: the band is of the students
            }
        }

        return end - start >= 2 ? read[figureStart - 1] + "段" + clause[start..end] + "比例" : null;
    }
}
