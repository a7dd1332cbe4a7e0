using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Luoshi.Domain.OrgUnits;
using Luoshi.Domain.People;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace Luoshi.Data.Caching;

/// <summary>
/// Counts the saves that changed the org tree or people (units, users), so that copies of them kept in memory
/// (<c>ReferenceData</c>) know they are out of date: per app instance, with the changes other instances announced.
/// </summary>
public static class ReferenceVersion
{
    private static readonly ConcurrentDictionary<string, StrongBox<long>> Versions = new(StringComparer.Ordinal);

    /// <summary>
    /// The number of such saves to the database of <paramref name="db"/> so far: those of contexts outside an app (counted per
    /// database), plus, for an app's context, those its instance made or heard of from other instances (<see cref="ChangeFeed"/>).
    /// </summary>
    public static long Of(DbContext db) =>
        Interlocked.Read(ref Counter(db).Value) + ((db as LuoshiDb)?.Feed?.Stamp(ChangeFeed.Reference) ?? 0);

    /// <summary>Whether the save about to happen adds, changes or removes a unit or a user.</summary>
    internal static bool Touches(ChangeTracker tracker) =>
        tracker.Entries().Any(e => e.Entity is OrgUnit or User && e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted);

    /// <summary>Marks every copy of this database's units and users out of date; called once such a save is stored.</summary>
    public static void Bump(DbContext db)
    {
        if ((db as LuoshiDb)?.Feed is { } feed) feed.Bump(ChangeFeed.Reference);
        else Interlocked.Increment(ref Counter(db).Value);
    }

    private static StrongBox<long> Counter(DbContext db)
    {
        var connection = db.Database.GetDbConnection();
        return Versions.GetOrAdd(connection.DataSource + "|" + connection.Database, _ => new StrongBox<long>());
    }
}
