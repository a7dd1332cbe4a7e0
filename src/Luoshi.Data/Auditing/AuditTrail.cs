using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using Luoshi.Domain.Auditing;
using Luoshi.Domain.People;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace Luoshi.Data.Auditing;

/// <summary>Turns tracked entity changes into append-only audit entries (before and after as JSON).</summary>
public static class AuditTrail
{
    /// <summary>Properties never written to the audit trail (secrets, and a published bulletin's kept document: bytes, not a change to read).</summary>
    private static readonly HashSet<string> Secret = ["PasswordHash", "DingTalkSecret", "Document"];

    private static readonly JsonSerializerOptions Json = new()
    {
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
    };

    /// <summary>A change seen before saving; the entity id is read after saving, when the database has assigned it.</summary>
    public sealed record PendingChange(EntityEntry Entry, string Action, string? Before);

    public static List<PendingChange> Capture(ChangeTracker tracker)
    {
        var list = new List<PendingChange>();
        foreach (var entry in tracker.Entries())
        {
            if (entry.Entity is AuditEntry or Domain.Notifications.Notification or Domain.Messaging.OutboxMessage) continue;
            if (entry.Entity is Idempotency.IdempotencyRecord) continue; // a kept answer, not a change: what it answered is audited
            if (entry.Entity is Jobs.JobRun) continue; // the scheduler's ledger of days done; what the jobs wrote is audited
            if (entry.Entity is Microsoft.AspNetCore.DataProtection.EntityFrameworkCore.DataProtectionKey) continue; // key material, never copied
            if (entry.Entity is SignIn.SignInCounter) continue; // failed sign-ins are audited as events
            if (entry.Entity is UserSession) continue; // sign-in and sign-out are audited as events, without the token's hash
            switch (entry.State)
            {
                case EntityState.Added:
                    list.Add(new(entry, "create", null));
                    break;
                case EntityState.Modified:
                    list.Add(new(entry, "update", Serialize(entry, original: true)));
                    break;
                case EntityState.Deleted:
                    list.Add(new(entry, "delete", Serialize(entry, original: true)));
                    break;
            }
        }
        return list;
    }

    public static IEnumerable<AuditEntry> Complete(List<PendingChange> changes, IAuditActor? actor, DateTime now)
    {
        foreach (var change in changes)
        {
            yield return new AuditEntry
            {
                At = now,
                UserId = actor?.UserId,
                UserName = actor?.UserName,
                Ip = actor?.Ip,
                Action = change.Action,
                Entity = change.Entry.Metadata.ClrType.Name,
                EntityId = KeyOf(change.Entry),
                Before = change.Before,
                After = change.Action == "delete" ? null : Serialize(change.Entry, original: false),
            };
        }
    }

    public static AuditEntry Event(string action, string entity, string? entityId, object? after, IAuditActor? actor, DateTime now) => new()
    {
        At = now,
        UserId = actor?.UserId,
        UserName = actor?.UserName,
        Ip = actor?.Ip,
        Action = action,
        Entity = entity,
        EntityId = entityId,
        After = after is null ? null : JsonSerializer.Serialize(after, Json),
    };

    private static string? KeyOf(EntityEntry entry)
    {
        var key = entry.Metadata.FindPrimaryKey();
        if (key is null) return null;
        return string.Join(",", key.Properties.Select(p => entry.Property(p.Name).CurrentValue?.ToString()));
    }

    private static string Serialize(EntityEntry entry, bool original)
    {
        var values = new SortedDictionary<string, object?>(StringComparer.Ordinal);
        foreach (var property in entry.Properties)
        {
            var name = property.Metadata.Name;
            if (Secret.Contains(name)) continue;
            var value = original ? property.OriginalValue : property.CurrentValue;
            values[JsonNamingPolicy.CamelCase.ConvertName(name)] = value is Enum e ? e.ToString() : value;
        }
        return JsonSerializer.Serialize(values, Json);
    }
}
