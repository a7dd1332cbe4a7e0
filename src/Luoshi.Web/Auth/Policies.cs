namespace Luoshi.Web.Auth;

/// <summary>Names of the authorization policies; the rules themselves are registered in <see cref="AuthSetup"/>.</summary>
public static class Policies
{
    /// <summary>Administrators only: org units, users, import.</summary>
    public const string Admin = "admin";

    /// <summary>Administrators and supervisors: the audit trail, the 包保 leaders of units.</summary>
    public const string Oversight = "oversight";
}
