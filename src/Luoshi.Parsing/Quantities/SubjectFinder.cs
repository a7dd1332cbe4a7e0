using Luoshi.Parsing.Text;

namespace Luoshi.Parsing.Quantities;

/// <summary>Names what a figure counts or measures, as short as the clause allows.</summary>
public static class SubjectFinder
{
    private static readonly string[] Verbs =
    [
        "创建", "建设", "建成", "新建", "改扩建", "启动", "办好", "完成", "培养", "招录", "招收", "遴选", "新增", "增加", "扩大", "提高", "达到", "实现", "打造",
        "引进", "选拔", "组织", "开展", "举办", "培训", "设立", "发放", "化解", "投入", "推进", "落实", "确保", "力争", "争取", "保持", "达", "为", "有", "共",
    ];

    public static string Find(string clause, int figureStart, int figureEnd, string unit)
    {
        figureStart = Math.Clamp(figureStart, 0, clause.Length);
        figureEnd = Math.Clamp(figureEnd, figureStart, clause.Length);
        var after = Clean(clause.AsSpan(figureEnd));
        var before = Clean(clause.AsSpan(0, figureStart));
        if (unit != "%" && unit != "比" && after.Length >= 2)
        {
            return after.TrimStart('的');
        }

        foreach (var verb in Verbs)
        {
            var k = before.LastIndexOf(verb, StringComparison.Ordinal);
            if (k >= 0 && k + verb.Length >= before.Length - 6)
            {
                var head = before[..k].Trim();
                var tail = before[(k + verb.Length)..].Trim();
                return tail.Length >= 2 ? tail : head.Length > 0 ? head : before;
            }
        }

        return before.Length > 0 ? before : after;
    }

    private static string Clean(ReadOnlySpan<char> s)
    {
        var t = Chars.TrimPunct(s);
        foreach (var suffix in new[] { "以上", "以下", "以内", "左右" })
        {
            if (t.StartsWith(suffix, StringComparison.Ordinal))
            {
                t = t[suffix.Length..];
            }
        }

        foreach (var prefix in new[] { "不低于", "不少于", "不超过", "至少", "达到", "超过" })
        {
            if (t.EndsWith(prefix, StringComparison.Ordinal))
            {
                t = t[..^prefix.Length];
            }
        }

        return Chars.TrimPunct(t);
    }
}
