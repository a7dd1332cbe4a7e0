using Luoshi.Application.Calendar;
using Luoshi.Application.Data;
using Luoshi.Web.Auth;
using Luoshi.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Luoshi.Web.Pages.DataPages;

/// <summary>
/// One data set for a period: the units in the caller's scope (a district's schools, a school itself, every unit for
/// those who see everything) with 已报/零报告/未报/逾期, each opening its entry grid (<see cref="DataForms.DeskAsync"/>).
/// </summary>
public sealed class SetModel(DataForms forms, DataImport import, WorkCalendar calendar) : PageModel
{
    public DataForms.Desk? Desk { get; private set; }

    public List<string> Problems { get; private set; } = [];

    public string? Done { get; private set; }

    public bool MayImport => DataImport.MayImport(User.ToCaller());

    /// <summary>导入 .xlsx/.csv: the same <see cref="DataImport"/> as the API; whole or nothing, every bad row listed.</summary>
    public async Task<IActionResult> OnPostImportAsync(int id, IFormFile? file)
    {
        var ct = HttpContext.RequestAborted;
        if (file is null || file.Length == 0 || file.Length > DataImport.MaxBytes)
            return await WithProblemsAsync(id, [file is null || file.Length == 0 ? "请选择 .xlsx 或 .csv 文件" : $"文件超过 {DataImport.MaxBytes / 1024 / 1024} MB"],
                file is null || file.Length == 0 ? StatusCodes.Status400BadRequest : StatusCodes.Status413PayloadTooLarge);
        await using var stream = file.OpenReadStream();
        var result = await import.ImportAsync(User.ToCaller(), id, stream, file.FileName.EndsWith(".csv", StringComparison.OrdinalIgnoreCase), ct);
        if (result.Refusal is { } refusal) return StatusCode(ProblemAnswers.StatusOf(refusal.Kind));
        if (result.Problems.Count > 0) return await WithProblemsAsync(id, ["导入失败，未导入任何数据", .. result.Problems], StatusCodes.Status400BadRequest);
        return Redirect($"/Data/Sets/{id}?done={result.Saved}");
    }

    private async Task<IActionResult> WithProblemsAsync(int id, List<string> problems, int status)
    {
        var result = await OnGetAsync(id, null, null);
        if (Desk is null) return result;
        Problems = problems;
        Response.StatusCode = status;
        return Page();
    }

    public async Task<IActionResult> OnGetAsync(int id, string? period, string? done)
    {
        Done = done;
        var ct = HttpContext.RequestAborted;
        var outcome = await forms.DeskAsync(User.ToCaller(), id, period, await calendar.WorkingDaysAsync(ct), ct);
        if (outcome.Kind == Domain.Problems.ProblemKind.NotFound) return NotFound();
        if (!outcome.Succeeded)
        {
            // A period that cannot be read: the default period's list, with why.
            Problems = outcome.Problems.Words();
            Response.StatusCode = ProblemAnswers.StatusOf(outcome.Problems);
            outcome = await forms.DeskAsync(User.ToCaller(), id, null, await calendar.WorkingDaysAsync(ct), ct);
        }
        Desk = outcome.Value;
        return Page();
    }
}
