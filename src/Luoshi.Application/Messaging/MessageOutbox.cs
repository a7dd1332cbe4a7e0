using System.Security.Cryptography;
using System.Text;
using Luoshi.Domain.Messaging;
using Microsoft.EntityFrameworkCore;

namespace Luoshi.Application.Messaging;

/// <summary>
/// Queues a bell notification for the channels outside the browser: the mail of each recipient who opted in, and the
/// mailbox and group robots of each recipient's unit (once per unit). The rows are added to the caller's unit of work,
/// so they are stored in the same save as the notification, or not at all.
/// </summary>
public sealed class MessageOutbox(LuoshiDb db)
{
    /// <summary>Adds the rows for <paramref name="userIds"/>; a row whose key is already queued (or added in this unit of work) is skipped.</summary>
    public async Task QueueAsync(IReadOnlyCollection<int> userIds, string kind, string text, string? link, string? dedupKey, DateTime now,
        CancellationToken ct = default)
    {
        if (userIds.Count == 0) return;
        var people = await db.Users.AsNoTracking().Where(u => userIds.Contains(u.Id) && !u.Disabled).Select(u => new { u.Id, u.OrgUnitId })
            .ToListAsync(ct);
        var personIds = people.Select(p => p.Id).ToList();
        var unitIds = people.Select(p => p.OrgUnitId).Distinct().ToList();
        var mail = await db.UserChannels.AsNoTracking().Where(c => personIds.Contains(c.UserId) && c.EmailEnabled && c.Email != null)
            .ToListAsync(ct);
        var units = await db.UnitChannels.AsNoTracking().Where(c => unitIds.Contains(c.OrgUnitId)).ToListAsync(ct);
        if (mail.Count == 0 && units.Count == 0) return;

        var message = dedupKey ?? MessageKey(kind, text, link, now);
        var rows = new List<OutboxMessage>();
        foreach (var person in mail.OrderBy(c => c.UserId))
            rows.Add(Row($"{message}|user:{person.UserId}|email", MessageChannel.Email, person.Email!, null, person.UserId));
        foreach (var unit in units.OrderBy(c => c.OrgUnitId))
        {
            if (unit.Email is { } email) rows.Add(Row($"{message}|unit:{unit.OrgUnitId}|email", MessageChannel.Email, email, unit.OrgUnitId, null));
            if (unit.WeComWebhook is { } wecom) rows.Add(Row($"{message}|unit:{unit.OrgUnitId}|wecom", MessageChannel.WeCom, wecom, unit.OrgUnitId, null));
            if (unit.DingTalkWebhook is { } ding) rows.Add(Row($"{message}|unit:{unit.OrgUnitId}|dingtalk", MessageChannel.DingTalk, ding, unit.OrgUnitId, null));
        }

        var keys = rows.Select(r => r.Key).ToList();
        var queued = (await db.OutboxMessages.Where(m => keys.Contains(m.Key)).Select(m => m.Key).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
        queued.UnionWith(db.ChangeTracker.Entries<OutboxMessage>().Select(e => e.Entity.Key));
        foreach (var row in rows.Where(r => queued.Add(r.Key)))
            db.OutboxMessages.Add(row);

        OutboxMessage Row(string key, MessageChannel channel, string address, int? unit, int? user) => new()
        {
            Key = key.Length > OutboxMessage.KeyLength ? key[..OutboxMessage.KeyLength] : key,
            Channel = channel,
            Address = address,
            OrgUnitId = unit,
            UserId = user,
            Kind = kind,
            Text = text.Length > OutboxMessage.TextLength ? text[..OutboxMessage.TextLength] : text,
            Link = link,
            Status = OutboxStatus.Pending,
            NextAttemptAt = now,
            CreatedAt = now,
        };
    }

    /// <summary>The key of a message that has no reminder key of its own: what it says, where it leads and when it was made.</summary>
    private static string MessageKey(string kind, string text, string? link, DateTime now)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{kind}\n{text}\n{link}\n{now.Ticks}"));
        return $"{kind}:{Convert.ToHexStringLower(hash)[..32]}";
    }
}
