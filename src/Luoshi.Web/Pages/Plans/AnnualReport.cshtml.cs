using Luoshi.Application.Documents;
using Luoshi.Application.Evaluation;
using Luoshi.Domain.Problems;
using Luoshi.Web.Auth;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Luoshi.Web.Pages.Plans;

/// <summary>
/// The plan's 年度评估报告 as a printable page (<see cref="AnnualReport"/>), with the same charts as the PDF and the .docx
/// (PNG images inline) and links to both files. Bureau roles and the plan's own department; others 403.
/// </summary>
public sealed class AnnualReportModel(AnnualReport reports) : PageModel
{
    public AnnualReport.View View { get; private set; } = null!;

    /// <summary>The charts as <c>data:</c> addresses, when the server has a Chinese font to draw them with.</summary>
    public AnnualReportDocument.Charts? Charts { get; private set; }

    public static string DataUri(byte[] png) => "data:image/png;base64," + Convert.ToBase64String(png);

    public async Task<IActionResult> OnGetAsync(int id)
    {
        var outcome = await reports.ForAsync(User.ToCaller(), id, HttpContext.RequestAborted);
        if (outcome.Value is not { } view)
            return outcome.Kind == ProblemKind.NotFound ? NotFound() : StatusCode(StatusCodes.Status403Forbidden);
        View = view;
        Charts = CjkFonts.Installed is { } fonts ? AnnualReportDocument.Charts.Of(view, fonts) : null;
        return Page();
    }
}
