using Luoshi.Domain.OrgUnits;
using Luoshi.Domain.Rankings;

namespace Luoshi.Application.Rankings;

/// <summary>
/// The code-defined default 考核方案 (scheme 1, version 1) for districts, departments and schools: the seed of the stored
/// schemes (<see cref="RankingSchemes"/>), which rank from their latest version. Its weights pass <see cref="AssessmentScheme.Check"/>.
/// </summary>
public static class AssessmentSchemes
{
    public static AssessmentScheme Default { get; } = new(1, 1, "督查考核默认方案",
        [OrgUnitKind.District, OrgUnitKind.Department, OrgUnitKind.School],
        [
            new("tasks", "任务按时完成率", 30),
            new("targets", "目标达成率", 25),
            new("reports", "进展反馈按时率", 15),
            new("notices", "督办按时答复率", 15),
            new("rectification", "整改完成率", 15),
        ]);

    public static IReadOnlyList<AssessmentScheme> All { get; } = [Default];

    public static AssessmentScheme? Find(int? id) => id is null ? Default : All.FirstOrDefault(s => s.Id == id);
}
