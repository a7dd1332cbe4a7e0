using Luoshi.Parsing.Model;
using Luoshi.Parsing.Text;

namespace Luoshi.Parsing.Quantities;

/// <summary>Reads the comparator around a figure: 达到/不低于/以上 → ≥, 不超过/以内 → ≤, 约/左右/保持 → =.</summary>
public static class ComparatorReader
{
    private static readonly string[] NegatedAtLeast = ["不低于", "不少于", "不小于"];
    private static readonly string[] AtLeastBefore = ["至少", "达到", "超过", "突破", "多于", "高于", "大于", "逾"];
    private static readonly string[] AtMostBefore = ["不超过", "不得超过", "不高于", "不多于", "最多", "至多", "控制在", "低于", "少于", "小于", "不到", "不足"];
    private static readonly string[] EqualBefore = ["约", "接近", "近", "保持", "稳定在", "大约"];

    /// <summary>
    /// <paramref name="before"/> is the clause text before the figure, <paramref name="after"/> the text right after its unit.
    /// </summary>
    public static Comparator Read(ReadOnlySpan<char> before, ReadOnlySpan<char> after, bool moreSuffix)
    {
        var a = after.TrimStart(" \u3000");
        if (a.StartsWith("左右", StringComparison.Ordinal))
        {
            return Comparator.Equal;
        }

        // Only the few characters before the figure speak about it (不少于总课时的20%).
        var window = before.Length > 10 ? before[^10..] : before;
        if ((EndsWithWithin(window, "保持", 1) || EndsWithWithin(window, "稳定在", 1)) && (a.StartsWith("以上") || a.StartsWith("及以上")))
        {
            return Comparator.AtLeast; // 保持在98.5%以上: the bound after the figure says more than 保持
        }

        foreach (var w in EqualBefore)
        {
            if (EndsWithWithin(window, w, 1))
            {
                return Comparator.Equal;
            }
        }

        if (a.StartsWith("以上", StringComparison.Ordinal) || a.StartsWith("及以上", StringComparison.Ordinal) || moreSuffix)
        {
            return Comparator.AtLeast;
        }

        if (a.StartsWith("以下", StringComparison.Ordinal) || a.StartsWith("以内", StringComparison.Ordinal)
            || a.StartsWith("内", StringComparison.Ordinal) || a.StartsWith("及以下", StringComparison.Ordinal))
        {
            return Comparator.AtMost;
        }

        foreach (var w in NegatedAtLeast)
        {
            if (window.Contains(w, StringComparison.Ordinal))
            {
                return Comparator.AtLeast;
            }
        }

        foreach (var w in AtMostBefore)
        {
            if (window.Contains(w, StringComparison.Ordinal))
            {
                return Comparator.AtMost;
            }
        }

        foreach (var w in AtLeastBefore)
        {
            if (window.Contains(w, StringComparison.Ordinal))
            {
                return Comparator.AtLeast;
            }
        }

        var trimmed = before.TrimEnd(" \u3000");
        // 首次突45.6%: a 突 right before the figure is 突破 with its second character lost (spun or cut text), never 冲突.
        if (trimmed.Length > 0 && (trimmed[^1] is '达' or '满' || (trimmed[^1] == '突' && (trimmed.Length == 1 || trimmed[^2] != '冲'))))
        {
            return Comparator.AtLeast;
        }

        return Comparator.Equal;
    }

    private static bool EndsWithWithin(ReadOnlySpan<char> s, string word, int slack)
    {
        for (var k = 0; k <= slack && k < s.Length; k++)
        {
            if (s[..(s.Length - k)].EndsWith(word, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}
