namespace Luoshi.Domain.People;

/// <summary>A person who signs in to Luoshi; always bound to one org unit.</summary>
public class User
{
    public int Id { get; set; }

    /// <summary>Sign-in name, unique, compared case-insensitively.</summary>
    public required string UserName { get; set; }

    public required string DisplayName { get; set; }

    public Role Role { get; set; }

    public int OrgUnitId { get; set; }

    public OrgUnits.OrgUnit? OrgUnit { get; set; }

    public string PasswordHash { get; set; } = "";

    public bool Disabled { get; set; }

    public DateTime CreatedAt { get; set; }

    public int Version { get; set; }
}
