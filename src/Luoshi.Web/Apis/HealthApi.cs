using Luoshi.Data;

namespace Luoshi.Web.Apis;

/// <summary><c>GET /healthz</c>: 200 when the app and its database answer.</summary>
public static class HealthApi
{
    public static async Task<IResult> Check(LuoshiDb db, CancellationToken ct)
    {
        var ok = await db.Database.CanConnectAsync(ct);
        return ok
            ? TypedResults.Ok(new { status = "ok" })
            : TypedResults.Problem(statusCode: 503, detail: "数据库无法连接");
    }
}
