using System.Buffers;
using Luoshi.Parsing.Model;
using Luoshi.Parsing.Outline;
using Luoshi.Parsing.Text;

namespace Luoshi.Parsing.Finders;

/// <summary>
/// Finds an item's explicit time limit: 到2019年9月, 6月底前, 年底前, 7月8日前, “七一”前, 至2017年底, a phase's window
/// in its heading (（2011年1月-2月） → 2011-02), a later year opening a clause (2013年，…). The earliest one wins;
/// phase schedule lines (第一阶段：…) and the plan's own year are not limits.
/// </summary>
public static class DeadlineFinder
{
    /// <summary>The characters a date can start with (2019年, 年底, 上半年, 第一季度, 秋季, “七一”, 国庆, 元旦).</summary>
    private static readonly SearchValues<char> AtomStarts = SearchValues.Create("0123456789０１２３４５６７８９年上下第秋春“\"国元");

    public static Deadline? Find(string heading, IEnumerable<TextSegment> segments, int? planYear)
    {
        Deadline? best = null;

        void Consider(DateAtom atom)
        {
            if (atom.ToDeadline(planYear) is { } deadline && (best is null || deadline.Date < best.Value.Date))
            {
                best = deadline;
            }
        }

        if (Window(heading) is { } window)
        {
            Consider(window);
        }

        foreach (var segment in segments)
        {
            if (segment.Phase)
            {
                continue;
            }

            var s = segment.Text;
            for (var i = 0; i < s.Length; i++)
            {
                var skip = s.AsSpan(i).IndexOfAny(AtomStarts);
                if (skip < 0)
                {
                    break;
                }

                i += skip;

                if (DateAtomReader.Read(s, i) is not { } atom)
                {
                    continue;
                }

                if (IsDeadline(s, atom, planYear))
                {
                    Consider(atom);
                }

                i = Math.Max(i, atom.End - 1);
            }
        }

        return best;
    }

    private static bool IsDeadline(string s, DateAtom atom, int? planYear)
    {
        if (atom.Start > 0 && s.LastIndexOf('《', atom.Start - 1) is var open and >= 0 && open > s.LastIndexOf('》', atom.Start - 1))
        {
            return false; // 《…规划纲要(2010-2020年)》: a date inside a document's name is part of the name, no time limit
        }

        var suffix = s.AsSpan(atom.End).TrimStart(' ');
        var before = s.AsSpan(0, atom.Start).TrimEnd(' ');
        var hasBefore = suffix.StartsWith("前") && !suffix.StartsWith("前夕") && !suffix.StartsWith("前后")
            || suffix.StartsWith("以前") || suffix.StartsWith("之前");
        var prefixTo = before.EndsWith("到") || before.EndsWith("截至") || before.EndsWith("截止") || before.EndsWith("截止到");
        var prefixUntil = before.EndsWith("至");
        var specific = atom.Month is not null || atom.PeriodEnd;
        if (atom.Year is null && planYear is null)
        {
            return false;
        }

        if (atom.Month is null && !atom.PeriodEnd)
        {
            // A bare year: a limit only after 到, or opening a clause / a season, and never the plan's own year.
            if (atom.Year is null || atom.Year <= planYear)
            {
                return false;
            }

            var opensClause = before.IsEmpty || Chars.IsClauseBoundary(before[^1]) || before[^1] is '，' or ',';
            return prefixTo || hasBefore || Labelled(before)
                || (opensClause && (suffix.StartsWith("，") || suffix.StartsWith("秋季") || suffix.StartsWith("春季") || suffix.StartsWith(",")));
        }

        if (!hasBefore && (before.EndsWith("截至") || before.EndsWith("截止")) && StatesProgress(suffix))
        {
            return false; // 截至6月底，已完成新建学校38所: where things stood then, not a limit
        }

        if (hasBefore || Labelled(before))
        {
            return true;
        }

        if (prefixTo && specific)
        {
            return true;
        }

        if (prefixUntil && atom.PeriodEnd)
        {
            return true;
        }

        // 上半年完成, 第三季度内: a half or a quarter is a limit when something is to be done in it.
        return atom.Day is null && atom.Month is not null && atom.PeriodEnd && atom.Start < s.Length
            && (s[atom.Start] is '上' or '下' or '第' || (atom.Year is not null && s.AsSpan(atom.Start).Contains("半年", StringComparison.Ordinal)))
            && (suffix.StartsWith("内") || suffix.StartsWith("完成") || before.EndsWith("于") || before.EndsWith("在"));
    }

    /// <summary>The sentence after a date says what is done by then (已…, 累计…).</summary>
    private static bool StatesProgress(ReadOnlySpan<char> after)
    {
        var end = after.IndexOfAny("。；;");
        var sentence = end < 0 ? after : after[..end];
        return Quantities.DoneSoFar.HasDone(sentence) || sentence.Contains("累计", StringComparison.Ordinal);
    }

    private static readonly string[] LimitLabels = ["完成时限", "完成时间", "时间节点", "截止时间", "完成期限", "时限要求", "时限"];

    /// <summary>完成时限：2024年10月, 时间节点：6月: a label that names the item's time limit, as a table's deadline column does.</summary>
    private static bool Labelled(ReadOnlySpan<char> before)
    {
        if (before.IsEmpty || before[^1] is not ('：' or ':'))
        {
            return false;
        }

        var label = before[..^1].TrimEnd(' ');
        foreach (var l in LimitLabels)
        {
            if (label.EndsWith(l, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The end of a date window written in parentheses in a heading: （2011年3月至4月中旬）.</summary>
    private static DateAtom? Window(string heading)
    {
        var open = heading.IndexOfAny(['（', '(']);
        if (open < 0 || (heading.LastIndexOf('《', open) is var book and >= 0 && book > heading.LastIndexOf('》', open)))
        {
            return null; // 落实《…行动计划（2021-2025年）》: the brackets close a document's name, they give no window
        }

        var close = heading.IndexOfAny(['）', ')'], open + 1);
        if (close < 0)
        {
            close = heading.Length;
        }

        int? year = null;
        DateAtom? last = null;
        for (var i = open + 1; i < close; i++)
        {
            if (!Chars.IsDigit(heading[i]) && heading[i] != '年')
            {
                continue;
            }

            if (DateAtomReader.Read(heading, i) is { } atom)
            {
                year = atom.Year ?? year;
                last = atom with { Year = atom.Year ?? year };
                i = Math.Max(i, atom.End - 1);
            }
        }

        return last is { Year: not null } ? last : null;
    }
}
