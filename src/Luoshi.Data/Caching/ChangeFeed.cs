using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Luoshi.Domain.Data;
using Luoshi.Domain.Indicators;
using Luoshi.Domain.OrgUnits;
using Luoshi.Domain.People;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace Luoshi.Data.Caching;

/// <summary>
/// What one instance (one app) knows about changes that invalidate what it keeps in memory, and how it tells the other
/// instances on the same PostgreSQL database: a save that touches one of the <see cref="Stamps"/> sends
/// <c>NOTIFY luoshi_changes, 'stamp instance'</c> (delivered when the save commits); every instance listens on one connection of
/// its own (the web app's <c>ChangeListener</c>) and bumps its local stamp, so its next request reads afresh. SQLite is one
/// instance: nothing is sent. One per app (a DI singleton), so two apps in one process (the tests) are two instances.
/// </summary>
public sealed class ChangeFeed
{
    public const string Channel = "luoshi_changes";

    /// <summary>Units and people (the org tree and names cache, and the analytics engine's tree).</summary>
    public const string Reference = "reference";

    /// <summary>Sessions ended (sign-out, a session ended from the list, a new password, a disabled account).</summary>
    public const string Sessions = "sessions";

    /// <summary>Data values, elements and indicators (the analytics engine's data).</summary>
    public const string Analytics = "analytics";

    public static readonly IReadOnlyList<string> Stamps = [Reference, Sessions, Analytics];

    private readonly ConcurrentDictionary<string, StrongBox<long>> stamps = new(StringComparer.Ordinal);

    /// <summary>Tells this instance's notices from the others' (an instance ignores its own: it already knows).</summary>
    public string InstanceId { get; } = Guid.NewGuid().ToString("N");

    public long Stamp(string name) => Interlocked.Read(ref Counter(name).Value);

    public void Bump(string name) => Interlocked.Increment(ref Counter(name).Value);

    private StrongBox<long> Counter(string name) => stamps.GetOrAdd(name, _ => new StrongBox<long>());

    /// <summary>
    /// The payload of a notice: the stamp's name, a space, the sending instance and, when the notice names what changed (the
    /// token hashes of the sessions ended), a space and those keys separated by commas.
    /// </summary>
    public string Payload(string stamp, IReadOnlyCollection<string>? keys = null) =>
        keys is { Count: > 0 } ? $"{stamp} {InstanceId} {string.Join(',', keys)}" : $"{stamp} {InstanceId}";

    /// <summary>
    /// The stamp a notice names and the keys it lists (null: not listed, everything under the stamp may have changed), or null
    /// for this instance's own notices and anything not understood.
    /// </summary>
    public (string Stamp, string[]? Keys)? Read(string payload)
    {
        var parts = payload.Split(' ');
        if (parts.Length is < 2 or > 3 || parts[1] == InstanceId || !Stamps.Contains(parts[0])) return null;
        return (parts[0], parts.Length == 3 ? parts[2].Split(',', StringSplitOptions.RemoveEmptyEntries) : null);
    }

    /// <summary>
    /// At most how many characters of keys a notice carries (PostgreSQL allows 8,000 bytes): more, and the notice names none,
    /// so that the others forget everything under its stamp.
    /// </summary>
    private const int MaxKeyText = 6_000;

    /// <summary>A stamp a save touches, with the keys of what changed under it when they are known.</summary>
    internal sealed record Change(string Stamp, IReadOnlyCollection<string>? Keys = null);

    /// <summary>
    /// The stamps the save about to happen touches; ended sessions with their token hashes, so that the other instances forget
    /// those sessions only, not every signed-in user's.
    /// </summary>
    internal static List<Change> Touched(ChangeTracker tracker)
    {
        var touched = new List<Change>(3);
        var changed = tracker.Entries().Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted).ToList();
        if (changed.Any(e => e.Entity is OrgUnit or User)) touched.Add(new(Reference));
        var sessions = changed.Where(e => e.Entity is UserSession && e.State is EntityState.Modified or EntityState.Deleted)
            .Select(e => ((UserSession)e.Entity).TokenHash).Distinct().ToList();
        if (sessions.Count > 0) touched.Add(new(Sessions, sessions.Sum(h => h.Length + 1) <= MaxKeyText ? sessions : null));
        if (changed.Any(e => e.Entity is DataValue or DataElement or Indicator)) touched.Add(new(Analytics));
        return touched;
    }

    /// <summary>Sends a notice per stamp on the save's connection (inside its transaction, if any: sent when it commits).</summary>
    internal async Task SendAsync(DbContext db, IEnumerable<Change> touched, CancellationToken ct)
    {
        if (!db.Database.IsNpgsql()) return;
        foreach (var change in touched)
        {
            var payload = Payload(change.Stamp, change.Keys);
            await db.Database.ExecuteSqlAsync($"SELECT pg_notify({Channel}, {payload})", ct);
        }
    }
}
