using Luoshi.Parsing.Model;
using Luoshi.Parsing.Text;

namespace Luoshi.Parsing.Quantities;

/// <summary>
/// Finds measured figures in a piece of text, left to right, in one pass: Arabic and Chinese numerals, decimals,
/// 万/亿, percentages (百分之六十五), ranges, ratios and fractions, XX placeholders. Skips what only looks like a
/// figure: dates and years, ordinals (第…), slogans in short quotes (“四个意识”), titles in 《》, formulas (1+1+6).
/// </summary>
public static class QuantityScanner
{
    private static readonly string[] AbstractCountUnits = ["个", "项", "条", "批", "支", "大", "点", "级", "方面"];
    private static readonly string[] EnumeratedUnits = ["个", "所", "项", "名", "人", "位", "家", "座", "幢"];
    /// <summary>What follows 元 when a numeral and 元 make a term (二元结构, 二元化, 一元论), not a sum of money.</summary>
    private static readonly string[] TermsAfterYuan = ["结构", "化", "论", "制", "体制", "格局", "分割", "对立", "主体", "方程", "函数"];

    private static readonly string[] SchemeNouns = ["工程", "行动", "计划", "项目", "战略", "举措", "攻坚战"];
    private static readonly string[] ConcreteUnits = ["所", "周", "天", "小时", "个月", "学分", "学时", "元", "平方米", "人", "位", "名", "幢", "栋", "座", "门", "期", "次", "处"];

    public static List<RawQuantity> Scan(string s, int limit = int.MaxValue)
    {
        var result = new List<RawQuantity>();
        var i = 0;
        while (i < s.Length && result.Count <= limit)
        {
            // Characters that start nothing below are passed over in one vectorised search.
            var skip = s.AsSpan(i).IndexOfAny(Starts);
            if (skip < 0)
            {
                break;
            }

            i += skip;
            var c = s[i];
            if (c == '“' || c == '"' || c == '「')
            {
                var close = IndexOfWithin(s, i + 1, c == '“' ? '”' : c == '「' ? '」' : '"', 12);
                if (close > 0)
                {
                    i = close + 1; // a short quoted phrase is a slogan or a name: 四个意识, 1+1+6, 三名+
                    continue;
                }
            }
            else if (c == '《')
            {
                var close = IndexOfWithin(s, i + 1, '》', 80);
                i = close > 0 ? close + 1 : i + 1;
                continue;
            }
            else if (c == '第')
            {
                i = SkipOrdinal(s, i + 1);
                continue;
            }

            var next = i + 1;
            RawQuantity? q = null;
            if (Chars.IsDigit(c))
            {
                q = ReadArabic(s, i, result, out next);
            }
            else if (IsBlank(c))
            {
                q = ReadPlaceholder(s, i, out next);
            }
            else if (c == '百' && At(s, i, "百分之"))
            {
                q = ReadPercentWords(s, i, out next);
            }
            else if (Chars.IsChineseNumeralChar(c))
            {
                q = ReadChinese(s, i, out next);
            }
            else if (c == '万')
            {
                q = ReadBareWan(s, i, out next);
            }

            if (q is not null)
            {
                result.Add(q);
            }

            i = Math.Max(next, i + 1);
        }

        return result;
    }

    /// <summary>Every character a branch of <see cref="Scan"/> acts on: the others are passed over.</summary>
    private static readonly System.Buffers.SearchValues<char> Starts = System.Buffers.SearchValues.Create(StartChars());

    private static string StartChars()
    {
        var starts = new System.Text.StringBuilder();
        for (var c = char.MinValue; c < char.MaxValue; c++)
        {
            if (c is '“' or '"' or '「' or '《' or '第' or '百' or '万' || Chars.IsDigit(c) || IsBlank(c) || Chars.IsChineseNumeralChar(c))
            {
                starts.Append(c);
            }
        }

        return starts.ToString();
    }

    private static RawQuantity? ReadArabic(string s, int start, List<RawQuantity> found, out int next)
    {
        var j = ReadNumber(s, start, out var value, out var intDigits, out var leadingZero);
        next = j;
        if (start > 0 && (Chars.IsAsciiLetter(s[start - 1])
            || s[start - 1] is '+' or '＋' or '*' or '×' or '/' or '.' or '．' or '-' or '_' or '〔' or '['
            || Chars.IsDigit(s[start - 1])))
        {
            next = SkipDigitsAndDots(s, j);
            return null;
        }

        if (j < s.Length && (Chars.IsAsciiLetter(s[j]) || s[j] is '+' or '＋' or '*' or '_' or '〕' or ']'))
        {
            next = SkipDigitsAndDots(s, j);
            return null;
        }

        if (j + 1 < s.Length && Chars.IsDot(s[j]) && Chars.IsDigit(s[j + 1]))
        {
            next = SkipDigitsAndDots(s, j); // 1.2.3 section numbers, IP-like strings
            return null;
        }

        return ReadTail(s, start, j, value, placeholder: false,
            isYearLike: intDigits == 4 && value >= 1900 && value <= 2100, leadingZero, found, out next);
    }

    /// <summary>
    /// A blank figure: any run of X, x, ×, Ｘ (or ○ away from other numerals), with a blank decimal part (xx.x%) and a
    /// blank upper end (x~x所), before a unit.
    /// </summary>
    private static RawQuantity? ReadPlaceholder(string s, int start, out int next)
    {
        var j = SkipBlank(s, start);
        next = j;
        var prev = start > 0 ? s[start - 1] : '\0';
        if (Chars.IsAsciiLetter(prev) || Chars.IsDigit(prev) || (j < s.Length && Chars.IsAsciiLetter(s[j]))
            || (s[start] == '○' && (Chars.IsChineseNumeralChar(prev) || (j < s.Length && (Chars.IsChineseNumeralChar(s[j]) || s[j] is '年' or '月')))))
        {
            return null;
        }

        if (j + 1 < s.Length && Chars.IsDot(s[j]) && IsBlank(s[j + 1]))
        {
            j = SkipBlank(s, j + 1);
        }

        // 职普比xx:xx, 形成了xx:xx:xx办园结构: a blank ratio of two or more terms.
        var terms = 1;
        var k = j;
        while (k + 1 < s.Length && s[k] is ':' or '：' && IsBlank(s[k + 1]))
        {
            k = SkipBlank(s, k + 1);
            terms++;
        }

        // A ratio is named as one (职普比, 比例, 办园结构); XX:XX alone is a time of day.
        var named = ClauseBefore(s, start).Contains('比') || s.AsSpan(k, Math.Min(8, s.Length - k)) is var after
            && (after.Contains("结构", StringComparison.Ordinal) || after.Contains('比'));
        if (terms > 1 && named && !(k < s.Length && (Chars.IsAsciiLetter(s[k]) || Chars.IsDigit(s[k]))))
        {
            next = k;
            return new RawQuantity(start, k, null, null, null, "比", ComparatorReader.Read(ClauseBefore(s, start), s.AsSpan(k), false), true);
        }

        // XX县, XX开放大学, 力促XX、XX通过: a name, not a figure — ReadTail requires a unit.
        return ReadTail(s, start, j, null, placeholder: true, isYearLike: false, leadingZero: false, [], out next);
    }

    private static bool IsBlank(char c) => Chars.IsPlaceholderX(c) || c == '○';

    private static int SkipBlank(string s, int i)
    {
        var j = i;
        while (j < s.Length && IsBlank(s[j]) && j - i < 8)
        {
            j++;
        }

        return j;
    }

    /// <summary>近万名, 逾万人: 万 standing alone for ten thousand.</summary>
    private static RawQuantity? ReadBareWan(string s, int start, out int next)
    {
        next = start + 1;
        if (start == 0 || s[start - 1] is not ('近' or '约' or '逾' or '超' or '上'))
        {
            return null;
        }

        return ReadTail(s, start, start, 1m, placeholder: false, isYearLike: false, leadingZero: false, [], out next);
    }

    private static RawQuantity? ReadPercentWords(string s, int start, out int next)
    {
        var j = start + 3;
        decimal value;
        if (j < s.Length && Chars.IsDigit(s[j]))
        {
            j = ReadNumber(s, j, out value, out _, out _);
        }
        else
        {
            var len = ChineseNumber.Read(s, j, out var v);
            if (len == 0)
            {
                next = j;
                return null;
            }

            value = v;
            j += len;
            if (j + 1 < s.Length && s[j] == '点' && Chars.ChineseDigit(s[j + 1]) >= 0)
            {
                var frac = 0m;
                var scale = 0.1m;
                j++;
                while (j < s.Length && Chars.ChineseDigit(s[j]) >= 0)
                {
                    frac += Chars.ChineseDigit(s[j]) * scale;
                    scale /= 10;
                    j++;
                }

                value += frac;
            }
        }

        next = j;
        var before = ClauseBefore(s, start);
        var after = s.AsSpan(j);
        return new RawQuantity(start, j, value, null, null, "%", ComparatorReader.Read(before, after, false), false);
    }

    private static RawQuantity? ReadChinese(string s, int start, out int next)
    {
        next = start + 1;
        var prev = start > 0 ? s[start - 1] : '\0';
        if (prev == '第' || Chars.IsChineseNumeralChar(prev) || Chars.IsDigit(prev) || Chars.IsDot(prev) || prev is '届' or '之' or '统' or '唯' or '逐' or '万' or '单' or '同' or '专' or '进' or '某')
        {
            return null;
        }

        var len = ChineseNumber.Read(s, start, out var v);
        if (len == 0)
        {
            return null;
        }

        var j = start + len;
        decimal? upper = null;

        // 三分之一: a fraction, written like a ratio (value 1, denominator 3).
        if (At(s, j, "分之") && ChineseNumber.Read(s, j + 2, out var numerator) is > 0 and var numLen && v > 0)
        {
            next = j + 2 + numLen;
            var fb = ClauseBefore(s, start);
            return new RawQuantity(start, next, numerator, null, v, "比", ComparatorReader.Read(fb, s.AsSpan(next), false), false);
        }

        // 三五天, 两三个: two neighbouring digits make a range.
        if (len == 1 && j < s.Length && Chars.ChineseDigit(s[j]) is var d2 && d2 > v && d2 <= v + 2 && v > 0)
        {
            upper = d2;
            j++;
        }

        next = j;
        if (j < s.Length && (s[j] is '万' or '亿'))
        {
            return null; // 十万火急: a numeral before a bare 万 that is no number of its own
        }

        var more = false;
        if (j < s.Length && s[j] is '余' or '多' && v >= 10)
        {
            more = true; // 一万多人次, 三千余名
            j++;
        }

        var unitLen = Units.Read(s, j, out var unit);
        if (unitLen == 0 || !Units.IsMeasure(unit))
        {
            return null;
        }

        var end = j + unitLen;
        var before = ClauseBefore(s, start);
        var after = end < s.Length ? s[end] : '\0';
        if (unit == "周" && after is '年' or '岁')
        {
            return null;
        }

        if (unit == "元" && StartsAny(s, end, TermsAfterYuan))
        {
            next = end;
            return null; // 城乡二元结构, 二元化: a number word inside a term counts nothing
        }

        if (unit == "分" && !ClosesAfterScore(s.AsSpan(end)))
        {
            return null; // 十分重要: 十分 before a word is "very", not ten points
        }

        if (unit == "期" && Chars.IsDigit(after))
        {
            return null; // 泉山学校一期2座教学楼: a phase that a count follows is the phase's name
        }

        // A lone 百 or 千 is an idiom (千家万户, 百年大计), not a hundred or a thousand.
        if (!TotalsNamedList(before, v, unit, s.AsSpan(end)) && !AcceptChinese(s, v, upper, unit, before, end, after, len == 1 && s[start] is '百' or '千'))
        {
            return null;
        }

        next = end;
        var comparator = upper is not null ? Comparator.Range : ComparatorReader.Read(before, s.AsSpan(end), more);
        return new RawQuantity(start, end, v, upper, null, unit, comparator, false);
    }

    /// <summary>
    /// Whether a Chinese numeral with its unit measures something: counts of concrete things and events do, slogans and
    /// names do not (八项工程, 三大行动, 工程二期, 五年规划).
    /// </summary>
    private static bool AcceptChinese(string s, long v, decimal? upper, string unit, ReadOnlySpan<char> before, int end, char after, bool idiom)
    {
        if (NamesAScheme(s, end) || (unit is "期" && (EndsWith(before, "工程") || EndsWith(before, "项目"))) || TotalsOwnKind(s, before, end))
        {
            return false; // 等八项工程, 五项行动, 工程二期, 二期工程, …改革等八项改革
        }

        if (EndsWith(before, "为期") || (unit == "年" && EndsWith(before, "连续")))
        {
            return unit is "年" or "个月" or "天" or "周" or "小时";
        }

        if (unit == "年")
        {
            return false; // 三年攻坚, 五年规划: a project span, not a figure
        }

        if (unit is "次" && (At(s, end, "全会") || At(s, end, "全体") || At(s, end, "会议") || At(s, end, "党代会") || At(s, end, "代表大会")))
        {
            return false; // 八次全会
        }

        if (EndsWith(before, "各") || EndsWith(before, "共") || EndsWith(before, "计")
            || (EndsWith(before, "等") && Array.IndexOf(EnumeratedUnits, unit) >= 0))
        {
            return true;
        }

        if (v >= 10 && !idiom)
        {
            return true; // 三千六百个, 一万二千人次: a numeral written with 十/百/千/万 counts something
        }

        if (v == 1 && upper is null)
        {
            // 一次 / 一期 count a task's events; 一名 only as the subject of a clause (一名学生获…).
            // 每个乡镇都有一所中心幼儿园: what each place is to have counts like 各一所.
            if (unit == "所" && (EndsWith(before, "都有") || EndsWith(before, "建有") || EndsWith(before, "至少有")))
            {
                return true;
            }

            return (unit is "次" or "期" && after != '性' && !EndsWith(before, "其中")
                && !EndsWith(before, "每") && !EndsWith(before, "再") && !EndsWith(before, "这") && !EndsWith(before, "此"))
                || (unit == "名" && before.Length == 0);
        }

        if (Array.IndexOf(ConcreteUnits, unit) >= 0)
        {
            return true;
        }

        // 四个意识, 两个维护 are slogans; a count written with 十/百/千 (三千六百个) is a count.
        return Array.IndexOf(AbstractCountUnits, unit) >= 0 && ((before.Length == 0 && v >= 2) || v >= 10);
    }

    /// <summary>
    /// XX二中、郁林路小学两个区级党建示范点: a numeral that totals a list of names right before it counts them (two places
    /// named), unlike 市、县两级 (members of one character) or 两个维护 (no list).
    /// </summary>
    private static bool TotalsNamedList(ReadOnlySpan<char> before, long v, string unit, ReadOnlySpan<char> after)
    {
        if (v < 2 || v > 9 || Array.IndexOf(EnumeratedUnits, unit) < 0 && unit != "处" || before.IndexOfAny('“', '”', '"') >= 0
            || WordAt.StartsWithAny(after, PartsOfAWhole))
        {
            return false; // 做到两个“维护”; 分宣传、治理、总结三个阶段 names the parts of a task, it counts no things
        }

        var members = 1;
        var last = before.Length;
        var shortest = int.MaxValue;
        for (var i = before.Length - 1; i >= 0; i--)
        {
            if (before[i] != '、')
            {
                continue;
            }

            shortest = Math.Min(shortest, last - i - 1);
            last = i;
            members++;
        }

        // The first member starts after the verb before it; only the members after a 、 are measured (at least 2 characters).
        return members == v && shortest is >= 2 and < int.MaxValue && last >= 2;
    }

    /// <summary>
    /// 评价改革、督导改革等八项改革: a numeral after 等 whose noun is the word that ends the list before it names the list
    /// (a slogan); 城东小学、城西小学等三所学校 counts schools.
    /// </summary>
    private static bool TotalsOwnKind(string s, ReadOnlySpan<char> before, int end)
    {
        var b = before.TrimEnd();
        if (b.Length < 3 || b[^1] != '等' || end + 2 > s.Length || !Chars.IsCjk(s[end]) || !Chars.IsCjk(s[end + 1]))
        {
            return false;
        }

        return b[..^1].EndsWith(s.AsSpan(end, 2), StringComparison.Ordinal);
    }

    private static readonly string[] PartsOfAWhole = ["阶段", "方面", "环节", "步骤", "层次", "维度", "领域", "板块", "部分"];

    /// <summary>92分, 得分90分以上: a score ends its clause or takes a comparator; 十分重要 is no score.</summary>
    private static bool ClosesAfterScore(ReadOnlySpan<char> after) =>
        after.StartsWith("之", StringComparison.Ordinal) || after.IsEmpty || after[0] is '，' or ',' or '。' or '；' or ';' or '、' or '）' or ')' or '\n' or ' '
        || after.StartsWith("以上", StringComparison.Ordinal) || after.StartsWith("以下", StringComparison.Ordinal) || after.StartsWith("左右", StringComparison.Ordinal);

    /// <summary>八项工程, 三大行动, 十大民生项目: the numeral names a scheme when its noun phrase ends in one of these words.</summary>
    private static bool NamesAScheme(string s, int end)
    {
        var k = end;
        while (k < s.Length && k - end < 8 && Chars.IsCjk(s[k]))
        {
            foreach (var w in SchemeNouns)
            {
                if (At(s, k, w) && (k + w.Length >= s.Length || !Chars.IsCjk(s[k + w.Length]) || At(s, k + w.Length, "建设")
                    || At(s, k + w.Length, "全面") || At(s, k + w.Length, "深入") || At(s, k + w.Length, "取得")))
                {
                    return true;
                }
            }

            k++;
        }

        return false;
    }

    private static RawQuantity? ReadTail(string s, int start, int j, decimal? value, bool placeholder, bool isYearLike,
        bool leadingZero, List<RawQuantity> found, out int next)
    {
        next = j;
        decimal? upper = null;
        decimal? denominator = null;
        var unit = string.Empty;
        var more = false;
        var blankRange = false;
        var k = j;

        // Range: 1~2所, 1-2, 1至2, 3.5到4
        if (k + 1 < s.Length && s[k] is '~' or '～' or '-' or '—' or '－' or '至' or '到' or '〜')
        {
            var m = k + 1;
            if (s[k] == '—' && m < s.Length && s[m] == '—')
            {
                m++;
            }

            if (placeholder && m < s.Length && IsBlank(s[m]))
            {
                blankRange = true; // x~x所
                k = SkipBlank(s, m);
                if (k + 1 < s.Length && Chars.IsDot(s[k]) && IsBlank(s[k + 1]))
                {
                    k = SkipBlank(s, k + 1);
                }
            }
            else if (m < s.Length && Chars.IsDigit(s[m]))
            {
                if (Chars.IsDigit(s[m]))
                {
                    var e = ReadNumber(s, m, out var u, out var uDigits, out _);
                    if (isYearLike || (uDigits == 4 && u >= 1900))
                    {
                        next = e;
                        return null; // 2019—2024: a plan period
                    }

                    upper = u;
                    k = e;
                }
            }
        }

        // Ratio 4:6 (only where the clause speaks of a 比) and fraction 1/4.
        if (upper is null && value is not null && k + 1 < s.Length && Chars.IsDigit(s[k + 1]))
        {
            if (s[k] is ':' or '：' && ClauseBefore(s, start).Contains('比'))
            {
                var e = ReadNumber(s, k + 1, out var den, out _, out _);
                if (value < 100 && den < 100 && !(e < s.Length && s[e] is ':' or '：'))
                {
                    denominator = den;
                    unit = "比";
                    k = e;
                }
            }
            else if (s[k] is '/' or '／')
            {
                var e = ReadNumber(s, k + 1, out var den, out _, out _);
                if (den > 0 && value < 100 && den < 1000 && !(e < s.Length && (Chars.IsCjk(s[e]) && Units.Read(s, e, out _) > 0)))
                {
                    denominator = den;
                    unit = "比";
                    k = e;
                }
            }
        }

        if (denominator is null && unit.Length == 0)
        {
            if (k < s.Length && s[k] is '多' or '余' && k + 1 < s.Length && s[k + 1] is '万' or '亿')
            {
                more = true;
                k++;
            }

            k = SkipSpaces(s, k);
            var multiplier = 1m;
            if (k < s.Length && s[k] == '万' && !(k + 1 < s.Length && s[k + 1] is '一' or '众' or '物' or '事'))
            {
                multiplier = 10000m;
                k++;
            }
            else if (k < s.Length && s[k] == '亿')
            {
                multiplier = 100000000m;
                k++;
            }

            if (k < s.Length && s[k] is '多' or '余')
            {
                more = true;
                k++;
            }

            var spaced = SkipSpaces(s, k);
            while (spaced < s.Length && spaced - k < 2 && s[spaced] == ' ')
            {
                spaced++;
            }

            var unitLen = Units.Read(s, spaced, out unit);
            if (At(s, spaced, "人民币"))
            {
                (unit, unitLen) = ("元", 3); // 12.39亿人民币: a sum of money in 元
            }
            else if (unitLen == 0 && spaced + 2 < s.Length && s[spaced] is '(' or '（')
            {
                // 1 704(所次)普惠性民办幼儿园: the unit written in brackets after the figure
                var inner = Units.Read(s, spaced + 1, out var bracketed);
                if (inner > 0 && spaced + 1 + inner < s.Length && s[spaced + 1 + inner] is ')' or '）')
                {
                    (unit, unitLen) = (bracketed, inner + 2);
                }
            }

            if (unitLen > 0)
            {
                k = spaced + unitLen;
                if (unit == "人" && k < s.Length && s[k] == '口')
                {
                    k++; // 30万人口以上
                }
                else if (upper is null && !blankRange && value is not null && unit is not ("年" or "月" or "日"))
                {
                    k = UnitAtBothEnds(s, k, unit, multiplier, ref upper);
                }
            }
            else if (multiplier > 1 && value is not null)
            {
                // （市本级500万）: the unit of the figure it qualifies
                unit = found.Count > 0 && found[^1].End > start - 40 ? found[^1].Unit : string.Empty;
            }

            if (value is not null)
            {
                value *= multiplier;
            }

            if (upper is not null)
            {
                upper *= multiplier;
            }
        }

        next = k;
        if (unit.Length == 0 || !Units.IsMeasure(unit))
        {
            return null;
        }

        var after = s.AsSpan(k);
        var before = ClauseBefore(s, start);
        if (!Accept(unit, value, isYearLike, leadingZero, before, after, s, start))
        {
            return null;
        }

        var comparator = upper is not null || blankRange ? Comparator.Range : ComparatorReader.Read(before, after, more);
        return new RawQuantity(start, k, value, upper, denominator, unit, comparator, placeholder);
    }

    /// <summary>
    /// 资金 5018 万元, 校舍 12.23 万 平方米: text taken from a PDF spaces its figures; up to two spaces that a 万, 亿 or unit
    /// follows are skipped.
    /// </summary>
    private static int SkipSpaces(string s, int k)
    {
        var m = k;
        while (m < s.Length && m - k < 2 && s[m] == ' ')
        {
            m++;
        }

        if (m == k || m >= s.Length)
        {
            return k;
        }

        var unitLen = Units.Read(s, m, out var unit);
        var after = m + unitLen;
        return s[m] is '万' or '亿' || (unitLen > 0 && unit is not ("年" or "月" or "日") && !(after < s.Length && s[after] is '、' or '.' or '．'))
            ? m : k;
    }

    /// <summary>85%—90%, 90%至95%, 3人~5人: a range that repeats its unit at the upper end.</summary>
    private static int UnitAtBothEnds(string s, int k, string unit, decimal multiplier, ref decimal? upper)
    {
        if (k + 1 >= s.Length || s[k] is not ('~' or '～' or '-' or '—' or '－' or '至' or '到' or '〜'))
        {
            return k;
        }

        var m = s[k] == '—' && s[k + 1] == '—' ? k + 2 : k + 1;
        if (m >= s.Length || !Chars.IsDigit(s[m]))
        {
            return k;
        }

        var e = ReadNumber(s, m, out var u, out _, out _);
        var f = e;
        var scale = 1m;
        if (multiplier > 1 && f < s.Length && s[f] is '万' or '亿')
        {
            scale = multiplier;
            f++;
        }

        var len = Units.Read(s, f, out var second);
        if (len == 0 || second != unit)
        {
            return k;
        }

        upper = u * scale / multiplier; // multiplied with the value below
        return f + len;
    }

    private static bool Accept(string unit, decimal? value, bool isYearLike, bool leadingZero, ReadOnlySpan<char> before,
        ReadOnlySpan<char> after, string s, int start)
    {
        if (leadingZero && unit != "%")
        {
            return false; // 09年
        }

        switch (unit)
        {
            case "年":
                if (isYearLike || after.StartsWith("来", StringComparison.Ordinal) || after.StartsWith("级", StringComparison.Ordinal))
                {
                    return false;
                }

                return after.StartsWith("内", StringComparison.Ordinal) || after.StartsWith("以内", StringComparison.Ordinal)
                    || EndsWith(before, "为期") || EndsWith(before, "连续");
            case "周":
                return !(after.StartsWith("年", StringComparison.Ordinal) || after.StartsWith("岁", StringComparison.Ordinal));
            case "分":
                return ClosesAfterScore(after);
            case "名":
                var b = before.TrimEnd();
                if (b.EndsWith("前") || b.EndsWith("后") || b.EndsWith("由") || b.EndsWith("至") || b.EndsWith("排") || b.EndsWith("第") || b.EndsWith("居"))
                {
                    return false; // 前100名, 由19名上升至17名: ranks
                }

                return !(after.StartsWith("上升", StringComparison.Ordinal) || after.StartsWith("下降", StringComparison.Ordinal)
                    || after.StartsWith("左右的位次", StringComparison.Ordinal));
            case "次":
                return !EndsWith(before, "其中");
            case "级" or "届":
                return false;
        }

        if (isYearLike && unit is not ("%" or "元" or "人" or "名" or "个" or "所" or "平方米"))
        {
            return false;
        }

        return true;
    }

    private static int ReadNumber(string s, int i, out decimal value, out int intDigits, out bool leadingZero)
    {
        value = 0;
        var j = i;
        leadingZero = Chars.DigitValue(s[i]) == 0 && i + 1 < s.Length && Chars.IsDigit(s[i + 1]);
        while (j < s.Length && Chars.IsDigit(s[j]) && j - i < 15)
        {
            value = (value * 10) + Chars.DigitValue(s[j]);
            j++;
        }

        intDigits = j - i;

        // Thousands separated by a space, as print sets them (1 122个, 2 083所): one group of one to three digits, then
        // groups of exactly three, each followed by no digit and no date character.
        // A grouped figure is no year (2 083所), so its digits are not counted as a year's four.
        while (intDigits is >= 1 and <= 3 && j + 3 < s.Length && s[j] is ' ' or '\u2009' or '\u00A0' && Chars.IsDigit(s[j + 1])
            && Chars.IsDigit(s[j + 2]) && Chars.IsDigit(s[j + 3])
            && !(j + 4 < s.Length && (Chars.IsDigit(s[j + 4]) || s[j + 4] is ' ' or '年' or '月' or '日' or '.' or '．')))
        {
            value = (value * 1000) + (Chars.DigitValue(s[j + 1]) * 100) + (Chars.DigitValue(s[j + 2]) * 10) + Chars.DigitValue(s[j + 3]);
            j += 4;
            intDigits = 0;
        }

        // Thousands separators: 1,500 (only groups of exactly three digits)
        while (j + 3 < s.Length && s[j] == ',' && Chars.IsDigit(s[j + 1]) && Chars.IsDigit(s[j + 2]) && Chars.IsDigit(s[j + 3])
            && !(j + 4 < s.Length && Chars.IsDigit(s[j + 4])))
        {
            value = (value * 1000) + (Chars.DigitValue(s[j + 1]) * 100) + (Chars.DigitValue(s[j + 2]) * 10) + Chars.DigitValue(s[j + 3]);
            j += 4;
        }

        if (j + 1 < s.Length && Chars.IsDot(s[j]) && Chars.IsDigit(s[j + 1]))
        {
            var k = j + 1;
            var scale = 0.1m;
            while (k < s.Length && Chars.IsDigit(s[k]) && k - j < 10)
            {
                value += Chars.DigitValue(s[k]) * scale;
                scale /= 10;
                k++;
            }

            if (!(k < s.Length && Chars.IsDot(s[k]) && k + 1 < s.Length && Chars.IsDigit(s[k + 1])))
            {
                j = k;
            }
        }
        else if (j + 2 < s.Length && Chars.IsDot(s[j]) && s[j + 1] != '○' && Chars.ChineseDigit(s[j + 1]) >= 0)
        {
            // 92.六亿元: a copied or spun text wrote the decimals in Chinese numerals; read only before 万/亿 (3.三个… is a marker).
            var k = j + 1;
            var frac = 0m;
            var scale = 0.1m;
            while (k < s.Length && s[k] != '○' && Chars.ChineseDigit(s[k]) >= 0 && k - j < 4)
            {
                frac += Chars.ChineseDigit(s[k]) * scale;
                scale /= 10;
                k++;
            }

            if (k < s.Length && s[k] is '万' or '亿')
            {
                value += frac;
                j = k;
            }
        }

        return j;
    }

    private static int SkipDigitsAndDots(string s, int j)
    {
        while (j < s.Length && (Chars.IsDigit(s[j]) || Chars.IsDot(s[j]) || Chars.IsAsciiLetter(s[j]) || s[j] is '+' or '＋' or '*' or '_'))
        {
            j++;
        }

        return j;
    }

    /// <summary>Skips an ordinal after 第: 第十三次, 第1、3、4名, 第二批.</summary>
    private static int SkipOrdinal(string s, int i)
    {
        var j = i;
        while (j < s.Length && (Chars.IsDigit(s[j]) || Chars.IsChineseNumeralChar(s[j])
            || (s[j] is '、' or ',' or '，' or '.' && j + 1 < s.Length && (Chars.IsDigit(s[j + 1]) || Chars.IsChineseNumeralChar(s[j + 1])))))
        {
            j++;
        }

        if (j > i)
        {
            j += Units.Read(s, j, out _);
        }

        return j;
    }

    /// <summary>The clause before position <paramref name="i"/>: back to the last ，。；：(、 does not end a clause).</summary>
    public static ReadOnlySpan<char> ClauseBefore(string s, int i)
    {
        var k = i - 1;
        while (k >= 0 && i - k <= 40 && !IsClauseDelimiter(s[k]))
        {
            k--;
        }

        return s.AsSpan(k + 1, i - k - 1);
    }

    public static bool IsClauseDelimiter(char c) =>
        c is '，' or ',' or '。' or '；' or ';' or '：' or ':' or '！' or '？' or '\n' or '（' or '(' or '）' or ')';

    private static int IndexOfWithin(string s, int from, char c, int max)
    {
        var end = Math.Min(s.Length, from + max);
        for (var k = from; k < end; k++)
        {
            if (s[k] == c)
            {
                return k;
            }
        }

        return -1;
    }

    private static bool EndsWith(ReadOnlySpan<char> s, string word) => s.TrimEnd().EndsWith(word, StringComparison.Ordinal);

    private static bool At(string s, int i, string token) => WordAt.Is(s, i, token);

    private static bool StartsAny(string s, int i, string[] tokens)
    {
        foreach (var t in tokens)
        {
            if (At(s, i, t))
            {
                return true;
            }
        }

        return false;
    }
}
