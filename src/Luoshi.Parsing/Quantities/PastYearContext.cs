using Luoshi.Parsing.Text;

namespace Luoshi.Parsing.Quantities;

/// <summary>Recognises text that looks back on results already reached (a review of the past year).</summary>
public static class PastYearContext
{
    /// <summary>How a heading that looks back opens (回顾…, 过去一年…, 今年以来…, 【回顾】).</summary>
    private static readonly string[] HeadingOpeners = ["回顾", "过去", "一年来", "今年以来", "去年以来", "近年来", "五年来", "【回顾", "［回顾"];

    /// <summary>How it ends (…完成情况, …亮点工作, …工作回顾, 取得的成绩); 提高…高考成绩 names a target and does not end so.</summary>
    private static readonly string[] HeadingEndings =
    [
        "回顾", "完成情况", "亮点工作", "工作亮点", "工作总结", "主要成果", "工作情况", "主要成绩", "工作成效", "取得的成绩", "取得的成效", "取得的成就",
        "成绩亮点", "主要亮点", "工作成绩", "主要成效",
    ];
    private static readonly string[] ParagraphOpeners =
    [
        "过去的一年", "过去一年", "过去五年", "一年来", "去年", "回顾", "近年来", "近几年", "这一年", "五年来", "过去的五年", "今年以来", "【回顾】", "［回顾］",
    ];
    private static readonly string[] Frames = ["会议指出，", "会议认为，", "会议总结，", "会上，", "报告指出，"];

    /// <summary>A section heading such as “2009年教育工作的简要回顾”.</summary>
    public static bool IsReviewHeading(string heading, int? planYear)
    {
        heading = WithoutQuotes(heading).TrimEnd('。', '：', ':', ' ');
        if (WordAt.StartsWithAny(heading, HeadingOpeners))
        {
            return true;
        }

        if (WordAt.EndsWithAny(heading, HeadingEndings) && !heading.Contains("工作思路", StringComparison.Ordinal)
            && !heading.Contains("工作安排", StringComparison.Ordinal) && !heading.Contains("工作要点", StringComparison.Ordinal))
        {
            return true;
        }

        if (heading.Contains("取得的", StringComparison.Ordinal) || heading.Contains("成绩与", StringComparison.Ordinal)
            || heading.Contains("成效与", StringComparison.Ordinal))
        {
            return true; // 取得的主要成绩, 成绩与经验
        }

        if (ReportsGain(Traditional.Simplify(heading)))
        {
            return true; // “十二五”期间，全省学前教育取得长足发展
        }

        return planYear is not null && StartsWithYear(heading, out var y) && y < planYear
            && heading.Contains("工作", StringComparison.Ordinal) && !heading.Contains("要点", StringComparison.Ordinal);
    }

    /// <summary>What a heading says was gained (取得长足发展, 取得显著成效); new gains to make (取得新突破) are no review.</summary>
    private static readonly string[] Gains = ["取得长足", "取得显著", "取得明显", "取得丰硕", "取得可喜", "取得历史性"];

    /// <summary>Words that make a gain a thing to reach (力争…取得显著成效, 推动…取得明显成效).</summary>
    private static readonly string[] Aims = ["力争", "努力", "争取", "确保", "推动", "推进", "促进", "进一步", "要", "务求", "着力"];

    private static bool ReportsGain(string heading)
    {
        foreach (var g in Gains)
        {
            var at = heading.IndexOf(g, StringComparison.Ordinal);
            if (at >= 0)
            {
                var lead = heading.AsSpan(0, at);
                foreach (var a in Aims)
                {
                    if (lead.Contains(a, StringComparison.Ordinal))
                    {
                        return false;
                    }
                }

                return true;
            }
        }

        return false;
    }

    /// <summary>A paragraph that opens on the past: 过去的一年，… / 2009年在…中，… in a 2010 plan.</summary>
    public static bool IsReviewParagraph(string line, int? planYear)
    {
        var s = line.AsSpan();
        foreach (var f in Frames)
        {
            if (s.Length > 0 && s[0] == f[0] && s.StartsWith(f, StringComparison.Ordinal))
            {
                s = s[f.Length..];
                break;
            }
        }

        if (WordAt.StartsWithAny(s, ParagraphOpeners))
        {
            return true;
        }

        if (line.Contains("过去的一年", StringComparison.Ordinal) && line.IndexOf("过去的一年", StringComparison.Ordinal) < 20)
        {
            return true;
        }

        return planYear is not null && StartsWithYear(s, out var y) && y < planYear;
    }

    /// <summary>Clause openers that look back on the year past (过去一年，…), and those that turn to what comes (今年…, 下一步…).</summary>
    private static readonly string[] BackOpeners =
    [
        "过去的一年", "过去一年", "去年", "一年来", "这一年", "今年以来", "过去五年", "五年来", "截至", "截止", "到目前", "目前", "至目前",
    ];

    private static readonly string[] AheadOpeners = ["今年", "明年", "新的一年", "下一步", "下步", "接下来", "未来", "要", "将", "力争", "确保"];

    /// <summary>
    /// A sentence whose latest clause-opening word before the figure looks back (应该讲，过去一年…，去年我们的升学率为52%，
    /// 其中…92%): its figures report results, unless a clause opened on what comes since (…，今年新建10所).
    /// </summary>
    /// <param name="planYear">
    /// The year the plan is for: a clause that opens on an earlier year (2022年，全县…, in a 2023 speech) looks back; one
    /// that opens on the plan's year or a later one (2025年，全县…达到…) turns to what comes.
    /// </param>
    /// <param name="back">Whether the sentence already looked back before this text (a line that ended on ；).</param>
    public static bool SentenceLooksBack(ReadOnlySpan<char> sentence, int? planYear = null, bool back = false)
    {
        for (var start = 0; start < sentence.Length;)
        {
            var clause = sentence[start..];
            if (WordAt.StartsWithAny(clause, BackOpeners))
            {
                back = true;
            }
            else if (WordAt.StartsWithAny(clause, AheadOpeners))
            {
                back = false;
            }
            else if (planYear is not null && clause.Length > 5 && clause[0] is '1' or '2' && StartsWithYear(clause, out var y))
            {
                back = y < planYear;
            }

            var next = clause.IndexOfAny("，,；;：:");
            if (next < 0)
            {
                break;
            }

            start += next + 1;
        }

        return back;
    }

    /// <summary>Quoted phrases are slogans and names (以“回顾辉煌成就”为主线), not the heading's own words.</summary>
    private static string WithoutQuotes(string s)
    {
        var open = s.IndexOf('“');
        if (open < 0)
        {
            return s;
        }

        var sb = new System.Text.StringBuilder(s.Length);
        var depth = 0;
        foreach (var c in s)
        {
            if (c == '“')
            {
                depth++;
            }
            else if (c == '”' && depth > 0)
            {
                depth--;
            }
            else if (depth == 0)
            {
                sb.Append(c);
            }
        }

        return sb.ToString();
    }

    private static bool StartsWithYear(string s, out int year) => StartsWithYear(s.AsSpan(), out year);

    private static bool StartsWithYear(ReadOnlySpan<char> s, out int year)
    {
        year = 0;
        if (s.Length < 5)
        {
            return false;
        }

        for (var k = 0; k < 4; k++)
        {
            if (!Chars.IsDigit(s[k]))
            {
                return false;
            }

            year = (year * 10) + Chars.DigitValue(s[k]);
        }

        return s[4] == '年';
    }
}
