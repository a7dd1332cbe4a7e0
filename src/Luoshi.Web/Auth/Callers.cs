using System.Security.Claims;
using Luoshi.Application.Access;
using Luoshi.Application.Tasks;

namespace Luoshi.Web.Auth;

public static class Callers
{
    /// <summary>The signed-in user as the access rules of the ledger see them.</summary>
    public static Caller ToCaller(this ClaimsPrincipal user) => new(user.UserId(), user.Role(), user.OrgUnitId());
}
