using Luoshi.Application;
using Luoshi.Application.Data;
using Luoshi.Data;
using Luoshi.Domain.Data;
using Luoshi.Domain.OrgUnits;
using Luoshi.Web.Auth;
using Luoshi.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Luoshi.Web.Pages.DataPages;

/// <summary>Defining data elements and data sets (supervisors and administrators): each form a <see cref="DataDefinitions"/> use case.</summary>
public sealed class DefinitionsModel(DataDefinitions definitions, LuoshiDb db) : PageModel
{
    public List<DataElement> Elements { get; private set; } = [];
    public List<DataSet> Sets { get; private set; } = [];
    public List<OrgUnit> Roots { get; private set; } = [];
    public List<string> Problems { get; private set; } = [];
    public string? Done { get; private set; }
    public List<(DataElement Element, List<DataSet> Sets)> AskedBefore { get; private set; } = [];

    /// <summary>The set just created (whose elements already collected elsewhere are offered for reuse).</summary>
    public int? CreatedSetId { get; private set; }

    [BindProperty] public ElementForm Element { get; set; } = new();
    [BindProperty] public SetForm Set { get; set; } = new();

    public sealed class ElementForm
    {
        public string? Code { get; set; }
        public string? Name { get; set; }
        public string? ValueType { get; set; } = "integer";
        public string? Aggregation { get; set; } = "sum";
        public string? Unit { get; set; }
        public string? Category { get; set; }
        public string? Options { get; set; }
    }

    public sealed class SetForm
    {
        public string? Code { get; set; }
        public string? Name { get; set; }
        public string? PeriodType { get; set; } = "month";
        public string? UnitKind { get; set; } = "school";
        public int? RootUnitId { get; set; }
        public int? DueWorkingDays { get; set; } = 5;
        public TimeOnly? DueTime { get; set; }
        public bool AllowZeroReport { get; set; }
        public int? LockAfterDays { get; set; }
        public List<int> DataElementIds { get; set; } = [];
    }

    public async Task<IActionResult> OnGetAsync(string? done, int? set)
    {
        if (!DataDefinitions.MayDefine(User.ToCaller())) return StatusCode(StatusCodes.Status403Forbidden);
        Done = done;
        if (set is { } created) AskedBefore = await definitions.AlreadyCollectedAsync(created, HttpContext.RequestAborted);
        CreatedSetId = set;
        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostElementAsync()
    {
        var e = Element;
        var outcome = await definitions.CreateElementAsync(User.ToCaller(), new(e.Code, e.Name, e.ValueType, e.Aggregation, e.Unit, e.Category, e.Options),
            HttpContext.RequestAborted);
        return await AnswerAsync(outcome, "element");
    }

    public async Task<IActionResult> OnPostSetAsync()
    {
        var s = Set;
        var outcome = await definitions.CreateDataSetAsync(User.ToCaller(), new(s.Code, s.Name, s.PeriodType, s.UnitKind, s.RootUnitId,
            s.DueWorkingDays, s.DueTime, s.AllowZeroReport, s.DataElementIds, s.LockAfterDays), HttpContext.RequestAborted);
        return outcome.Value is { } created ? Redirect($"/Data/Definitions?done=set&set={created.Id}") : await AnswerAsync(outcome, "set");
    }

    /// <summary>最多报一次: takes the offer — the element leaves the new set, whose units give it once, in the set that already collects it.</summary>
    public async Task<IActionResult> OnPostReuseAsync(int set, int element)
    {
        var outcome = await definitions.ReuseElementAsync(User.ToCaller(), set, element, HttpContext.RequestAborted);
        if (outcome.Kind == Domain.Problems.ProblemKind.NotFound) return NotFound();
        return outcome.Succeeded ? Redirect($"/Data/Definitions?done=reused&set={set}") : await AnswerAsync(outcome, "reused");
    }

    private async Task<IActionResult> AnswerAsync<T>(Outcome<T> outcome, string done)
    {
        if (outcome.Succeeded) return Redirect($"/Data/Definitions?done={done}");
        if (outcome.Kind == Domain.Problems.ProblemKind.Forbidden) return StatusCode(StatusCodes.Status403Forbidden);
        await LoadAsync();
        Problems = outcome.Problems.Words();
        Response.StatusCode = ProblemAnswers.StatusOf(outcome.Problems);
        return Page();
    }

    private async Task LoadAsync()
    {
        var ct = HttpContext.RequestAborted;
        Elements = await definitions.ElementsAsync(ct);
        Sets = await definitions.DataSetsAsync(ct);
        Roots = await db.OrgUnits.AsNoTracking().Where(u => u.Kind == OrgUnitKind.District).OrderBy(u => u.SortOrder).ThenBy(u => u.Code).ToListAsync(ct);
    }
}
