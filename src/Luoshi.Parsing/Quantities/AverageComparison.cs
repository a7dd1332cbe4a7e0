namespace Luoshi.Parsing.Quantities;

/// <summary>
/// 文、理科上线率分别为51.2%、63.7%（全省平均为27.1%、49.5%）: figures after a place's 平均 compare with the figures stated
/// just before them and measure the same things, averaged over that place (全省平均文科上线率, 全省平均理科上线率).
/// </summary>
internal static class AverageComparison
{
    /// <summary>The longest place named before 平均 (全省, 全国, 全市, 全国城市).</summary>
    private const int PlaceLength = 4;

    /// <param name="text">The text as the rules read it; the clause opens at <paramref name="clauseStart"/>.</param>
    /// <param name="earlier">The subjects of the figures stated before this one in the same sentence.</param>
    public static string? Complete(string text, int clauseStart, int figureStart, IReadOnlyList<string> earlier)
    {
        if (earlier.Count == 0 || figureStart <= clauseStart || text.LastIndexOf("平均", figureStart - 1, figureStart - clauseStart, StringComparison.Ordinal) < 0)
        {
            return null;
        }

        var before = text[clauseStart..figureStart];
        var at = before.LastIndexOf("平均", StringComparison.Ordinal);

        // Between 平均 and the figure: 为/是/水平 and the figures of the same list before this one.
        var nth = 0;
        foreach (var c in before[(at + 2)..])
        {
            if (c == '、')
            {
                nth++;
            }
            else if (!(c is '为' or '是' or '水' or '平' or '约' or '近' or '%' or '％' or '.' || char.IsDigit(c)))
            {
                return null;
            }
        }

        var place = before[(before.LastIndexOfAny(['（', '('], at) + 1)..at].Trim();
        if (place.Length is 0 or > PlaceLength || place.Any(c => !char.IsLetter(c)))
        {
            return null;
        }

        var count = nth + 1;
        for (var k = figureStart; k < text.Length && text[k] is not ('，' or ',' or '。' or '；' or '）' or ')'); k++)
        {
            if (text[k] == '、')
            {
                count++;
            }
        }

        // The members of this list before it are the last nth of the earlier subjects; the compared list comes before them.
        if (earlier.Count < count + nth)
        {
            return null;
        }

        var compared = earlier[earlier.Count - count];
        return compared.Contains("平均", StringComparison.Ordinal) ? place + compared : place + "平均" + compared;
    }
}
