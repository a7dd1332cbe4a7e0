namespace Luoshi.Domain.People;

/// <summary>
/// One signed-in browser or script. The cookie carries a random token; only its SHA-256 is stored, so a copy of the
/// database cannot be turned into a working cookie. A session ends on sign-out, on being ended from the session list,
/// or when its user's password, role, unit or state changes; an idle session expires.
/// </summary>
public class UserSession
{
    public long Id { get; set; }

    public int UserId { get; set; }

    /// <summary>Lower-case hex SHA-256 of the cookie's token.</summary>
    public required string TokenHash { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime LastSeenAt { get; set; }

    /// <summary>When the session ends if it is not used again (sliding: moved on as it is used).</summary>
    public DateTime ExpiresAt { get; set; }

    public DateTime? EndedAt { get; set; }

    /// <summary>Why it ended: one of <see cref="SessionEndings"/>.</summary>
    public string? EndedReason { get; set; }

    public string? UserAgent { get; set; }

    public string? Address { get; set; }
}

/// <summary>Why a session ended, as stored in <see cref="UserSession.EndedReason"/>.</summary>
public static class SessionEndings
{
    public const string SignedOut = "signedOut";
    public const string EndedByUser = "endedByUser";
    public const string SignedOutEverywhere = "signedOutEverywhere";
    public const string PasswordChanged = "passwordChanged";
    public const string Disabled = "disabled";
    public const string RoleChanged = "roleChanged";
}
