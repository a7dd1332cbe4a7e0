using Luoshi.Domain.OrgUnits;
using Luoshi.Domain.People;
using Microsoft.EntityFrameworkCore;

namespace Luoshi.Application.OrgUnits;

/// <summary>Which org units a user may see: the city's overseers and departments see all; a district its own schools; a school itself.</summary>
public static class OrgScope
{
    public static IQueryable<OrgUnit> Visible(this IQueryable<OrgUnit> units, Role role, int orgUnitId)
    {
        if (role.SeesEverything() || role == Role.Department) return units;
        // Districts and schools see the bureau and its departments (who lead their tasks), their own unit,
        // their parent district, and, for a district, its schools.
        return units.Where(u =>
            u.Kind == OrgUnitKind.Bureau || u.Kind == OrgUnitKind.Department
            || u.Id == orgUnitId || u.ParentId == orgUnitId
            || units.Any(me => me.Id == orgUnitId && me.ParentId == u.Id));
    }

    /// <summary>The unit and every unit below it, for rolling a district's data up from its schools.</summary>
    public static async Task<HashSet<int>> SubtreeAsync(LuoshiDb db, int rootId, CancellationToken ct = default)
    {
        var all = await db.OrgUnits.AsNoTracking().Select(u => new { u.Id, u.ParentId }).ToListAsync(ct);
        var children = all.Where(u => u.ParentId is not null).ToLookup(u => u.ParentId!.Value, u => u.Id);
        var result = new HashSet<int> { rootId };
        var queue = new Queue<int>([rootId]);
        while (queue.Count > 0)
            foreach (var child in children[queue.Dequeue()])
                if (result.Add(child)) queue.Enqueue(child);
        return result;
    }
}
