using Luoshi.Parsing.Text;

namespace Luoshi.Parsing.Metadata;

/// <summary>
/// Finds the year a plan is for: the year in its title (2019年…, not 2010学年); else the date the document was
/// signed, spoken or published; else the year the body names most often. Footers and crawl dates are noise.
/// </summary>
public static class YearFinder
{
    public static int? Find(string? title, IReadOnlyList<string> lines, IEnumerable<string> removedLines)
    {
        if (title is not null && YearBefore(title, '年') is { } fromTitle)
        {
            // 在2021年全市教育工作会议上的讲话 … 回顾总结2021年教育工作，研究部署2022年任务: the year it deploys.
            return DeployedYear(lines) == fromTitle + 1 ? fromTitle + 1 : fromTitle;
        }

        if (DeployedYear(lines) is { } deployed)
        {
            return deployed;
        }

        if (PlannedPartYear(lines) is { } planned)
        {
            return planned; // 一、2020年工作总结 … 二、2021年工作安排: the part that plans names the year
        }

        foreach (var line in lines.Take(15))
        {
            if (TitleFinder.IsSubtitle(line) && YearBefore(line, '年') is { } fromSubtitle)
            {
                return fromSubtitle; // ——在2024年全县教育工作会议上的报告
            }
        }

        foreach (var line in lines.Take(15))
        {
            if (DocumentNumberYear(line) is { } numbered)
            {
                return numbered; // 某發〔2021〕12號: the year the document was issued
            }
        }

        foreach (var line in lines.Take(15))
        {
            if (DateField(line) is { } fielded)
            {
                return fielded; // a law database's record: •【公布日期】2005.02.01
            }
        }

        foreach (var line in lines.Take(40).Concat(lines.Skip(Math.Max(40, lines.Count - 15))))
        {
            if (IsDateLine(line) && FirstDateYear(line) is { } signed)
            {
                return signed;
            }
        }

        foreach (var removedLine in removedLines)
        {
            var line = Traditional.Simplify(removedLine); // 發布日期
            if ((line.Contains("发布", StringComparison.Ordinal) || line.Contains("来源", StringComparison.Ordinal)
                || line.Contains("时间", StringComparison.Ordinal) || line.Contains("日期", StringComparison.Ordinal))
                && FirstDateYear(line) is { } published)
            {
                return published;
            }
        }

        var counts = new Dictionary<int, int>();
        foreach (var line in lines)
        {
            for (var i = 0; i + 4 < line.Length; i++)
            {
                if (IsYearAt(line, i, out var y) && YearWordAt(line, i + 4, '年'))
                {
                    counts[y] = counts.GetValueOrDefault(y) + 1;
                }
            }
        }

        return counts.Count == 0 ? null : counts.OrderByDescending(kv => kv.Value).ThenByDescending(kv => kv.Key).First().Key;
    }

    private static readonly string[] DeployVerbs = ["部署", "安排", "谋划"];

    /// <summary>The year the lead of a speech or report says it deploys (研究部署2022年…, 安排好2022年…), if any.</summary>
    private static int? DeployedYear(IReadOnlyList<string> lines)
    {
        foreach (var line in lines.Take(12))
        {
            foreach (var verb in DeployVerbs)
            {
                for (var v = line.IndexOf(verb, StringComparison.Ordinal); v >= 0; v = line.IndexOf(verb, v + 1, StringComparison.Ordinal))
                {
                    for (var i = v + verb.Length; i <= v + verb.Length + 2 && i + 4 < line.Length; i++)
                    {
                        if (IsYearAt(line, i, out var y) && YearWordAt(line, i + 4, '年'))
                        {
                            return y;
                        }
                    }
                }
            }
        }

        return null;
    }

    private static readonly string[] PlanWords = ["工作安排", "工作计划", "工作打算", "工作思路", "工作要点", "重点工作", "工作重点", "目标任务", "主要任务", "工作任务"];

    /// <summary>
    /// The latest year a top-level heading (二、2021年工作安排) names for the work it plans, in a document whose title names none
    /// (…工作总结及下一步工作安排).
    /// </summary>
    private static int? PlannedPartYear(IReadOnlyList<string> lines)
    {
        int? latest = null;
        foreach (var line in lines)
        {
            if (line.Length < 8 || line.Length > 60 || Chars.ChineseDigit(line[0]) < 0 || line.IndexOf('、', 1, 3) < 0)
            {
                continue;
            }

            var y = YearBefore(line, '年');
            if (y is not null && (latest is null || y > latest) && !line.Contains("完成情况", StringComparison.Ordinal)
                && !line.Contains("总结", StringComparison.Ordinal) && !line.Contains("回顾", StringComparison.Ordinal))
            {
                foreach (var word in PlanWords)
                {
                    if (line.Contains(word, StringComparison.Ordinal))
                    {
                        latest = y;
                        break;
                    }
                }
            }
        }

        return latest;
    }

    /// <summary>
    /// The latest year the text names (2020年工作情况及2021年工作思路 → 2021: a plan looks forward); a space between the
    /// figure and 年 (text taken from a PDF: 2011 年工作打算) is read through.
    /// </summary>
    private static int? YearBefore(string s, char suffix)
    {
        int? latest = null;
        for (var i = 0; i + 4 < s.Length; i++)
        {
            if ((IsYearAt(s, i, out var y) || IsChineseYearAt(s, i, out y)) && YearWordAt(s, i + 4, suffix) && (latest is null || y > latest))
            {
                latest = y;
            }
        }

        return latest;
    }

    /// <summary>A line that is only a date: （2010年2月22日）, 2015年7月10日, 二○一二年六月十二日.</summary>
    private static bool IsDateLine(string line)
    {
        var s = line.Trim().Trim('（', '）', '(', ')', ' ');
        if (s.Length is < 6 or > 16 || !s.EndsWith('日'))
        {
            return false;
        }

        foreach (var c in s)
        {
            if (!(Chars.IsDigit(c) || Chars.ChineseDigit(c) >= 0 || c is '年' or '月' or '日' or '十' or ' '))
            {
                return false;
            }
        }

        return true;
    }

    private static int? FirstDateYear(string line)
    {
        for (var i = 0; i + 4 < line.Length; i++)
        {
            if (IsYearAt(line, i, out var y) && line[i + 4] is '年' or '-' or '/' or '.')
            {
                return y;
            }
        }

        // 二○一二年
        for (var i = 0; i + 4 < line.Length; i++)
        {
            if (IsChineseYearAt(line, i, out var y) && line[i + 4] == '年')
            {
                return y;
            }
        }

        return null;
    }

    /// <summary>年 right after a year's digits, or after one space (text taken from a PDF: <c>2011 年工作打算</c>).</summary>
    private static bool YearWordAt(string s, int i, char word) =>
        s[i] == word || (s[i] == ' ' && i + 1 < s.Length && s[i + 1] == word);

    private static readonly string[] DateFields = ["公布日期", "发布日期", "成文日期", "印发日期", "发文日期"];

    /// <summary>The year of a date field that dates the document (【公布日期】2005.02.01, 成文日期：2023年3月1日, 发文日期：2018-06-29).</summary>
    private static int? DateField(string original)
    {
        var line = Traditional.Simplify(original); // 發布日期
        foreach (var field in DateFields)
        {
            var at = line.IndexOf(field, StringComparison.Ordinal);
            if (at < 0)
            {
                continue;
            }

            var i = at + field.Length;
            while (i < line.Length && i - at - field.Length < 8 && line[i] is '】' or ']' or '：' or ':' or ' ' or '\u3000')
            {
                i++;
            }

            if (i + 4 < line.Length && IsYearAt(line, i, out var y) && line[i + 4] is '.' or '-' or '/' or '年')
            {
                return y;
            }
        }

        return null;
    }

    /// <summary>某發〔2021〕12號, 教基〔2019〕3号: the year in a short document-number line, between 〔〕 and before its number.</summary>
    private static int? DocumentNumberYear(string line)
    {
        var open = line.IndexOfAny(['〔', '［', '[']);
        if (open < 1 || line.Length > 30 || open + 6 >= line.Length || !IsYearAt(line, open + 1, out var year)
            || line[open + 5] is not ('〕' or '］' or ']'))
        {
            return null;
        }

        var k = open + 6;
        while (k < line.Length && Chars.IsDigit(line[k]))
        {
            k++;
        }

        if (k < line.Length && line[k] == ' ')
        {
            k++; // 溫委辦〔2006〕47 號
        }

        return k > open + 6 && k < line.Length && line[k] is '号' or '號' ? year : null;
    }

    /// <summary>The line names a year in digits before 年 (武威2021年新建哪些学校?).</summary>
    internal static bool NamesYear(string line)
    {
        for (var i = 0; i + 4 < line.Length; i++)
        {
            if (line[i + 4] == '年' && IsYearAt(line, i, out _))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>二〇二三, 二○二四: a year in Chinese digits, as a document's title or date writes it.</summary>
    private static bool IsChineseYearAt(string s, int i, out int year)
    {
        year = 0;
        if (i > 0 && Chars.ChineseDigit(s[i - 1]) >= 0)
        {
            return false;
        }

        for (var k = 0; k < 4; k++)
        {
            var d = Chars.ChineseDigit(s[i + k]);
            if (d < 0)
            {
                return false;
            }

            year = (year * 10) + d;
        }

        return year is >= 1950 and <= 2100;
    }

    private static bool IsYearAt(string s, int i, out int year)
    {
        year = 0;
        if (i > 0 && Chars.IsDigit(s[i - 1]))
        {
            return false;
        }

        for (var k = 0; k < 4; k++)
        {
            if (!Chars.IsDigit(s[i + k]))
            {
                return false;
            }

            year = (year * 10) + Chars.DigitValue(s[i + k]);
        }

        return year is >= 1950 and <= 2100;
    }
}
