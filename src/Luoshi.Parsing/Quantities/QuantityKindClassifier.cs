using Luoshi.Parsing.Model;

namespace Luoshi.Parsing.Quantities;

/// <summary>
/// Tells a target (what the plan commits to) from an achievement (a result reported in a review of the past)
/// and from other figures (rules, thresholds, durations, comparison figures).
/// </summary>
public static class QuantityKindClassifier
{
    private static readonly string[] DurationUnits = ["小时", "天", "周", "个月", "学时", "分钟", "课时"];
    private static readonly string[] SentencePast = ["累计", "目前", "现有", "已经", "去年", "过去", "实现了", "达到了", "取得了", "获得了", "荣获", "创历史", "同比"];

    /// <param name="before">The clause text before the figure.</param>
    /// <param name="after">The text right after the figure and its unit.</param>
    /// <param name="sentence">The sentence the figure is in.</param>
    /// <param name="review">Whether the figure sits in a review of the past (a section or paragraph that looks back).</param>
    public static QuantityKind Classify(RawQuantity q, ReadOnlySpan<char> before, ReadOnlySpan<char> after, ReadOnlySpan<char> sentence, bool review)
    {
        var b = before.TrimEnd();
        if (b.EndsWith("从") || b.Contains("平均为", StringComparison.Ordinal) || b.Contains("平均水平", StringComparison.Ordinal) || b.EndsWith("平均")
            || b.EndsWith("后") || b.EndsWith("前") || b.Contains("预计", StringComparison.Ordinal))
        {
            return QuantityKind.Other; // 从116学分减少到…, 全省平均为…, 后20%学生, 预计将超过…
        }

        var within = after.IndexOf('中');
        if ((within is >= 0 and <= 4 && within + 1 < after.Length && after[within + 1] is '，' or ',' or '有' or '居' or '的' or '。' or '、')
            || after[..Math.Min(after.Length, 10)].IndexOf("的基础上") >= 0)
        {
            return QuantityKind.Other; // 14项中有7项, 10个部门中, 在600元的基础上
        }

        if (after.StartsWith("之差") || after.StartsWith("/") || after.StartsWith("／") || after.StartsWith("的标准") || (after.StartsWith("标准") && !after.StartsWith("标准化")))
        {
            return QuantityKind.Other; // 14项中, 1分之差, 200元/生·年的标准
        }

        if (q.Unit == "人")
        {
            var a = after.StartsWith("口") ? after[1..] : after;
            if ((a.StartsWith("以上") || a.StartsWith("以下")) && a.Length > 2 && a[2] is not ('，' or '。' or '；' or '、' or ',' or ';'))
            {
                return QuantityKind.Other; // 56人以上大班额, 600人以上学校: a size threshold
            }
        }

        if (Array.IndexOf(DurationUnits, q.Unit) >= 0)
        {
            return review ? QuantityKind.Achievement : QuantityKind.Other;
        }

        if (q.Unit == "年")
        {
            return review ? QuantityKind.Achievement : QuantityKind.Other;
        }

        if (q.Unit == "学分" && !(b.EndsWith("到") && !b.EndsWith("达到")))
        {
            return QuantityKind.Other;
        }

        if (review)
        {
            return QuantityKind.Achievement;
        }

        foreach (var w in SentencePast)
        {
            if (sentence.Contains(w, StringComparison.Ordinal))
            {
                return QuantityKind.Achievement;
            }
        }

        return QuantityKind.Target;
    }
}
