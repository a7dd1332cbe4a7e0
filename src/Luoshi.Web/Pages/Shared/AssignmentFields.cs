using Luoshi.Data;
using Luoshi.Domain.OrgUnits;
using Luoshi.Domain.People;
using Microsoft.EntityFrameworkCore;

namespace Luoshi.Web.Pages.Shared;

/// <summary>Whom a task can be given to: the departments, the districts with their schools, the bureau's leaders.</summary>
public sealed record AssignmentChoices(IReadOnlyList<OrgUnit> Departments, IReadOnlyList<OrgUnit> Districts, ILookup<int?, OrgUnit> Schools,
    IReadOnlyList<User> Leaders)
{
    public static AssignmentChoices Of(IEnumerable<OrgUnit> units, IReadOnlyList<User> leaders)
    {
        var ordered = units.OrderBy(u => u.Kind).ThenBy(u => u.SortOrder).ThenBy(u => u.Code).ToList();
        return new(ordered.Where(u => u.Kind == OrgUnitKind.Department).ToList(), ordered.Where(u => u.Kind == OrgUnitKind.District).ToList(),
            ordered.Where(u => u.Kind == OrgUnitKind.School).ToLookup(u => u.ParentId), leaders);
    }

    public static async Task<AssignmentChoices> LoadAsync(LuoshiDb db, CancellationToken ct)
    {
        var units = await db.OrgUnits.AsNoTracking().Where(u => u.Kind != OrgUnitKind.Bureau).ToListAsync(ct);
        return Of(units, await LeadersAsync(db, ct));
    }

    /// <summary>The users who may be a task's leader in charge (包保局领导).</summary>
    public static Task<List<User>> LeadersAsync(LuoshiDb db, CancellationToken ct) =>
        db.Users.AsNoTracking().Where(u => u.Role == Role.Leader && !u.Disabled).OrderBy(u => u.DisplayName).ToListAsync(ct);
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
