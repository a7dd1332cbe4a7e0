using System.Collections.Frozen;
using Luoshi.Parsing.Text;

namespace Luoshi.Parsing.Quantities;

/// <summary>Measure words that may follow a figure (所 个 人 % 学分 平方米 …), looked up by their first character.</summary>
public static class Units
{
    private static readonly string[] All =
    [
        "个百分点", "百分点", "平方公里", "平方千米", "平方米", "万平方米", "人次", "场次", "所次", "批次", "个月", "个小时", "小时", "分钟", "学分", "学时", "课时", "公里", "千米", "公顷",
        "%", "％", "所", "个", "人", "名", "位", "项", "次", "期", "门", "周", "天", "年", "幢", "栋", "座", "间", "套", "台", "件", "家", "条", "批",
        "户", "例", "篇", "部", "种", "类", "支", "场", "节", "册", "本", "亩", "米", "元", "倍", "分", "班", "组", "队", "处", "张", "份", "辆",
        "吨", "株", "棵", "块", "层", "轮", "科", "册", "届", "岁", "只",
    ];

    /// <summary>Units that a figure may carry but that never make a quantity by themselves (dates, sessions, ages).</summary>
    private static readonly FrozenSet<string> NotMeasures = new[] { "届", "岁" }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>
    /// The units by their first character, longest first (equal lengths in the order of <see cref="All"/>): for each
    /// character the number of its group plus one (0: no unit starts with it). An array look-up, and no generic
    /// collection over characters that the runtime would have to compile at start-up.
    /// </summary>
    private static readonly byte[] GroupOf = new byte[char.MaxValue + 1];

    private static readonly string[][] Groups = BuildGroups();

    private static string[][] BuildGroups()
    {
        var groups = new List<List<string>>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var unit in All)
        {
            if (!seen.Add(unit))
            {
                continue;
            }

            if (GroupOf[unit[0]] == 0)
            {
                groups.Add([]);
                GroupOf[unit[0]] = checked((byte)groups.Count);
            }

            var group = groups[GroupOf[unit[0]] - 1];
            var at = group.Count;
            while (at > 0 && group[at - 1].Length < unit.Length)
            {
                at--;
            }

            group.Insert(at, unit);
        }

        return [.. groups.Select(g => g.ToArray())];
    }

    /// <summary>Characters of dates, sessions and ages.</summary>
    private static bool IsDateChar(char c) => c is '年' or '月' or '日' or '号' or '时' or '届' or '级' or '岁' or '秒';

    /// <summary>Reads the unit at <paramref name="i"/>; returns its length (0 if none).</summary>
    public static int Read(ReadOnlySpan<char> s, int i, out string unit)
    {
        unit = string.Empty;
        if (i >= s.Length || GroupOf[s[i]] == 0)
        {
            return 0;
        }

        foreach (var candidate in Groups[GroupOf[s[i]] - 1])
        {
            if (s[i..].StartsWith(candidate, StringComparison.Ordinal))
            {
                unit = candidate switch
                {
                    "％" => "%",
                    "个小时" => "小时",
                    _ => candidate,
                };
                return candidate.Length;
            }
        }

        return 0;
    }

    public static bool IsMeasure(string unit) => unit.Length > 0 && !NotMeasures.Contains(unit);

    /// <summary>True where a unit or a date word starts (so a digit before it is a figure or a date, not a list number).</summary>
    public static bool StartsUnitOrDate(ReadOnlySpan<char> s, int i) =>
        i < s.Length && (IsDateChar(s[i]) || Read(s, i, out _) > 0 || s[i] is '万' or '亿' or '多' or '余');
}
