using Luoshi.Data.Caching;
using Luoshi.Domain.OrgUnits;
using Luoshi.Domain.People;
using Microsoft.EntityFrameworkCore;

namespace Luoshi.Application.Caching;

/// <summary>A person as pages and endpoints name them.</summary>
public sealed record Person(int Id, string UserName, string DisplayName, Role Role, int OrgUnitId, bool Disabled);

/// <summary>The org tree in display order (kind, sort order, code) and every person, as read at one moment. Read only.</summary>
public sealed class ReferenceSnapshot(IReadOnlyList<OrgUnit> units, IReadOnlyList<Person> people)
{
    public IReadOnlyList<OrgUnit> UnitsInOrder { get; } = units;

    public IReadOnlyDictionary<int, OrgUnit> Units { get; } = units.ToDictionary(u => u.Id);

    public IReadOnlyDictionary<int, Person> People { get; } = people.ToDictionary(p => p.Id);

    public string? UnitName(int id) => Units.TryGetValue(id, out var unit) ? unit.Name : null;

    public string? PersonName(int id) => People.TryGetValue(id, out var person) ? person.DisplayName : null;
}

/// <summary>
/// The org tree and people's names, which change rarely but are read on almost every page: kept in memory and read again
/// after any save in this process that changes a unit or a user (<see cref="ReferenceVersion"/>), and at the latest after
/// <see cref="Lifetime"/>, so that a change made by another instance behind the same database shows within that time.
/// </summary>
public sealed class ReferenceData(TimeProvider clock)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(30);

    private sealed record Held(ReferenceSnapshot Snapshot, long Version, DateTimeOffset ReadAt);

    private volatile Held? held;

    public ReferenceData() : this(TimeProvider.System) { }

    /// <summary>The snapshot, read through <paramref name="db"/> when the one held is out of date. The units are not tracked: never change them.</summary>
    public async Task<ReferenceSnapshot> GetAsync(LuoshiDb db, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var version = ReferenceVersion.Of(db);
        if (held is { } h && h.Version == version && now - h.ReadAt < Lifetime) return h.Snapshot;
        var units = await db.OrgUnits.AsNoTracking().OrderBy(u => u.Kind).ThenBy(u => u.SortOrder).ThenBy(u => u.Code).ToListAsync(ct);
        var people = await db.Users.AsNoTracking()
            .Select(u => new Person(u.Id, u.UserName, u.DisplayName, u.Role, u.OrgUnitId, u.Disabled)).ToListAsync(ct);
        var snapshot = new ReferenceSnapshot(units, people);
        // Read before the queries: a change saved meanwhile leaves this copy marked out of date.
        held = new Held(snapshot, version, now);
        return snapshot;
    }
}
