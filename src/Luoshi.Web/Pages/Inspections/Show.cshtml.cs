using Luoshi.Application;
using Luoshi.Application.Reports;
using Luoshi.Domain.Supervision;
using Luoshi.Web.Auth;
using Luoshi.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Luoshi.Web.Pages.Inspections;

/// <summary>One 专项督导 and its 整改 items: the unit's rectification with evidence, 销号 and 退回 by the inspector, more findings — each an <see cref="Application.Supervision.Inspections"/> use case.</summary>
[RequestSizeLimit(InspectionsLimits.MaxBody)]
[RequestFormLimits(MultipartBodyLengthLimit = InspectionsLimits.MaxBody)]
public sealed class ShowModel(Application.Supervision.Inspections inspections) : PageModel
{
    public Application.Supervision.Inspections.Row Row { get; private set; } = null!;
    public List<string> Problems { get; private set; } = [];

    /// <summary>The finding a refusal was about, so its form is shown open again.</summary>
    public int? ProblemFinding { get; private set; }

    [BindProperty] public FindingForm Add { get; set; } = new();

    public sealed class FindingForm
    {
        public int? OrgUnitId { get; set; }
        public string? Description { get; set; }
        public string? Severity { get; set; }
        public string? Requirement { get; set; }
        public DateOnly? Deadline { get; set; }
        public int? Days { get; set; }
    }

    private CancellationToken Ct => HttpContext.RequestAborted;

    public async Task<IActionResult> OnGetAsync(int id) => await LoadAsync(id) ? Page() : NotFound();

    public Task<IActionResult> OnPostRectifyAsync(int id, int findingId, string? rectification, List<IFormFile> evidence) =>
        EvidenceUploads.WithAsync(evidence, async uploads =>
            await DoneAsync(id, findingId, await inspections.SubmitAsync(User.ToCaller(), findingId, rectification, uploads, Ct), "rectified"));

    public async Task<IActionResult> OnPostCloseAsync(int id, int findingId) =>
        await DoneAsync(id, findingId, await inspections.CloseAsync(User.ToCaller(), findingId, Ct), "closed");

    public async Task<IActionResult> OnPostReturnAsync(int id, int findingId, string? comment) =>
        await DoneAsync(id, findingId, await inspections.ReturnAsync(User.ToCaller(), findingId, comment, Ct), "returned");

    public async Task<IActionResult> OnPostAddAsync(int id)
    {
        var outcome = await inspections.AddFindingsAsync(User.ToCaller(), id,
            [new(Add.OrgUnitId, Add.Description, Add.Severity, Add.Requirement, Add.Deadline, Add.Days)], Ct);
        return outcome.Succeeded ? Redirect($"/Inspections/{id}?done=added") : await RefusedAsync(id, null, outcome);
    }

    private async Task<IActionResult> DoneAsync(int id, int findingId, Outcome<Finding> outcome, string done) =>
        outcome.Succeeded ? Redirect($"/Inspections/{id}?done={done}#finding-{findingId}") : await RefusedAsync(id, findingId, outcome);

    private async Task<IActionResult> RefusedAsync<T>(int id, int? findingId, Outcome<T> outcome)
    {
        // The finding decides (its use case said why not); without its inspection to show, the error page says it.
        if (!await LoadAsync(id)) return StatusCode(ProblemAnswers.StatusOf(outcome.Problems));
        Problems = outcome.Problems.Words();
        ProblemFinding = findingId;
        Response.StatusCode = ProblemAnswers.StatusOf(outcome.Problems);
        return Page();
    }

    private async Task<bool> LoadAsync(int id)
    {
        var found = await inspections.FindAsync(User.ToCaller(), id, Ct);
        if (found.Value is not { } row) return false;
        Row = row;
        return true;
    }

    /// <summary>What the <c>done</c> of the address says happened.</summary>
    public static string? DoneText(string done) => done switch
    {
        "recorded" => "专项督导已登记，整改单位已收到通知",
        "rectified" => "整改情况已提交，等待督导方审核",
        "closed" => "已审核通过、销号",
        "returned" => "已退回整改",
        "added" => "问题已登记，整改单位已收到通知",
        _ => null,
    };
}

/// <summary>The largest rectification form: every evidence file at its limit, and the text.</summary>
public static class InspectionsLimits
{
    public const long MaxBody = EvidenceUploads.MaxBody;
}
