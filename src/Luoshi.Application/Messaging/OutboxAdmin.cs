using Luoshi.Domain.Messaging;
using Microsoft.EntityFrameworkCore;

namespace Luoshi.Application.Messaging;

/// <summary>One queued message as administrators see it (the robot's webhook address shortened to its host: it carries the robot's key).</summary>
public sealed record OutboxItem(long Id, string Channel, string Recipient, string Kind, string Text, string Status, int Attempts,
    DateTime NextAttemptAt, string? LastError, DateTime CreatedAt, DateTime? SentAt);

/// <summary>The outbox for administrators (系统管理 → 消息发送): what waits, what went, the dead letters, and sending one again.</summary>
public sealed class OutboxAdmin(LuoshiDb db, TimeProvider time)
{
    public static bool TryParseStatus(string? text, out OutboxStatus? status)
    {
        status = null;
        if (string.IsNullOrEmpty(text)) return true;
        if (!Enum.TryParse<OutboxStatus>(text, ignoreCase: true, out var s) || int.TryParse(text, out _)) return false;
        status = s;
        return true;
    }

    public static string Code(OutboxStatus status) => status.ToString().ToLowerInvariant();

    public static string Chinese(OutboxStatus status) => status switch
    {
        OutboxStatus.Pending => "待发送",
        OutboxStatus.Sending => "发送中",
        OutboxStatus.Sent => "已发送",
        _ => "发送失败（死信）",
    };

    public static string Chinese(MessageChannel channel) => channel switch
    {
        MessageChannel.Email => "邮件",
        MessageChannel.WeCom => "企业微信",
        _ => "钉钉",
    };

    public async Task<(List<OutboxItem> Items, int Total)> ListAsync(OutboxStatus? status, int skip, int take, CancellationToken ct = default)
    {
        var query = db.OutboxMessages.AsNoTracking();
        if (status is { } s) query = query.Where(m => m.Status == s);
        var total = await query.CountAsync(ct);
        var rows = await query.OrderByDescending(m => m.Id).Skip(skip).Take(take).ToListAsync(ct);
        return (rows.Select(ToItem).ToList(), total);
    }

    public Task<Dictionary<OutboxStatus, int>> CountsAsync(CancellationToken ct = default) =>
        db.OutboxMessages.GroupBy(m => m.Status).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);

    /// <summary>Puts a failed (dead or waiting) message back in line to be sent now, its failures forgotten.</summary>
    public async Task<Outcome<OutboxItem>> ResendAsync(long id, CancellationToken ct = default)
    {
        var message = await db.OutboxMessages.AsNoTracking().FirstOrDefaultAsync(m => m.Id == id, ct);
        if (message is null) return MessagingProblems.MessageNotFound;
        var now = time.GetUtcNow().UtcDateTime;
        var changed = await db.OutboxMessages.Where(m => m.Id == id && (m.Status == OutboxStatus.Dead || m.Status == OutboxStatus.Pending))
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.Status, OutboxStatus.Pending).SetProperty(m => m.Attempts, 0)
                .SetProperty(m => m.NextAttemptAt, now).SetProperty(m => m.LockOwner, (string?)null), ct);
        if (changed == 0) return MessagingProblems.AlreadySent;
        db.Audit("resend", nameof(OutboxMessage), id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await db.SaveChangesAsync(ct);
        return ToItem(await db.OutboxMessages.AsNoTracking().FirstAsync(m => m.Id == id, ct));
    }

    private static OutboxItem ToItem(OutboxMessage m) => new(m.Id, m.Channel.ToString().ToLowerInvariant(), Recipient(m), m.Kind, m.Text,
        Code(m.Status), m.Attempts, m.NextAttemptAt, m.LastError, m.CreatedAt, m.SentAt);

    private static string Recipient(OutboxMessage m) =>
        m.Channel == MessageChannel.Email ? m.Address : Uri.TryCreate(m.Address, UriKind.Absolute, out var uri) ? $"{uri.Scheme}://{uri.Authority}{uri.AbsolutePath}" : "";
}
