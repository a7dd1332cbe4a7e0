using Luoshi.Parsing.Text;

namespace Luoshi.Parsing.Quantities;

/// <summary>
/// A unit that is itself a measure names what is measured where the subject does not: 必修课程满96学分 → 必修课程学分,
/// 90学时的集中培训 → 集中培训学时; a duration is the 时间 of what the noun before it names (社区服务不少于10个小时 →
/// 社区服务时间, 2个月集中培训 → 集中培训时间), not of a standing arrangement (24小时值班制度).
/// </summary>
internal static class SubjectMeasure
{
    private static readonly string[] NamedUnits = ["学分", "学时", "课时"];

    private static readonly string[] Durations = ["小时", "分钟", "天", "周", "个月"];

    /// <summary>Endings that already name a time (时间, 时长, 周数, 年限, 天数 …).</summary>
    private static readonly string[] TimeEnds = ["时间", "时长", "周数", "天数", "年限", "学时", "课时", "期", "小时"];

    public static string Complete(string subject, string unit)
    {
        if (subject.Length < 2)
        {
            return subject;
        }

        if (NamedUnits.Contains(unit))
        {
            return subject.Contains(unit, StringComparison.Ordinal) ? subject : subject + unit;
        }

        return subject;
    }

    public static bool IsDuration(string unit) => Durations.Contains(unit);

    /// <summary>What takes a duration stated after it (学生到社区服务不少于10个小时) is measured by its 时间.</summary>
    public static string Timed(string noun) => WordAt.EndsWithAny(noun, TimeEnds) || WordAt.EndsWithAny(noun, Standing) ? noun : noun + "时间";

    /// <summary>Nouns of a standing arrangement: a duration before them is how it runs (24小时值班制度), not how long it takes.</summary>
    private static readonly string[] Standing = ["制度", "机制", "体制", "热线", "值守"];
}
