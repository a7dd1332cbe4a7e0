using System.Text;
using Luoshi.Application.Plans;
using Luoshi.Parsing;
using Luoshi.Web.Apis;
using Luoshi.Web.Auth;
using Luoshi.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Luoshi.Web.Pages.Plans;

/// <summary>A new draft plan from an uploaded document or pasted text; an unreadable one is explained and nothing is created.</summary>
[RequestSizeLimit(RequestLimit)]
[RequestFormLimits(MultipartBodyLengthLimit = RequestLimit, ValueLengthLimit = (int)RequestLimit)]
public sealed class NewModel(PlanIntake intake) : PageModel
{
    /// <summary>Requests somewhat over the document limit are still read, so that the user is told why in Chinese.</summary>
    private const long RequestLimit = 2 * DocumentUpload.MaxBytes;

    public string? Problem { get; private set; }

    /// <summary>The pasted text, kept when it could not be used.</summary>
    public string? Pasted { get; private set; }

    public IActionResult OnGet() => User.ToCaller().DraftsPlans ? Page() : Forbid();

    public async Task<IActionResult> OnPostAsync(IFormFile? file, string? text)
    {
        var caller = User.ToCaller();
        if (!caller.DraftsPlans) return Forbid();
        Pasted = text;
        var ct = HttpContext.UntilGoneOrStopping();
        try
        {
            if (file is { Length: > 0 })
            {
                if (file.Length > DocumentUpload.MaxBytes) return Refuse(DocumentUpload.TooLargeMessage);
                using var buffer = new MemoryStream((int)file.Length);
                await file.CopyToAsync(buffer, ct);
                var plan = await intake.CreateDraftFromDocumentAsync(buffer.ToArray(), file.FileName, caller.UserId, ct);
                return Redirect($"/Plans/{plan.Id}");
            }
            if (!string.IsNullOrWhiteSpace(text))
            {
                if (Encoding.UTF8.GetByteCount(text) > DocumentUpload.MaxBytes) return Refuse(DocumentUpload.TooLargeMessage);
                var plan = await intake.CreateDraftFromTextAsync(text, null, caller.UserId, ct);
                return Redirect($"/Plans/{plan.Id}");
            }
            return Refuse("请选择计划文档（.txt、.html、.docx，或任务分解表 .xlsx），或把计划全文粘贴到文本框中");
        }
        catch (PlanDocumentException e)
        {
            MemoryRelief.AfterRefusedDocument();
            return Refuse(e.Message);
        }
        catch (OperationCanceledException e) when (HttpContext.StoppedByServer(e))
        {
            Problem = RequestWork.StoppingMessage;
            Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            return Page();
        }
    }

    private PageResult Refuse(string problem)
    {
        Problem = problem;
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return Page();
    }
}
