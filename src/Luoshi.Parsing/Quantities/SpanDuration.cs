using System.Text.RegularExpressions;

namespace Luoshi.Parsing.Quantities;

/// <summary>
/// 第一学期从9月1日开始至1月15日结束，共二十周: a duration that sums up a span (从…至…, 共…) is the length of what the sentence
/// opens on (第一学期总周数); a year before it (2010学年) is no part of the name.
/// </summary>
internal static class SpanDuration
{
    private static readonly string[] Totals = ["总周数", "总天数", "总月数", "总年数"];

    /// <summary>
    /// 其中节假日三周。实际授课时间十七周: a duration after a span summed up (…总周数) is a part of that span and names it
    /// (第一学期节假日, 第一学期实际授课时间).
    /// </summary>
    public static string PartOf(string subject, string unit, string? spanBefore)
    {
        if (string.IsNullOrEmpty(spanBefore) || !SubjectMeasure.IsDuration(unit) || Text.WordAt.Ending(spanBefore, Totals) is not { } total)
        {
            return subject;
        }

        var span = spanBefore[..^total.Length];
        return span.Length == 0 || subject.StartsWith(span, StringComparison.Ordinal) || subject.EndsWith(total, StringComparison.Ordinal) ? subject : span + subject;
    }

    public static bool IsSpan(string subject) => Text.WordAt.Ending(subject, Totals) is not null;

    private static readonly Regex LeadingYear = new(@"^[0-9０-９]{4}(学年度|学年|年度|年)", RegexOptions.CultureInvariant);

    /// <param name="text">The text as the rules read it; the sentence opens at <paramref name="sentenceStart"/>.</param>
    public static string? Find(string original, string text, int sentenceStart, int figureStart, string unit)
    {
        var count = unit switch { "周" => "总周数", "天" or "日" => "总天数", "个月" or "月" => "总月数", "年" => "总年数", _ => null };
        if (count is null)
        {
            return null;
        }

        var from = text.IndexOf('从', sentenceStart, figureStart - sentenceStart);
        if (from < 0 || text.IndexOfAny(['至', '到'], from, figureStart - from) < 0)
        {
            return null;
        }

        var name = LeadingYear.Replace(original[sentenceStart..from].Trim(), string.Empty).Trim();
        return name.Length is >= 2 and <= 20 && !name.Any(char.IsDigit) && name.IndexOfAny(['，', ',', '、']) < 0 ? name + count : null;
    }
}
