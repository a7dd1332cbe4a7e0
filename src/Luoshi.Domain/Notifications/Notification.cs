namespace Luoshi.Domain.Notifications;

/// <summary>A message in a user's bell: a task assigned, a report returned, a milestone soon, an overdue task, completion approved.</summary>
public class Notification
{
    public long Id { get; set; }

    public int UserId { get; set; }

    public required string Kind { get; set; }

    public required string Text { get; set; }

    /// <summary>Where the message leads in the app (a task page).</summary>
    public string? Link { get; set; }

    /// <summary>Prevents the same reminder twice (e.g. <c>overdue:task:42:2026-11-23</c>).</summary>
    public string? DedupKey { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime? ReadAt { get; set; }
}
