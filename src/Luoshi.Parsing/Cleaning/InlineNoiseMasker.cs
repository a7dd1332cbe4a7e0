using System.Buffers;
using System.Text;
using Luoshi.Parsing.Text;

namespace Luoshi.Parsing.Cleaning;

/// <summary>
/// Removes contact noise inside a line: e-mail addresses, URLs, phone numbers, WeChat/QQ ids
/// (<c>招生(微信:zugong1893)人左右</c> becomes <c>招生人左右</c>, which states no number), and the reading glosses a
/// mirror site writes into the text (<c>學(xué)前</c>, <c>扩大(读:dà)</c>, <c>中小《练:xiǎo》学</c>, <c>[繁体:鎮]</c>,
/// <c>2021年nián 全市</c>), and casino brands a spam mirror writes into it.
/// </summary>
public static class InlineNoiseMasker
{
    private static readonly string[] IdLabels = ["微信号", "微信", "QQ群", "QQ", "qq", "VX", "vx", "wx", "WX"];
    private static readonly string[] PhoneLabels = ["电话", "热线", "手机", "传真", "联系方式", "Tel", "TEL", "tel"];

    public static string Mask(string line) => Mask(line, 0, out _);

    /// <summary>
    /// Masks a line that stands at <paramref name="origin"/> in the parser's text; <paramref name="map"/> tells where each
    /// character of the result is there.
    /// </summary>
    public static string Mask(string line, int origin, out SourceMap map)
    {
        map = SourceMap.At(origin);
        if (!NeedsWork(line))
        {
            return line;
        }

        // Most lines hold no noise: nothing is copied until the first. Only an ASCII character, 微 or one of WideStarts can
        // start noise (MatchNoise is 0 at any other), so the others are passed over in one tight scan.
        var i = 0;
        while (true)
        {
            var next = MayStartNoise.IndexOfAny(line.AsSpan(i));
            if (next < 0)
            {
                return line;
            }

            i += next;
            if (MatchNoise(line, i) > 0)
            {
                break;
            }

            i++;
        }

        var sb = new StringBuilder(line.Length).Append(line, 0, i);
        SourceMap.Builder? runs = null;
        while (i < line.Length)
        {
            var skip = MatchNoise(line, i);
            if (skip > 0)
            {
                runs ??= new SourceMap.Builder(origin);

                // A bracketed noise token takes its brackets with it.
                if (sb.Length > 0 && Chars.IsOpenParen(sb[^1]) && i + skip < line.Length && Chars.IsCloseParen(line[i + skip]))
                {
                    sb.Length--;
                    runs.Truncate(sb.Length);
                    skip++;
                }

                i += skip;
                runs.Continue(sb.Length, i);
                continue;
            }

            sb.Append(line[i]);
            i++;
        }

        if (runs is null)
        {
            return line;
        }

        map = runs.Build(sb.Length);
        return sb.ToString();
    }

    /// <summary>The characters noise can start with: a line without any is left as it is.</summary>
    private static readonly SearchValues<char> NoiseStarts =
        SearchValues.Create("@微QqhwVvW0123456789０１２３４５６７８９繁亚澳" + ToneVowels);

    /// <summary>The characters beyond ASCII that a gloss or a casino brand starts with; any other is passed over at once.</summary>
    private static readonly SearchValues<char> WideStarts = SearchValues.Create(WideStartChars);

    private const string WideStartChars = "（《【亚澳" + ToneVowels;

    /// <summary>The characters <see cref="MatchNoise"/> may find noise at: ASCII, 微 and <see cref="WideStarts"/>.</summary>
    private static readonly CharMask MayStartNoise = new(string.Concat(Enumerable.Range(0, 0x80).Select(c => (char)c)) + "微" + WideStartChars);

    /// <summary>
    /// Casino brands that a spam mirror writes into the text, mid-word (古浪澳门伦敦人县, 亚博体育实施步骤): no plan names them.
    /// </summary>
    private static readonly string[] CasinoBrands =
    [
        "亚博体育", "澳门银河", "澳门伦敦人", "澳门新葡京", "澳门金沙", "澳门威尼斯人", "澳门永利", "澳门葡京", "澳门美高梅", "澳门太阳城",
    ];

    /// <summary>Vowels with a tone mark: a Latin word with one is pinyin.</summary>
    private const string ToneVowels = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ";

    /// <summary>What a gloss in brackets opens with before its reading: 读:dà, 练:xiǎo, pinyin:qīng, 繁体:學, 繁:驟.</summary>
    private static readonly string[] GlossLabels = ["读", "拼音", "pinyin", "繁体", "繁", "练", "讀", "繁體", "練"];

    private static bool NeedsWork(string line) => line.AsSpan().ContainsAny(NoiseStarts);

    private static int MatchNoise(string s, int i)
    {
        var c = s[i];
        if (c >= 0x80 && c != '微')
        {
            // Chinese text: the common case, decided on one character unless it may open a gloss or a brand.
            return WideStarts.Contains(c) ? WideNoise(s, i) : 0;
        }

        if (i > 0 && c is '(' or '[' or '{' or (>= 'a' and <= 'z') && Chars.IsCjk(s[i - 1]) && Gloss(s, i) is > 0 and var gloss)
        {
            return gloss;
        }

        if (c == 'h' && (At(s, i, "http://") || At(s, i, "https://")))
        {
            return RunWhile(s, i, ch => !Chars.IsSpace(ch) && !Chars.IsCjk(ch) && ch is not ('）' or '，' or '。')) - i;
        }

        if (c == 'w' && At(s, i, "www."))
        {
            return RunWhile(s, i, ch => !Chars.IsSpace(ch) && !Chars.IsCjk(ch) && ch is not ('）' or '，' or '。')) - i;
        }

        foreach (var label in IdLabels)
        {
            if (label[0] == c && At(s, i, label))
            {
                var j = i + label.Length;
                while (j < s.Length && (s[j] is ':' or '：' or '号' || Chars.IsSpace(s[j])))
                {
                    j++;
                }

                var end = RunWhile(s, j, ch => ch < 128 && (char.IsLetterOrDigit(ch) || ch is '_' or '-'));
                if (end - j >= 5)
                {
                    return end - i;
                }
            }
        }

        if (IsEmailChar(c) && (i == 0 || !IsEmailChar(s[i - 1])))
        {
            var end = RunWhile(s, i, IsEmailChar);
            if (end < s.Length && s[end] == '@')
            {
                var domainEnd = RunWhile(s, end + 1, ch => ch < 128 && (char.IsLetterOrDigit(ch) || ch is '.' or '-'));
                if (domainEnd > end + 2)
                {
                    return domainEnd - i;
                }
            }
        }

        if (Chars.IsDigit(c) && (i == 0 || !Chars.IsDigit(s[i - 1])))
        {
            return MatchPhone(s, i);
        }

        return 0;
    }

    /// <summary>A gloss (（xué）, 《练:xiǎo》, a bare nián) or a casino brand at <paramref name="i"/>, a character beyond ASCII.</summary>
    private static int WideNoise(string s, int i)
    {
        if (s[i] is '亚' or '澳')
        {
            foreach (var brand in CasinoBrands)
            {
                if (At(s, i, brand))
                {
                    return brand.Length;
                }
            }

            return 0;
        }

        return i > 0 && Chars.IsCjk(s[i - 1]) ? Gloss(s, i) : 0;
    }

    /// <summary>
    /// The length of a reading gloss at <paramref name="i"/>, after a Chinese character: a bracket holding pinyin or a
    /// labelled reading (<c>(xué)</c>, <c>(读:dà)</c>, <c>[繁体:鎮]</c>), or a bare pinyin word with its space
    /// (<c>nián </c>); 0 if none.
    /// </summary>
    private static int Gloss(string s, int i)
    {
        var c = s[i];
        if (c is '(' or '（' or '《' or '[' or '{' or '【')
        {
            var close = c switch { '(' => ')', '（' => '）', '《' => '》', '[' => ']', '{' => '}', _ => '】' };
            var end = s.IndexOf(close, i + 1, Math.Min(16, s.Length - i - 1));
            if (end < 0)
            {
                return 0;
            }

            var inner = s.AsSpan(i + 1, end - i - 1);
            foreach (var label in GlossLabels)
            {
                if (inner.StartsWith(label, StringComparison.Ordinal) && inner.Length > label.Length + 1 && inner[label.Length] is ':' or '：')
                {
                    return end + 1 - i;
                }
            }

            return IsPinyin(inner) ? end + 1 - i : 0;
        }

        var run = i;
        while (run < s.Length && run - i < 8 && (s[run] is >= 'a' and <= 'z' || ToneVowels.Contains(s[run])))
        {
            run++;
        }

        if (!IsPinyin(s.AsSpan(i, run - i)) || (run < s.Length && !Chars.IsCjk(s[run]) && s[run] != ' '))
        {
            return 0;
        }

        return run < s.Length && s[run] == ' ' ? run + 1 - i : run - i;
    }

    /// <summary>Lower-case Latin letters with at least one tone mark (xué, dà, nóng): a reading, not a word of the text.</summary>
    private static bool IsPinyin(ReadOnlySpan<char> s)
    {
        if (s.Length is 0 or > 8)
        {
            return false;
        }

        var tone = false;
        foreach (var ch in s)
        {
            if (ToneVowels.Contains(ch))
            {
                tone = true;
            }
            else if (ch is not (>= 'a' and <= 'z'))
            {
                return false;
            }
        }

        return tone;
    }

    private static int MatchPhone(string s, int i)
    {
        var j = i;
        var digits = 0;
        var separators = 0;
        while (j < s.Length)
        {
            if (Chars.IsDigit(s[j]))
            {
                digits++;
            }
            else if (s[j] is '-' or '—' or '－' && j + 1 < s.Length && Chars.IsDigit(s[j + 1]) && separators < 2)
            {
                separators++;
            }
            else
            {
                break;
            }

            j++;
        }

        if (digits >= 11 && separators == 0)
        {
            return j - i;
        }

        if (digits < 7 || digits > 14)
        {
            return 0;
        }

        var firstRun = RunWhile(s, i, Chars.IsDigit) - i;
        var areaCode = separators >= 1 && firstRun is 3 or 4 && Chars.DigitValue(s[i]) == 0;
        return areaCode || HasLabelBefore(s, i) ? j - i : 0;
    }

    private static bool HasLabelBefore(string s, int i)
    {
        var from = Math.Max(0, i - 8);
        var window = s.AsSpan(from, i - from);
        foreach (var label in PhoneLabels)
        {
            if (window.Contains(label, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsEmailChar(char c) => c < 128 && (char.IsLetterOrDigit(c) || c is '.' or '_' or '-' or '+');

    private static bool At(string s, int i, string token) => Text.WordAt.Is(s, i, token);

    private static int RunWhile(string s, int i, Func<char, bool> pred)
    {
        while (i < s.Length && pred(s[i]))
        {
            i++;
        }

        return i;
    }
}
