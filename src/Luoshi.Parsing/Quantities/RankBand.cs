using Luoshi.Parsing.Text;

namespace Luoshi.Parsing.Quantities;

/// <summary>
/// 加强对后20%学生的跟踪监测, 前10%的学校: a share after 前 or 后 names a band of a ranking (the bottom fifth of the
/// students): its subject is that band's share of the noun after it (后段学生比例), named by what is done for it
/// (跟踪监测的后段学生比例), not the words before.
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

        if (end - start < 2)
        {
            return null;
        }

        var band = read[figureStart - 1] + "段" + clause[start..end] + "比例";
        return Done(clause, read, end) is { } done ? done + "的" + band : band;
    }

    /// <summary>Endings of what is set up for the band, not done to it (帮扶<u>机制</u>, 辅导<u>制度</u>).</summary>
    private static readonly string[] Arrangements = ["机制", "制度", "体系", "工作", "办法"];

    /// <summary>后20%学生的跟踪监测, 后20%学生帮扶机制: what is done for the band (跟踪监测, 帮扶).</summary>
    private static string? Done(string clause, string read, int start)
    {
        if (start < read.Length && read[start] == '的')
        {
            start++;
        }

        var end = start;
        while (end < read.Length && Chars.IsCjk(read[end]) && read[end] is not ('和' or '及' or '与') && end - start < 10)
        {
            end++;
        }

        var done = clause[start..end];
        done = WordAt.Ending(done, Arrangements) is { } a ? done[..^a.Length] : done;
        return done.Length >= 2 ? done : null;
    }
}
