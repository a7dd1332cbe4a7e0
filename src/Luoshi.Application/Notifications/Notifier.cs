using Luoshi.Domain.Notifications;
using Luoshi.Domain.Time;
using Microsoft.EntityFrameworkCore;

namespace Luoshi.Application.Notifications;

/// <summary>
/// Puts messages in users' bells, and in the outbox for their mail and their units' mailboxes and group robots (sent
/// later, never during the request); a message with a dedup key is sent to each user once.
/// </summary>
public sealed class Notifier(LuoshiDb db, ChinaClock? clock = null)
{
    private ChinaClock Clock => clock ?? ChinaClock.System;

    public const string Assigned = "assigned";
    public const string ReportReturned = "reportReturned";
    public const string ReportSubmitted = "reportSubmitted";
    public const string ReportAccepted = "reportAccepted";
    public const string MilestoneSoon = "milestoneSoon";
    public const string Overdue = "overdue";
    public const string CompletionApproved = "completionApproved";
    public const string CompletionRequested = "completionRequested";

    /// <summary>Queues a message for every active user of the given units (saved with the caller's next SaveChanges).</summary>
    public async Task ToUnitsAsync(IEnumerable<int> orgUnitIds, string kind, string text, string? link, string? dedupKey = null,
        CancellationToken ct = default)
    {
        var ids = orgUnitIds.Distinct().ToList();
        if (ids.Count == 0) return;
        var users = await db.Users.Where(u => ids.Contains(u.OrgUnitId) && !u.Disabled).Select(u => u.Id).ToListAsync(ct);
        await ToUsersAsync(users, kind, text, link, dedupKey, ct);
    }

    public async Task ToUsersAsync(IEnumerable<int> userIds, string kind, string text, string? link, string? dedupKey = null,
        CancellationToken ct = default)
    {
        var ids = userIds.Distinct().ToList();
        if (dedupKey is not null)
        {
            var already = await db.Notifications.Where(n => n.DedupKey == dedupKey && ids.Contains(n.UserId)).Select(n => n.UserId).ToListAsync(ct);
            ids = ids.Except(already).ToList();
        }
        var now = Clock.UtcNow;
        foreach (var id in ids)
            db.Notifications.Add(new Notification { UserId = id, Kind = kind, Text = text.Length > 500 ? text[..500] : text, Link = link,
                DedupKey = dedupKey, CreatedAt = now });
        await new Messaging.MessageOutbox(db).QueueAsync(ids, kind, text, link, dedupKey, now, ct);
    }

    /// <summary>How many of the user's messages are unread (the number on the bell).</summary>
    public Task<int> UnreadCountAsync(int userId, CancellationToken ct = default) =>
        db.Notifications.CountAsync(n => n.UserId == userId && n.ReadAt == null, ct);

    /// <summary>Marks one of the user's own messages read; false when it is not theirs or does not exist.</summary>
    public async Task<bool> MarkReadAsync(int userId, long id, CancellationToken ct = default)
    {
        var n = await db.Notifications.FirstOrDefaultAsync(x => x.Id == id && x.UserId == userId, ct);
        if (n is null) return false;
        n.ReadAt ??= Clock.UtcNow;
        await db.SaveChangesAsync(ct);
        return true;
    }

    public async Task MarkAllReadAsync(int userId, CancellationToken ct = default)
    {
        var now = Clock.UtcNow;
        var marked = await db.Notifications.Where(n => n.UserId == userId && n.ReadAt == null).ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadAt, now), ct);
        // A bulk update bypasses SaveChanges: the bell on cached pages must still change on the next page.
        if (marked > 0) await Luoshi.Data.Caching.DataVersion.BumpAsync(db, ct);
    }
}
