using Luoshi.Parsing.Outline;

namespace Luoshi.Parsing.Cleaning;

/// <summary>Drops runs of very short lines (site menus: 首页 / 新闻中心 / 学校公告 …) that survive the line rules.</summary>
public static class NavigationBlockFilter
{
    private const int MaxLength = 10;
    private const int MinRun = 4;

    /// <summary>Marks, in <paramref name="removed"/>, the lines that belong to a menu run; the lines of a task table are no menu.</summary>
    public static void Apply(IReadOnlyList<string> lines, bool[] removed, List<(int Index, string Reason)> reasons, bool[]? table = null)
    {
        var run = new List<int>();
        for (var i = 0; i <= lines.Count; i++)
        {
            if (i < lines.Count && (removed[i] || lines[i].Length == 0))
            {
                continue; // removed and blank lines do not break a menu
            }

            if (i < lines.Count && table?[i] != true && IsMenuLike(lines[i]))
            {
                run.Add(i);
                continue;
            }

            if (run.Count >= MinRun)
            {
                foreach (var index in run)
                {
                    removed[index] = true;
                    reasons.Add((index, "站点导航"));
                }
            }

            run.Clear();
        }
    }

    private static bool IsMenuLike(string line)
    {
        if (line.Length > MaxLength || OutlineMarkers.StartsWithMarker(line))
        {
            return false;
        }

        foreach (var c in line)
        {
            if (c is '。' or '，' or '；' or '：' or ',' or ';' or ':')
            {
                return false;
            }
        }

        return true;
    }
}
