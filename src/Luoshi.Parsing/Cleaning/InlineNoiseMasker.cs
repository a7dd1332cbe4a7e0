using System.Buffers;
using System.Text;
using Luoshi.Parsing.Text;

namespace Luoshi.Parsing.Cleaning;

/// <summary>
/// Removes contact noise inside a line: e-mail addresses, URLs, phone numbers, WeChat/QQ ids
/// (<c>招生(微信:zugong1893)人左右</c> becomes <c>招生人左右</c>, which states no number).
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

        var i = 0;
        while (i < line.Length && MatchNoise(line, i) == 0)
        {
            i++; // most lines hold no noise: nothing is copied until the first
        }

        if (i == line.Length)
        {
            return line;
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
    private static readonly SearchValues<char> NoiseStarts = SearchValues.Create("@微QqhwVvW0123456789０１２３４５６７８９");

    private static bool NeedsWork(string line) => line.AsSpan().ContainsAny(NoiseStarts);

    private static int MatchNoise(string s, int i)
    {
        var c = s[i];
        if (c >= 0x80 && c != '微')
        {
            return 0; // Chinese text: the common case, decided on one character
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
