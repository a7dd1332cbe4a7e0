using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Luoshi.Application.Access;
using Luoshi.Application.Tasks;
using Luoshi.Domain.Plans;
using Luoshi.Domain.Reports;
using Luoshi.Domain.Targets;
using Luoshi.Domain.Tasks;
using Microsoft.EntityFrameworkCore;

namespace Luoshi.Application.Plans;

/// <summary>
/// The 工作台账 as a spreadsheet for the director's desk: a title row, a frozen header, one row per task with its
/// targets, units, leader, deadline, latest progress and status; wrapped text, A4 landscape, header repeated on each page.
/// Tasks and the latest progress are only those the caller may see and read (<see cref="TaskScope"/>).
/// </summary>
public sealed class LedgerWorkbook(LuoshiDb db, TaskScope scope, TaskWorkflow ledger)
{
    public static readonly string[] Headers = ["序号", "工作任务", "具体目标", "牵头处室", "配合处室", "责任单位", "包保领导", "完成时限", "最新进展", "状态"];
    private static readonly double[] Widths = [8, 42, 30, 14, 16, 22, 10, 12, 36, 9];

    public async Task<byte[]> BuildAsync(Plan plan, Caller caller, CancellationToken ct = default)
    {
        var tasks = await scope.Visible(caller).Where(t => t.PlanId == plan.Id).Include(t => t.Units).Include(t => t.Milestones)
            .Include(t => t.Targets)
            .AsSplitQuery().AsNoTracking().OrderBy(t => t.Ordinal).ToListAsync(ct);
        var units = await db.OrgUnits.AsNoTracking().ToDictionaryAsync(u => u.Id, u => u.Name, ct);
        var leaders = await db.Users.AsNoTracking().ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
        var taskIds = tasks.Select(t => t.Id).ToList();
        var latest = (await scope.ReadableReports(caller).AsNoTracking().Where(r => taskIds.Contains(r.TaskId)
            && r.Status == ReportStatus.Accepted).ToListAsync(ct))
            .GroupBy(r => r.TaskId).ToDictionary(g => g.Key, g => g.OrderByDescending(r => r.Period, StringComparer.Ordinal)
            .ThenByDescending(r => r.Id).First());

        string Names(IEnumerable<int> ids) => string.Join("、", ids.Select(id => units.GetValueOrDefault(id, "")).Where(n => n.Length > 0));
        var rows = new List<string[]>();
        foreach (var t in tasks)
        {
            var targets = string.Join("\n", t.Targets.Select(g => g.Describe() + (g.Actual is { } a ? $"（已完成{Target.Figure(a)}{g.Unit}）" : "")));
            var progress = latest.TryGetValue(t.Id, out var r) ? $"{r.Period}：{r.Narrative}（进度{r.Progress}%）" : "";
            rows.Add(
            [
                t.Number.Length > 0 ? t.Number.TrimEnd('、', '.', '．') : t.Ordinal.ToString(System.Globalization.CultureInfo.InvariantCulture),
                new string('　', Math.Max(0, t.Level - 1)) + t.Title,
                targets,
                t.LeadDepartmentId is { } lead ? units.GetValueOrDefault(lead, "") : "",
                Names(t.CoDepartmentIds),
                Names(t.ResponsibleOrgUnitIds),
                t.LeaderUserId is { } l ? leaders.GetValueOrDefault(l, "") : "",
                t.DueDate is { } d ? $"{d.Year}年{d.Month}月{d.Day}日" : "",
                progress,
                // A group (an outline heading) has no status of its own: the ledger lists it as the heading it is.
                t.IsGroup ? "" : ledger.StatusOf(t).ToChinese(),
            ]);
        }
        return Write($"{plan.Title}工作台账", rows);
    }

    private static byte[] Write(string title, List<string[]> rows)
    {
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new Workbook();
            var styles = workbook.AddNewPart<WorkbookStylesPart>();
            styles.Stylesheet = Styles();
            var sheetPart = workbook.AddNewPart<WorksheetPart>();
            var data = new SheetData();
            data.Append(new Row(Cell("A1", title, 1)) { RowIndex = 1U, Height = 30, CustomHeight = true });
            data.Append(new Row(Headers.Select((h, i) => Cell(Ref(i, 2), h, 2))) { RowIndex = 2U, Height = 22, CustomHeight = true });
            for (var r = 0; r < rows.Count; r++)
            {
                var index = (uint)(r + 3);
                data.Append(new Row(rows[r].Select((v, i) => Cell(Ref(i, index), v, 3))) { RowIndex = index });
            }
            var last = Ref(Headers.Length - 1, 2)[..1];
            var sheet = new Worksheet(
                new SheetProperties(new PageSetupProperties { FitToPage = true }),
                new SheetViews(new SheetView(new Pane { VerticalSplit = 2, TopLeftCell = "A3", ActivePane = PaneValues.BottomLeft,
                    State = PaneStateValues.Frozen })
                { WorkbookViewId = 0U, TabSelected = true }),
                new Columns(Widths.Select((w, i) => new Column { Min = (uint)(i + 1), Max = (uint)(i + 1), Width = w, CustomWidth = true })),
                data,
                new MergeCells(new MergeCell { Reference = $"A1:{last}1" }),
                new PageMargins { Left = 0.4, Right = 0.4, Top = 0.6, Bottom = 0.6, Header = 0.3, Footer = 0.3 },
                new PageSetup { PaperSize = 9U, Orientation = OrientationValues.Landscape, FitToWidth = 1U, FitToHeight = 0U },
                new HeaderFooter(new OddFooter("&C第 &P 页，共 &N 页")));
            sheetPart.Worksheet = sheet;
            workbook.Workbook.Append(new Sheets(new Sheet { Id = workbook.GetIdOfPart(sheetPart), SheetId = 1U, Name = "工作台账" }));
            workbook.Workbook.Append(new DefinedNames(new DefinedName("'工作台账'!$2:$2") { Name = "_xlnm.Print_Titles", LocalSheetId = 0U }));
            workbook.Workbook.Save();
        }
        return stream.ToArray();
    }

    private static string Ref(int column, uint row) => $"{(char)('A' + column)}{row}";

    private static Cell Cell(string reference, string text, uint style) =>
        new() { CellReference = reference, DataType = CellValues.InlineString,
            InlineString = new InlineString(new Text(text) { Space = SpaceProcessingModeValues.Preserve }), StyleIndex = style };

    private static Stylesheet Styles() => new(
        new Fonts(
            new Font(new FontSize { Val = 10.5 }, new FontName { Val = "宋体" }),
            new Font(new Bold(), new FontSize { Val = 16 }, new FontName { Val = "黑体" }),
            new Font(new Bold(), new FontSize { Val = 11 }, new FontName { Val = "黑体" })),
        new Fills(new Fill(new PatternFill { PatternType = PatternValues.None }), new Fill(new PatternFill { PatternType = PatternValues.Gray125 }),
            new Fill(new PatternFill(new ForegroundColor { Rgb = "FFF2F2F2" }) { PatternType = PatternValues.Solid })),
        new Borders(new Border(),
            new Border(new LeftBorder { Style = BorderStyleValues.Thin }, new RightBorder { Style = BorderStyleValues.Thin },
                new TopBorder { Style = BorderStyleValues.Thin }, new BottomBorder { Style = BorderStyleValues.Thin }, new DiagonalBorder())),
        new CellFormats(
            new CellFormat(),
            new CellFormat(new Alignment { Horizontal = HorizontalAlignmentValues.Center, Vertical = VerticalAlignmentValues.Center }) { FontId = 1,
                ApplyFont = true, ApplyAlignment = true },
            new CellFormat(new Alignment { Horizontal = HorizontalAlignmentValues.Center, Vertical = VerticalAlignmentValues.Center,
                WrapText = true })
            { FontId = 2, FillId = 2, BorderId = 1, ApplyFont = true, ApplyFill = true, ApplyBorder = true, ApplyAlignment = true },
            new CellFormat(new Alignment { Vertical = VerticalAlignmentValues.Top, WrapText = true }) { BorderId = 1, ApplyBorder = true,
                ApplyAlignment = true }));
}
