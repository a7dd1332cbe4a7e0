using Luoshi.Parsing.Quantities;
using Luoshi.Parsing.Text;

namespace Luoshi.Parsing.Outline;

/// <summary>The numbering styles of Chinese official documents.</summary>
public enum MarkerStyle
{
    /// <summary>一、</summary>
    ChineseComma,

    /// <summary>（一） (一)</summary>
    ChineseParen,

    /// <summary>1. 1． 1、</summary>
    ArabicDot,

    /// <summary>1 followed directly by the heading (numbering lost in a copy: <c>育人1切实强化</c>).</summary>
    ArabicBare,

    /// <summary>（1） (1)</summary>
    ArabicParen,

    /// <summary>① ⑴</summary>
    Circled,

    /// <summary>一是 二是</summary>
    ChineseShi,

    /// <summary>一要 二要</summary>
    ChineseYao,

    /// <summary>第一， 第二，</summary>
    Ordinal,

    /// <summary>第一部分 第二部分: parts above 一、</summary>
    Part,

    /// <summary>A task table's row number (its 序号 cell).</summary>
    TableRow,

    /// <summary>【总体要求】 alone on a line: a part heading above 一、, written without a number.</summary>
    Bracket,
}

/// <summary>A numbering marker found in the text.</summary>
public readonly record struct Marker(MarkerStyle Style, int Ordinal, int Length)
{
    /// <summary>
    /// Structural styles nest by rank (一、 above （一） above 1. above （1） above ① above a table's rows); run styles
    /// (一是 一要 第一) nest wherever they start.
    /// </summary>
    public int Rank => Style switch
    {
        MarkerStyle.Part or MarkerStyle.Bracket => 1,
        MarkerStyle.ChineseComma => 2,
        MarkerStyle.ChineseParen => 3,
        MarkerStyle.ArabicDot or MarkerStyle.ArabicBare => 4,
        MarkerStyle.ArabicParen => 5,
        MarkerStyle.Circled => 6,
        MarkerStyle.TableRow => 7,
        _ => 0,
    };

    public bool IsRun => Rank == 0;

    /// <summary>Styles that count as one (1. and 1、 and the glued 1 number the same list).</summary>
    public int Family => Style == MarkerStyle.ArabicBare ? (int)MarkerStyle.ArabicDot : (int)Style;
}

/// <summary>Recognises a numbering marker at a position (the caller decides whether the position may start an item).</summary>
public static class OutlineMarkers
{
    public static bool StartsWithMarker(string line)
    {
        var i = 0;
        while (i < line.Length && Chars.IsSpace(line[i]))
        {
            i++;
        }

        return TryMatch(line, i, out _);
    }

    public static bool TryMatch(ReadOnlySpan<char> s, int i, out Marker marker)
    {
        marker = default;
        if (i >= s.Length)
        {
            return false;
        }

        var c = s[i];
        int len;
        long value;
        if (Chars.IsOpenParen(c) && i + 2 < s.Length)
        {
            if (Chars.IsDigit(s[i + 1]))
            {
                len = ReadDigits(s, i + 1, out value);
                if (len is >= 1 and <= 2 && i + 1 + len < s.Length && Chars.IsCloseParen(s[i + 1 + len]) && value >= 1)
                {
                    marker = new Marker(MarkerStyle.ArabicParen, (int)value, WithSpaces(s, i, len + 2));
                    return true;
                }

                return false;
            }

            len = ChineseNumber.Read(s, i + 1, out value);
            if (len is >= 1 and <= 3 && i + 1 + len < s.Length && Chars.IsCloseParen(s[i + 1 + len])
                && value >= 1 && s[i + 1] != '两' && s[i + 1] != '零')
            {
                marker = new Marker(MarkerStyle.ChineseParen, (int)value, WithSpaces(s, i, len + 2));
                return true;
            }

            return false;
        }

        if (IsEnclosedNumber(c))
        {
            marker = new Marker(MarkerStyle.ChineseParen, c - '\u3220' + 1, WithSpaces(s, i, 1));
            return true;
        }

        if (c >= '\u2460' && c <= '\u2473')
        {
            marker = new Marker(MarkerStyle.Circled, c - '\u2460' + 1, WithSpaces(s, i, 1));
            return true;
        }

        if (c >= '\u2474' && c <= '\u2487')
        {
            marker = new Marker(MarkerStyle.Circled, c - '\u2474' + 1, WithSpaces(s, i, 1));
            return true;
        }

        if (Chars.IsDigit(c))
        {
            len = ReadDigits(s, i, out value);
            if (len > 2 || value < 1)
            {
                return false;
            }

            var j = i + len;
            if (j >= s.Length)
            {
                return false;
            }

            if (s[j] is ')' or '）' && j + 1 < s.Length && Chars.IsCjk(s[j + 1]) && value <= 50)
            {
                // 1)加强…, 2）深化…: a number with only its closing bracket, written as （1）.
                marker = new Marker(MarkerStyle.ArabicParen, (int)value, WithSpaces(s, i, len + 1));
                return true;
            }

            if (Chars.IsDot(s[j]) || s[j] == '、')
            {
                // 1.5亿 is a decimal, 1.2.3 a section number, 1、2、3名 a list of figures.
                if (j + 1 < s.Length && (Chars.IsDigit(s[j + 1]) || Chars.IsPercent(s[j + 1])))
                {
                    return false;
                }

                marker = new Marker(MarkerStyle.ArabicDot, (int)value, WithSpaces(s, i, len + 1));
                return true;
            }

            if (Chars.IsSpace(s[j]))
            {
                var k = j;
                while (k < s.Length && Chars.IsSpace(s[k]))
                {
                    k++;
                }

                if (k < s.Length && Chars.IsCjk(s[k]) && !Units.StartsUnitOrDate(s, k))
                {
                    marker = new Marker(MarkerStyle.ArabicBare, (int)value, k - i);
                    return true;
                }
            }

            return false;
        }

        if (c == '第')
        {
            len = ChineseNumber.Read(s, i + 1, out value);
            var j = i + 1 + len;
            if (len is >= 1 and <= 3 && value >= 1 && j < s.Length && s[j] is '，' or ',' or '、')
            {
                marker = new Marker(MarkerStyle.Ordinal, (int)value, WithSpaces(s, i, len + 2));
                return true;
            }

            if (len is >= 1 and <= 3 && value >= 1 && s[j..].StartsWith("部分") && (j + 2 >= s.Length || Chars.IsSpace(s[j + 2]) || s[j + 2] is '：' or ':' or '、'))
            {
                var k = j + 2 < s.Length && s[j + 2] is '：' or ':' or '、' ? j + 3 : j + 2;
                marker = new Marker(MarkerStyle.Part, (int)value, WithSpaces(s, i, k - i));
                return true;
            }

            return false;
        }

        if (Chars.IsChineseNumeralChar(c) && c != '两' && c != '零' && c != '〇' && c != '○')
        {
            len = ChineseNumber.Read(s, i, out value);
            if (len is < 1 or > 3 || value < 1 || value > 99)
            {
                return false;
            }

            var j = i + len;
            if (j >= s.Length)
            {
                return false;
            }

            if (s[j] == '、')
            {
                // 一、二年级 and 一、二等奖 are lists of numerals, not a heading.
                if (j + 1 < s.Length && Chars.IsChineseNumeralChar(s[j + 1]))
                {
                    return false;
                }

                marker = new Marker(MarkerStyle.ChineseComma, (int)value, WithSpaces(s, i, len + 1));
                return true;
            }

            if (Chars.IsDot(s[j]) && j + 1 < s.Length && Chars.IsCjk(s[j + 1]) && !Chars.IsChineseNumeralChar(s[j + 1]))
            {
                // 一.指导思想: a careless 一、 with a dot.
                marker = new Marker(MarkerStyle.ChineseComma, (int)value, WithSpaces(s, i, len + 1));
                return true;
            }

            if (s[j] == '是' && !(j + 1 < s.Length && s[j + 1] is '否' or '非'))
            {
                marker = new Marker(MarkerStyle.ChineseShi, (int)value, WithSpaces(s, i, len + 1));
                return true;
            }

            if (s[j] == '要' && !(j + 1 < s.Length && s[j + 1] is '求' or '点' or '素' or '是' or '害' or '闻' or '件' or '务' or '领'))
            {
                marker = new Marker(MarkerStyle.ChineseYao, (int)value, WithSpaces(s, i, len + 1));
                return true;
            }
        }

        return false;
    }

    private static int ReadDigits(ReadOnlySpan<char> s, int i, out long value)
    {
        value = 0;
        var j = i;
        while (j < s.Length && Chars.IsDigit(s[j]) && j - i < 9)
        {
            value = (value * 10) + Chars.DigitValue(s[j]);
            j++;
        }

        return j - i;
    }

    private static int WithSpaces(ReadOnlySpan<char> s, int i, int len)
    {
        var j = i + len;
        while (j < s.Length && Chars.IsSpace(s[j]))
        {
            j++;
        }

        return j - i;
    }

    /// <summary>㈠ … ㈩: a word processor's （一） … （十） as one character.</summary>
    public static bool IsEnclosedNumber(char c) => c is >= '\u3220' and <= '\u3229';
}
