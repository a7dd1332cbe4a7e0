using Luoshi.Application.People;
using Luoshi.Web.Auth;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Luoshi.Web.Pages;

/// <summary>我的账号: who the user is and where they are signed in, with 退出 for each session and for all of them.</summary>
public sealed class AccountModel(Sessions sessions) : PageModel
{
    public List<(SessionSummary Session, bool Current)> Items { get; private set; } = [];

    public bool Ended { get; private set; }

    public async Task OnGetAsync(bool ended = false)
    {
        Ended = ended;
        Items = await sessions.ListAsync(HttpContext);
    }

    /// <summary>Ends one of the user's sessions; ending this one leads to the sign-in page.</summary>
    public async Task<IActionResult> OnPostEndAsync(long id) =>
        await sessions.EndAsync(HttpContext, id) ? LocalRedirect("/Account?ended=true") : NotFound();

    public async Task<IActionResult> OnPostEverywhereAsync()
    {
        await sessions.SignOutEverywhereAsync(HttpContext);
        return LocalRedirect("/Login");
    }
}
