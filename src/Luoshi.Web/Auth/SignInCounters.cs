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

    public SignInCount Copy() => (SignInCount)MemberwiseClone();
}

/// <summary>Where <see cref="SignInThrottle"/> keeps its counters; each is kept for the time given, then forgotten.</summary>
public interface ISignInCounterStore
{
    /// <summary>How many counters are held now.</summary>
    int Count { get; }

    SignInCount? Find(string key);

    /// <summary>
    /// Changes one counter as a single step: <paramref name="change"/> gets a copy of the counter (null when there is none) and
    /// returns the new one, kept for <paramref name="keep"/> of it. A change made at the same moment elsewhere is never lost: the
    /// step is retried on the newer counter instead.
    /// </summary>
    SignInCount Update(string key, Func<SignInCount?, SignInCount> change, Func<SignInCount, TimeSpan> keep);

    void Remove(string key);
}

/// <summary>Counters in this process only, in a table of at most <c>capacity</c> entries.</summary>
public sealed class MemorySignInCounters(TimeProvider clock, int capacity) : ISignInCounterStore
{
    private readonly ExpiringCache<string, SignInCount> counters = new(capacity, clock);
    private readonly Lock gate = new();

    public int Count => counters.Count;

    public SignInCount? Find(string key) => counters.TryGet(key, out var c) ? c.Copy() : null;

    public SignInCount Update(string key, Func<SignInCount?, SignInCount> change, Func<SignInCount, TimeSpan> keep)
    {
        lock (gate)
        {
            var after = change(Find(key));
            counters.Set(key, after.Copy(), keep(after));
            return after;
        }
    }

    public void Remove(string key) => counters.Remove(key);
}

/// <summary>
/// Counters in the database (<c>sign_in_counters</c>), shared by every instance on it, so guesses spread over instances are
/// counted together. A change is written only if the row is still as it was read (else it is read again and the change redone),
/// so two instances counting the same name at the same moment both count. Rows past their time are deleted as counters are written.
/// </summary>
public sealed class DatabaseSignInCounters(DatabaseSettings settings, TimeProvider clock) : ISignInCounterStore
{
    private const int Attempts = 50;
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
        return row is null ? null : Counted(row);
    }

    public SignInCount Update(string key, Func<SignInCount?, SignInCount> change, Func<SignInCount, TimeSpan> keep)
    {
        for (var attempt = 1; ; attempt++)
        {
            using var db = new LuoshiDb(options);
            var now = Now;
            var row = db.SignInCounters.AsNoTracking().FirstOrDefault(c => c.Key == key);
            var after = change(row is null || row.ExpiresAt <= now ? null : Counted(row));
            var expires = now + keep(after);
            if (row is null ? Inserted(db, key, after, expires) : Replaced(db, row, after, expires))
            {
                db.SignInCounters.Where(c => c.ExpiresAt <= now).ExecuteDelete();
                return after;
            }
            if (attempt == Attempts)
                throw new InvalidOperationException($"登录失败计数 {key} 连续 {Attempts} 次被同时修改，未能写入。");
        }
    }

    public void Remove(string key)
    {
        using var db = new LuoshiDb(options);
        db.SignInCounters.Where(c => c.Key == key).ExecuteDelete();
    }

    private static SignInCount Counted(SignInCounter row) => new()
    {
        Failures = row.Failures,
        WindowStart = new DateTimeOffset(row.WindowStart, TimeSpan.Zero),
        LockedUntil = new DateTimeOffset(row.LockedUntil, TimeSpan.Zero),
        AttemptsWhileLocked = row.AttemptsWhileLocked,
    };

    /// <summary>The first counter for the key; false when another instance added one first.</summary>
    private static bool Inserted(LuoshiDb db, string key, SignInCount c, DateTime expires)
    {
        db.SignInCounters.Add(new SignInCounter
        {
            Key = key, Failures = c.Failures, WindowStart = c.WindowStart.UtcDateTime, LockedUntil = c.LockedUntil.UtcDateTime,
            AttemptsWhileLocked = c.AttemptsWhileLocked, ExpiresAt = expires,
        });
        try
        {
            db.SaveChanges();
            return true;
        }
        catch (DbUpdateException)
        {
            return false;
        }
    }

    /// <summary>Writes over the row only if it is still as it was read; false when another instance changed it in between.</summary>
    private static bool Replaced(LuoshiDb db, SignInCounter before, SignInCount c, DateTime expires) =>
        db.SignInCounters
            .Where(r => r.Key == before.Key && r.Failures == before.Failures && r.WindowStart == before.WindowStart
                && r.LockedUntil == before.LockedUntil && r.AttemptsWhileLocked == before.AttemptsWhileLocked && r.ExpiresAt == before.ExpiresAt)
            .ExecuteUpdate(set => set
                .SetProperty(r => r.Failures, c.Failures)
                .SetProperty(r => r.WindowStart, c.WindowStart.UtcDateTime)
                .SetProperty(r => r.LockedUntil, c.LockedUntil.UtcDateTime)
                .SetProperty(r => r.AttemptsWhileLocked, c.AttemptsWhileLocked)
                .SetProperty(r => r.ExpiresAt, expires)) == 1;
}
