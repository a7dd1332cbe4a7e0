using System.Security.Claims;
using Luoshi.Domain.People;

namespace Luoshi.Web.Auth;

/// <summary>Reads the signed-in user's id, role and org unit from the session's claims.</summary>
public static class SignedInUser
{
    public const string OrgUnitClaim = "luoshi:org";
    /// <summary>The session's secret token (the cookie is encrypted); the server keeps only its hash.</summary>
    public const string SessionClaim = "luoshi:session";
    public const string DisplayNameClaim = "luoshi:display";

    public static int? UserIdOrNull(this ClaimsPrincipal user) =>
        int.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : null;

    public static int UserId(this ClaimsPrincipal user) => user.UserIdOrNull() ?? throw new InvalidOperationException("not signed in");

    public static Role Role(this ClaimsPrincipal user) =>
        Roles.TryParse(user.FindFirstValue(ClaimTypes.Role), out var role) ? role : Domain.People.Role.School;

    public static int OrgUnitId(this ClaimsPrincipal user) =>
        int.TryParse(user.FindFirstValue(OrgUnitClaim), out var id) ? id : 0;

    public static string DisplayName(this ClaimsPrincipal user) =>
        user.FindFirstValue(DisplayNameClaim) ?? user.Identity?.Name ?? "";

    public static string? SessionToken(this ClaimsPrincipal user) => user.FindFirstValue(SessionClaim);

    public static ClaimsPrincipal ToPrincipal(User user, string sessionToken) => new(new ClaimsIdentity(
    [
        new Claim(ClaimTypes.NameIdentifier, user.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        new Claim(ClaimTypes.Name, user.UserName),
        new Claim(ClaimTypes.Role, user.Role.ToCode()),
        new Claim(OrgUnitClaim, user.OrgUnitId.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        new Claim(DisplayNameClaim, user.DisplayName),
        new Claim(SessionClaim, sessionToken),
    ], AuthSetup.Scheme, ClaimTypes.Name, ClaimTypes.Role));
}
