using System.Collections.Concurrent;

namespace Luoshi.Web.Auth;

/// <summary>
/// Slows password guessing: after repeated failures an account, or an address, is locked for a while (429).
/// Kept in memory: a restart forgets it, which is acceptable for a single-node deployment.
/// </summary>
public sealed class SignInThrottle(TimeProvider clock)
{
    public const int AccountLimit = 5;
    public const int AddressLimit = 20;
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(15);
    public static readonly TimeSpan Lockout = TimeSpan.FromMinutes(15);

    private sealed class Counter
    {
        public int Failures;
        public DateTimeOffset WindowStart;
        public DateTimeOffset LockedUntil;
    }

    private readonly ConcurrentDictionary<string, Counter> counters = new(StringComparer.Ordinal);

    public SignInThrottle() : this(TimeProvider.System) { }

    /// <summary>When the account or address may try again, or null if it may try now.</summary>
    public DateTimeOffset? LockedUntil(string userName, string? address)
    {
        var now = clock.GetUtcNow();
        foreach (var key in Keys(userName, address))
        {
            if (counters.TryGetValue(key, out var c))
            {
                lock (c)
                {
                    if (c.LockedUntil > now) return c.LockedUntil;
                }
            }
        }
        return null;
    }

    public void Failed(string userName, string? address)
    {
        var now = clock.GetUtcNow();
        foreach (var key in Keys(userName, address))
        {
            var limit = key.StartsWith("u:", StringComparison.Ordinal) ? AccountLimit : AddressLimit;
            var c = counters.GetOrAdd(key, _ => new Counter { WindowStart = now });
            lock (c)
            {
                if (now - c.WindowStart > Window)
                {
                    c.Failures = 0;
                    c.WindowStart = now;
                }
                if (++c.Failures >= limit)
                {
                    c.LockedUntil = now + Lockout;
                    c.Failures = 0;
                    c.WindowStart = now;
                }
            }
        }
    }

    public void Succeeded(string userName) => counters.TryRemove("u:" + userName.Trim().ToLowerInvariant(), out _);

    private static IEnumerable<string> Keys(string userName, string? address)
    {
        yield return "u:" + userName.Trim().ToLowerInvariant();
        if (!string.IsNullOrEmpty(address)) yield return "a:" + address;
    }
}
