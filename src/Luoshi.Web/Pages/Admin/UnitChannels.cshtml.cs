using Luoshi.Application.Messaging;
using Luoshi.Data;
using Luoshi.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Luoshi.Web.Pages.Admin;

/// <summary>Administrators set where a unit is reached outside the browser: its mailbox, its 企业微信 and 钉钉 group robots.</summary>
public sealed class UnitChannelsModel(LuoshiDb db, MessageChannels channels) : PageModel
{
    public string UnitName { get; private set; } = "";
    public UnitChannelsView View { get; private set; } = new(0, null, null, null, false);
    public List<string> Problems { get; private set; } = [];
    public bool Saved { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, bool saved = false)
    {
        var result = await channels.UnitAsync(id, HttpContext.RequestAborted);
        if (!result.Succeeded) return NotFound();
        (View, Saved) = (result.Value!, saved);
        UnitName = await db.OrgUnits.Where(u => u.Id == id).Select(u => u.Name).FirstAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, string? email, string? weComWebhook, string? dingTalkWebhook, string? dingTalkSecret,
        bool removeSecret)
    {
        var secret = removeSecret ? "" : string.IsNullOrWhiteSpace(dingTalkSecret) ? null : dingTalkSecret;
        var result = await channels.SetUnitAsync(id, new(email, weComWebhook, dingTalkWebhook, secret), HttpContext.RequestAborted);
        if (result.Succeeded) return LocalRedirect($"/Admin/UnitChannels/{id}?saved=true");
        if (await OnGetAsync(id) is not PageResult) return NotFound();
        View = new(id, email, weComWebhook, dingTalkWebhook, View.DingTalkSigned);
        Problems = result.Problems.Words();
        Response.StatusCode = ProblemAnswers.StatusOf(result.Problems);
        return Page();
    }
}
