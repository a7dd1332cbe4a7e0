using Luoshi.Application.OrgUnits;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Luoshi.Web.Pages.Admin;

/// <summary>Administrators import a city's units and users from the spreadsheet template.</summary>
[RequestSizeLimit(CityImport.MaxBytes + 64 * 1024)]
public sealed class ImportModel(CityImport import) : PageModel
{
    public CityImport.Outcome? Outcome { get; private set; }

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync(IFormFile? file)
    {
        if (file is null || file.Length == 0)
            Outcome = new(0, 0, 0, ["请选择要上传的 .xlsx 文件"]);
        else if (file.Length > CityImport.MaxBytes)
            Outcome = new(0, 0, 0, [$"文件超过 {CityImport.MaxBytes / 1024 / 1024} MB"]);
        else
        {
            await using var stream = file.OpenReadStream();
            Outcome = await import.ImportAsync(stream, HttpContext.RequestAborted);
        }
        if (Outcome.Problems.Count > 0) Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return Page();
    }
}
