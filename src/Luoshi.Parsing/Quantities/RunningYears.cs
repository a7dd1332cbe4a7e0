namespace Luoshi.Parsing.Quantities;

/// <summary>
/// 连续三年被评为…单位, 在…评选中连续三年占有一席: years in a row count the years of what follows them, 连续 kept (连续被评为…的年数),
/// and an event the clause opens on (在…中) names where it happened.
/// </summary>
internal static class RunningYears
{
    private const int DoneLength = 30;

    public static string? Find(string clause, string read, int figureStart, int figureEnd, string unit)
    {
        if (unit != "年" || figureStart < 2 || string.CompareOrdinal(read, figureStart - 2, "连续", 0, 2) != 0)
        {
            return null;
        }

        var done = clause[figureEnd..].Trim().Replace("了", string.Empty, StringComparison.Ordinal);
        if (done.Length is < 2 or > DoneLength || done.Any(char.IsDigit))
        {
            return null;
        }

        var opening = read[..(figureStart - 2)].Trim();
        var frame = opening.StartsWith('在') && opening.EndsWith('中') && opening.Length > 3 ? clause[1..(opening.Length - 1)] : string.Empty;
        return frame + "连续" + done + "的年数";
    }
}
