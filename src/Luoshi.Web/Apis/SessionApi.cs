using Luoshi.Application.Caching;
using Luoshi.Data;
using Luoshi.Domain.People;
using Luoshi.Web.Auth;
using Luoshi.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Luoshi.Web.Apis;

/// <summary>Sign-in for scripts: <c>POST/DELETE /api/v1/session</c> and <c>GET /api/v1/me</c>.</summary>
public static class SessionApi
{
    public sealed record SessionRequest(string? Username, string? Password);

    public sealed record SessionDto(long Id, string Device, string? UserAgent, string? Address, DateTime CreatedAt, DateTime LastSeenAt,
        bool Current);

    public sealed record Me(int Id, string Username, string DisplayName, string Role, int OrgUnitId, string OrgUnitName);

    public static void MapSessionApi(this RouteGroupBuilder api)
    {
        api.MapPost("/session", CreateSession).AllowAnonymous().WithTags("会话").WithSummary("登录");
        api.MapDelete("/session", DeleteSession).WithTags("会话").WithSummary("退出登录");
        api.MapGet("/session/all", ListSessions).WithTags("会话").WithSummary("我的会话（已登录的设备）");
        api.MapDelete("/session/all", DeleteAllSessions).WithTags("会话").WithSummary("在所有设备上退出登录");
        api.MapDelete("/session/{id:long}", DeleteOneSession).WithTags("会话").WithSummary("结束我的一个会话");
        api.MapGet("/me", GetMe).WithTags("会话").WithSummary("当前用户");
    }

    public static async Task<Results<Ok<Me>, ProblemHttpResult>> CreateSession(SessionRequest request, Sessions sessions, LuoshiDb db,
        HttpContext http)
    {
        var result = await sessions.SignInAsync(http, request.Username, request.Password);
        switch (result.Outcome)
        {
            case Sessions.Outcome.LockedOut:
                var seconds = (int)Math.Ceiling((result.RetryAfter!.Value - DateTimeOffset.UtcNow).TotalSeconds);
                http.Response.Headers.RetryAfter = Math.Max(seconds, 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
                return TypedResults.Problem(statusCode: 429, detail: $"登录失败次数过多，请 {Math.Max(seconds / 60, 1)} 分钟后再试");
            case Sessions.Outcome.WrongPassword:
                return TypedResults.Problem(statusCode: 401, title: "用户名或密码错误", detail: "用户名或密码错误，请重新输入");
        }
        return TypedResults.Ok(await DescribeAsync(db, result.User!));
    }

    public static async Task<NoContent> DeleteSession(Sessions sessions, HttpContext http)
    {
        await sessions.SignOutAsync(http);
        return TypedResults.NoContent();
    }

    public static async Task<NoContent> DeleteAllSessions(Sessions sessions, HttpContext http)
    {
        await sessions.SignOutEverywhereAsync(http);
        return TypedResults.NoContent();
    }

    public static async Task<Ok<PagedList<SessionDto>>> ListSessions(Sessions sessions, HttpContext http)
    {
        var items = (await sessions.ListAsync(http)).Select(x => new SessionDto(x.Session.Id, Devices.Describe(x.Session.UserAgent),
            x.Session.UserAgent, x.Session.Address, x.Session.CreatedAt, x.Session.LastSeenAt, x.Current)).ToList();
        return TypedResults.Ok(new PagedList<SessionDto>(items, items.Count));
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteOneSession(long id, Sessions sessions, HttpContext http) =>
        await sessions.EndAsync(http, id)
            ? TypedResults.NoContent()
            : TypedResults.Problem(statusCode: 404, detail: "没有找到您的这个会话（可能已经结束）");

    /// <summary>Who the caller is, from the names kept in memory (<see cref="ReferenceData"/>): no query once they are read.</summary>
    public static async Task<Results<Ok<Me>, UnauthorizedHttpResult>> GetMe(LuoshiDb db, ReferenceData reference, HttpContext http)
    {
        var names = await reference.GetAsync(db, http.RequestAborted);
        if (!names.People.TryGetValue(http.User.UserId(), out var user)) return TypedResults.Unauthorized();
        return TypedResults.Ok(new Me(user.Id, user.UserName, user.DisplayName, user.Role.ToCode(), user.OrgUnitId, names.UnitName(user.OrgUnitId) ?? ""));
    }

    private static async Task<Me> DescribeAsync(LuoshiDb db, User user)
    {
        var unitName = await db.OrgUnits.Where(u => u.Id == user.OrgUnitId).Select(u => u.Name).FirstOrDefaultAsync() ?? "";
        return new Me(user.Id, user.UserName, user.DisplayName, user.Role.ToCode(), user.OrgUnitId, unitName);
    }
}
