using Luoshi.Application;
using Luoshi.Application.Supervision;
using Luoshi.Domain.OrgUnits;
using Luoshi.Domain.Problems;
using Luoshi.Web.Auth;
using Luoshi.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Luoshi.Web.Pages.Inspections;

/// <summary>专项督导: 我的整改 / 我发起的 / 逾期 / 全部, and the form that records an inspection with its findings — each an <see cref="Application.Supervision.Inspections"/> use case.</summary>
public sealed class IndexModel(Application.Supervision.Inspections inspections) : PageModel
{
    public static readonly (string Code, string Name, Application.Supervision.Inspections.Box Box)[] Tabs =
    [
        ("mine", "我的整改", Application.Supervision.Inspections.Box.Mine),
        ("issued", "我发起的", Application.Supervision.Inspections.Box.Issued),
        ("overdue", "逾期", Application.Supervision.Inspections.Box.Overdue),
        ("all", "全部", Application.Supervision.Inspections.Box.All),
    ];

    public string Tab { get; private set; } = "mine";
    public List<Application.Supervision.Inspections.Row> Items { get; private set; } = [];
    public List<OrgUnit> Inspectable { get; private set; } = [];
    public List<string> Problems { get; private set; } = [];

    [BindProperty] public RecordForm Record { get; set; } = new();

    public sealed class RecordForm
    {
        public string? Title { get; set; }
        public string? Topic { get; set; }
        public DateOnly? StartDate { get; set; }
        public DateOnly? EndDate { get; set; }
        public string? Summary { get; set; }
        public List<int> OrgUnitIds { get; set; } = [];
        public string? Findings { get; set; }
    }

    public Task OnGetAsync(string? tab) => LoadAsync(tab);

    public async Task<IActionResult> OnPostRecordAsync()
    {
        var caller = User.ToCaller();
        var ct = HttpContext.RequestAborted;
        var units = await inspections.InspectableUnitsAsync(caller, ct);
        var (findings, problems) = FindingLines.Parse(Record.Findings, units);
        var outcome = problems.Count > 0 ? new Outcome<Domain.Supervision.Inspection>(null, problems)
            : await inspections.RecordAsync(caller, new(Record.Title, Record.Topic, Record.StartDate, Record.EndDate, Record.Summary,
                Record.OrgUnitIds, findings), ct);
        if (outcome.Value is { } inspection) return Redirect($"/Inspections/{inspection.Id}?done=recorded");
        await LoadAsync("issued");
        Problems = outcome.Problems.Words();
        Response.StatusCode = ProblemAnswers.StatusOf(outcome.Problems);
        return Page();
    }

    private async Task LoadAsync(string? tab)
    {
        var caller = User.ToCaller();
        Inspectable = await inspections.InspectableUnitsAsync(caller, HttpContext.RequestAborted);
        var chosen = Tabs.FirstOrDefault(t => string.Equals(t.Code, tab, StringComparison.OrdinalIgnoreCase));
        // Those who inspect start from what they recorded; the units inspected from their own 整改.
        if (chosen.Code is null) chosen = Inspectable.Count > 0 && caller.Role != Domain.People.Role.District ? Tabs[1] : Tabs[0];
        Tab = chosen.Code;
        Items = await inspections.ListAsync(caller, chosen.Box, HttpContext.RequestAborted);
    }
}
