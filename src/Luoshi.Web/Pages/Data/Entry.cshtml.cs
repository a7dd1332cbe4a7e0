using System.Text.Encodings.Web;
using Luoshi.Application;
using Luoshi.Application.Calendar;
using Luoshi.Application.Data;
using Luoshi.Domain.Data;
using Luoshi.Domain.Problems;
using Luoshi.Web.Auth;
using Luoshi.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Luoshi.Web.Pages.DataPages;

/// <summary>
/// The entry grid of one data set for one unit and period: values checked as they are typed (<see cref="DataEntry.CheckAsync"/>
/// through htmx), saved whole or not at all (<see cref="DataEntry.SaveAsync"/>) and filed (<see cref="DataEntry.SubmitAsync"/>),
/// or filed as “无情况” (a zero report) where the set allows it. Without a unit the caller's own unit is meant; a caller
/// whose unit does not report the set goes to the set's list of units.
/// </summary>
public sealed class EntryModel(DataForms forms, DataEntry entry, ValidationRules rules, Outliers outliers, WorkCalendar calendar) : PageModel
{
    public DataForms.Form? Form { get; private set; }

    public List<string> Problems { get; private set; } = [];

    public string? Done { get; private set; }

    /// <summary>The data set's rules that the stored values break (errors and warnings), worded.</summary>
    public List<string> BrokenRules { get; private set; } = [];

    /// <summary>The stored values flagged as outliers, by element and option, with why (a mark, not a refusal).</summary>
    public Dictionary<(int ElementId, string Option), string> OutlierMarks { get; private set; } = [];

    [BindProperty] public List<Cell> Cells { get; set; } = [];

    /// <summary>One input of the grid: element, option and the value as typed.</summary>
    public sealed class Cell
    {
        public int ElementId { get; set; }
        public string? Option { get; set; }
        public string? Value { get; set; }
    }

    public async Task<IActionResult> OnGetAsync(int id, int? unit, string? period, string? done)
    {
        var outcome = await LoadAsync(id, unit, period);
        if (unit is null && outcome.Problems.Any(p => p.Type == DataProblems.UnitNotAssigned)) return Redirect($"/Data/Sets/{id}");
        Done = done;
        if (!outcome.Succeeded) return StatusCode(ProblemAnswers.StatusOf(outcome.Problems));
        BrokenRules = [.. (await rules.OfUnitAsync(id, Form!.Unit.Id, Form.Period, HttpContext.RequestAborted)).Select(b => b.Words)];
        OutlierMarks = (await outliers.OfUnitAsync(id, Form.Unit.Id, Form.Period, [], HttpContext.RequestAborted))
            .ToDictionary(f => (f.Element.Id, f.Option), f => f.Why);
        return Page();
    }

    /// <summary>保存 (and 报送 with <paramref name="submit"/>): every non-empty cell in one batch, whole or not at all.</summary>
    public async Task<IActionResult> OnPostSaveAsync(int id, int? unit, string? period, bool submit)
    {
        var ct = HttpContext.RequestAborted;
        var caller = User.ToCaller();
        var unitId = unit ?? caller.OrgUnitId;
        var inputs = Cells.Where(c => !string.IsNullOrWhiteSpace(c.Value))
            .Select(c => new DataEntry.ValueInput(c.ElementId, unitId, period, c.Option, c.Value)).ToList();
        if (inputs.Count > 0)
        {
            var saved = await entry.SaveAsync(caller, inputs, ct);
            if (!saved.Succeeded) return await RefusedAsync(id, unitId, period, saved.Problems);
        }
        else if (!submit) return await RefusedAsync(id, unitId, period, [DataProblems.NoValues]);
        if (submit)
        {
            var filed = await entry.SubmitAsync(caller, id, unitId, period, zeroReport: false, await calendar.WorkingDaysAsync(ct), ct);
            if (!filed.Succeeded) return await RefusedAsync(id, unitId, period, filed.Problems);
        }
        return Redirect($"/Data/Entry/{id}?unit={unitId}&period={Uri.EscapeDataString(period ?? "")}&done={(submit ? "submitted" : "saved")}");
    }

    /// <summary>无情况（零报告）.</summary>
    public async Task<IActionResult> OnPostZeroAsync(int id, int? unit, string? period)
    {
        var ct = HttpContext.RequestAborted;
        var caller = User.ToCaller();
        var unitId = unit ?? caller.OrgUnitId;
        var filed = await entry.SubmitAsync(caller, id, unitId, period, zeroReport: true, await calendar.WorkingDaysAsync(ct), ct);
        return filed.Succeeded
            ? Redirect($"/Data/Entry/{id}?unit={unitId}&period={Uri.EscapeDataString(period ?? "")}&done=zero")
            : await RefusedAsync(id, unitId, period, filed.Problems);
    }

    /// <summary>The check of one cell as it is typed (htmx): the same rules as saving, nothing stored; an empty answer when it is fine.</summary>
    public async Task<IActionResult> OnPostCheckAsync(int? unit, string? period)
    {
        if (Cells.FirstOrDefault(c => !string.IsNullOrWhiteSpace(c.Value)) is not { } cell) return Content("", "text/html");
        var caller = User.ToCaller();
        var outcome = await entry.CheckAsync(caller, [new(cell.ElementId, unit ?? caller.OrgUnitId, period, cell.Option, cell.Value)],
            HttpContext.RequestAborted);
        if (outcome.Kind == ProblemKind.Forbidden) return StatusCode(StatusCodes.Status403Forbidden);
        var words = outcome.Succeeded ? "" : string.Join("；", outcome.Problems.Select(p => p.Type == DataProblems.ValueInvalid ? Reason(p) : p.Words()));
        return Content(HtmlEncoder.Default.Encode(words), "text/html");
    }

    /// <summary>
    /// The data set's rules over the whole grid as typed (htmx, nothing stored): every rule the good values break, read
    /// with the values already stored; an empty answer when none is broken.
    /// </summary>
    public async Task<IActionResult> OnPostRulesAsync(int id, int? unit, string? period)
    {
        var caller = User.ToCaller();
        var inputs = Cells.Where(c => !string.IsNullOrWhiteSpace(c.Value))
            .Select(c => new DataEntry.ValueInput(c.ElementId, unit ?? caller.OrgUnitId, period, c.Option, c.Value)).ToList();
        if (inputs.Count == 0 || inputs.Count > DataEntry.MaxBatch) return Content("", "text/html");
        var ct = HttpContext.RequestAborted;
        var (good, refused) = await entry.CheckEachAsync(caller, inputs, ct);
        if (refused.Any(r => r.Why.Kind == ProblemKind.Forbidden)) return StatusCode(StatusCodes.Status403Forbidden);
        var broken = await rules.CheckAsync(good, ct);
        var flags = good.Count == 0 ? [] : await outliers.OfUnitAsync(id, good[0].Input.OrgUnitId!.Value, good[0].Period, good, ct);
        var items = broken.Select(b => $"<li class=\"{(b.Rule.Severity == Domain.Data.RuleSeverity.Error ? "error-text" : "warn-text")}\">{HtmlEncoder.Default.Encode(b.Words)}</li>")
            .Concat(flags.Select(f => $"<li class=\"warn-text\">{HtmlEncoder.Default.Encode($"异常值提示：{f.Element.Name}{(f.Option.Length > 0 ? "·" + f.Option : "")} {f.Value:0.####}，{f.Why}")}</li>"))
            .ToList();
        return Content(items.Count == 0 ? "" : $"<ul>{string.Concat(items)}</ul>", "text/html");
    }

    /// <summary>A batch problem's reason without its “第 1 项：” (the cell is the one being typed in).</summary>
    private static string Reason(Problem problem)
    {
        var words = problem.Words();
        var colon = words.IndexOfAny(['：', ':']);
        return colon >= 0 ? words[(colon + 1)..].Trim() : words;
    }

    private async Task<IActionResult> RefusedAsync(int id, int unitId, string? period, IReadOnlyList<Problem> problems)
    {
        var loaded = await LoadAsync(id, unitId, period);
        if (!loaded.Succeeded) return StatusCode(ProblemAnswers.StatusOf(loaded.Problems));
        // The grid keeps what was typed, so nothing is lost on a refusal.
        var typed = Cells.ToDictionary(c => (c.ElementId, c.Option ?? ""), c => c.Value ?? "");
        Form = Form! with { Rows = [.. Form.Rows.Select(r => typed.TryGetValue((r.Element.Id, r.Option), out var v) ? r with { Value = v } : r)] };
        Problems = [.. problems.Words()];
        Response.StatusCode = ProblemAnswers.StatusOf(problems);
        return Page();
    }

    private async Task<Outcome<DataForms.Form>> LoadAsync(int id, int? unit, string? period)
    {
        var ct = HttpContext.RequestAborted;
        var caller = User.ToCaller();
        var outcome = await forms.FormAsync(caller, id, unit ?? caller.OrgUnitId, period, await calendar.WorkingDaysAsync(ct), ct);
        Form = outcome.Value;
        return outcome;
    }
}
