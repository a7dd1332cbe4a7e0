using Luoshi.Data.Auditing;
using Luoshi.Web.Auth;

namespace Luoshi.Web.Infrastructure;

/// <summary>The signed-in user and their address, as the audit trail records them.</summary>
public sealed class HttpAuditActor(IHttpContextAccessor accessor) : IAuditActor
{
    public int? UserId => accessor.HttpContext?.User.UserIdOrNull();

    public string? UserName => accessor.HttpContext?.User.Identity?.Name;

    public string? Ip => accessor.HttpContext?.Connection.RemoteIpAddress?.ToString();
}
