using Luoshi.Application.Notifications;
using Luoshi.Web.Auth;
using Microsoft.AspNetCore.Mvc;

namespace Luoshi.Web.Pages.Shared;

/// <summary>The bell in the top bar: how many of my notifications are unread.</summary>
public sealed class BellViewComponent(Notifier notifier) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync()
    {
        var unread = await notifier.UnreadCountAsync(UserClaimsPrincipal.UserId(), HttpContext.RequestAborted);
        return View(unread);
    }
}
