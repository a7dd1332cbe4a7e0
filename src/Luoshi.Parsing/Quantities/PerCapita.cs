namespace Luoshi.Parsing.Quantities;

/// <summary>
/// 对民办学校按200元/生·年的标准实行补助: a rate per student (per person) and year is what each gets, named by those paid and
/// what they get (民办学校生均年补助标准); a sum after it (计560万元) is the total paid (民办学校补助总额).
/// </summary>
internal static class PerCapita
{
    /// <summary>Words that say only that all of them are meant (全县普惠性幼儿园).</summary>
    private static readonly string[] Whole = ["全市", "全县", "全区", "全省", "全镇"];

    private static readonly string[] Doing = ["实行", "进行", "给予", "发放", "予以"];

    public static string? Find(string clause, string read, int figureStart, int figureEnd)
    {
        if (figureEnd + 1 >= read.Length || read[figureEnd] is not ('/' or '／') || read[figureEnd + 1] is not ('生' or '人'))
        {
            return null;
        }

        var per = read[figureEnd + 1] == '生' ? "生均" : "人均";
        var k = figureEnd + 2;
        if (k + 1 < read.Length && read[k] is '·' or '/' or '／' or '•' && read[k + 1] == '年')
        {
            per += "年";
            k += 2;
        }

        var standard = read.IndexOf("标准", k, StringComparison.Ordinal);
        var what = standard < 0 ? string.Empty : clause[(standard + 2)..].Trim();
        foreach (var d in Doing)
        {
            what = what.StartsWith(d, StringComparison.Ordinal) ? what[d.Length..] : what;
        }

        var by = read.LastIndexOf('按', Math.Max(0, figureStart - 1));
        var on = by < 0 ? -1 : read.LastIndexOf('对', by);
        var paid = by < 0 ? string.Empty : clause[(on + 1)..by].Trim();
        paid = Text.WordAt.Opening(paid, Whole) is { } whole && paid.Length > whole.Length + 1 ? paid[whole.Length..] : paid;
        return paid.Length >= 2 && what.Length is >= 2 and <= 6 ? paid + per + what + "标准" : null;
    }

    /// <summary>A sum right after a rate per head: the total paid (…生均年补助标准 → …补助总额).</summary>
    public static string? Total(string previous)
    {
        if (!previous.EndsWith("标准", StringComparison.Ordinal))
        {
            return null;
        }

        foreach (var per in new[] { "生均年", "人均年", "生均", "人均" })
        {
            var at = previous.IndexOf(per, StringComparison.Ordinal);
            if (at > 0)
            {
                return previous[..at] + previous[(at + per.Length)..^2] + "总额";
            }
        }

        return null;
    }
}
