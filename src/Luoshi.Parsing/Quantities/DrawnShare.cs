using System.Text.RegularExpressions;

namespace Luoshi.Parsing.Quantities;

/// <summary>
/// 从当地教师工资总额的3%部分中提取30%: a share drawn from a fund is the share drawn from it (从当地教师工资总额中提取的比例), the
/// fund named without the figures that measure it.
/// </summary>
internal static class DrawnShare
{
    private static readonly string[] Verbs = ["中提取", "中计提", "中列支", "中划出"];

    private static readonly Regex Measured = new(@"的?[0-9０-９.]+[%％]的?(部分)?", RegexOptions.CultureInvariant);

    public static string? Find(string clause, string read, int figureStart, string unit)
    {
        var verb = Text.WordAt.EndingAt(read, figureStart, Verbs);
        var from = verb is null ? -1 : read.LastIndexOf('从', figureStart - verb.Length);
        if (unit != "%" || from < 0)
        {
            return null;
        }

        var fund = Measured.Replace(clause[(from + 1)..(figureStart - verb!.Length)], string.Empty).Trim();
        return fund.Length >= 2 ? "从" + fund + verb + "的比例" : null;
    }
}
