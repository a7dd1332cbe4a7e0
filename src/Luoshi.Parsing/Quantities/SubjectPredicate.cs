using Luoshi.Parsing.Text;

namespace Luoshi.Parsing.Quantities;

/// <summary>
/// What a counted thing does after its figure says which of them are counted: 13处塑胶运动场地<u>已完成基础建设</u> →
/// 已完成基础建设的塑胶运动场地; 160名校长<u>接受“领雁工程”骨干培训</u> → 接受“领雁工程”骨干培训的校长; a count of people
/// 3所学校建设项目<u>完成开工手续</u> → 完成开工手续的学校建设项目 (a stage of work reached names which are counted); a count of people
/// without a noun of its own counts the people who do it: 44人<u>获全国学科竞赛一等奖</u> → 获全国学科竞赛一等奖的人数.
/// </summary>
internal static class SubjectPredicate
{
    /// <summary>Words that open a predicate right after a noun (an adverb of time or manner, a passive, a verb of taking part).</summary>
    private static readonly string[] Openers =
    [
        "已经", "已", "需要", "需", "获得", "获", "代表", "进入", "接受", "参加", "参与", "从中", "按时", "按期", "如期", "集中进行", "集中开展", "被", "有望", "通过",
        "完成", "成功", "竣工", "开工",
    ];

    private static readonly WordAt.Starts OpenerStarts = new(Openers);

    private static readonly string[] PeopleUnits = ["人", "名", "位", "人次"];

    /// <summary>The longest predicate kept; a longer one is a sentence of its own, not a description of the noun.</summary>
    private const int MaxLength = 24;

    public static bool OpensAt(string s, int i)
    {
        if (!OpenerStarts.MayStartAt(s, i))
        {
            return false;
        }

        foreach (var w in Openers)
        {
            if (WordAt.Is(s, i, w))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The predicate that starts at <paramref name="i"/> and runs to the clause's end, tidied; null if none is there.</summary>
    public static string? At(string clause, string read, int i)
    {
        while (i < read.Length && Chars.IsSpace(read[i]))
        {
            i++;
        }

        if (i >= read.Length || !OpensAt(read, i))
        {
            return null;
        }

        var end = i;
        while (end < read.Length && read[end] is not ('（' or '('))
        {
            if (Chars.IsDigit(read[end]) || Chars.IsPlaceholderX(read[end]) || read[end] is '%' or '％')
            {
                return null; // another figure: the rest of the clause is no description of this one
            }

            end++;
        }

        var predicate = clause[i..end].Replace("了", string.Empty, StringComparison.Ordinal).TrimEnd();
        return predicate.Length is >= 2 and <= MaxLength ? predicate : null;
    }

    /// <summary>The noun after a figure, described by the predicate that follows it.</summary>
    public static string Describe(string predicate, string noun) => predicate + "的" + noun;

    /// <summary>
    /// A figure with no noun of its own, followed by what was done: 44人获…一等奖 → 获…一等奖的人数, 连续三年被评为…单位 →
    /// 被评为…单位的年数 (other units name no count of a doer).
    /// </summary>
    public static string? Counted(string clause, string read, int figureEnd, string unit)
    {
        var count = PeopleUnits.Contains(unit) ? "人数" : unit switch { "年" => "年数", "次" => "次数", "天" => "天数", "周" => "周数", _ => null };
        return count is not null && At(clause, read, figureEnd) is { } predicate ? predicate + "的" + count : null;
    }

    public static bool IsPeopleUnit(string unit) => PeopleUnits.Contains(unit);
}
