using Luoshi.Application;
using Luoshi.Application.Bulletins;
using Luoshi.Domain.Bulletins;
using Luoshi.Web.Auth;
using Luoshi.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Luoshi.Web.Pages;

/// <summary>督查通报: the months' bulletins, one opened (<c>?period=</c>); editors draft, edit and publish — each a <see cref="Bulletins"/> use case.</summary>
public sealed class BulletinsModel(Bulletins bulletins) : PageModel
{
    public List<Bulletin> Items { get; private set; } = [];
    public Bulletin? Open { get; private set; }
    public bool Edits { get; private set; }
    public List<string> Problems { get; private set; } = [];

    public Task OnGetAsync(string? period) => LoadAsync(period);

    public async Task<IActionResult> OnPostDraftAsync(string? period) =>
        await Done(await bulletins.DraftAsync(User.ToCaller(), period, HttpContext.RequestAborted), "已起草", period);

    public async Task<IActionResult> OnPostEditAsync(string? period, string? overview, string? problems, string? requirements) =>
        await Done(await bulletins.EditAsync(User.ToCaller(), period, overview, problems, requirements, HttpContext.RequestAborted), "已保存", period);

    public async Task<IActionResult> OnPostPublishAsync(string? period) =>
        await Done(await bulletins.PublishAsync(User.ToCaller(), period, HttpContext.RequestAborted), "已印发", period);

    private async Task<IActionResult> Done(Outcome<Bulletin> outcome, string what, string? period)
    {
        if (outcome.Value is { } b) return RedirectToPage(new { period = b.Period, done = $"{b.Period} {what}" });
        await LoadAsync(period);
        Problems = outcome.Problems.Words();
        Response.StatusCode = ProblemAnswers.StatusOf(outcome.Problems);
        return Page();
    }

    private async Task LoadAsync(string? period)
    {
        var caller = User.ToCaller();
        Edits = Bulletins.Edits(caller);
        Items = [.. await bulletins.ListAsync(caller, HttpContext.RequestAborted)];
        var chosen = period ?? Items.FirstOrDefault()?.Period;
        Open = chosen is null ? null : Items.FirstOrDefault(b => b.Period == chosen);
    }
}
