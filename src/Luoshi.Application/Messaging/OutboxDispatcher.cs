using Luoshi.Domain.Messaging;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Luoshi.Application.Messaging;

/// <summary>What one run of the dispatcher did.</summary>
public sealed record OutboxRun(int Sent, int Failed, int Dead);

/// <summary>
/// Sends the outbox's due messages. Each run first claims its messages with one conditional UPDATE (status → sending,
/// its own lock owner and time), which only one of several instances can win for a row on SQLite and PostgreSQL alike;
/// then sends each claimed message and records the outcome: sent, or failed with the next attempt after a doubling
/// wait, or after <see cref="MessagingSettings.MaxAttempts"/> failures dead (the dead-letter list). A claim older than
/// the lease (its sender died) may be claimed again.
/// </summary>
public sealed class OutboxDispatcher(LuoshiDb db, IEnumerable<IMessageSender> senders, IOptions<MessagingSettings> options,
    ILogger<OutboxDispatcher>? logger = null)
{
    public const int BatchSize = 50;

    private readonly MessagingSettings settings = options.Value;
    private readonly ILogger log = logger ?? NullLogger<OutboxDispatcher>.Instance;

    public async Task<OutboxRun> SendDueAsync(DateTimeOffset now, CancellationToken ct)
    {
        var total = new OutboxRun(0, 0, 0);
        while (true)
        {
            var claimed = await ClaimAsync(now.UtcDateTime, ct);
            if (claimed.Count == 0) return total;
            foreach (var message in claimed)
            {
                var outcome = await SendOneAsync(message, now.UtcDateTime, ct);
                total = outcome switch
                {
                    OutboxStatus.Sent => total with { Sent = total.Sent + 1 },
                    OutboxStatus.Dead => total with { Dead = total.Dead + 1 },
                    _ => total with { Failed = total.Failed + 1 },
                };
            }
            if (claimed.Count < BatchSize) return total;
        }
    }

    private async Task<List<OutboxMessage>> ClaimAsync(DateTime now, CancellationToken ct)
    {
        var owner = Guid.NewGuid().ToString("N");
        var abandoned = now - TimeSpan.FromMinutes(settings.LeaseMinutes);
        var due = await Due(now, abandoned).OrderBy(m => m.NextAttemptAt).ThenBy(m => m.Id).Select(m => m.Id).Take(BatchSize).ToListAsync(ct);
        if (due.Count == 0) return [];
        // The condition is asked again by the UPDATE itself: a row another instance claimed in between is not taken.
        await Due(now, abandoned).Where(m => due.Contains(m.Id)).ExecuteUpdateAsync(s => s
            .SetProperty(m => m.Status, OutboxStatus.Sending)
            .SetProperty(m => m.LockOwner, owner)
            .SetProperty(m => m.LockedAt, now), ct);
        return await db.OutboxMessages.AsNoTracking().Where(m => m.LockOwner == owner && m.Status == OutboxStatus.Sending)
            .OrderBy(m => m.Id).ToListAsync(ct);
    }

    private IQueryable<OutboxMessage> Due(DateTime now, DateTime abandoned) =>
        db.OutboxMessages.Where(m => m.NextAttemptAt <= now
            && (m.Status == OutboxStatus.Pending || (m.Status == OutboxStatus.Sending && m.LockedAt < abandoned)));

    private async Task<OutboxStatus> SendOneAsync(OutboxMessage message, DateTime now, CancellationToken ct)
    {
        var mine = db.OutboxMessages.Where(m => m.Id == message.Id && m.LockOwner == message.LockOwner);
        var attempts = message.Attempts + 1;
        string error;
        try
        {
            var sender = senders.FirstOrDefault(s => s.Channel == message.Channel)
                ?? throw new MessageNotSentException($"没有发送渠道 {message.Channel}");
            await sender.SendAsync(message, ct);
            await mine.ExecuteUpdateAsync(s => s
                .SetProperty(m => m.Status, OutboxStatus.Sent)
                .SetProperty(m => m.Attempts, attempts)
                .SetProperty(m => m.SentAt, now)
                .SetProperty(m => m.LastError, (string?)null)
                .SetProperty(m => m.LockOwner, (string?)null), CancellationToken.None);
            return OutboxStatus.Sent;
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Stopping: the message goes back to waiting, this attempt not counted.
            await mine.ExecuteUpdateAsync(s => s.SetProperty(m => m.Status, OutboxStatus.Pending).SetProperty(m => m.LockOwner, (string?)null),
                CancellationToken.None);
            throw;
        }
        catch (Exception e)
        {
            error = e is MessageNotSentException ? e.Message : $"{e.GetType().Name}: {e.Message}";
        }
        var dead = attempts >= settings.MaxAttempts;
        var status = dead ? OutboxStatus.Dead : OutboxStatus.Pending;
        var next = now + settings.Backoff(attempts);
        error = error.Length > OutboxMessage.ErrorLength ? error[..OutboxMessage.ErrorLength] : error;
        log.LogWarning("消息 {Id}（{Channel}）第 {Attempts} 次发送失败{Dead}：{Error}", message.Id, message.Channel, attempts, dead ? "，已转入死信" : "", error);
        await mine.ExecuteUpdateAsync(s => s
            .SetProperty(m => m.Status, status)
            .SetProperty(m => m.Attempts, attempts)
            .SetProperty(m => m.NextAttemptAt, next)
            .SetProperty(m => m.LastError, error)
            .SetProperty(m => m.LockOwner, (string?)null), CancellationToken.None);
        return status;
    }
}
