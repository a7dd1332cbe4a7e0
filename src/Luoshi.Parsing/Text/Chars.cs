namespace Luoshi.Parsing.Text;

/// <summary>Character classes the scanners dispatch on; full-width forms count like their ASCII twins.</summary>
public static class Chars
{
    public static bool IsDigit(char c) => (c >= '0' && c <= '9') || (c >= '０' && c <= '９');

    public static int DigitValue(char c) => c <= '9' ? c - '0' : c - '０';

    public static bool IsAsciiLetter(char c) => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= 'ａ' && c <= 'ｚ') || (c >= 'Ａ' && c <= 'Ｚ');

    public static bool IsCjk(char c) => (c >= '\u4e00' && c <= '\u9fff') || (c >= '\u3400' && c <= '\u4dbf');

    public static bool IsSpace(char c) => c == ' ' || c == '\t' || c == '\u3000' || c == '\u00a0' ||
        c == '\u2002' || c == '\u2003' || c == '\u200b' || c == '\ufeff';

    /// <summary>Ends a sentence: 。！？ and their ASCII forms.</summary>
    public static bool IsSentenceEnd(char c) => c is '。' or '！' or '？' or '!' or '?';

    /// <summary>Ends a clause after which a numbered item may start (。；：…).</summary>
    public static bool IsClauseBoundary(char c) => c is '。' or '；' or ';' or '：' or ':' or '！' or '？' or '!' or '?';

    public static bool IsComma(char c) => c is '，' or ',' or '、';

    public static bool IsDot(char c) => c is '.' or '．';

    public static bool IsOpenParen(char c) => c is '(' or '（';

    public static bool IsCloseParen(char c) => c is ')' or '）';

    public static bool IsPercent(char c) => c is '%' or '％';

    public static bool IsPlaceholderX(char c) => c is 'X' or 'x' or '×' or 'Ｘ' or 'ｘ';

    /// <summary>Value of a single Chinese digit (零〇一二三四五六七八九两), or -1.</summary>
    public static int ChineseDigit(char c) => c switch
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

    public static bool IsChineseNumeralChar(char c) => ChineseDigit(c) >= 0 || c is '十' or '百' or '千' or '拾' or '佰' or '仟';

    /// <summary>Punctuation that trims off the ends of headings and clauses.</summary>
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
