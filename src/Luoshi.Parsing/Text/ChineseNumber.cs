namespace Luoshi.Parsing.Text;

/// <summary>Reads Chinese numerals (十三, 二十, 一百零五, 两) into integers.</summary>
public static class ChineseNumber
{
    /// <summary>Reads the longest Chinese numeral at <paramref name="start"/>; returns its length (0 if none).</summary>
    public static int Read(ReadOnlySpan<char> s, int start, out long value)
    {
        value = 0;
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
            if (unit == 0)
            {
                break;
            }

            section += (digit < 0 ? 1 : digit) * unit;
            digit = -1;
            i++;
        }

        if (i == start)
        {
            return 0;
        }

        value = section + (digit > 0 ? digit : 0);
        return i - start;
    }
}
