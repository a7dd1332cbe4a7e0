using Luoshi.Application.Notifications;
using Luoshi.Data;
using Luoshi.Domain.Notifications;
using Luoshi.Web.Auth;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Luoshi.Web.Pages;

/// <summary>通知: my messages, newest first; mark one or all read, which lowers the bell's count.</summary>
public sealed class NotificationsModel(LuoshiDb db, Notifier notifier) : PageModel
{
    public const int PageSize = 50;

    public List<Notification> Items { get; private set; } = [];
    public int Unread { get; private set; }
    public int Total { get; private set; }
    public int PageNumber { get; private set; } = 1;
    public int Pages => Math.Max(1, (Total + PageSize - 1) / PageSize);

    public async Task OnGetAsync(int? p)
    {
        var me = User.UserId();
        var ct = HttpContext.RequestAborted;
        var mine = db.Notifications.AsNoTracking().Where(n => n.UserId == me);
        Total = await mine.CountAsync(ct);
        Unread = await notifier.UnreadCountAsync(me, ct);
        PageNumber = Math.Clamp(p ?? 1, 1, Pages);
        Items = await mine.OrderByDescending(n => n.Id).Skip((PageNumber - 1) * PageSize).Take(PageSize).ToListAsync(ct);
    }

    public async Task<IActionResult> OnPostReadAsync(long id, int? p)
    {
        if (!await notifier.MarkReadAsync(User.UserId(), id, HttpContext.RequestAborted)) return NotFound();
        return Redirect(p is > 1 ? $"/Notifications?p={p}" : "/Notifications");
    }

    public async Task<IActionResult> OnPostReadAllAsync()
    {
        await notifier.MarkAllReadAsync(User.UserId(), HttpContext.RequestAborted);
        return Redirect("/Notifications");
    }

    /// <summary>Only links inside the app are followed.</summary>
    public static string? SafeLink(string? link) => link is { Length: > 1 } l && l[0] == '/' && l[1] != '/' && l[1] != '\\' ? l : null;
}
