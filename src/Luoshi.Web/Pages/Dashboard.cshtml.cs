using Luoshi.Application.Dashboard;
using Luoshi.Web.Auth;
using Luoshi.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Luoshi.Web.Pages;

/// <summary>The leaders' dashboard (<see cref="LeaderDashboard"/>) for bureau roles; a 局领导 also finds it on the home page.</summary>
[CachedPerBrowser]
public sealed class DashboardModel(LeaderDashboard dashboard) : PageModel
{
    public LeaderDashboard.View View { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync()
    {
        var outcome = await dashboard.ForAsync(User.ToCaller(), HttpContext.RequestAborted);
        if (outcome.Value is not { } view) return StatusCode(StatusCodes.Status403Forbidden);
        View = view;
        return Page();
    }
}
