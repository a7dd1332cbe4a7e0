namespace Luoshi.Domain.Auditing;

/// <summary>One change to the bureau's data: who made it, when, from where, and the record before and after.</summary>
public class AuditEntry
{
    public long Id { get; set; }

    public DateTime At { get; set; }

    public int? UserId { get; set; }

    public string? UserName { get; set; }

    /// <summary><c>create</c>, <c>update</c>, <c>delete</c>, or a named action such as <c>signIn</c>.</summary>
    public required string Action { get; set; }

    public required string Entity { get; set; }

    public string? EntityId { get; set; }

    public string? Before { get; set; }

    public string? After { get; set; }

    public string? Ip { get; set; }
}
