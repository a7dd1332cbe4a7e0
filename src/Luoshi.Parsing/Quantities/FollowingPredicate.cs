using Luoshi.Parsing.Text;

namespace Luoshi.Parsing.Quantities;

/// <summary>
/// 城西小学、迪荡初中等8个项目，均已明确开发区为建设主体: what the next clause says all of the counted things did (均…, 都…,
/// 全部…) says which of them are counted (已明确开发区为建设主体的项目).
/// </summary>
internal static class FollowingPredicate
{
    private static readonly string[] All = ["均", "都", "全部"];

    private const int MaxLength = 24;

    /// <param name="text">The text as the rules read it; the figure with its unit ends at <paramref name="figureEnd"/>.</param>
    public static string Complete(string subject, string original, string text, int figureEnd)
    {
        if (subject.Length < 2 || string.CompareOrdinal(text, figureEnd, subject, 0, subject.Length) != 0)
        {
            return subject;
        }

        var k = figureEnd + subject.Length;
        if (k + 2 >= text.Length || text[k] is not ('，' or ','))
        {
            return subject;
        }

        k++;
        var all = All.FirstOrDefault(w => string.CompareOrdinal(text, k, w, 0, w.Length) == 0);
        if (all is null)
        {
            return subject;
        }

        k += all.Length;
        var end = k;
        while (end < text.Length && !Chars.IsClauseBoundary(text[end]) && text[end] is not ('，' or ','))
        {
            if (Chars.IsDigit(text[end]))
            {
                return subject;
            }

            end++;
        }

        var predicate = original[k..end].Replace("了", string.Empty, StringComparison.Ordinal).Trim();
        return predicate.Length is >= 2 and <= MaxLength ? predicate + "的" + subject : subject;
    }
}
