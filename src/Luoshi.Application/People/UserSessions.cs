using System.Linq.Expressions;
using System.Security.Cryptography;
using System.Text;
using Luoshi.Application.Caching;
using Luoshi.Domain.People;
using Microsoft.EntityFrameworkCore;

namespace Luoshi.Application.People;

/// <summary>A session that may be used now, as the cookie check needs it.</summary>
public sealed record ActiveSession(long Id, int UserId, DateTime LastSeenAt, DateTime ExpiresAt);

/// <summary>One of the caller's sessions, for their session list.</summary>
public sealed record SessionSummary(long Id, string? UserAgent, string? Address, DateTime CreatedAt, DateTime LastSeenAt);

/// <summary>
/// Sessions validated in the last <see cref="Lifetime"/>, so that a request costs no database round trip; sessions ended
/// by this process leave it at once; one ended on another instance behind the same PostgreSQL database leaves it as soon as
/// that instance's notice, which names it, arrives (<see cref="Forget"/>; a lost connection to the notices empties it all,
/// <see cref="ForgetAll"/>), and at the latest after <see cref="Lifetime"/>.
/// </summary>
public sealed class SessionCache(TimeProvider clock)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(30);

    private readonly ExpiringCache<string, ActiveSession> entries = new(50_000, clock);
    private readonly Lock gate = new();
    private long generation;

    public SessionCache() : this(TimeProvider.System) { }

    /// <summary>Changes whenever a session ends here; a lookup that began before an ending does not cache its answer.</summary>
    public long Generation
    {
        get { lock (gate) return generation; }
    }

    public bool TryGet(string tokenHash, out ActiveSession session) => entries.TryGet(tokenHash, out session);

    public void Remember(string tokenHash, ActiveSession session, long seenGeneration)
    {
        lock (gate)
        {
            if (generation == seenGeneration) entries.Set(tokenHash, session, Lifetime);
        }
    }

    /// <summary>Forgets every session (another instance ended some, or the notices were interrupted): each is checked again.</summary>
    public void ForgetAll()
    {
        lock (gate)
        {
            generation++;
            entries.Clear();
        }
    }

    public void Forget(IEnumerable<string> tokenHashes)
    {
        lock (gate)
        {
            generation++;
            foreach (var hash in tokenHashes) entries.Remove(hash);
        }
    }
}

/// <summary>
/// Server-side sessions: started at sign-in, checked on every request (through <see cref="SessionCache"/>), ended on
/// sign-out, from the session list, or when the account changes. The rules of sessions in one place.
/// </summary>
public sealed class UserSessions(LuoshiDb db, SessionCache cache, TimeProvider clock)
{
    /// <summary>Last-seen is written at most this often per session, so sliding expiry needs no write per request.</summary>
    public static readonly TimeSpan TouchInterval = TimeSpan.FromMinutes(1);

    public UserSessions(LuoshiDb db, SessionCache cache) : this(db, cache, TimeProvider.System) { }

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    /// <summary>Adds a new session for the user (saved with the caller's next save) and returns the token for the cookie.</summary>
    public string Start(int userId, string? userAgent, string? address, TimeSpan idle)
    {
        var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var now = Now;
        db.Sessions.Add(new UserSession
        {
            UserId = userId,
            TokenHash = Hash(token),
            CreatedAt = now,
            LastSeenAt = now,
            ExpiresAt = now + idle,
            UserAgent = Clip(userAgent, 300),
            Address = Clip(address, 64),
        });
        return token;
    }

    /// <summary>The session the token belongs to if it may be used now (not ended, not expired, its user not disabled); moves its expiry
    /// on.</summary>
    public async Task<ActiveSession?> ValidateAsync(string? token, TimeSpan idle, CancellationToken ct = default)
    {
        if (string.IsNullOrEmpty(token)) return null;
        var hash = Hash(token);
        var now = Now;
        if (Fresh(cache, hash, now) is { } fresh) return fresh;
        if (!cache.TryGet(hash, out var session))
        {
            var seen = cache.Generation;
            var found = await db.Sessions.AsNoTracking()
                .Where(s => s.TokenHash == hash && s.EndedAt == null && s.ExpiresAt > now && db.Users.Any(u => u.Id == s.UserId && !u.Disabled))
                .Select(s => new ActiveSession(s.Id, s.UserId, s.LastSeenAt, s.ExpiresAt))
                .FirstOrDefaultAsync(ct);
            if (found is null) return null;
            cache.Remember(hash, session = found, seen);
        }
        if (session.ExpiresAt <= now) return null;
        if (now - session.LastSeenAt < TouchInterval) return session;

        var seenBeforeTouch = cache.Generation;
        var touched = await db.Sessions.Where(s => s.Id == session.Id && s.EndedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.LastSeenAt, now).SetProperty(x => x.ExpiresAt, now + idle), ct);
        if (touched == 0)
        {
            cache.Forget([hash]);
            return null;
        }
        session = session with { LastSeenAt = now, ExpiresAt = now + idle };
        cache.Remember(hash, session, seenBeforeTouch);
        return session;
    }

    /// <summary>
    /// The session of the token as checked within <see cref="SessionCache.Lifetime"/>, when it needs neither the database nor a
    /// touch: most requests are answered here, without a database context. Null means: ask <see cref="ValidateAsync"/>.
    /// </summary>
    public static ActiveSession? FromCache(SessionCache cache, string? token, DateTime now) =>
        string.IsNullOrEmpty(token) ? null : Fresh(cache, Hash(token), now);

    private static ActiveSession? Fresh(SessionCache cache, string hash, DateTime now) =>
        cache.TryGet(hash, out var session) && session.ExpiresAt > now && now - session.LastSeenAt < TouchInterval ? session : null;

    /// <summary>The user's sessions that may still be used, most recently used first.</summary>
    public Task<List<SessionSummary>> ListAsync(int userId, CancellationToken ct = default)
    {
        var now = Now;
        return db.Sessions.AsNoTracking()
            .Where(s => s.UserId == userId && s.EndedAt == null && s.ExpiresAt > now)
            .OrderByDescending(s => s.LastSeenAt).ThenByDescending(s => s.Id)
            .Select(s => new SessionSummary(s.Id, s.UserAgent, s.Address, s.CreatedAt, s.LastSeenAt))
            .ToListAsync(ct);
    }

    /// <summary>The id of the token's session, to mark the current one in a list.</summary>
    public Task<long> IdOfAsync(string? token, CancellationToken ct = default)
    {
        var hash = Hash(token ?? "");
        return db.Sessions.Where(s => s.TokenHash == hash).Select(s => s.Id).FirstOrDefaultAsync(ct);
    }

    /// <summary>Ends the session of this token (signing out).</summary>
    public Task EndAsync(string? token, CancellationToken ct = default)
    {
        var hash = Hash(token ?? "");
        return EndWhereAsync(s => s.TokenHash == hash, SessionEndings.SignedOut, ct);
    }

    /// <summary>Ends one of the user's own sessions; false when the user has no such session.</summary>
    public async Task<bool> EndOwnAsync(int userId, long sessionId, CancellationToken ct = default) =>
        await EndWhereAsync(s => s.Id == sessionId && s.UserId == userId, SessionEndings.EndedByUser, ct) > 0;

    /// <summary>Ends every session of the user (signing out everywhere).</summary>
    public Task<int> EndAllAsync(int userId, string reason, CancellationToken ct = default) =>
        EndWhereAsync(s => s.UserId == userId, reason, ct);

    /// <summary>
    /// Marks the user's sessions ended, to be saved with the caller's own change (a new password, a disabled account);
    /// call <see cref="Forget"/> with the result once saved.
    /// </summary>
    public Task<List<UserSession>> MarkAllEndedAsync(int userId, string reason, CancellationToken ct = default) =>
        MarkEndedAsync(s => s.UserId == userId, reason, ct);

    public void Forget(IEnumerable<UserSession> ended) => cache.Forget(ended.Select(s => s.TokenHash));

    private async Task<int> EndWhereAsync(Expression<Func<UserSession, bool>> which, string reason, CancellationToken ct)
    {
        var sessions = await MarkEndedAsync(which, reason, ct);
        await db.SaveChangesAsync(ct);
        Forget(sessions);
        return sessions.Count;
    }

    private async Task<List<UserSession>> MarkEndedAsync(Expression<Func<UserSession, bool>> which, string reason, CancellationToken ct)
    {
        var now = Now;
        var sessions = await db.Sessions.Where(which).Where(s => s.EndedAt == null && s.ExpiresAt > now).ToListAsync(ct);
        foreach (var s in sessions)
        {
            s.EndedAt = now;
            s.EndedReason = reason;
        }
        return sessions;
    }

    private static string? Clip(string? text, int length) =>
        string.IsNullOrWhiteSpace(text) ? null : text.Length <= length ? text : text[..length];
}
