using Luoshi.Domain.Targets;

namespace Luoshi.Domain.Tasks;

public partial class PlanTask
{
    /// <summary>
    /// A part of this task a district gives its schools (<see cref="IsBreakdown"/>): the schools carry it, the district
    /// oversees it, and each target part is a share of one of this task's targets. The one place a part is made.
    /// </summary>
    public PlanTask PartFor(IEnumerable<int> schoolIds, int districtId, IEnumerable<(Target Target, decimal Value)> targetParts, string title,
        string text, DateOnly? start, DateOnly? due, bool dueByHand)
    {
        var part = new PlanTask
        {
            PlanId = PlanId, ParentId = Id, Level = Level + 1, Ordinal = Ordinal, Number = "", Title = title, Text = text,
            Category = Category, StartDate = start > due ? due : start, DueDate = due, DueByHand = dueByHand, IsBreakdown = true,
        };
        part.Units.AddRange(schoolIds.Select(id => new TaskUnit { OrgUnitId = id, Role = TaskUnitRole.Responsible }));
        part.Units.Add(new TaskUnit { OrgUnitId = districtId, Role = TaskUnitRole.Overseer });
        foreach (var (target, value) in targetParts)
            part.Targets.Add(new Target
            {
                Subject = target.Subject, Comparator = target.Comparator, Value = value, Unit = target.Unit, DueDate = target.DueDate,
                SourceText = target.SourceText, ParentTargetId = target.Id,
            });
        return part;
    }
}
