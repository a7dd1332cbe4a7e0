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
public sealed class SetModel(DataForms forms, DataImport import, ValidationRules rules, PeriodLocks locks, WorkCalendar calendar) : PageModel
{
    public DataForms.Desk? Desk { get; private set; }

    public List<string> Problems { get; private set; } = [];

    public string? Done { get; private set; }

    public bool MayImport => DataImport.MayImport(User.ToCaller());

    /// <summary>Supervisors and administrators define the set's rules and lock its periods.</summary>
    public bool MayDefine => DataDefinitions.MayDefine(User.ToCaller());

    public List<Domain.Data.ValidationRule> Rules { get; private set; } = [];

    public PeriodLocks.State? Lock { get; private set; }

    [BindProperty] public RuleForm Rule { get; set; } = new();

    /// <summary>A new rule as the form posts it.</summary>
    public sealed class RuleForm
    {
        public string? Name { get; set; }
        public string? Left { get; set; }
        public string? Operator { get; set; } = "≤";
        public string? Right { get; set; }
        public string? Message { get; set; }
        public string? Severity { get; set; } = "error";
    }

    /// <summary>新建校验规则: the same <see cref="ValidationRules.CreateAsync"/> as the API.</summary>
    public async Task<IActionResult> OnPostRuleAsync(int id)
    {
        var r = Rule;
        var outcome = await rules.CreateAsync(User.ToCaller(), new(id, r.Name, r.Left, r.Operator, r.Right, r.Message, r.Severity), HttpContext.RequestAborted);
        return await AnsweredAsync(id, null, outcome.Problems, "rule");
    }

    /// <summary>删除校验规则.</summary>
    public async Task<IActionResult> OnPostDeleteRuleAsync(int id, int ruleId)
    {
        var outcome = await rules.DeleteAsync(User.ToCaller(), ruleId, HttpContext.RequestAborted);
        return await AnsweredAsync(id, null, outcome.Problems, "rule-deleted");
    }

    /// <summary>锁定 / 解锁 the period shown: the same <see cref="PeriodLocks.SetAsync"/> as the API (audited).</summary>
    public async Task<IActionResult> OnPostLockAsync(int id, string? period, bool locked)
    {
        var outcome = await locks.SetAsync(User.ToCaller(), id, period, locked, HttpContext.RequestAborted);
        return await AnsweredAsync(id, period, outcome.Problems, locked ? "locked" : "unlocked");
    }

    private async Task<IActionResult> AnsweredAsync(int id, string? period, IEnumerable<Domain.Problems.Problem> problems, string done)
    {
        var list = problems.ToList();
        if (list.Count == 0) return Redirect($"/Data/Sets/{id}?done={done}" + (period is null ? "" : $"&period={Uri.EscapeDataString(period)}"));
        var status = ProblemAnswers.StatusOf(list);
        if (status is StatusCodes.Status403Forbidden or StatusCodes.Status404NotFound) return StatusCode(status);
        return await WithProblemsAsync(id, list.Words(), status);
    }

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
        Rules = await rules.ListAsync(id, ct);
        Lock = (await locks.StateAsync(id, Desk!.Period.Text, ct)).Value;
        return Page();
    }
}
