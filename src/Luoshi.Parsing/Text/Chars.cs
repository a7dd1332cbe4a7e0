using System.Runtime.CompilerServices;

namespace Luoshi.Parsing.Text;

/// <summary>
/// Character classes the scanners dispatch on; full-width forms count like their ASCII twins. The scanners ask these of
/// nearly every character, so each is inlined where it is asked (the native compiler, without a profile, leaves even these
/// small ones as calls in a large method).
/// </summary>
public static class Chars
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsDigit(char c) => (c >= '0' && c <= '9') || (c >= '０' && c <= '９');

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int DigitValue(char c) => c <= '9' ? c - '0' : c - '０';

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsAsciiLetter(char c) => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= 'ａ' && c <= 'ｚ') || (c >= 'Ａ' && c <= 'Ｚ');

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsCjk(char c) => (c >= '\u4e00' && c <= '\u9fff') || (c >= '\u3400' && c <= '\u4dbf');

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsSpace(char c) => c == ' ' || c == '\t' || c == '\u3000' || c == '\u00a0' ||
        c == '\u2002' || c == '\u2003' || c == '\u200b' || c == '\ufeff';

    /// <summary>Ends a sentence: 。！？ and their ASCII forms.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsSentenceEnd(char c) => c is '。' or '！' or '？' or '!' or '?';

    /// <summary>Ends a clause after which a numbered item may start (。；：…).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsClauseBoundary(char c) => c is '。' or '；' or ';' or '：' or ':' or '！' or '？' or '!' or '?';

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsComma(char c) => c is '，' or ',' or '、';

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsDot(char c) => c is '.' or '．';

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsOpenParen(char c) => c is '(' or '（';

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsCloseParen(char c) => c is ')' or '）';

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsPercent(char c) => c is '%' or '％';

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsPlaceholderX(char c) => c is 'X' or 'x' or '×' or 'Ｘ' or 'ｘ';

    /// <summary>
    /// For each character: its value as a single Chinese digit plus one (0 when it is none), and <see cref="NumeralFlag"/> when
    /// it is a Chinese numeral character. One look-up instead of a switch: the scanners ask this of nearly every character.
    /// </summary>
    private static readonly byte[] Numerals = BuildNumerals();

    private const byte NumeralFlag = 0x80;

    /// <summary>Value of a single Chinese digit (零〇一二三四五六七八九两), or -1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int ChineseDigit(char c) => (Numerals[c] & 0x7F) - 1;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsChineseNumeralChar(char c) => Numerals[c] != 0;

    /// <summary>The Chinese numeral characters: the digits of <see cref="ChineseDigit"/> and 十百千 with their financial forms.</summary>
    public const string ChineseNumerals = "零〇○一壹二两贰三叁四肆五伍六陆七柒八捌九玖十百千拾佰仟";

    private static byte[] BuildNumerals()
    {
        var table = new byte[char.MaxValue + 1];
        foreach (var c in ChineseNumerals)
        {
            table[c] = (byte)((ChineseDigitOf(c) + 1) | NumeralFlag);
        }

        return table;
    }

    private static int ChineseDigitOf(char c) => c switch
    {
        '零' or '〇' or '○' => 0,
        '一' or '壹' => 1,
        '二' or '两' or '贰' => 2,
        '三' or '叁' => 3,
        '四' or '肆' => 4,
        '五' or '伍' => 5,
        '六' or '陆' => 6,
        '七' or '柒' => 7,
        '八' or '捌' => 8,
        '九' or '玖' => 9,
        _ => -1,
    };

    /// <summary>Punctuation that trims off the ends of headings and clauses.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsTrimPunct(char c) => c is '。' or '；' or ';' or '：' or ':' or '，' or ',' or '、' or '！' or '？' or '!' or '?' || IsSpace(c);

    public static string TrimPunct(ReadOnlySpan<char> s)
    {
        var start = 0;
        var end = s.Length;
        while (start < end && IsSpace(s[start]))
        {
            start++;
        }

        while (end > start && IsTrimPunct(s[end - 1]))
        {
            end--;
        }

        return s[start..end].ToString();
    }
}
