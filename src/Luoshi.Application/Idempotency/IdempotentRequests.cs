using System.Security.Cryptography;
using System.Text;
using Luoshi.Application.Idempotency;
using Luoshi.Data.Idempotency;
using Luoshi.Domain.Problems;
using Luoshi.Domain.Reports;
using Luoshi.Domain.Time;
using Microsoft.EntityFrameworkCore;

namespace Luoshi.Application.Idempotency;

/// <summary>
/// Idempotency-Key for any write: the first request with a key runs and its answer is stored with the key, in the
/// same transaction as what it wrote; the same request sent again (same caller, method, path, query and body) gets that
/// answer back unchanged; a different request with a used key is refused. Concurrent duplicates run once: the others
/// wait for the first (a unique index on caller and key) and are given its answer. Only successful answers are kept (a
/// refused request wrote nothing and may be corrected and sent again with its key), and only for
/// <see cref="Lifetime"/>: after that a key may be used again.
/// </summary>
public sealed class IdempotentRequests(LuoshiDb db, ChinaClock? clock = null)
{
    public const int MaxKeyLength = IdempotencyRecord.MaxKeyLength;

    /// <summary>How long a key's answer is kept.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(24);

    /// <summary>A request sent with a key: who sent it, the key, and the fingerprint of what it asked.</summary>
    public sealed record Request(int UserId, string Key, string Hash)
    {
        /// <summary>The request, its fingerprint made of the method, the path with its query, and the body (in a canonical form).</summary>
        public static Request Of(int userId, string key, string method, string pathAndQuery, string body) =>
            new(userId, key,
                Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{method.ToUpperInvariant()}\n{pathAndQuery}\n{body}"))));
    }

    /// <summary>An answer as sent: status, body and the Location header if any.</summary>
    public sealed record Answer(int StatusCode, string Body, string? Location = null)
    {
        public bool Succeeded => StatusCode is >= 200 and < 400;
    }

    public enum Kind
    {
        /// <summary>The operation ran; its answer (if it succeeded) is stored with the key.</summary>
        Ran,
        /// <summary>The same request was answered before (or concurrently): here is that answer.</summary>
        Replayed,
        /// <summary>The key was used for a different request: nothing was done.</summary>
        KeyReused,
    }

    /// <summary>What happened: the operation's own result when it ran, and the answer to send (stored or replayed) when there is one.</summary>
    public sealed record Result<T>(Kind Kind, T? Value, Answer? Answer);

    /// <summary>Why a key is refused before anything is looked up, or null when it is acceptable: at most 100 visible ASCII characters, such as a
    /// UUID.</summary>
    public static Problem? ProblemWith(string key) =>
        key.Length > MaxKeyLength ? ReportProblems.KeyTooLong.With(MaxKeyLength)
        : !key.All(c => c is >= ' ' and <= '~') ? ReportProblems.KeyNotAscii
        : null;

    /// <summary>
    /// Runs <paramref name="operation"/> once for the request. <paramref name="answerOf"/> turns its result into the answer to
    /// keep, or null when it did not succeed; then everything it wrote is rolled back. Without a key the operation simply runs.
    /// </summary>
    public async Task<Result<T>> RunAsync<T>(Request? request, Func<CancellationToken, Task<T>> operation, Func<T, Answer?> answerOf,
        CancellationToken ct = default)
    {
        if (request is null)
        {
            var value = await operation(ct);
            return new(Kind.Ran, value, answerOf(value));
        }
        if (await StoredAsync<T>(request, ct) is { } earlier) return earlier;

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var result = await operation(ct);
        var answer = answerOf(result);
        if (answer is null)
        {
            // Refused, or it lost a race: perhaps to the same request with the same key, whose answer is then this one's too.
            await transaction.RollbackAsync(ct);
            db.ChangeTracker.Clear();
            return await StoredAsync<T>(request, ct) ?? new(Kind.Ran, result, null);
        }
        var now = (clock ?? ChinaClock.System).UtcNow;
        var expired = now - Lifetime;
        await db.IdempotencyRecords.Where(r => r.UserId == request.UserId && r.CreatedAt < expired).ExecuteDeleteAsync(ct);
        db.IdempotencyRecords.Add(new IdempotencyRecord
        {
            UserId = request.UserId, Key = request.Key, RequestHash = request.Hash,
            StatusCode = answer.StatusCode, Body = answer.Body, Location = answer.Location, CreatedAt = now,
        });
        try
        {
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            return new(Kind.Ran, result, answer);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            // The same key stored its answer meanwhile; what this request wrote goes.
            await transaction.RollbackAsync(ct);
            db.ChangeTracker.Clear();
            return await StoredAsync<T>(request, ct) ?? throw new InvalidOperationException("Idempotency-Key 冲突后找不到已保存的应答", e);
        }
    }

    private async Task<Result<T>?> StoredAsync<T>(Request request, CancellationToken ct)
    {
        var since = (clock ?? ChinaClock.System).UtcNow - Lifetime;
        var stored = await db.IdempotencyRecords.AsNoTracking()
            .FirstOrDefaultAsync(r => r.UserId == request.UserId && r.Key == request.Key && r.CreatedAt >= since, ct);
        if (stored is null) return null;
        return stored.RequestHash == request.Hash
            ? new(Kind.Replayed, default, new Answer(stored.StatusCode, stored.Body, stored.Location))
            : new(Kind.KeyReused, default, null);
    }
}
