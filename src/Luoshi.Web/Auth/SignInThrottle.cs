using Luoshi.Application.Caching;

namespace Luoshi.Web.Auth;

/// <summary>
/// Slows password guessing. After <see cref="AccountLimit"/> failures an account is locked for <see cref="Lockout"/>,
/// and after <see cref="AddressLimit"/> failures so is the address they came from (429). A locked account still lets
/// its owner in from an address that has not been failing on it: such a sign-in is answered only after a delay
/// (<see cref="MinimumDelay"/>, growing with every attempt on the locked account up to <see cref="MaximumDelay"/>),
/// so one attacker cannot lock the administrator out, while guesses stay slow.
/// The counters live in a <see cref="ISignInCounterStore"/>: in the app, the database (<see cref="DatabaseSignInCounters"/>), so
/// attempts spread over several instances are counted together; in memory (<see cref="MemorySignInCounters"/>, at most
/// <c>capacity</c> entries) when made with a capacity. Either forgets a counter after a quiet <see cref="Window"/>.
/// </summary>
public sealed class SignInThrottle(TimeProvider clock, ISignInCounterStore counters)
{
    public const int AccountLimit = 5;
    public const int AddressLimit = 20;
    public const int DefaultCapacity = 100_000;
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(15);
    public static readonly TimeSpan Lockout = TimeSpan.FromMinutes(15);
    public static readonly TimeSpan MinimumDelay = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan MaximumDelay = TimeSpan.FromSeconds(5);

    /// <summary>What to do with a sign-in: refuse it until <see cref="RetryAfter"/>, or check it, after <see cref="Delay"/> when the account is
    /// locked.</summary>
    public sealed record Verdict(DateTimeOffset? RetryAfter, TimeSpan Delay)
    {
        public bool Refused => RetryAfter is not null && Delay == TimeSpan.Zero;

        public bool Delayed => Delay > TimeSpan.Zero;
    }

    private readonly Lock gate = new();

    public SignInThrottle(TimeProvider clock, int capacity) : this(clock, new MemorySignInCounters(clock, capacity)) { }

    public SignInThrottle(TimeProvider clock) : this(clock, DefaultCapacity) { }

    /// <summary>How many names, addresses and pairs the table holds now (never more than its capacity).</summary>
    public int Count => counters.Count;

    public Verdict Check(string userName, string? address)
    {
        var now = clock.GetUtcNow();
        lock (gate)
        {
            if (address is not null && Find(AddressKey(address)) is { } byAddress && byAddress.LockedUntil > now)
                return new(byAddress.LockedUntil, TimeSpan.Zero);
            if (Find(AccountKey(userName)) is not { } account || account.LockedUntil <= now)
                return new(null, TimeSpan.Zero);
            var failing = address is null || Find(PairKey(userName, address)) is { Failures: > 0 };
            if (failing) return new(account.LockedUntil, TimeSpan.Zero);
            account = counters.Update(AccountKey(userName), c =>
            {
                c ??= account;
                c.AttemptsWhileLocked++;
                return c;
            }, c => Keep(c, now));
            var delay = MinimumDelay * account.AttemptsWhileLocked;
            return new(account.LockedUntil, delay < MaximumDelay ? delay : MaximumDelay);
        }
    }

    public void Failed(string userName, string? address)
    {
        var now = clock.GetUtcNow();
        lock (gate)
        {
            Record(AccountKey(userName), AccountLimit, now);
            if (address is null) return;
            Record(AddressKey(address), AddressLimit, now);
            Record(PairKey(userName, address), int.MaxValue, now);
        }
    }

    /// <summary>A sign-in that got through: the account's failures are forgotten, unless it got through a lock, which stays for everyone
    /// else.</summary>
    public void Succeeded(string userName, Verdict verdict)
    {
        if (verdict.Delayed) return;
        lock (gate) counters.Remove(AccountKey(userName));
    }

    private SignInCount? Find(string key) => counters.Find(key);

    private void Record(string key, int limit, DateTimeOffset now) =>
        counters.Update(key, c =>
        {
            c ??= new SignInCount { WindowStart = now };
            if (now - c.WindowStart > Window)
            {
                c.Failures = 0;
                c.WindowStart = now;
            }
            if (++c.Failures >= limit && c.LockedUntil <= now)
            {
                c.LockedUntil = now + Lockout;
                c.AttemptsWhileLocked = 0;
                c.Failures = 0;
                c.WindowStart = now;
            }
            return c;
        }, c => Keep(c, now));

    private static TimeSpan Keep(SignInCount c, DateTimeOffset now) => c.LockedUntil > now + Window ? c.LockedUntil - now : Window;

    private static string AccountKey(string userName) => "u:" + userName.Trim().ToLowerInvariant();

    private static string AddressKey(string address) => "a:" + address;

    private static string PairKey(string userName, string address) => "p:" + userName.Trim().ToLowerInvariant() + "|" + address;
}
