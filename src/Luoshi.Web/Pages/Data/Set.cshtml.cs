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
public sealed class SetModel(DataForms forms, WorkCalendar calendar) : PageModel
{
    public DataForms.Desk? Desk { get; private set; }

    public List<string> Problems { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int id, string? period)
    {
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
