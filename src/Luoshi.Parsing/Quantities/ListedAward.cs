namespace Luoshi.Parsing.Quantities;

/// <summary>
/// 获全国一等奖11个，二等奖6个；全省一等奖43个: in a list of award counts, a member that names only its grade (二等奖) or
/// its level and grade (全省一等奖) takes the contest and level of the member before it (…竞赛全国二等奖, …竞赛全省一等奖).
/// </summary>
internal static class ListedAward
{
    private static readonly string[] Grades =
    [
        "特等奖", "一等奖", "二等奖", "三等奖", "四等奖", "优秀奖", "金奖", "银奖", "铜奖", "金牌", "银牌", "铜牌", "第一名", "第二名", "第三名",
    ];

    private static readonly string[] Levels = ["全国", "全省", "全市", "全区", "全县", "国家级", "省级", "市级", "区级", "县级"];

    /// <summary>The longest award subject read as naming only its grade and level.</summary>
    private const int ShortAward = 6;

    public static string Complete(string subject, string? previous)
    {
        if (string.IsNullOrEmpty(previous) || subject.Length > ShortAward || Grade(subject) is null || Grade(previous) is not { } grade)
        {
            return subject;
        }

        var prefix = previous[..^grade.Length];
        if (Levels.Any(l => subject.StartsWith(l, StringComparison.Ordinal))
            && Levels.FirstOrDefault(l => prefix.EndsWith(l, StringComparison.Ordinal)) is { } level)
        {
            prefix = prefix[..^level.Length];
        }

        return prefix.Length == 0 || subject.StartsWith(prefix, StringComparison.Ordinal) ? subject : prefix + subject;
    }

    private static string? Grade(string subject) => Grades.FirstOrDefault(g => subject.EndsWith(g, StringComparison.Ordinal));
}
