using System.Text.RegularExpressions;
using Luoshi.Parsing.Text;

namespace Luoshi.Parsing.Quantities;

/// <summary>
/// 在省里公布的12项发展指标中，我县有8项居全省前列: a sentence that opens on a set (在…中，) names what its bare counts count.
/// A figure inside the frame counts the set's members (在接受检查的10个部门中 → 接受检查的部门); a figure after it with only a
/// measure word counts members of the set (14项中 → the set), and what they do after it says which (有7项居全省第一 →
/// 居全省第一的…).
/// </summary>
internal static class SetFrame
{
    /// <summary>The longest frame read as naming a set.</summary>
    private const int FrameLength = 40;

    /// <summary>The longest description after a counted member (居全省第一).</summary>
    private const int DescriptionLength = 12;

    private static readonly string[] MeasureWords = ["项", "个", "所", "门", "类", "条", "家", "支", "种"];

    /// <param name="text">The text as the rules read it; the sentence opens at <paramref name="sentenceStart"/>, the clause
    /// ends at <paramref name="clauseEnd"/>, the figure with its unit is [<paramref name="figureStart"/>, <paramref name="figureEnd"/>).</param>
    public static string? Find(string original, string text, int sentenceStart, int clauseEnd, int figureStart, int figureEnd, string unit)
    {
        var open = sentenceStart;
        while (open < text.Length && Chars.IsSpace(text[open]))
        {
            open++;
        }

        if (open >= text.Length || text[open] != '在' || !MeasureWords.Contains(unit))
        {
            return null;
        }

        var close = text.IndexOf("中，", open, Math.Min(FrameLength, text.Length - open), StringComparison.Ordinal);
        if (close < 0)
        {
            close = text.IndexOf("中,", open, Math.Min(FrameLength, text.Length - open), StringComparison.Ordinal);
        }

        if (close <= open + 3)
        {
            return null;
        }

        if (figureEnd <= close)
        {
            // 在市委组织部干部任用检查的10个部门中: the set itself, without the figure.
            return Tidy(original[(open + 1)..figureStart] + original[figureEnd..close]);
        }

        var set = Tidy(original[(open + 1)..close]);
        if (figureEnd < text.Length && text[figureEnd] == '中')
        {
            return set; // 14项中
        }

        var before = text.AsSpan(open, figureStart - open).TrimEnd();
        if (!before.EndsWith("有") && !before.EndsWith("中"))
        {
            return null;
        }

        // 有7项居全省第一: the members that do it, named by the set's head noun (the set's own modifier dropped).
        var description = original[figureEnd..clauseEnd].Trim();
        var head = set[(set.LastIndexOf('的') + 1)..];
        return description.Length is >= 2 and <= DescriptionLength && !description.Any(Chars.IsDigit) && head.Length >= 2 ? description + "的" + head : set;
    }

    /// <summary>The set's name without the count of its members (公布的12项指标 → 公布的指标).</summary>
    private static string Tidy(string s) => Counted.Replace(s, string.Empty).Trim().TrimEnd('的');

    private static readonly Regex Counted = new("[0-9０-９.]+[项个所门类条家支种]", RegexOptions.CultureInvariant);
}
