using Luoshi.Application.Messaging;
using Luoshi.Data;
using Luoshi.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Luoshi.Web.Pages.Admin;

/// <summary>Administrators set a person's e-mail address and whether their notifications also go there.</summary>
public sealed class UserChannelsModel(LuoshiDb db, MessageChannels channels) : PageModel
{
    public string UserName { get; private set; } = "";
    public UserChannelsView View { get; private set; } = new(0, null, false);
    public List<string> Problems { get; private set; } = [];
    public bool Saved { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, bool saved = false)
    {
        var result = await channels.UserAsync(id, HttpContext.RequestAborted);
        if (!result.Succeeded) return NotFound();
        (View, Saved) = (result.Value!, saved);
        UserName = await db.Users.Where(u => u.Id == id).Select(u => u.DisplayName).FirstAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, string? email, bool emailEnabled)
    {
        var result = await channels.SetUserAsync(id, new(email, emailEnabled), HttpContext.RequestAborted);
        if (result.Succeeded) return LocalRedirect($"/Admin/UserChannels/{id}?saved=true");
        if (await OnGetAsync(id) is not PageResult) return NotFound();
        View = new(id, email, emailEnabled);
        Problems = result.Problems.Words();
        Response.StatusCode = ProblemAnswers.StatusOf(result.Problems);
        return Page();
    }
}
