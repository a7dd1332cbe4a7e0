using Luoshi.Application.Notifications;
using Luoshi.Data;
using Luoshi.Web.Auth;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Luoshi.Web.Apis;

/// <summary><c>/api/v1/notifications</c>: the signed-in user's bell.</summary>
public static class NotificationsApi
{
    public sealed record NotificationDto(long Id, string Kind, string Text, string? Link, DateTime CreatedAt, bool Read);

    public sealed record Bell(IReadOnlyList<NotificationDto> Items, int Total, int Unread);

    public static void MapNotificationsApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/notifications").WithTags("通知");
        group.MapGet("/", List).WithSummary("我的通知");
        group.MapPost("/{id:long}/read", Read).WithSummary("标记为已读");
        group.MapPost("/read-all", ReadAll).WithSummary("全部标记为已读");
    }

    public static async Task<Ok<Bell>> List(LuoshiDb db, Notifier notifier, HttpContext http, bool? unread, int? pageSize, CancellationToken ct)
    {
        var me = http.User.UserId();
        var query = db.Notifications.AsNoTracking().Where(n => n.UserId == me);
        var unreadCount = await notifier.UnreadCountAsync(me, ct);
        if (unread == true) query = query.Where(n => n.ReadAt == null);
        var total = await query.CountAsync(ct);
        var items = await query.OrderByDescending(n => n.Id).Take(Math.Clamp(pageSize ?? 20, 1, 200))
            .Select(n => new NotificationDto(n.Id, n.Kind, n.Text, n.Link, n.CreatedAt, n.ReadAt != null)).ToListAsync(ct);
        return TypedResults.Ok(new Bell(items, total, unreadCount));
    }

    public static async Task<Results<NoContent, NotFound>> Read(long id, Notifier notifier, HttpContext http, CancellationToken ct) =>
        await notifier.MarkReadAsync(http.User.UserId(), id, ct) ? TypedResults.NoContent() : TypedResults.NotFound();

    public static async Task<NoContent> ReadAll(Notifier notifier, HttpContext http, CancellationToken ct)
    {
        await notifier.MarkAllReadAsync(http.User.UserId(), ct);
        return TypedResults.NoContent();
    }
}
