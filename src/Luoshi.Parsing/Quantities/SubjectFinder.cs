using Luoshi.Parsing.Text;

namespace Luoshi.Parsing.Quantities;

/// <summary>
/// Names what a figure counts or measures, as short as the clause allows: the noun after the figure (创建30所<u>中小学党建
/// 示范校</u>), or the noun before it, cut at the verb that governs it (遴选培养<u>中小学后备干部</u>50人) and at the
/// comparator after it (<u>普惠性园覆盖率</u>达到XX%); a list that 分别 spreads over several figures gives each figure its
/// own subject (文、理科上线率分别为51.2%、27.1% → 文科上线率, 理科上线率). Leading years, 各, 全市 and stray
/// punctuation are left out.
/// </summary>
public static class SubjectFinder
{
    /// <summary>Verbs and prepositions that govern the noun after them; the subject starts after the last one.</summary>
    private static readonly string[] Governing =
    [
        "遴选培养", "规划建设", "继续招录", "严格落实", "安排", "获评", "评为", "创建", "建设", "建成", "启动", "办好", "完成", "培养", "招录", "招收", "招聘", "遴选", "选树", "选派",
        "选拔", "引进", "组织", "开展", "举办", "培训", "设立", "发放", "化解", "投入", "推进", "落实", "确保", "力争", "争取", "实现", "打造", "提高", "提升",
        "扩大", "督促", "支持", "资助", "评选", "认定", "表彰", "建立", "组建", "配备", "录取", "覆盖", "消除", "学会", "再引进", "要求", "推动", "加快",
        "做好", "按照", "依托", "通过", "修习", "共有", "现有", "已有", "拥有", "对", "为", "使", "让", "把", "将", "有", "获", "共", "计", "达",
    ];

    /// <summary>The first characters of the verbs of two characters or more in <see cref="Governing"/>.</summary>
    private static readonly WordAt.Starts LongGoverningStarts = new(Governing.Where(w => w.Length >= 2));

    /// <summary>The verbs that govern a rate or share (落实…职普比, 确保…合格率); other verbs there are part of its name (教师培训经费比例).</summary>
    private static readonly string[] ShareGoverning =
    [
        "严格落实", "落实", "确保", "力争", "争取", "实现", "推动", "要求", "提高", "提升", "督促", "按照", "对", "为", "使", "让", "将", "把",
    ];

    /// <summary>Words after the figure that end its noun (用于, 进行, a comparator, a verb).</summary>
    private static readonly string[] AfterStops =
    [
        "用于", "进行", "发放", "一定", "必须", "应当", "要", "需", "从中", "按期", "如期", "投用", "投入使用", "开工", "竣工", "通过", "参赛", "进入", "达到", "达", "获", "以上", "以下", "的基础上", "中有", "中居", "中排名", "中名列", "中位列", "中位居", "目前", "正在", "均已", "居", "占", "代表", "“", "未及时", "未按时", "未按期", "尚未", "仍未",
    ];

    private static readonly WordAt.Starts AfterStopStarts = new(AfterStops);

    /// <summary>Words that, right after the figure, show that no noun follows it (14项中有7项, 居全省第一, 在…的基础上).</summary>
    private static readonly string[] NoNounAfter = ["中有", "中居", "中，", "中,", "居", "占", "进入", "从中", "用于", "基础上", "以上", "需", "代表", "位居", "提高", "减少", "增加", "降低", "下降", "上升", "增长", "调整", "未及时", "未按时", "未按期", "尚未", "仍未"];

    /// <summary>Comparators and adverbs between a noun and its figure (覆盖率<u>逐步达到</u>7%).</summary>
    private static readonly string[] Linking =
    [
        "分别达到", "分别为", "分别", "首次突破", "首次突", "突破", "逐步达到", "扩大到", "扩大至", "减少到", "降低到", "下降到", "降至", "不得", "最多", "最少", "至多", "虽已", "已经", "已", "仅", "只", "大都", "大多", "一般", "通常", "力争达到", "达到", "不低于", "不少于", "不超过", "不高于", "超过", "至少", "保持在", "稳定在", "控制在",
        "提高到", "提高至", "提升到", "提升至", "增加到", "增至", "增长", "下降", "已达", "达", "为", "要", "各", "逐步", "稳定", "保持", "约", "近", "共",
        "计", "在", "的", "是", "有", "到", "至", "按", "修满", "满", "提高", "提升", "降低", "减少", "增加", "每年", "每学年", "每学期", "每月", "每周", "每天", "每人", "每生", "每",
    ];

    private static readonly string[] Leading =
    [
        "全市", "全县", "全区", "全镇", "我市", "我县", "我区", "其中包括", "其中", "包括", "全年", "今年", "本年度", "本年", "当年", "年内", "同时", "并", "各学校", "各县区", "各校", "各地", "各", "要", "再", "均", "继续", "但",
        "而", "月份",
    ];

    /// <summary>
    /// <paramref name="clause"/> is the clause as written, <paramref name="read"/> the same clause as the rules read it
    /// (traditional script read as simplified, same length); the figure is [<paramref name="figureStart"/>,
    /// <paramref name="figureEnd"/>).
    /// </summary>
    public static string Find(string clause, string read, int figureStart, int figureEnd, string unit, string? previous = null)
    {
        var found = SubjectMeasure.Complete(Part(clause, read, figureStart, previous) ?? PaymentTo.Find(clause, read, figureStart, figureEnd)
            ?? InvestedIn.Find(clause, read, figureStart, figureEnd, unit)
            ?? PerCapita.Find(clause, read, figureStart, figureEnd) ?? SetUnder.Find(clause, read, figureStart, figureEnd)
            ?? DrawnShare.Find(clause, read, figureStart, unit)
            ?? RankBand.Find(clause, read, figureStart, figureEnd, unit) ?? EventObject.Find(clause, read, figureStart, figureEnd, unit)
            ?? TimeLimit.Find(clause, read, figureStart, figureEnd, unit) ?? SizeThreshold.Find(clause, read, figureStart, figureEnd, unit)
            ?? RunningYears.Find(clause, read, figureStart, figureEnd, unit) ?? GapTo.Find(clause, read, figureStart, figureEnd, unit)
            ?? Core(clause, read, figureStart, figureEnd, unit, previous), unit);

        // 共二十周, 计560多万元: a single word names nothing; the figure adds to what the sentence counted before it. Nor does a
        // comparator alone (共同体XX个，达到17个): the figure is the same thing's.
        if ((found.Length < 2 || Array.IndexOf(Linking, found) >= 0) && !string.IsNullOrEmpty(previous))
        {
            return unit == "元" && PerCapita.Total(previous) is { } total ? total : previous;
        }

        if (found.Length <= 3 && !string.IsNullOrEmpty(previous) && Array.IndexOf(BareMeasures, found) >= 0 && !previous.EndsWith(found, StringComparison.Ordinal))
        {
            return previous + found; // 新建学校45所，总投资42.88亿元: a measure named bare measures what the figure before counted
        }

        return ChangeSide(read, figureStart) + WorkToDo.Rewrite(Plain(WithoutTheme(Growth(WithoutBase(found), read, figureStart, unit))), read, figureStart);
    }

    /// <summary>本科上线率较上年提高2个百分点: the year a change is measured against is no part of what changes.</summary>
    private static string WithoutBase(string subject)
    {
        foreach (var w in ChangeOpeners)
        {
            if (subject.Length > w.Length + 1 && subject.EndsWith(w, StringComparison.Ordinal))
            {
                return subject[..^w.Length];
            }
        }

        return subject;
    }

    private static readonly string[] GrowthWords = ["增长", "下降", "增幅", "降幅"];

    /// <summary>
    /// 固定资产投资增长7.5%, 近视率下降1个百分点: a percentage right after 增长 or 下降 measures the change, not the thing
    /// (固定资产投资增长); a change against an earlier figure (同比增长) is named by ChangeOf.
    /// </summary>
    private static string Growth(string found, string read, int figureStart, string unit)
    {
        if (unit is not ("%" or "个百分点" or "百分点") || found.Length < 2 || figureStart < 4)
        {
            return found;
        }

        var word = GrowthWords.FirstOrDefault(w => read.AsSpan(0, figureStart).EndsWith(w, StringComparison.Ordinal));
        if (word is null || found.Contains(word, StringComparison.Ordinal) || found.EndsWith('率')
            || ChangeOpeners.Any(o => read.AsSpan(0, figureStart - word.Length).EndsWith(o, StringComparison.Ordinal)))
        {
            return found;
        }

        return read.AsSpan(0, figureStart - word.Length).TrimEnd().EndsWith(found, StringComparison.Ordinal) ? found + word : found;
    }

    /// <summary>推荐生的比例 → 推荐生比例, 只占 → 占: a 的 before 比例 and an adverb before 占 add nothing to a share's name.</summary>
    private static string Plain(string subject)
    {
        var s = subject.EndsWith("的比例", StringComparison.Ordinal) && subject.Length > 5 && (PersonEnds.Contains(subject[^4]) || MeasureEnds.Contains(subject[^4]))
            ? subject[..^3] + "比例" : subject;
        return s.Replace("只占", "占", StringComparison.Ordinal).Replace("仅占", "占", StringComparison.Ordinal);
    }

    /// <summary>以党员重温入党誓言为主题的党员民主生活会: the theme of an event says what it is about, not which events are counted.</summary>
    private static string WithoutTheme(string subject)
    {
        var open = subject.IndexOf('以');
        foreach (var theme in new[] { "为主题的", "为内容的", "为重点的" })
        {
            var close = subject.IndexOf(theme, StringComparison.Ordinal);
            if (open >= 0 && close > open + 1 && subject.Length - (close + theme.Length) >= 2)
            {
                return subject[..open] + subject[(close + theme.Length)..];
            }
        }

        return subject;
    }

    /// <summary>
    /// 必修学分从116学分减少到96学分: the two figures of a change are the measure as it stands (现行) and as it will be
    /// (调整后), so that the ledger tells them apart.
    /// </summary>
    private static string ChangeSide(string read, int figureStart)
    {
        if (figureStart < 2)
        {
            return string.Empty;
        }

        if (read[figureStart - 1] is '从' or '由')
        {
            var end = FigureEnd(read, figureStart);
            var to = read.IndexOfAny(['到', '至'], end, Math.Min(8, read.Length - end));
            return to > end && read.IndexOfAny(['，', ',', '；'], end, to - end) < 0 ? "现行" : string.Empty;
        }

        return read[figureStart - 1] is '到' or '至' && ChangeStart(read, figureStart) < figureStart ? "调整后" : string.Empty;
    }

    private static string Core(string clause, string read, int figureStart, int figureEnd, string unit, string? previous)
    {
        figureStart = Math.Clamp(figureStart, 0, clause.Length);
        figureEnd = Math.Clamp(figureEnd, figureStart, clause.Length);
        if (ListSubject(clause, read, figureStart) is { } listed)
        {
            return listed;
        }

        if (ChangeOf(clause, read, figureStart, previous) is { } change)
        {
            return change;
        }

        var share = unit is "%" or "比" or "个百分点" or "百分点";
        var (bs, be) = NounBefore(read, ChangeStart(read, figureStart), share);
        var (a, b) = NounAfter(read, figureEnd);
        if (unit == "比" && b - a >= 4 && read.AsSpan(a, b - a).EndsWith("结构", StringComparison.Ordinal))
        {
            return Tidy(clause[a..b]); // 形成了xx:xx:xx办园结构: the ratio is the structure named after it
        }

        if (unit == "%" && be > bs && b > a && b - a <= 4 && b == Trim(read, a, read.Length).Item2 && read[figureEnd] != '的')
        {
            // 确保外来务工人员子女100%入学: a share between a noun and what it does is the rate at which it is done (入学率).
            return Tidy(clause[bs..be]) + clause[a..b] + "率";
        }

        if (b - a >= 2 && b < read.Length && IsFigureChar(read[b]) && NextFigure(read, b) is { } then && NounAfter(read, then.End) is var (c, d) && d - c >= 2)
        {
            // 9所学校35个改造项目: a count right before a count of its own things is the count of those they involve (改造项目涉及学校).
            return Tidy(clause[c..d]) + "涉及" + Tidy(clause[a..b]);
        }

        if (b - a >= 2 && (!share || (figureEnd < read.Length && read[figureEnd] == '的')))
        {
            // 督促落实2021年开工的XX所中小学校, 对教育高质量发展19项任务: a modifier before the figure belongs to the noun after it.
            var me = be < figureStart && read[be] == '的' ? be + 1 : be;
            var modifier = me - bs is >= 2 and <= 12 && (IsModifier(read, bs, me) || OwnedMeasure(read, bs, me, figureStart, figureEnd)) ? clause[bs..me] : string.Empty;
            var noun = Tidy(modifier + clause[a..b]);
            if (SubjectMeasure.IsDuration(unit))
            {
                noun = SubjectMeasure.Timed(noun);
            }
            if (modifier.Length == 0 && NounPrefix(clause, read, figureStart) is { } prefix)
            {
                noun = prefix + noun; // 新增4所示范幼儿园, 每所学校配备1名心理教师
            }

            if (modifier.Length == 0 && (SubjectPredicate.At(clause, read, b) ?? SharedPredicate(clause, read, b)) is { } predicate)
            {
                // 100%的乡镇中心幼儿园和70%的中心村幼儿园进入省等级幼儿园行列: a share of things that do something is their 比例.
                var described = SubjectPredicate.Describe(predicate, noun);
                return share && read[figureEnd] == '的' && WordAt.Ending(noun, RateEnds) is null ? described + "比例" : described;
            }

            return ListedWith.Find(read, figureStart, noun) ?? noun;
        }

        if (a == b && NextFigure(read, a) is { } next)
        {
            // 98万平方米1028幢校舍: a figure right before another measures what the other counts (its area, its cost).
            var other = Core(clause, read, a, next.End, next.Unit, null);
            return other.Length > 0 && AreaUnits.Contains(unit) ? other + "面积" : other;
        }

        if (a == b && SubjectPredicate.Counted(clause, read, a, unit) is { } counted)
        {
            return counted;
        }

        var found = be > bs ? Named(clause, read, bs, be, figureStart, unit, share) : b > a ? Tidy(clause[a..b]) : string.Empty;
        if (unit == "次" && a == b && be > bs && found.Length >= 2 && !found.EndsWith("次数", StringComparison.Ordinal) && Trim(read, a, read.Length).Item2 == a)
        {
            found += "次数"; // 各科目每年开考一次: how often it is done
        }

        if (found.Length > 0)
        {
            // 44人获一等奖，占全省1/5: a share that opens on 占 is the share of what the figure before it counted.
            return share && found[0] == '占' && !string.IsNullOrEmpty(previous) && !previous.EndsWith("比例", StringComparison.Ordinal)
                ? previous + found : found;
        }

        if (PreviousInList(read, figureStart) is { } first)
        {
            // 600元、800元: a figure of a list that names nothing of its own measures what the list's first figure measures.
            return Core(clause, read, first.Start, first.End, unit, previous);
        }

        if (MeasureOfPrevious(clause, read, figureStart, previous) is { } measure)
        {
            return measure;
        }

        // Nothing names the figure on its own: the ledger still shows the clause around it rather than nothing.
        var rest = Tidy(clause[..figureStart] + clause[figureEnd..]);
        return rest.Length > 30 ? rest[..30] : rest;
    }

    /// <summary>
    /// 100%的乡镇中心幼儿园<u>和</u>70%的中心村幼儿园进入…行列: what the last member of a list of figures does, all of them do.
    /// </summary>
    private static string? SharedPredicate(string clause, string read, int nounEnd)
    {
        var k = nounEnd;
        while (k < read.Length && (read[k] is '和' or '、' or '及' || Chars.IsSpace(read[k])))
        {
            k++;
        }

        if (k == nounEnd || k >= read.Length || !IsFigureChar(read[k]))
        {
            return null;
        }

        var end = FigureEnd(read, k);
        var (a, b) = NounAfter(read, end);
        return b > a ? SubjectPredicate.At(clause, read, b) : null;
    }

    /// <summary>Words that name only a measure (投入, 资金, 面积): they measure what the sentence counted before them.</summary>
    private static readonly string[] BareMeasures = ["投入", "总投入", "投资", "总投资", "资金", "经费", "面积", "总面积", "总额", "金额"];

    /// <summary>
    /// 市区列入重点建设项目13个，投入达6.6亿元: a clause that names only a measure before its figure measures what the
    /// figure before it in the sentence counted (…重点建设项目投入).
    /// </summary>
    private static string? MeasureOfPrevious(string clause, string read, int figureStart, string? previous)
    {
        if (string.IsNullOrEmpty(previous))
        {
            return null;
        }

        var lead = read[..figureStart].TrimEnd();
        foreach (var w in new[] { "达到", "达", "为", "共", "约", "近", "超过" })
        {
            if (lead.EndsWith(w, StringComparison.Ordinal))
            {
                lead = lead[..^w.Length];
                break;
            }
        }

        return BareMeasures.Contains(lead.Trim()) ? previous + clause[..lead.Length].Trim() : null;
    }

    private static readonly string[] AreaUnits = ["平方米", "万平方米", "平方公里", "平方千米", "亩", "公顷"];

    /// <summary>Words that open a change measured against an earlier figure (同比下降5.9%).</summary>
    private static readonly string[] ChangeOpeners = ["同比", "比上年", "较上年", "比去年", "较去年", "环比"];

    /// <summary>Words that end a rate's or share's name: a share named by them needs no 比例 added.</summary>
    private static readonly string[] RateEnds = ["率", "比", "比例", "比重", "占比", "份额", "覆盖面"];

    /// <summary>The last characters of nouns that name people (教师, 学生, 校长, 工作者); a count of people named otherwise counts 人数.</summary>
    private const string PersonEnds = "生师员长人者手童儿士工部才民户家属女孩子兵警医友众客官干匠模丁军任";

    /// <summary>
    /// The noun before the figure, named as what the figure measures: a share of something (学校公用经费的10%, 占全省1/4)
    /// is its 比例; a count of people of something that names no people (学生非正常死亡34人) is its 人数.
    /// </summary>
    private static string Named(string clause, string read, int start, int end, int figureStart, string unit, bool share)
    {
        var noun = Tidy(clause[start..end]);
        if (noun.Length == 0)
        {
            return noun;
        }

        var shareOf = read.AsSpan(end, figureStart - end).Contains('的');
        if (share && shareOf && ShareBound(noun) is { } bound)
        {
            // 课时比例不少于总课时的20% → 课时占总课时比例: the comparator between the part and the whole reads as 占.
            return noun[..bound.Start].TrimEnd("比例".ToCharArray()) + "占" + noun[bound.End..] + "比例";
        }

        if (share && unit != "个百分点" && unit != "百分点" && WordAt.Ending(noun, RateEnds) is null && (noun.Contains('占') || shareOf || AmongWhole(noun)))
        {
            return noun + "比例";
        }

        if (SubjectMeasure.IsDuration(unit))
        {
            return SubjectMeasure.Timed(noun);
        }

        return SubjectPredicate.IsPeopleUnit(unit) && !PersonEnds.Contains(noun[^1]) && !MeasureEnds.Contains(noun[^1]) ? noun + "人数" : noun;
    }

    /// <summary>专业教师中“双师型”教师: people among a group; a percentage of them is their share of it.</summary>
    private static bool AmongWhole(string noun)
    {
        var among = noun.IndexOf('中');
        return among >= 2 && noun.Length - among > 2 && PersonEnds.Contains(noun[^1]) && PersonEnds.Contains(noun[among - 1]);
    }

    /// <summary>Nouns that already name a measure (班额, 招生人数, 规模): a count of people of them adds nothing.</summary>
    private const string MeasureEnds = "数量额模率比";

    /// <summary>Comparators that stand between a part and its whole in a share (A不低于B的10%).</summary>
    private static readonly string[] ShareComparators = ["不低于", "不少于", "不超过", "不高于", "达到", "超过"];

    private static (int Start, int End)? ShareBound(string noun)
    {
        foreach (var w in ShareComparators)
        {
            var k = noun.IndexOf(w, StringComparison.Ordinal);
            if (k >= 2 && noun.Length - (k + w.Length) >= 2)
            {
                return (k, k + w.Length);
            }
        }

        return null;
    }

    /// <summary>Verbs before a figure that say which of the things after it are counted (新增4所<u>幼儿园</u>: new ones).</summary>
    private static readonly string[] NewThings = ["新增", "新建成", "新建、改扩建", "新建和改扩建", "新建", "新改扩建", "改扩建", "新开办", "新招录", "新聘", "增加"];

    private static readonly string[] PerVerbs = ["配备", "配齐", "建成", "建立", "设立", "设置", "建有", "有"];

    /// <summary>
    /// Words before the figure that belong to the noun after it: 新增 (全市新增4所示范幼儿园、46所农村合格幼儿园 → 新增示范幼儿园,
    /// 新增农村合格幼儿园) and a per-unit opening (每所规模学校配备1名心理教师 → 每所规模学校心理教师).
    /// </summary>
    private static string? NounPrefix(string clause, string read, int figureStart)
    {
        var end = figureStart;
        while (PreviousInList(read, end) is not null || ListMemberBefore(read, end) is not null)
        {
            end = PreviousInList(read, end)?.Start ?? ListMemberBefore(read, end)!.Value;
        }

        var k = end;
        while (k > 0 && (Chars.IsSpace(read[k - 1]) || read[k - 1] is '共' or '再' or '又'))
        {
            k--;
        }

        if (NewThings.FirstOrDefault(w => k >= w.Length && string.CompareOrdinal(read, k - w.Length, w, 0, w.Length) == 0) is { } verb)
        {
            return verb;
        }

        var per = read.LastIndexOf('每', Math.Max(0, k - 1));
        if (per < 0 || k - per > 12 || per + 1 >= k)
        {
            return null;
        }

        foreach (var w in PerVerbs)
        {
            if (k - per > w.Length + 1 && string.CompareOrdinal(read, k - w.Length, w, 0, w.Length) == 0)
            {
                var span = read.AsSpan(per, k - w.Length - per);
                return span.IndexOfAny("，,。；、") < 0 && !HasDigit(read, per, k) ? clause[per..(k - w.Length)].Replace("至少", string.Empty).Replace("均", string.Empty) : null;
            }
        }

        return null;
    }

    /// <summary>4所示范幼儿园、<u>46所</u>: where the list member before the figure (figure and noun, then 、) starts.</summary>
    private static int? ListMemberBefore(string s, int figureStart)
    {
        if (figureStart < 2 || s[figureStart - 1] is not ('、' or '和' or '及'))
        {
            return null;
        }

        var k = figureStart - 1;
        var limit = Math.Max(0, k - 20);
        while (k > limit && !IsFigureChar(s[k - 1]) && s[k - 1] is not ('，' or ',' or '。' or '；' or '、'))
        {
            k--;
        }

        if (k <= limit || !IsFigureChar(s[k - 1]))
        {
            return null;
        }

        while (k > 0 && (IsFigureChar(s[k - 1]) || Chars.IsDot(s[k - 1])))
        {
            k--;
        }

        return k;
    }

    /// <summary>
    /// 其中市区2000人, （清华22人）: a part of the figure stated before it, named by a short word, is that part of what the
    /// figure before counted (市区 + 跨地域招生; 被北大、清华录取的人数 → 被清华录取的人数).
    /// </summary>
    private static string? Part(string clause, string read, int figureStart, string? previous)
    {
        if (string.IsNullOrEmpty(previous))
        {
            return null;
        }

        var k = -1;
        for (var n = 2; n <= 3 && figureStart - n >= 0; n++)
        {
            var opening = read[..(figureStart - n)].TrimEnd();
            if ((opening == "其中" || opening.EndsWith('（') || opening.EndsWith('(') || opening.EndsWith("（其中", StringComparison.Ordinal)) && read.AsSpan(figureStart - n, n).ToString().All(Chars.IsCjk))
            {
                k = figureStart - n;
                break;
            }
        }

        if (k < 0 || PersonEnds.Contains(read[figureStart - 1]))
        {
            return null;
        }

        var name = clause[k..figureStart];
        var before = read[..k].TrimEnd();
        if (before == "其中" || before.EndsWith("（其中", StringComparison.Ordinal))
        {
            return ListNamed(previous, name) ?? (previous.StartsWith(name, StringComparison.Ordinal) ? previous : name + previous);
        }

        // （清华22人） names a member of the list the figure before counted; （市本级500万） a part of what it counted.
        return before.EndsWith('（') || before.EndsWith('(') ? ListNamed(previous, name) ?? (previous.StartsWith(name, StringComparison.Ordinal) ? previous : name + previous) : null;
    }

    /// <summary>被北大、清华录取的人数 with 清华 → 被清华录取的人数: a list in a subject, cut to the member named.</summary>
    private static string? ListNamed(string subject, string name)
    {
        var at = subject.IndexOf(name, StringComparison.Ordinal);
        if (at < 0)
        {
            return null;
        }

        // Members of one list are about as long as each other: step over the ones before and after the member named.
        var start = at;
        while (start > name.Length && subject[start - 1] == '、')
        {
            start -= name.Length + 1;
        }

        var end = at + name.Length;
        while (end + name.Length < subject.Length && subject[end] == '、')
        {
            end += name.Length + 1;
        }

        return start == at && end == at + name.Length ? null : subject[..start] + name + subject[end..];
    }

    /// <summary>同比下降5.9%: a change that names nothing of its own measures the figure stated before it in the sentence.</summary>
    private static string? ChangeOf(string clause, string read, int figureStart, string? previous)
    {
        if (string.IsNullOrEmpty(previous))
        {
            return null;
        }

        var k = 0;
        while (k < figureStart && (Chars.IsSpace(read[k]) || read[k] is '，' or ','))
        {
            k++;
        }

        if (!ChangeOpeners.Any(w => string.CompareOrdinal(read, k, w, 0, w.Length) == 0))
        {
            return null;
        }

        var (s, e) = Trim(read, k, figureStart);
        return previous + clause[s..e];
    }

    /// <summary>The figure that starts at <paramref name="i"/> (digits, then 万/亿, then a unit), if one does.</summary>
    private static (int End, string Unit)? NextFigure(string s, int i)
    {
        var k = i;
        while (k < s.Length && (Chars.IsDigit(s[k]) || Chars.IsDot(s[k])))
        {
            k++;
        }

        if (k == i)
        {
            return null;
        }

        while (k < s.Length && s[k] is '万' or '亿' or '多' or '余')
        {
            k++;
        }

        var n = Units.Read(s, k, out var unit);
        return n > 0 && Units.IsMeasure(unit) ? (k + n, unit) : null;
    }

    /// <summary>Where the figure that starts at <paramref name="i"/> ends (its digits and unit); <paramref name="i"/> if none starts there.</summary>
    private static int FigureEnd(string s, int i)
    {
        var k = i;
        while (k < s.Length && (IsFigureChar(s[k]) || Chars.IsDot(s[k])))
        {
            k++;
        }

        return k > i && !Chars.IsPercent(s[k - 1]) ? k + Units.Read(s, k, out _) : k;
    }

    /// <summary>600元、<u>800元</u>: the figure of the same list right before this one, if this one follows it after a 、.</summary>
    private static (int Start, int End)? PreviousInList(string s, int figureStart)
    {
        var k = figureStart - 1;
        if (k < 1 || s[k] != '、')
        {
            return null;
        }

        var end = k;
        var u = end;
        while (u > 0 && end - u < 4 && !IsFigureChar(s[u - 1]))
        {
            u--;
        }

        if (u == 0 || !IsFigureChar(s[u - 1]) || (u < end && Units.Read(s, u, out _) != end - u))
        {
            return null;
        }

        var start = u;
        while (start > 0 && (IsFigureChar(s[start - 1]) || Chars.IsDot(s[start - 1])))
        {
            start--;
        }

        return (start, end);
    }

    /// <summary>
    /// 必修学分从116学分减少到96学分: both figures of a change measure the noun before 从/由; returns where to look for it.
    /// </summary>
    private static int ChangeStart(string s, int figureStart)
    {
        for (var k = figureStart - 1; k >= 0 && figureStart - k <= 20; k--)
        {
            if (s[k] is '从' or '由' && k + 1 < s.Length && (Chars.IsDigit(s[k + 1]) || Chars.IsPlaceholderX(s[k + 1])) && k > 0)
            {
                return k;
            }

            if (s[k] is '，' or ',' or '；' or '。')
            {
                break;
            }
        }

        return figureStart;
    }

    /// <summary>3～6周岁, 0-3岁 ending at <paramref name="end"/> (its digits end there, 岁 or 周岁 follows): where it starts.</summary>
    private static int? AgeBracket(string s, int end)
    {
        if (end >= s.Length || !(s[end] == '岁' || (s[end] == '周' && end + 1 < s.Length && s[end + 1] == '岁')))
        {
            return null;
        }

        var k = end;
        while (k > 0 && end - k < 8 && (Chars.IsDigit(s[k - 1]) || s[k - 1] is '~' or '～' or '-' or '—' or '－' or '至' or '到'))
        {
            k--;
        }

        while (k < end && !Chars.IsDigit(s[k]))
        {
            k++; // 至3岁: the word before the first digit is no part of it
        }

        return k < end ? k : null;
    }

    /// <summary>前100名 ending at <paramref name="end"/> (its digits end there, 名 follows): where 前 stands; null if it is no rank band.</summary>
    private static int? RankedGroup(string s, int end)
    {
        if (end >= s.Length || s[end] != '名')
        {
            return null;
        }

        var k = end;
        while (k > 0 && Chars.IsDigit(s[k - 1]))
        {
            k--;
        }

        return k < end && k > 0 && s[k - 1] == '前' ? k - 1 : null;
    }

    /// <summary>The noun phrase before a figure, [start, end): linking words dropped, cut at the last governing verb.</summary>
    private static (int Start, int End) NounBefore(string s, int figureStart, bool share = false)
    {
        var end = figureStart;
        var stripped = true;
        while (stripped && end > 0)
        {
            stripped = false;
            while (end > 0 && (Chars.IsSpace(s[end - 1]) || s[end - 1] is '、' or '，' or ','))
            {
                end--;
            }

            if (end > 1 && s[end - 1] == '均' && s[end - 2] != '平')
            {
                end--;
                stripped = true;
                continue;
            }

            foreach (var w in Linking)
            {
                if (end >= w.Length && WordAt.Is(s, end - w.Length, w) && end - w.Length > 0)
                {
                    end -= w.Length;
                    stripped = true;
                    break;
                }
            }
        }

        // 获一等奖（均为第一名）2个: a remark in brackets between the noun and its figure is neither.
        if (end > 2 && s[end - 1] is '）' or ')')
        {
            var open = s.LastIndexOfAny(['（', '('], end - 1, Math.Min(end, 12));
            if (open > 0 && !HasDigit(s, open, end))
            {
                end = open;
            }
        }

        // A list of figures: the noun starts after the previous figure (教育联合体XX个、<u>研修共同体</u>XX个).
        var start = end;
        while (start > 0 && (s[start - 1] is not ('（' or '(' or '）' or ')') || PlaceBracket(s, start) is not null))
        {
            if (PlaceBracket(s, start) is { } open)
            {
                start = open; // 县(市、区)学前三年幼儿入园率: the bracket completes the place's name
                continue;
            }

            if (IsFigureChar(s[start - 1]))
            {
                if (start >= 4 && start < s.Length && s[start] == '年' && s.AsSpan(start - 4, 4).ToString().All(Chars.IsDigit))
                {
                    start -= 4; // a year (2022年立项的) is no figure of a list
                    continue;
                }

                if (RankedGroup(s, start) is { } group)
                {
                    start = group; // 全省文理科前100名我市共39人: the top of a ranking names a group, it counts nothing
                    continue;
                }

                if (AgeBracket(s, start) is { } age)
                {
                    start = age; // 3～6周岁幼儿入园率: an age bracket names the population, it belongs to the subject
                    continue;
                }

                break;
            }

            start--;
        }

        if (start > 0 && IsFigureChar(s[start - 1]))
        {
            while (start < end && !(s[start] == '、' || Chars.IsCjk(s[start]) || s[start] is '“' or '"' or '《'))
            {
                start++;
            }

            while (start < end && (s[start] == '、' || Units.Read(s, start, out _) > 0 || s[start] is '以' or '上' or '下' or '余' or '多' or '万'))
            {
                start++;
            }
        }

        var best = start;
        var renewed = -1;
        var present = end <= start ? default : CharsIn(s.AsSpan(start, end - start));
        foreach (var verb in end <= start ? [] : share ? ShareGoverning : Governing)
        {
            if (verb.Length > 0 && !present.MayHave(verb[0]))
            {
                continue; // its first character is nowhere in the noun, so neither is the verb
            }

            var k = s.LastIndexOf(verb, end - 1, end - start, StringComparison.Ordinal);
            if (k < start)
            {
                continue;
            }

            // A one-character verb only where it opens the clause or stands right before the figure (共同体 is no 共, 达标率 no 达);
            // a verb that only one character follows is part of a noun (覆盖率, 创建率).
            if ((verb.Length == 1 && k != start && k + 1 != end && verb is not ("对" or "为" or "将" or "把" or "获"))
                || (verb == "对" && k + 1 < end && s[k + 1] is '照' or '于' or '接' or '标' or '外' or '口') || end - (k + verb.Length) == 1
                || (k + verb.Length == end && k > start && s[k - 1] == '的')
                || (verb.Length >= 2 && StartsWithAny(s, k + verb.Length, HeadNouns)))
            {
                continue;
            }

            if (k + verb.Length > best)
            {
                best = k + verb.Length;
                renewed = IsNewBefore(s, k, start) ? k - 1 : -1;
            }
        }

        // 新建成中小学、幼儿园70所, 新招聘补充中小学教师14人: 新 before the verb says which things are counted (new ones), as 新增 does.
        return Trim(s, renewed >= 0 ? renewed : best, end);
    }

    /// <summary>新 right before a verb at <paramref name="k"/>, not the end of 重新/创新/更新/革新/最新.</summary>
    private static bool IsNewBefore(string s, int k, int start) =>
        k > start && s[k - 1] == '新' && (k - 1 == start || s[k - 2] is not ('重' or '创' or '更' or '革' or '最' or '翻' or '清'));

    /// <summary>
    /// Which characters a piece of text may hold, two bits of two 64-bit masks per character: a character whose bits
    /// are not both set is surely not in it (one pass over the text instead of a search per verb).
    /// </summary>
    private readonly record struct CharSet(ulong Low, ulong High)
    {
        public bool MayHave(char c) => (Low & (1UL << (c & 63))) != 0 && (High & (1UL << ((c >> 6) & 63))) != 0;
    }

    private static CharSet CharsIn(ReadOnlySpan<char> text)
    {
        ulong low = 0, high = 0;
        foreach (var c in text)
        {
            low |= 1UL << (c & 63);
            high |= 1UL << ((c >> 6) & 63);
        }

        return new CharSet(low, high);
    }

    /// <summary>x所新建、改扩建学校: verbs of building listed before their noun belong to it; the 、 after them ends no list member.</summary>
    private static readonly HashSet<string> BuildVerbs = ["新建", "改建", "扩建", "改扩建", "新改扩建", "续建", "迁建", "新建和改扩建"];

    /// <summary>
    /// 县(市、区), 各县（市）: a bracket of administrative levels right after a place word is part of the place's name; returns
    /// where the bracket opens when the text before <paramref name="end"/> closes one.
    /// </summary>
    private static int? PlaceBracket(string s, int end)
    {
        if (end < 4 || s[end - 1] is not ('）' or ')'))
        {
            return null;
        }

        var open = s.LastIndexOfAny(['（', '('], end - 2, Math.Min(end - 1, 7));
        if (open < 1 || !"市区县镇乡旗".Contains(s[open - 1]))
        {
            return null;
        }

        for (var i = open + 1; i < end - 1; i++)
        {
            if (!"市区县镇乡旗、".Contains(s[i]))
            {
                return null;
            }
        }

        return end - open > 2 ? open : null;
    }

    /// <summary>The noun after a figure, [start, end): comparators (以上, 左右) skipped, cut at the next verb or list mark.</summary>
    private static (int Start, int End) NounAfter(string s, int figureEnd)
    {
        var start = figureEnd;
        var threshold = false;
        foreach (var w in new[] { "及以上", "及以下", "以上", "以下", "以内", "左右", "的", "内" })
        {
            if (WordAt.Is(s, start, w))
            {
                start += w.Length;
                threshold |= w.Length > 1 && w != "左右";
            }
        }

        if (start >= s.Length || !(Chars.IsCjk(s[start]) || Chars.IsAsciiLetter(s[start]) || s[start] is '“' or '"' or '《') || StartsWithAny(s, start, NoNounAfter)
            || (s[start - 1] != '的' && SubjectPredicate.OpensAt(s, start)))
        {
            return (start, start);
        }

        var end = start;
        while (end < s.Length && !Chars.IsDigit(s[end]) && !Chars.IsPlaceholderX(s[end]))
        {
            var c = s[end];
            if (c is '、' && (threshold || FigureBeforeClauseEnd(s, end)) && !BuildVerbs.Contains(s[start..end]))
            {
                break; // 示范幼儿园、46所…: the next member of a list of figures; 56人以上大班额、超大班额: a size defines the first
            }

            if (c is '（' or '(' && !ShortAside(s, end))
            {
                break;
            }

            if (end - start >= 2 && !NamedStandard(s, end) && ((AfterStopStarts.MayStartAt(s, end) && StartsWithAny(s, end, AfterStops)) || SubjectPredicate.OpensAt(s, end) || GoverningAfterNoun(s, end)))
            {
                break;
            }

            end++;
        }

        return Trim(s, start, end);
    }

    /// <summary>
    /// A verb after the noun that takes an object of its own (中小学和幼儿园<u>建设</u>安防…) ends the noun; one that a head noun
    /// follows (幼儿园<u>创建</u>任务, 绿色装配<u>建设</u>项目) is part of it.
    /// </summary>
    private static bool GoverningAfterNoun(string s, int i)
    {
        if (!LongGoverningStarts.MayStartAt(s, i))
        {
            return false;
        }

        foreach (var w in Governing)
        {
            if (w.Length >= 2 && WordAt.Is(s, i, w))
            {
                return MoreWordsAfter(s, i) && !StartsWithAny(s, i + w.Length, HeadNouns);
            }
        }

        return false;
    }

    /// <summary>知识竞赛<u>达标</u>活动, 体育<u>达标</u>工程: 达标 before a head noun names the thing (an activity, a project), it reaches nothing.</summary>
    private static bool NamedStandard(string s, int i) =>
        string.CompareOrdinal(s, i, "达标", 0, 2) == 0 && StartsWithAny(s, i + 2, HeadNouns);

    /// <summary>Modal words: a verb before them (集中培训<u>一定</u>要…) has no object.</summary>
    private static readonly string[] Modals = ["一定", "必须", "应当", "要"];

    /// <summary>Nouns that make a verb before them part of a name (创建<u>任务</u>, 建设<u>项目</u>, 提档升级<u>工程</u>, 专题培训<u>班</u>).</summary>
    private static readonly string[] HeadNouns =
    [
        "任务", "目标", "项目", "工程", "工作", "计划", "名单", "经费", "资金", "标准", "活动", "成果", "指标", "主体", "班",
    ];

    private static bool StartsWithAny(string s, int i, string[] words, int minLength = 1)
    {
        foreach (var w in words)
        {
            if (w.Length >= minLength && WordAt.Is(s, i, w))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A verb after the noun ends it only when it has an object (中小学和幼儿园<u>建设</u>安防…), not at the clause's end (重点校舍建设).</summary>
    private static bool MoreWordsAfter(string s, int i)
    {
        var k = i + 2;
        return k < s.Length && (Chars.IsCjk(s[k]) || s[k] is '“') && !StartsWithAny(s, k, Modals);
    }

    private static bool FigureBeforeClauseEnd(string s, int i)
    {
        for (var k = i + 1; k < s.Length && s[k] is not ('，' or '。' or '；' or ','); k++)
        {
            if (IsFigureChar(s[k]))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>(示范), （个人）: a short aside without figures belongs to the noun.</summary>
    private static bool ShortAside(string s, int i)
    {
        for (var k = i + 1; k < s.Length && k - i <= 6; k++)
        {
            if (s[k] is '）' or ')')
            {
                return true;
            }

            if (IsFigureChar(s[k]))
            {
                return false;
            }
        }

        return false;
    }

    /// <summary>
    /// 文、理科上线率分别为51.2%、27.1%, 小学、初中生均公用经费600元、800元: the n-th figure of a list (after 分别, or of
    /// figures joined by 、) takes the n-th member of the list of nouns before it.
    /// </summary>
    private static string? ListSubject(string clause, string s, int figureStart)
    {
        var fen = s.LastIndexOf("分别", Math.Max(0, figureStart - 1), StringComparison.Ordinal);
        int anchor, nth = 0, figures;
        if (fen > 0 && figureStart - fen <= 30)
        {
            anchor = fen + 2;
            for (var k = fen; k < figureStart; k++)
            {
                if (s[k] == '、')
                {
                    nth++;
                }
            }

            figures = nth + 1;
            for (var k = figureStart; k < s.Length && s[k] is not ('，' or '。' or '；' or '（' or '('); k++)
            {
                if (s[k] == '、')
                {
                    figures++;
                }
            }
        }
        else
        {
            anchor = figureStart;
            while (PreviousInList(s, anchor) is { } previous)
            {
                anchor = previous.Start;
                nth++;
            }

            figures = nth + 1;
            for (var k = FigureEnd(s, figureStart); k + 1 < s.Length && s[k] == '、' && FigureEnd(s, k + 1) > k + 1; k = FigureEnd(s, k + 1))
            {
                figures++;
            }
        }

        if (figures < 2)
        {
            return null;
        }

        var (bs, be) = NounBefore(s, anchor, true);
        var parts = clause[bs..be].Split('、');
        if (parts.Length != figures || parts.Any(p => p.Length == 0))
        {
            return null;
        }

        // The first member may carry a shared head (普通本科文), the last a shared tail (理科上线率).
        var last = parts[^1];
        var k0 = parts.Length > 2 ? parts[1..^1].Min(p => p.Length) : last.Length >= 3 && "科级类等型".Contains(last[1]) ? 1 : Math.Min(2, last.Length);
        var first = parts[0];
        var head = first.Length > k0 ? first[..^k0] : string.Empty;
        var tail = last.Length > k0 ? last[k0..] : string.Empty;
        var member = nth == 0 ? first[^Math.Min(k0, first.Length)..] : nth == parts.Length - 1 ? last[..Math.Min(k0, last.Length)] : parts[nth];
        return Tidy(head + member + tail);
    }

    /// <summary>
    /// 确保学生每天在校1小时的体育锻炼时间: a figure joined by 的 to the noun after it measures that noun, and the words between
    /// the governing verb and the figure say whose it is (学生每天在校体育锻炼时间); 为期 (how long) says nothing of it.
    /// </summary>
    private static bool OwnedMeasure(string s, int start, int end, int figureStart, int figureEnd) =>
        end == figureStart && figureEnd < s.Length && s[figureEnd] == '的' && start > 0 && !HasDigit(s, start, end)
        && s.AsSpan(start, end - start).IndexOfAny("，,、；") < 0 && string.CompareOrdinal(s, start, "为期", 0, 2) != 0;

    /// <summary>The words right before the figure modify the noun after it when they end in 的 (2022年立项的) or a preposition opened them (对…).</summary>
    private static bool IsModifier(string s, int start, int end) =>
        s[end - 1] == '的' || (start > 0 && s[start - 1] == '对' && !HasDigit(s, start, end) && !s.AsSpan(start, end - start).EndsWith("等"));

    private static (int, int) Trim(string s, int start, int end)
    {
        while (start < end && (Chars.IsSpace(s[start]) || s[start] is '、' or '，' or ',' or '：' or ':' or '）' or ')'))
        {
            start++;
        }

        while (end > start && (Chars.IsSpace(s[end - 1]) || s[end - 1] is '、' or '，' or ',' or '（' or '(' or '和' or '及' or '与'))
        {
            end--;
        }

        return (start, end);
    }

    private static bool IsFigureChar(char c) => Chars.IsDigit(c) || Chars.IsPlaceholderX(c) || c is '%' or '％';

    private static bool HasDigit(string s, int start, int end)
    {
        for (var k = start; k < end; k++)
        {
            if (Chars.IsDigit(s[k]))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Drops leading years (2019年, 到2022年; not the year of a modifier: 2022年立项的), 各, 全市 and unbalanced punctuation.</summary>
    private static string Tidy(string subject)
    {
        var s = subject.AsSpan().Trim();
        var changed = true;
        while (changed && s.Length > 0)
        {
            changed = false;
            if (s.Length >= 5 && s[..4].ToString().All(Chars.IsDigit) && s[4] == '年' && s[5..Math.Min(s.Length, 10)].IndexOf('的') < 0)
            {
                s = s[5..];
                changed = true;
                if (s.StartsWith("底") || s.StartsWith("前"))
                {
                    s = s[1..];
                }

                continue;
            }

            if (s.Length >= 6 && s[0] is '到' or '至' or '在' && s[1..5].ToString().All(Chars.IsDigit) && s[5] == '年')
            {
                s = s[6..];
                changed = true;
                continue;
            }

            // “十四五”期间新建学校: the period the work falls in says when, not which things are counted.
            if (s.IndexOf("期间", StringComparison.Ordinal) is var during and > 0 and <= 8 && s.Length > during + 4)
            {
                s = s[(during + 2)..];
                changed = true;
                continue;
            }

            foreach (var w in Leading)
            {
                if (s.Length > w.Length + 1 && s.StartsWith(w, StringComparison.Ordinal))
                {
                    s = s[w.Length..];
                    changed = true;
                    break;
                }
            }

            while (s.Length > 0 && (Chars.IsTrimPunct(s[0]) || s[0] is '）' or ')' or '”' or '—' or '-' || (s[0] is '“' && s.IndexOf('”') < 0)))
            {
                s = s[1..];
                changed = true;
            }

            while (s.Length > 0 && (Chars.IsTrimPunct(s[^1]) || s[^1] is '（' or '(' or '“' || (s[^1] is '”' && s.IndexOf('“') < 0) || (s[^1] is '）' or ')' && s.IndexOfAny("（(") < 0)))
            {
                s = s[..^1];
                changed = true;
            }
        }

        return s.ToString();
    }
}
