using Luoshi.Parsing.Model;
using Luoshi.Parsing.Text;

namespace Luoshi.Parsing.Finders;

/// <summary>A date expression as written: 2019年9月, 6月底, 年底, 7月8日, “七一”, 上半年, 第三季度.</summary>
public readonly record struct DateAtom(int Start, int End, int? Year, int? Month, int? Day, bool PeriodEnd)
{
    /// <summary>
    /// The limit the expression sets, the plan's year standing in for a missing one: a bare year, a month, or a day
    /// (年底 → 31 December, 6月底 → 30 June, 上半年 → 30 June). Null without a year, or with one out of range.
    /// </summary>
    public Deadline? ToDeadline(int? planYear)
    {
        if ((Year ?? planYear) is not { } year || year is < 1 or > 9999 || Month is < 1 or > 12)
        {
            return null;
        }

        if (Month is not { } month)
        {
            return PeriodEnd ? Deadline.OfDay(year, 12, 31) : Deadline.OfYear(year);
        }

        if (Day is { } day)
        {
            return Deadline.OfDay(year, month, day);
        }

        return PeriodEnd ? Deadline.OfDay(year, month, 31) : Deadline.OfMonth(year, month);
    }
}

/// <summary>Reads one <see cref="DateAtom"/> at a position.</summary>
public static class DateAtomReader
{
    public static DateAtom? Read(string s, int i)
    {
        var c = s[i];
        if (c == '“' || c == '"')
        {
            return Festival(s, i + 1, i, quoted: true);
        }

        if (c is '五' or '七' or '国' or '元')
        {
            if (i > 0 && Chars.IsChineseNumeralChar(s[i - 1]))
            {
                return null;
            }

            return Festival(s, i, i, quoted: false);
        }

        if (c == '年' && (i + 1 < s.Length && s[i + 1] is '底' or '末')
            && (i == 0 || !Chars.IsDigit(s[i - 1]) && s[i - 1] != ' ' && !Chars.IsChineseNumeralChar(s[i - 1]) && s[i - 1] != '学'))
        {
            return new DateAtom(i, i + 2, null, null, null, true);
        }

        if (c == '上' && At(s, i, "上半年"))
        {
            return new DateAtom(i, i + 3, null, 6, null, true);
        }

        if (c == '下' && At(s, i, "下半年"))
        {
            return new DateAtom(i, i + 3, null, 12, null, true);
        }

        if (c == '第' && i + 3 < s.Length && At(s, i + 2, "季度"))
        {
            var q = Chars.ChineseDigit(s[i + 1]);
            return q is >= 1 and <= 4 ? new DateAtom(i, i + 4, null, q * 3, null, true) : null;
        }

        if (c == '秋' && At(s, i, "秋季开学"))
        {
            return new DateAtom(i, i + 4, null, 9, 1, false);
        }

        if (c == '春' && At(s, i, "春季开学"))
        {
            return new DateAtom(i, i + 4, null, 3, 1, false);
        }

        if (!Chars.IsDigit(c) || (i > 0 && (Chars.IsDigit(s[i - 1]) || Chars.IsDot(s[i - 1]))))
        {
            return null;
        }

        var j = Number(s, i, out var n);
        var k = SkipSpaces(s, j);
        int? year = null;
        int? month = null;
        int? day = null;
        var end = false;
        if (k < s.Length && s[k] == '年' && j - i == 4 && n is >= 1900 and <= 2100)
        {
            year = n;
            j = k + 1;
            if (j < s.Length && s[j] is '底' or '末')
            {
                return new DateAtom(i, j + 1, year, null, null, true);
            }

            if (At(s, j, "上半年"))
            {
                return new DateAtom(i, j + 3, year, 6, null, true);
            }

            if (At(s, j, "下半年"))
            {
                return new DateAtom(i, j + 3, year, 12, null, true);
            }

            if (j < s.Length && s[j] is '“' or '"' && Festival(s, j + 1, i, quoted: true) is { } f)
            {
                return f with { Year = year };
            }

            var m = SkipSpaces(s, j);
            if (m < s.Length && Chars.IsDigit(s[m]))
            {
                var e = Number(s, m, out var mm);
                var e2 = SkipSpaces(s, e);
                if (e2 < s.Length && s[e2] == '月' && mm is >= 1 and <= 12)
                {
                    month = mm;
                    j = e2 + 1;
                }
            }

            if (month is null)
            {
                return new DateAtom(i, j, year, null, null, false);
            }
        }
        else if (k < s.Length && s[k] == '月' && n is >= 1 and <= 12 && j - i <= 2)
        {
            month = n;
            j = k + 1;
        }
        else
        {
            return null;
        }

        if (j < s.Length && s[j] is '底' or '末')
        {
            return new DateAtom(i, j + 1, year, month, null, true);
        }

        if (j < s.Length && Chars.IsDigit(s[j]))
        {
            var e = Number(s, j, out var dd);
            if (e < s.Length && s[e] is '日' or '号' && dd is >= 1 and <= 31)
            {
                day = Math.Min(dd, DateTime.DaysInMonth(year ?? 2000, month.Value));
                j = e + 1;
            }
        }

        return new DateAtom(i, j, year, month, day, end);
    }

    private static DateAtom? Festival(string s, int i, int start, bool quoted)
    {
        (string Name, int Month, int Day)[] festivals = [("五一", 5, 1), ("七一", 7, 1), ("十一", 10, 1), ("国庆", 10, 1), ("元旦", 1, 1)];
        foreach (var (name, month, day) in festivals)
        {
            if (At(s, i, name))
            {
                var j = i + name.Length;
                if (quoted)
                {
                    if (j >= s.Length || s[j] is not ('”' or '"'))
                    {
                        return null;
                    }

                    j++;
                }
                else if (name is "五一" or "七一" or "十一")
                {
                    return null; // unquoted 五一 is too often a numeral
                }

                return new DateAtom(start, j, null, month, day, false);
            }
        }

        return null;
    }

    private static int Number(string s, int i, out int value)
    {
        value = 0;
        var j = i;
        while (j < s.Length && Chars.IsDigit(s[j]) && j - i < 5)
        {
            value = (value * 10) + Chars.DigitValue(s[j]);
            j++;
        }

        return j;
    }

    private static int SkipSpaces(string s, int j)
    {
        while (j < s.Length && s[j] == ' ')
        {
            j++;
        }

        return j;
    }

    private static bool At(string s, int i, string token) =>
        i >= 0 && i + token.Length <= s.Length && Text.WordAt.Is(s, i, token);
}
