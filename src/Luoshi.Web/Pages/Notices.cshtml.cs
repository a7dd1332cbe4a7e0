using Luoshi.Application;
using Luoshi.Application.Supervision;
using Luoshi.Data;
using Luoshi.Domain.OrgUnits;
using Luoshi.Web.Auth;
using Luoshi.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Luoshi.Web.Pages;

/// <summary>督办单: 待办理 / 我发出的 / 已逾期, the issue form, the answer form, 办结 and 退回 — each a <see cref="Notices"/> use case.</summary>
[RequestSizeLimit(EvidenceUploads.MaxBody)]
[RequestFormLimits(MultipartBodyLengthLimit = EvidenceUploads.MaxBody)]
public sealed class NoticesModel(Notices notices, LuoshiDb db) : PageModel
{
    public static readonly (string Code, string Name, Notices.Box Box)[] Tabs =
        [("toAnswer", "待办理", Notices.Box.ToAnswer), ("issued", "我发出的", Notices.Box.Issued), ("overdue", "已逾期", Notices.Box.Overdue)];

    public string Tab { get; private set; } = "toAnswer";
    public List<Notices.Row> Items { get; private set; } = [];
    public List<OrgUnit> Units { get; private set; } = [];
    public List<string> Problems { get; private set; } = [];

    [BindProperty] public IssueForm Issue { get; set; } = new();

    public sealed class IssueForm
    {
        public int? OrgUnitId { get; set; }
        public int? TaskId { get; set; }
        public string? Kind { get; set; } = "supervise";
        public string? Reason { get; set; }
        public int? Days { get; set; } = Domain.Supervision.Notice.DefaultDays;
    }

    /// <summary>One of the lists; or, with <paramref name="id"/> (the link from a task's timeline), that one notice when the caller may see it.</summary>
    public async Task OnGetAsync(string? tab, int? id)
    {
        await LoadAsync(tab);
        if (id is not { } one) return;
        Tab = "";
        var found = await notices.FindAsync(User.ToCaller(), one, HttpContext.RequestAborted);
        Items = found.Succeeded ? [found.Value!] : [];
    }

    public async Task<IActionResult> OnPostIssueAsync()
    {
        var outcome = await notices.IssueAsync(User.ToCaller(), new(Issue.OrgUnitId, Issue.TaskId, Issue.Kind, Issue.Reason, Issue.Days),
            HttpContext.RequestAborted);
        return outcome.Succeeded ? RedirectToPage(new { tab = "issued", done = $"已发出{outcome.Value!.Number}" }) : await RefusedAsync("issued", outcome);
    }

    public Task<IActionResult> OnPostAnswerAsync(int id, string? response, List<IFormFile> attachments) =>
        EvidenceUploads.WithAsync(attachments, async uploads =>
            await Done("toAnswer", await notices.AnswerAsync(User.ToCaller(), id, response, uploads, HttpContext.RequestAborted), "已反馈"));

    public async Task<IActionResult> OnPostCloseAsync(int id) =>
        await Done("issued", await notices.CloseAsync(User.ToCaller(), id, HttpContext.RequestAborted), "已办结");

    public async Task<IActionResult> OnPostReturnAsync(int id, string? comment) =>
        await Done("issued", await notices.ReturnAsync(User.ToCaller(), id, comment, HttpContext.RequestAborted), "已退回");

    private async Task<IActionResult> Done(string tab, Outcome<Domain.Supervision.Notice> outcome, string what) =>
        outcome.Succeeded ? RedirectToPage(new { tab, done = $"{outcome.Value!.Number}{what}" }) : await RefusedAsync(tab, outcome);

    private async Task<IActionResult> RefusedAsync<T>(string tab, Outcome<T> outcome)
    {
        await LoadAsync(tab);
        Problems = outcome.Problems.Words();
        Response.StatusCode = ProblemAnswers.StatusOf(outcome.Problems);
        return Page();
    }

    private async Task LoadAsync(string? tab)
    {
        var chosen = Tabs.FirstOrDefault(t => string.Equals(t.Code, tab, StringComparison.OrdinalIgnoreCase));
        if (chosen.Code is null) chosen = Tabs[0];
        Tab = chosen.Code;
        Items = await notices.ListAsync(User.ToCaller(), chosen.Box, HttpContext.RequestAborted);
        Units = await db.OrgUnits.AsNoTracking().Where(u => u.Kind != OrgUnitKind.Bureau).OrderBy(u => u.SortOrder).ThenBy(u => u.Code)
            .ToListAsync(HttpContext.RequestAborted);
    }
}
