namespace Luoshi.Parsing.Quantities;

/// <summary>
/// 学生应在3年内完成普通高中学习, 在30天内完成整改: a span that something must be done within is the time limit of that task
/// (完成普通高中学习的年限, 完成整改的期限), not a measure of the words before it.
/// </summary>
internal static class TimeLimit
{
    private static readonly string[] Units = ["年", "个月", "月", "周", "天", "日", "个工作日", "工作日", "小时"];

    public static string? Find(string clause, string read, int figureStart, int figureEnd, string unit)
    {
        if (!Units.Contains(unit) || figureStart < 1 || read[figureStart - 1] != '在' || figureEnd >= read.Length || read[figureEnd] != '内')
        {
            return null;
        }

        var task = clause[(figureEnd + 1)..].Trim();
        return task.Length >= 2 && !task.Any(char.IsDigit) ? task + "的" + (unit == "年" ? "年限" : "期限") : null;
    }
}
