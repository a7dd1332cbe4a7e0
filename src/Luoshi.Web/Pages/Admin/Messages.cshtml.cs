using Luoshi.Application.Messaging;
using Luoshi.Domain.Messaging;
using Luoshi.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Luoshi.Web.Pages.Admin;

/// <summary>系统管理 → 消息发送: the outbox by status, the dead letters first, and 重发 for a message that did not go.</summary>
public sealed class MessagesModel(OutboxAdmin outbox) : PageModel
{
    public const int PageSize = 100;

    public List<OutboxItem> Items { get; private set; } = [];
    public int Total { get; private set; }
    public Dictionary<OutboxStatus, int> Counts { get; private set; } = [];
    public string Status { get; private set; } = "dead";
    public List<string> Problems { get; private set; } = [];
    public string? Message { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? status, bool resent = false)
    {
        if (resent) Message = "已重新排队，将在下次发送时发出";
        return await LoadAsync(status ?? "dead");
    }

    public async Task<IActionResult> OnPostResendAsync(long id, string? status)
    {
        var result = await outbox.ResendAsync(id, HttpContext.RequestAborted);
        if (result.Succeeded) return LocalRedirect($"/Admin/Messages?status={Uri.EscapeDataString(status ?? "dead")}&resent=true");
        Problems = result.Problems.Words();
        Response.StatusCode = ProblemAnswers.StatusOf(result.Problems);
        return await LoadAsync(status ?? "dead");
    }

    private async Task<IActionResult> LoadAsync(string status)
    {
        Status = status == "all" ? "all" : OutboxAdmin.TryParseStatus(status, out var s) && s is not null ? OutboxAdmin.Code(s.Value) : "dead";
        OutboxAdmin.TryParseStatus(Status == "all" ? null : Status, out var filter);
        (Items, Total) = await outbox.ListAsync(filter, 0, PageSize, HttpContext.RequestAborted);
        Counts = await outbox.CountsAsync(HttpContext.RequestAborted);
        return Page();
    }
}
