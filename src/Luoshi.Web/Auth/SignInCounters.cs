using Luoshi.Application.Caching;
using Luoshi.Data;
using Luoshi.Data.SignIn;
using Microsoft.EntityFrameworkCore;

namespace Luoshi.Web.Auth;

/// <summary>The failures counted for one account, address or pair (see <see cref="SignInThrottle"/>).</summary>
public sealed class SignInCount
{
    public int Failures;
    public DateTimeOffset WindowStart;
    public DateTimeOffset LockedUntil;
    public int AttemptsWhileLocked;
}

/// <summary>Where <see cref="SignInThrottle"/> keeps its counters; each is kept for the time given, then forgotten.</summary>
public interface ISignInCounterStore
{
    /// <summary>How many counters are held now.</summary>
    int Count { get; }

    SignInCount? Find(string key);

    void Save(string key, SignInCount count, TimeSpan keep);

    void Remove(string key);
}

/// <summary>Counters in this process only, in a table of at most <c>capacity</c> entries.</summary>
public sealed class MemorySignInCounters(TimeProvider clock, int capacity) : ISignInCounterStore
{
    private readonly ExpiringCache<string, SignInCount> counters = new(capacity, clock);

    public int Count => counters.Count;

    public SignInCount? Find(string key) => counters.TryGet(key, out var c) ? c : null;

    public void Save(string key, SignInCount count, TimeSpan keep) => counters.Set(key, count, keep);

    public void Remove(string key) => counters.Remove(key);
}

/// <summary>
/// Counters in the database (<c>sign_in_counters</c>), shared by every instance on it, so guesses spread over instances are
/// counted together. Rows past their time are deleted as counters are written. Two instances counting the same name at the
/// same moment may lose one of the two failures; the limits stay in force.
/// </summary>
public sealed class DatabaseSignInCounters(DatabaseSettings settings, TimeProvider clock) : ISignInCounterStore
{
    private readonly DbContextOptions<LuoshiDb> options = settings.BuildOptions();

    public int Count
    {
        get
        {
            using var db = new LuoshiDb(options);
            return db.SignInCounters.Count(c => c.ExpiresAt > Now);
        }
    }

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public SignInCount? Find(string key)
    {
        using var db = new LuoshiDb(options);
        var now = Now;
        var row = db.SignInCounters.AsNoTracking().FirstOrDefault(c => c.Key == key && c.ExpiresAt > now);
        return row is null ? null : new SignInCount
        {
            Failures = row.Failures,
            WindowStart = new DateTimeOffset(row.WindowStart, TimeSpan.Zero),
            LockedUntil = new DateTimeOffset(row.LockedUntil, TimeSpan.Zero),
            AttemptsWhileLocked = row.AttemptsWhileLocked,
        };
    }

    public void Save(string key, SignInCount count, TimeSpan keep)
    {
        for (var attempt = 0; ; attempt++)
        {
            using var db = new LuoshiDb(options);
            var now = Now;
            var row = db.SignInCounters.FirstOrDefault(c => c.Key == key);
            if (row is null) db.SignInCounters.Add(row = new SignInCounter { Key = key });
            row.Failures = count.Failures;
            row.WindowStart = count.WindowStart.UtcDateTime;
            row.LockedUntil = count.LockedUntil.UtcDateTime;
            row.AttemptsWhileLocked = count.AttemptsWhileLocked;
            row.ExpiresAt = now + keep;
            try
            {
                db.SaveChanges();
                db.SignInCounters.Where(c => c.ExpiresAt <= now).ExecuteDelete();
                return;
            }
            catch (DbUpdateException) when (attempt == 0)
            {
                // Another instance added the same key at the same moment: write over its row.
            }
        }
    }

    public void Remove(string key)
    {
        using var db = new LuoshiDb(options);
        db.SignInCounters.Where(c => c.Key == key).ExecuteDelete();
    }
}
