namespace Luoshi.Domain.Messaging;

/// <summary>Where a message outside the browser goes: a person's or a unit's mailbox, or a unit's group robot.</summary>
public enum MessageChannel
{
    /// <summary>An e-mail over SMTP.</summary>
    Email,

    /// <summary>The group robot of 企业微信 (a webhook URL).</summary>
    WeCom,

    /// <summary>The custom group robot of 钉钉 (a webhook URL, optionally signed with the robot's secret).</summary>
    DingTalk,
}

/// <summary>Where a queued message stands.</summary>
public enum OutboxStatus
{
    /// <summary>Waiting to be sent (first time or again after a failure, at <see cref="OutboxMessage.NextAttemptAt"/>).</summary>
    Pending,

    /// <summary>Claimed by one sender (<see cref="OutboxMessage.LockOwner"/>) and being sent now.</summary>
    Sending,

    Sent,

    /// <summary>Failed too often: on the dead-letter list until an administrator sends it again.</summary>
    Dead,
}

/// <summary>
/// One message to one recipient channel, queued in the same save as the bell's notification and sent later by the
/// outbox dispatcher. Its <see cref="Key"/> is unique, so the same message is never queued twice.
/// </summary>
public class OutboxMessage
{
    public const int KeyLength = 200;
    public const int AddressLength = 500;
    public const int TextLength = 2000;
    public const int ErrorLength = 500;

    public long Id { get; set; }

    /// <summary>The idempotency key: the message's own key and its recipient channel (<c>overdue:42|unit:7|wecom</c>).</summary>
    public required string Key { get; set; }

    public MessageChannel Channel { get; set; }

    /// <summary>An e-mail address or a robot's webhook URL.</summary>
    public required string Address { get; set; }

    /// <summary>The unit whose mailbox or robot this is (a robot's signing secret is read from its settings when sending).</summary>
    public int? OrgUnitId { get; set; }

    /// <summary>The person whose mailbox this is.</summary>
    public int? UserId { get; set; }

    /// <summary>What kind of notification (<c>overdue</c>, <c>assigned</c>, …), as in the bell.</summary>
    public required string Kind { get; set; }

    public required string Text { get; set; }

    /// <summary>The page in the app the message leads to (a path such as <c>/Tasks/42</c>).</summary>
    public string? Link { get; set; }

    public OutboxStatus Status { get; set; }

    public int Attempts { get; set; }

    public DateTime NextAttemptAt { get; set; }

    /// <summary>The sender that claimed the message (one run of one instance), while <see cref="OutboxStatus.Sending"/>.</summary>
    public string? LockOwner { get; set; }

    public DateTime? LockedAt { get; set; }

    public string? LastError { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime? SentAt { get; set; }
}
