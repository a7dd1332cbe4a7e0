using Luoshi.Parsing.Text;

namespace Luoshi.Parsing.Quantities;

/// <summary>
/// Last touches on a subject, from how lists and totals are written: a figure the subject took from the clause before
/// (新建、扩建幼儿园项目1 122个共176万平方米 → the area's subject is 新建、扩建幼儿园项目), a school word said twice
/// (重点职校学校), and 新增/新建 shared by the members of a list (新增园位1000个、学位4000个 → 新增学位).
/// </summary>
internal static class SubjectTidy
{
    /// <summary>Verbs that say the things counted are new ones; a list's later members share them.</summary>
    private static readonly string[] NewWords = ["新建改扩建", "新建、改扩建", "新改扩建", "新建成", "新增", "新建", "新招录", "新聘"];

    private static readonly string[] Totals = ["共", "计", "合计", "总计"];

    public static string Apply(string subject, string? previous, bool listedAfterPrevious)
    {
        subject = WithoutFigureTail(subject);
        if (subject.EndsWith("校学校", StringComparison.Ordinal))
        {
            subject = subject[..^2]; // 国家级重点职校学校: 职校 already names the school
        }

        if (listedAfterPrevious && !string.IsNullOrEmpty(previous) && subject.Length >= 2)
        {
            foreach (var w in NewWords)
            {
                if (previous.StartsWith(w, StringComparison.Ordinal))
                {
                    return WordAt.StartsWithAny(subject, NewWords) ? subject : w + subject;
                }
            }
        }

        return subject;
    }

    /// <summary>项目1 122个共 → 项目: a figure, its unit and 共 ending a subject belong to the figure before.</summary>
    private static string WithoutFigureTail(string subject)
    {
        foreach (var total in Totals)
        {
            if (!subject.EndsWith(total, StringComparison.Ordinal))
            {
                continue;
            }

            var k = subject.Length - total.Length;
            var unitStart = k;
            while (unitStart > 0 && !Chars.IsDigit(subject[unitStart - 1]) && k - unitStart < 4)
            {
                unitStart--;
            }

            if (unitStart == k || unitStart == 0 || !Chars.IsDigit(subject[unitStart - 1])
                || Units.Read(Traditional.Simplify(subject).AsSpan(0, k), unitStart, out var unit) != k - unitStart || unit.Length == 0)
            {
                return subject;
            }

            var digits = unitStart;
            while (digits > 0 && (Chars.IsDigit(subject[digits - 1]) || Chars.IsDot(subject[digits - 1]) || subject[digits - 1] == ' '))
            {
                digits--;
            }

            return digits >= 2 ? subject[..digits].TrimEnd() : subject;
        }

        return subject;
    }
}
