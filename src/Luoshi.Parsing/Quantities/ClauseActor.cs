using Luoshi.Parsing.Text;

namespace Luoshi.Parsing.Quantities;

/// <summary>
/// 市属学校要做好…35个拆建工程项目, 某学院要争取招收350名新生: the one a clause names before 要 is whose things its figures
/// count (市属学校拆建工程项目, 某学院新生); a catch-all (各地, 各学校, 我们) names no one in particular, a body of each school (各校党组织) does.
/// </summary>
internal static class ClauseActor
{
    /// <summary>The longest actor read as a name.</summary>
    private const int ActorLength = 30;

    private static readonly string[] Modals = ["要", "须", "必须", "应"];

    private static readonly string[] CatchAll = ["各", "我们", "我", "全市", "全县", "全区", "全省", "同时", "一是", "二是", "三是", "其中", "今年", "明年"];

    /// <summary>Bodies of each school or unit (各校党组织, 各校安全工作小组): named, even after 各.</summary>
    private static readonly string[] Bodies = ["党组织", "党支部", "小组", "委员会"];

    /// <param name="read">The clause as the rules read it, up to the figure.</param>
    public static string Complete(string subject, string clause, string read)
    {
        var at = -1;
        foreach (var m in Modals)
        {
            var i = read.IndexOf(m, StringComparison.Ordinal);
            at = i > 0 && (at < 0 || i < at) ? i : at;
        }

        if (at < 2 || at > ActorLength || subject.Length < 2)
        {
            return subject;
        }

        var actor = clause[..at].Trim();
        if (actor.Length < 2 || !actor.All(Chars.IsCjk) || (Text.WordAt.Opening(actor, CatchAll) is not null && Text.WordAt.Ending(actor, Bodies) is null) || subject.Contains(actor, StringComparison.Ordinal)
            || actor.Contains(subject, StringComparison.Ordinal))
        {
            return subject;
        }

        return actor + subject;
    }
}
