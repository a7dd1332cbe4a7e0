using Luoshi.Data;
using Microsoft.EntityFrameworkCore;

namespace Luoshi.Web.Apis;

/// <summary>
/// <c>GET /healthz</c>: 200 when the app and its database answer (is the process alive). <c>GET /readyz</c>: 200 only when this
/// instance may take requests — the database answers and has every migration this version knows — else 503 with the reason in Chinese,
/// so a load balancer or an upgrade script sends no traffic to an instance whose database is gone or not yet upgraded.
/// </summary>
public static class HealthApi
{
    public static async Task<IResult> Check(LuoshiDb db, CancellationToken ct)
    {
        var ok = await db.Database.CanConnectAsync(ct);
        return ok
            ? TypedResults.Ok(new { status = "ok" })
            : TypedResults.Problem(statusCode: 503, detail: "数据库无法连接");
    }

    public static async Task<IResult> Ready(LuoshiDb db, CancellationToken ct)
    {
        if (!await db.Database.CanConnectAsync(ct))
            return TypedResults.Problem(statusCode: 503, detail: "数据库无法连接");
        var pending = (await db.Database.GetPendingMigrationsAsync(ct)).ToList();
        return pending.Count == 0
            ? TypedResults.Ok(new { status = "ready" })
            : TypedResults.Problem(statusCode: 503, detail: $"数据库尚未升级到本版本：还有 {pending.Count} 项结构升级未执行（{pending[^1]}）");
    }
}
