using Luoshi.Parsing.Model;

namespace Luoshi.Parsing.Quantities;

/// <summary>
/// Tells a target (what the plan commits to) from an achievement (a result reported in a review of the past)
/// and from other figures (rules, thresholds, durations, comparison figures).
/// </summary>
public static class QuantityKindClassifier
{
    private static readonly string[] DurationUnits = ["小时", "天", "周", "个月", "学时", "分钟", "课时"];
    private static readonly string[] SentencePast =
    [
        "累计", "目前", "现有", "已经", "去年", "过去", "实现了", "达到了", "取得了", "获得了", "荣获", "创历史", "同比", "只占", "仅占", "只有", "仅有", "虽已", "尚有",
    ];

    /// <summary>Words that commit the plan to a figure, even inside a review (力争达到95%, 确保, 计划新建, 将新增).</summary>
    private static readonly string[] TargetMarkers =
    [
        "力争", "确保", "争取", "计划新", "计划建", "计划完成", "计划投入", "将新增", "将达到", "将建成", "将完成", "将实现", "将提高", "将新建", "目标是", "目标为",
    ];

    /// <summary>
    /// A share of a fund or a total (公用经费的10%, 工资总额的3%) sets a funding rule, not a target; one that something 占
    /// (拨付资金占年度计划投资总额的75%) reports how far it got.
    /// </summary>
    private static readonly string[] FundShares = ["总额的", "经费的", "总量的", "收入的", "支出的"];

    /// <summary>Drawing a share from a fund (从…中提取30%, 按…计提) sets a funding rule too.</summary>
    private static readonly string[] FundDrawing = ["提取", "计提", "列支"];

    /// <summary>A figure that something 需 (needs) after it is a need stated, neither a result nor a commitment (1028幢校舍需加固改造).</summary>
    private static bool IsNeed(ReadOnlySpan<char> after)
    {
        var end = after.IndexOfAny("，,。；;");
        var clause = end < 0 ? after : after[..end];
        var need = clause.IndexOf('需');
        return need > 0 && !clause[..need].Contains('已');
    }

    /// <summary>Words right before a figure that state where things stand now (只占18%, 仅有3所, 虽已达66.7%).</summary>
    private static readonly string[] StandsNow = ["只占", "仅占", "只有", "仅有", "虽已", "尚有", "已", "累计", "共有", "现有"];

    /// <param name="before">The clause text before the figure.</param>
    /// <param name="after">The text right after the figure and its unit.</param>
    /// <param name="sentence">The sentence the figure is in, up to the figure: words after it say nothing about it.</param>
    /// <param name="review">Whether the figure sits in a review of the past (a section or paragraph that looks back).</param>
    /// <param name="planYear">The year the plan is for, when known: a clause that opens on an earlier year looks back.</param>
    /// <param name="done">Whether the figure's clause says it is done already (已完成…38所, 44所…已全部完成, …10144台，均已投入使用).</param>
    public static QuantityKind Classify(RawQuantity q, ReadOnlySpan<char> before, ReadOnlySpan<char> after, ReadOnlySpan<char> sentence, bool review,
        int? planYear = null, bool done = false, ReadOnlySpan<char> period = default, bool carried = false)
    {
        var b = before.TrimEnd();
        if (b.EndsWith("从") || b.Contains("平均为", StringComparison.Ordinal) || b.Contains("平均水平", StringComparison.Ordinal)
            || (b.EndsWith("平均") && !PerPeriod(b[..^2]))
            || b.EndsWith("后") || b.EndsWith("前") || b.Contains("预计", StringComparison.Ordinal) || b.Contains("有望", StringComparison.Ordinal) || after.StartsWith("有望"))
        {
            return QuantityKind.Other; // 从116学分减少到…, 全省平均为…, 后20%学生, 预计将超过…, 有望通过3家: an expectation
        }

        var rest = after.TrimStart();
        if (rest.StartsWith("未") || rest.StartsWith("尚未") || rest.StartsWith("仍未"))
        {
            return QuantityKind.Other; // 建设费x万元未及时拨付: a shortfall, neither done nor to be done
        }

        var within = after.IndexOf('中');
        if (within > 0 && after[within - 1] is '初' or '高' or '职')
        {
            within = -1; // 新建2所高中。, 5所初中、: a school, not the group compared
        }

        if ((within is >= 0 and <= 4 && within + 1 < after.Length && after[within + 1] is '，' or ',' or '有' or '居' or '的' or '。' or '、' or '排' or '名' or '位')
            || after[..Math.Min(after.Length, 10)].IndexOf("的基础上") >= 0)
        {
            return QuantityKind.Other; // 14项中有7项, 10个部门中, 在600元的基础上, 在18个区县中排名第一 (the group compared)
        }

        if (after.StartsWith("之差") || after.StartsWith("/") || after.StartsWith("／") || after.StartsWith("的标准") || (after.StartsWith("标准") && !after.StartsWith("标准化")))
        {
            return QuantityKind.Other; // 14项中, 1分之差, 200元/生·年的标准
        }

        if (q.Unit == "人")
        {
            var a = after.StartsWith("口") ? after[1..] : after;
            if ((a.StartsWith("以上") || a.StartsWith("以下")) && a.Length > 2 && a[2] is not ('，' or '。' or '；' or '、' or ',' or ';'))
            {
                return QuantityKind.Other; // 56人以上大班额, 600人以上学校: a size threshold
            }
        }

        if (Array.IndexOf(DurationUnits, q.Unit) >= 0)
        {
            // 每天运动1小时: a duration for each day or week is a rule of the task, in a review as well
            return review && !PerPeriod(b) ? QuantityKind.Achievement : QuantityKind.Other;
        }

        if (q.Unit == "年")
        {
            return review ? QuantityKind.Achievement : QuantityKind.Other;
        }

        if (q.Unit == "学分" && !(b.EndsWith("到") && !b.EndsWith("达到")))
        {
            return QuantityKind.Other;
        }

        if (q.Unit == "%" && ((EndsWithAny(b, FundShares) && !b.Contains('占')) || EndsWithAny(b, FundDrawing)))
        {
            return QuantityKind.Other;
        }

        if (IsNeed(after))
        {
            return QuantityKind.Other;
        }

        // The nearest word before the figure decides: 同比增长12%（past），力争达到95%（target）.
        var past = LastIndexOfAny(sentence, SentencePast);
        if (past >= 0 && past < sentence.Length - before.Length && LastIndexOfAny(b, StandsNow) < 0)
        {
            past = -1; // a past word in an earlier clause (目前已建成35所，今年再建设20所) says nothing about this figure
        }

        var target = LastIndexOfAny(sentence, TargetMarkers);
        if (target >= 0 && target > past)
        {
            return QuantityKind.Target;
        }

        if (done)
        {
            return QuantityKind.Achievement;
        }

        // A look-back carries over the ；-parts before this one (去年…52%；\n我们…新招聘教师14人): they are parts of one sentence.
        return review || past >= 0 || PastYearContext.SentenceLooksBack(period.IsEmpty ? sentence : period, planYear, carried) ? QuantityKind.Achievement : QuantityKind.Target;
    }

    /// <summary>每月平均两次, 每天运动1小时: the words before say how often, for each day, week, month or year.</summary>
    private static bool PerPeriod(ReadOnlySpan<char> b)
    {
        var per = b.LastIndexOf('每');
        return per >= 0 && per + 1 < b.Length && b.Length - per <= 12 && b[per + 1] is '天' or '日' or '周' or '月' or '年' or '学' or '个' or '季';
    }

    private static int LastIndexOfAny(ReadOnlySpan<char> s, string[] words)
    {
        var last = -1;
        foreach (var w in words)
        {
            last = Math.Max(last, s.LastIndexOf(w, StringComparison.Ordinal));
        }

        return last;
    }

    private static bool EndsWithAny(ReadOnlySpan<char> s, string[] words)
    {
        foreach (var w in words)
        {
            if (s.EndsWith(w, StringComparison.Ordinal) || (s.Length > w.Length && s[..^1].EndsWith(w, StringComparison.Ordinal)))
            {
                return true;
            }
        }

        return false;
    }
}
