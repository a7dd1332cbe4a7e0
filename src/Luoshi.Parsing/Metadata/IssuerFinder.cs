using Luoshi.Parsing.Text;

namespace Luoshi.Parsing.Metadata;

/// <summary>Finds the city, district or province that issued a plan: named in its title, else the place the text names most.</summary>
public static class IssuerFinder
{
    /// <summary>The characters a place name ends with; a line is searched for them at once, not character by character.</summary>
    private static readonly System.Buffers.SearchValues<char> Suffixes = System.Buffers.SearchValues.Create("省市区县州旗");
    private static readonly string[] NotPlaces = ["全", "本", "我", "各", "该", "市", "省", "县", "区", "城", "地", "校",
        "社", "小", "辖", "园", "片", "学", "新", "老", "郊", "景"];

    public static string? Find(string? title, IReadOnlyList<string> lines)
    {
        if (title is not null && FirstPlace(title) is { } fromTitle)
        {
            return fromTitle;
        }

        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var line in lines.Take(200))
        {
            foreach (var place in Places(line))
            {
                counts[place] = counts.GetValueOrDefault(place) + 1;
            }
        }

        var best = counts.OrderByDescending(kv => kv.Value).FirstOrDefault();
        return best.Value >= 2 ? best.Key : null;
    }

    private static string? FirstPlace(string s) => Places(s).FirstOrDefault();

    private static IEnumerable<string> Places(string s)
    {
        for (var i = 2; i < s.Length; i++)
        {
            var next = s.AsSpan(i).IndexOfAny(Suffixes);
            if (next < 0)
            {
                yield break;
            }

            i += next;
            if (i + 1 < s.Length && s[i + 1] is '域' or '级' or '场')
            {
                continue; // 推进区域, 县域, 省级, 市场: a word, not a place
            }

            // the place name is the 2–3 CJK characters before the suffix, after a year, 中共 or a non-CJK character
            for (var len = 2; len <= 3; len++)
            {
                var start = i - len;
                if (start < 0)
                {
                    break;
                }

                var name = s.AsSpan(start, len);
                var ok = true;
                foreach (var c in name)
                {
                    if (!Chars.IsCjk(c) || Chars.IsChineseNumeralChar(c) || c is '年' or '月' or '日' or '在' or '于')
                    {
                        ok = false;
                        break;
                    }
                }

                if (!ok || WordAt.StartsWithAny(name, NotPlaces))
                {
                    continue;
                }

                var boundary = start == 0 || !Chars.IsCjk(s[start - 1]) || s[start - 1] is '年' or '共' or '在' or '，'
                    || s.AsSpan(0, start).EndsWith("中共", StringComparison.Ordinal);
                if (boundary)
                {
                    yield return s.Substring(start, len + 1);
                    break;
                }
            }
        }
    }
}
