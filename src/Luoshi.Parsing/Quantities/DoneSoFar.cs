namespace Luoshi.Parsing.Quantities;

/// <summary>
/// A figure whose own clause says it is done already reports a result, wherever it stands: 已完成新建中小学、幼儿园38所,
/// 44所公办幼儿园…已按照既定目标全部完成加装, and a clause that follows to say so of the figures before it
/// (安装空调5471台、新风系统10144台，均已投入使用).
/// </summary>
public static class DoneSoFar
{
    /// <summary>How a following clause says the figures before it are done.</summary>
    private static readonly string[] FollowingOpeners = ["均已", "已", "都已", "全部已", "现已", "目前已"];

    public static bool Says(string text, int clauseStart, int figureStart, int figureEnd, int clauseEnd)
    {
        if (HasDone(text.AsSpan(clauseStart, figureStart - clauseStart)) || HasDone(text.AsSpan(figureEnd, clauseEnd - figureEnd)))
        {
            return true;
        }

        if (clauseEnd >= text.Length || text[clauseEnd] is not ('，' or ','))
        {
            return false;
        }

        return Text.WordAt.StartsWithAny(text.AsSpan(clauseEnd + 1), FollowingOpeners);
    }

    /// <summary>已 as a word of its own (已完成, 已建成); 而已, 不得已 and 已有基础 say nothing done.</summary>
    public static bool HasDone(ReadOnlySpan<char> s)
    {
        for (var at = s.IndexOf('已'); at >= 0; at = NextFrom(s, at))
        {
            var rest = s[(at + 1)..];
            if ((at == 0 || s[at - 1] is not ('而' or '得')) && !rest.StartsWith("有基础", StringComparison.Ordinal)
                && !rest.StartsWith("有的", StringComparison.Ordinal) && !rest.StartsWith("有成果", StringComparison.Ordinal))
            {
                return true; // 在已有基础上, 巩固已有成果: what exists is the ground of a target, not a result counted
            }
        }

        return false;
    }

    private static int NextFrom(ReadOnlySpan<char> s, int at)
    {
        var rest = s[(at + 1)..].IndexOf('已');
        return rest < 0 ? -1 : at + 1 + rest;
    }
}
