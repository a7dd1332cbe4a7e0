using System.Runtime.CompilerServices;
using Luoshi.Parsing.Text;

namespace Luoshi.Parsing.Quantities;

/// <summary>Recognises text that looks back on results already reached (a review of the past year).</summary>
public static class PastYearContext
{
    private static readonly string[] HeadingWords = ["回顾", "成绩", "成效", "工作总结", "主要成果", "取得的", "过去"];
    private static readonly string[] ParagraphOpeners = ["过去的一年", "过去一年", "过去五年", "一年来", "去年", "回顾", "近年来", "近几年", "这一年", "五年来", "过去的五年"];
    private static readonly string[] Frames = ["会议指出，", "会议认为，", "会议总结，", "会上，", "报告指出，"];

    /// <summary>A section heading such as “2009年教育工作的简要回顾”.</summary>
    public static bool IsReviewHeading(string heading, int? planYear)
    {
        heading = WithoutQuotes(heading);
        foreach (var w in HeadingWords)
        {
            if (heading.Contains(w, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return planYear is not null && StartsWithYear(heading, out var y) && y < planYear
            && heading.Contains("工作", StringComparison.Ordinal) && !heading.Contains("要点", StringComparison.Ordinal);
    }

    /// <summary>A paragraph that opens on the past: 过去的一年，… / 2009年在…中，… in a 2010 plan.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool IsReviewParagraph(string line, int? planYear)
    {
        var s = line.AsSpan();
        foreach (var f in Frames)
        {
            if (s.StartsWith(f, StringComparison.Ordinal))
            {
                s = s[f.Length..];
                break;
            }
        }

        foreach (var w in ParagraphOpeners)
        {
            if (s.StartsWith(w, StringComparison.Ordinal))
            {
                return true;
            }
        }

        if (line.Contains("过去的一年", StringComparison.Ordinal) && line.IndexOf("过去的一年", StringComparison.Ordinal) < 20)
        {
            return true;
        }

        return planYear is not null && StartsWithYear(s.ToString(), out var y) && y < planYear;
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

    private static bool StartsWithYear(string s, out int year)
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
