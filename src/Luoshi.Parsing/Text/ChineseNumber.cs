namespace Luoshi.Parsing.Text;

/// <summary>Reads Chinese numerals (十三, 二十, 一百零五, 两, 三千六百, 一万二千) into integers.</summary>
public static class ChineseNumber
{
    /// <summary>Reads the longest Chinese numeral at <paramref name="start"/>; returns its length (0 if none).</summary>
    public static int Read(ReadOnlySpan<char> s, int start, out long value)
    {
        value = 0;
        long total = 0;
        long section = 0;
        long digit = -1;
        var i = start;
        while (i < s.Length && i - start < 12)
        {
            var c = s[i];
            var d = Chars.ChineseDigit(c);
            if (d >= 0)
            {
                if (digit >= 0 && d != 0 && digit != 0)
                {
                    break; // 三五 is a range, not one number
                }

                digit = d;
                i++;
                continue;
            }

            var unit = c switch
            {
                '十' or '拾' => 10,
                '百' or '佰' => 100,
                '千' or '仟' => 1000,
                _ => 0,
            };
            if (unit > 0)
            {
                section += (digit < 0 ? 1 : digit) * unit;
                digit = -1;
                i++;
                continue;
            }

            // 一万二千, 三万: 万 and 亿 close a section; only after a numeral (万一 and 千万 stay words to the caller).
            var big = c switch
            {
                '万' or '萬' => 10000L,
                '亿' or '億' => 100000000L,
                _ => 0L,
            };
            if (big == 0 || i == start || (section == 0 && digit <= 0))
            {
                break;
            }

            var part = section + Math.Max(digit, 0);
            total = big > 10000 ? (total + part) * big : total + (part * big);
            section = 0;
            digit = -1;
            i++;
        }

        if (i == start)
        {
            return 0;
        }

        value = total + section + (digit > 0 ? digit : 0);
        return i - start;
    }
}
