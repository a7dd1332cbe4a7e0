using Luoshi.Application.Messaging;
using Luoshi.Application.People;
using Luoshi.Web.Infrastructure;
using Luoshi.Web.Auth;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Luoshi.Web.Pages;

/// <summary>我的账号: who the user is and where they are signed in, with 退出 for each session and for all of them.</summary>
public sealed class AccountModel(Sessions sessions, MessageChannels channels) : PageModel
{
    public List<(SessionSummary Session, bool Current)> Items { get; private set; } = [];

    public bool Ended { get; private set; }

    /// <summary>The user's own mail and whether notifications also go there.</summary>
    public UserChannelsView Mail { get; private set; } = new(0, null, false);

    public bool MailSaved { get; private set; }

    public List<string> Problems { get; private set; } = [];

    public async Task OnGetAsync(bool ended = false, bool mailSaved = false)
    {
        (Ended, MailSaved) = (ended, mailSaved);
        Items = await sessions.ListAsync(HttpContext);
        Mail = (await channels.UserAsync(User.UserId(), HttpContext.RequestAborted)).Value ?? Mail;
    }

    public async Task<IActionResult> OnPostChannelsAsync(string? email, bool emailEnabled)
    {
        var result = await channels.SetUserAsync(User.UserId(), new(email, emailEnabled), HttpContext.RequestAborted);
        if (result.Succeeded) return LocalRedirect("/Account?mailSaved=true");
        await OnGetAsync();
        (Mail, Problems) = (new(User.UserId(), email, emailEnabled), result.Problems.Words());
        Response.StatusCode = ProblemAnswers.StatusOf(result.Problems);
        return Page();
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
