using Luoshi.Parsing.Text;

namespace Luoshi.Parsing.Quantities;

/// <summary>
/// （2）提高城乡生均公用经费标准。市本级小学、初中已提高到每年600元、800元: a sum whose subject names no money, and a share of a
/// whole that opens its sentence (要用好培训经费。学校公用经费的10%…), take the fund that the sentence before names
/// (市本级小学生均公用经费; 培训经费占学校公用经费比例).
/// </summary>
internal static class FundBefore
{
    private static readonly string[] Funds = ["经费", "资金"];

    /// <summary>Characters in a subject that already name money.</summary>
    private const string MoneyChars = "费金资款额薪酬价元贴助奖投入";

    /// <summary>At most this many characters before 经费 name the fund (生均公用经费, 培训经费).</summary>
    private const int FundName = 4;

    /// <summary>The longest sentence before that is searched.</summary>
    private const int Reach = 80;

    /// <param name="text">The text as the rules read it; the sentence opens at <paramref name="sentenceStart"/>, the clause
    /// at <paramref name="clauseStart"/>.</param>
    public static string Complete(string subject, string unit, string original, string text, int sentenceStart, int clauseStart, int figureStart)
    {
        var sum = unit == "元" && subject.Length >= 2 && !subject.Any(c => MoneyChars.Contains(c));
        var share = unit == "%" && clauseStart >= sentenceStart && subject.EndsWith("比例", StringComparison.Ordinal) && !subject.Contains('占')
            && text.AsSpan(clauseStart, figureStart - clauseStart).TrimEnd().EndsWith("的") && Opens(text, sentenceStart, clauseStart);
        if ((!sum && !share) || Fund(original, text, sentenceStart) is not { } fund || subject.Contains(fund, StringComparison.Ordinal))
        {
            return subject;
        }

        return sum ? subject + fund : fund + "占" + subject;
    }

    /// <summary>Whether every clause of the sentence before this one opens on a share of a whole (学校公用经费的10%，工资总额的3%).</summary>
    private static bool Opens(string text, int sentenceStart, int clauseStart)
    {
        var span = text.AsSpan(sentenceStart, clauseStart - sentenceStart);
        return span.IndexOfAny("、；") < 0 && span.Count('，') + span.Count(',') <= 1;
    }

    /// <summary>The fund that the sentence right before <paramref name="sentenceStart"/> names last.</summary>
    private static string? Fund(string original, string text, int sentenceStart)
    {
        var end = Math.Min(sentenceStart, text.Length) - 1;
        while (end > 0 && (Chars.IsSentenceEnd(text[end]) || Chars.IsSpace(text[end]) || text[end] == '\n'))
        {
            end--;
        }

        if (end < 2)
        {
            return null;
        }

        var start = end;
        while (start > 0 && end - start < Reach && !Chars.IsSentenceEnd(text[start - 1]) && text[start - 1] != '\n')
        {
            start--;
        }

        var best = -1;
        foreach (var f in Funds)
        {
            best = Math.Max(best, text.LastIndexOf(f, end, end - start + 1, StringComparison.Ordinal));
        }

        if (best < 0)
        {
            return null;
        }

        var k = best;
        while (k > start && best - k < FundName && Chars.IsCjk(text[k - 1]) && text[k - 1] is not ('好' or '的' or '和' or '与' or '及' or '对' or '把' or '将'))
        {
            k--;
        }

        return best - k >= 2 ? original[k..(best + 2)] : null;
    }
}
