using Luoshi.Data;
using Luoshi.Web.Auth;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Luoshi.Web.Pages.Shared;

/// <summary>The bell in the top bar: how many of my notifications are unread.</summary>
public sealed class BellViewComponent(LuoshiDb db) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync()
    {
        var me = UserClaimsPrincipal.UserId();
        var unread = await db.Notifications.AsNoTracking().CountAsync(n => n.UserId == me && n.ReadAt == null, HttpContext.RequestAborted);
        return View(unread);
    }
}
