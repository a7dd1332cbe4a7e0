using System.Text.RegularExpressions;

namespace Luoshi.Parsing.Quantities;

/// <summary>
/// 向1160位非在编幼儿教师发放580万元专项补助经费: a payment names both its figures: the people paid are those who get it
/// (获专项补助的非在编幼儿教师), the sum is what they are paid (非在编幼儿教师专项补助经费).
/// </summary>
internal static class PaymentTo
{
    private static readonly string[] Verbs = ["发放", "拨付", "下拨", "颁发", "补助"];

    /// <summary>Words that end the name of a sum and say nothing of what the people get (补助<u>经费</u> → 获补助的…).</summary>
    private static readonly string[] FundEnds = ["经费", "资金", "金"];

    private static readonly Regex Count = new(@"^[0-9０-９.]+[万亿]?(余|多)?[位名人个所家]", RegexOptions.CultureInvariant);

    /// <summary>The sum paid at the start of what follows the verb (one instance: the static Regex.Replace looked its pattern up in a cache at every call).</summary>
    private static readonly Regex Sum = new(@"^[0-9０-９.]+[万亿]?(余|多)?元");

    /// <param name="read">The clause as the rules read it; the figure with its unit is [<paramref name="figureStart"/>, <paramref name="figureEnd"/>).</param>
    public static string? Find(string clause, string read, int figureStart, int figureEnd)
    {
        var to = read.LastIndexOf('向', Math.Max(0, figureStart - 1));
        if (to < 0)
        {
            return null;
        }

        var (verb, at) = Verbs.Select(v => (v, read.IndexOf(v, to, StringComparison.Ordinal))).Where(p => p.Item2 > to).OrderBy(p => p.Item2).FirstOrDefault();
        if (verb is null || at - to < 3)
        {
            return null;
        }

        var recipients = Count.Replace(clause[(to + 1)..at], string.Empty).Trim();
        var paid = clause[(at + verb.Length)..];
        var sum = Count.Replace(paid, string.Empty);
        sum = Sum.Replace(sum, string.Empty).Trim();
        if (recipients.Length < 2 || sum.Length < 2 || recipients.Any(char.IsDigit) || sum.Any(char.IsDigit))
        {
            return null;
        }

        if (figureStart > to && figureEnd <= at)
        {
            var gets = Text.WordAt.Ending(sum, FundEnds) is { } end && sum.Length > end.Length + 1 ? sum[..^end.Length] : sum;
            return "获" + gets + "的" + recipients;
        }

        return figureStart >= at + verb.Length ? recipients + sum : null;
    }
}
