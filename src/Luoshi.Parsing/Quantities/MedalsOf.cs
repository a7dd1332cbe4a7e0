namespace Luoshi.Parsing.Quantities;

/// <summary>
/// 其中25人获全国信息技术奥林匹克竞赛一等奖，奖牌数占全省1/3: medals or awards counted without a contest are those of the contest
/// the figure before named (全国信息技术奥林匹克竞赛奖牌数).
/// </summary>
internal static class MedalsOf
{
    private static readonly string[] Counts = ["奖牌数", "获奖数", "获奖人数", "奖牌", "金牌数"];

    private static readonly string[] Contests = ["竞赛", "大赛", "比赛", "联赛", "运动会"];

    public static string Complete(string subject, string? previous)
    {
        if (string.IsNullOrEmpty(previous) || Text.WordAt.Opening(subject, Counts) is null)
        {
            return subject;
        }

        var (contest, at) = Contests.Select(c => (c, previous.LastIndexOf(c, StringComparison.Ordinal))).OrderByDescending(p => p.Item2).First();
        if (at < 2)
        {
            return subject;
        }

        var start = previous.LastIndexOf('获', at) + 1;
        var name = previous[start..(at + contest.Length)];
        return name.Length >= 4 ? name + subject : subject;
    }
}
