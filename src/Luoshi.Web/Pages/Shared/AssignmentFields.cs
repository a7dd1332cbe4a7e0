using Luoshi.Application.Caching;
using Luoshi.Domain.OrgUnits;
using Luoshi.Domain.People;

namespace Luoshi.Web.Pages.Shared;

/// <summary>Whom a task can be given to: the departments, the districts with their schools, the bureau's leaders.</summary>
public sealed record AssignmentChoices(IReadOnlyList<OrgUnit> Departments, IReadOnlyList<OrgUnit> Districts, ILookup<int?, OrgUnit> Schools,
    IReadOnlyList<Person> Leaders)
{
    public static AssignmentChoices Of(IEnumerable<OrgUnit> units, IReadOnlyList<Person> leaders)
    {
        var ordered = units.OrderBy(u => u.Kind).ThenBy(u => u.SortOrder).ThenBy(u => u.Code).ToList();
        return new(ordered.Where(u => u.Kind == OrgUnitKind.Department).ToList(), ordered.Where(u => u.Kind == OrgUnitKind.District).ToList(),
            ordered.Where(u => u.Kind == OrgUnitKind.School).ToLookup(u => u.ParentId), leaders);
    }

    /// <summary>From the org tree and people kept in memory (<see cref="ReferenceData"/>): no query.</summary>
    public static AssignmentChoices Of(ReferenceSnapshot known) => Of(known.UnitsInOrder, LeadersOf(known));

    /// <summary>The people who may be a task's leader in charge (包保局领导).</summary>
    public static List<Person> LeadersOf(ReferenceSnapshot known) =>
        [.. known.People.Values.Where(p => p.Role == Role.Leader && !p.Disabled).OrderBy(p => p.DisplayName, StringComparer.Ordinal)];
}

/// <summary>
/// One use of the assignment fields (牵头处室, 包保领导, 完成时限, 配合处室, 责任单位), named <c>{Prefix}LeadDepartmentId</c> and so on.
/// On one task they show what it has and replace it; in bulk they start empty, leave what is not chosen, and add units.
/// </summary>
public sealed record AssignmentFields(AssignmentChoices Choices, string Prefix, bool Bulk = false, int? Lead = null,
    IReadOnlyCollection<int>? Co = null, IReadOnlyCollection<int>? Responsible = null, int? Leader = null, DateOnly? Due = null)
{
    public bool HasCo(int id) => Co?.Contains(id) == true;

    public bool IsResponsible(int id) => Responsible?.Contains(id) == true;
}

/// <summary>One draft item's assignment form in the review (its fields replace what the item has).</summary>
public sealed record ItemAssignment(int PlanId, int TaskId, int Version, AssignmentFields Fields);
