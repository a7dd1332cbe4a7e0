using Luoshi.Application.Access;
using Luoshi.Application.Tasks;
using Luoshi.Domain.Indicators;
using Luoshi.Domain.OrgUnits;
using Luoshi.Domain.Plans;
using Luoshi.Domain.Reports;
using Luoshi.Domain.Targets;
using Luoshi.Domain.Tasks;
using Luoshi.Domain.Time;
using Luoshi.Parsing.Rendering;
using Luoshi.Parsing.Rendering.Office;
using Microsoft.EntityFrameworkCore;

namespace Luoshi.Application.Plans;

/// <summary>
/// The 工作台账 for the director's desk, as a spreadsheet (ledger.xlsx) or a Word table (ledger.docx, 任务分解表): a
/// title, the line "截至 2026年11月28日 · 单位" (China's today and the caller's unit), and one row per task with its
/// number (一/（一）/1.), targets, units, leader, deadline (a date cell), progress (a percentage), latest progress and
/// status; printed landscape on A4 with the header on each page. Tasks and the latest progress are only those the
/// caller may see and read (<see cref="TaskScope"/>); each export is in the audit trail.
/// </summary>
public sealed class LedgerWorkbook(LuoshiDb db, TaskScope scope, TaskWorkflow ledger, ChinaClock clock)
{
    public enum Format
    {
        Xlsx,
        Docx,
    }

    /// <summary>A file to download.</summary>
    public sealed record File(byte[] Content, string ContentType, string Name);

    public static readonly SheetColumn[] Columns =
    [
        new("编号", 7), new("工作任务", 44), new("具体目标", 28), new("牵头处室", 12), new("配合处室", 14), new("责任单位", 20),
        new("包保领导", 9), new("完成时限", 17), new("进度", 7), new("最新进展", 34), new("状态", 8),
    ];

    public static readonly string[] Headers = [.. Columns.Select(c => c.Header)];

    /// <summary>The plan's ledger in the format asked for; null when the caller may not see the plan.</summary>
    public async Task<File?> ExportAsync(int planId, Caller caller, Format format, CancellationToken ct = default)
    {
        var plan = await scope.VisiblePlans(caller).AsNoTracking().FirstOrDefaultAsync(p => p.Id == planId, ct);
        if (plan is null) return null;
        var (table, info) = await TableAsync(plan, caller, format == Format.Xlsx ? "工作台账" : "任务分解表", ct);
        var name = format == Format.Xlsx ? "ledger.xlsx" : "ledger.docx";
        db.Audit("export", "Plan", planId.ToString(System.Globalization.CultureInfo.InvariantCulture), new { file = name });
        await db.SaveChangesAsync(ct);
        return format == Format.Xlsx
            ? new(WorkbookWriter.Write(info, table), WorkbookWriter.ContentType, $"{table.Title}.xlsx")
            : new(WordTableWriter.Write(info, table), WordTableWriter.ContentType, $"{table.Title}.docx");
    }

    /// <summary>
    /// What a target has reached, after its description: for a target linked to an indicator the data's figure, its month and
    /// verdict ("（指标数据：50.625%，截至2026-03，数据符合预期进度）"); otherwise the reported actual ("（已完成…）").
    /// </summary>
    public static string Reached(Target g, Targets.TargetReading? data) => data is not null
        ? data.Actual is { } d ? $"（指标数据：{Target.Figure(d)}{g.Unit}，截至{data.Period}，{data.Verdict.ToChinese()}）" : "（指标数据：暂无数据）"
        : g.Actual is { } a ? $"（已完成{Target.Figure(a)}{g.Unit}）" : "";

    private async Task<(SheetTable, DocumentInfo)> TableAsync(Plan plan, Caller caller, string kind, CancellationToken ct)
    {
        var tasks = await scope.Listed(caller).Where(t => t.PlanId == plan.Id).Include(t => t.Units).Include(t => t.Milestones)
            .Include(t => t.Targets)
            .AsSplitQuery().AsNoTracking().OrderBy(t => t.Ordinal).ToListAsync(ct);
        // Numbers come from the whole plan's outline, so a unit that sees part of it reads the same numbers as everyone.
        var outline = await db.Tasks.AsNoTracking().Where(t => t.PlanId == plan.Id).OrderBy(t => t.Ordinal).ThenBy(t => t.Id)
            .Select(t => new { t.Id, t.ParentId }).ToListAsync(ct);
        var numbers = OutlineNumbering.Assign(outline.Select(t => (t.Id, t.ParentId)));
        var parents = outline.Where(t => t.ParentId is not null).Select(t => t.ParentId!.Value).ToHashSet();
        var units = await db.OrgUnits.AsNoTracking().ToDictionaryAsync(u => u.Id, ct);
        var leaders = await db.Users.AsNoTracking().ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
        var taskIds = tasks.Select(t => t.Id).ToList();
        var latest = (await scope.ReadableReports(caller).AsNoTracking().Where(r => taskIds.Contains(r.TaskId)
            && r.Status == ReportStatus.Accepted).ToListAsync(ct))
            .GroupBy(r => r.TaskId).ToDictionary(g => g.Key, g => g.OrderByDescending(r => r.Period, StringComparer.Ordinal)
            .ThenByDescending(r => r.Id).First());

        // The one colour rule (TaskStates): a target linked to an indicator shows the data's figure, and its task the data's colour.
        var states = await ledger.States.OfAsync(tasks, ct);
        string Name(int id) => units.TryGetValue(id, out var u) ? u.Name : "";
        string Names(IEnumerable<int> ids) => string.Join("、", ids.Select(Name).Where(n => n.Length > 0));
        var rows = tasks.Select(t => new SheetRow(
        [
            numbers.GetValueOrDefault(t.Id, ""),
            t.Title,
            string.Join("\n", t.Targets.Select(g => g.Describe() + Reached(g, states.GetValueOrDefault(t.Id)?.Data.GetValueOrDefault(g.Id)))),
            t.LeadDepartmentId is { } lead ? Name(lead) : "",
            Names(t.CoDepartmentIds),
            Names(t.ResponsibleOrgUnitIds),
            t.LeaderUserId is { } l ? leaders.GetValueOrDefault(l, "") : "",
            SheetCell.Of(t.DueDate),
            SheetCell.Percent(t.Progress),
            latest.TryGetValue(t.Id, out var r) ? $"{r.Period}：{r.Narrative}" : "",
            // A group (an outline heading) has no status of its own: the ledger lists it as the heading it is.
            t.IsGroup ? "" : states[t.Id].Label,
        ], Emphasis: t.IsGroup || parents.Contains(t.Id))).ToList();

        var title = plan.Title + kind;
        var unit = Name(caller.OrgUnitId);
        var company = units.Values.Where(u => u.ParentId is null && u.Kind == OrgUnitKind.Bureau).Select(u => u.Name).FirstOrDefault();
        var table = new SheetTable(kind, Columns, rows)
        {
            Title = title,
            Subtitle = $"截至 {SheetCell.DateText(clock.Today)} · {unit}",
            Printed = true,
        };
        return (table, new DocumentInfo(title, leaders.GetValueOrDefault(caller.UserId, unit), company ?? unit, clock.UtcNow));
    }
}
