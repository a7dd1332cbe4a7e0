using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Luoshi.Parsing.Model;

namespace Luoshi.Parsing.Rendering;

/// <summary>
/// Writes the 任务分解表 (序号, 工作任务, 具体目标, 牵头/责任单位, 完成时限) as an .xlsx: sized columns, a styled and
/// frozen header, wrapped text; strings are stored inline so Excel and LibreOffice read the Chinese as written.
/// </summary>
public static class XlsxPlanRenderer
{
    private static readonly string[] Headers = ["序号", "工作任务", "具体目标", "牵头/责任单位", "完成时限"];
    private static readonly double[] Widths = [10, 60, 50, 24, 14];

    public static byte[] Render(PlanDocument document)
    {
        using var buffer = new MemoryStream();
        Write(document, buffer);
        return buffer.ToArray();
    }

    public static void Write(PlanDocument document, Stream output)
    {
        using var buffer = new MemoryStream();
        using (var package = SpreadsheetDocument.Create(buffer, SpreadsheetDocumentType.Workbook))
        {
            var workbookPart = package.AddWorkbookPart();
            workbookPart.Workbook = new Workbook();
            var styles = workbookPart.AddNewPart<WorkbookStylesPart>();
            styles.Stylesheet = Stylesheet();
            styles.Stylesheet.Save();

            var sheetPart = workbookPart.AddNewPart<WorksheetPart>();
            var data = new SheetData();
            var header = new Row { RowIndex = 1U, Height = 22, CustomHeight = true };
            for (var c = 0; c < Headers.Length; c++)
            {
                header.Append(Cell(c, 1, Headers[c], style: 1));
            }

            data.Append(header);
            uint rowIndex = 2;
            var numbers = Numbering(document.Items);
            foreach (var item in document.Items)
            {
                var row = new Row { RowIndex = rowIndex };
                var task = new string('　', Math.Max(0, item.Level - 1)) + item.Marker + item.Heading;
                var targets = string.Join("\n", item.Quantities.Where(q => q.Kind == QuantityKind.Target).Select(q => q.Text).Distinct());
                row.Append(
                    Cell(0, rowIndex, numbers[item.Id], 2),
                    Cell(1, rowIndex, task, item.Level == 1 ? (uint)3 : 2),
                    Cell(2, rowIndex, targets, 2),
                    Cell(3, rowIndex, string.Join("、", item.Responsible), 2),
                    Cell(4, rowIndex, item.Deadline?.ToString() ?? string.Empty, 2));
                data.Append(row);
                rowIndex++;
            }

            var columns = new Columns();
            for (var c = 0; c < Widths.Length; c++)
            {
                columns.Append(new Column { Min = (uint)(c + 1), Max = (uint)(c + 1), Width = Widths[c], CustomWidth = true });
            }

            var views = new SheetViews(new SheetView(
                new Pane { VerticalSplit = 1D, TopLeftCell = "A2", ActivePane = PaneValues.BottomLeft, State = PaneStateValues.Frozen },
                new Selection { Pane = PaneValues.BottomLeft, ActiveCell = "A2",
                    SequenceOfReferences = new ListValue<StringValue> { InnerText = "A2" } })
            { TabSelected = true, WorkbookViewId = 0U });
            var worksheet = new Worksheet(views, new SheetFormatProperties { DefaultRowHeight = 18 }, columns, data);
            if (rowIndex > 2)
            {
                worksheet.Append(new AutoFilter { Reference = $"A1:E{rowIndex - 1}" });
            }

            worksheet.Append(new PageMargins { Left = 0.5, Right = 0.5, Top = 0.75, Bottom = 0.75, Header = 0.3, Footer = 0.3 });
            sheetPart.Worksheet = worksheet;
            sheetPart.Worksheet.Save();

            var sheets = workbookPart.Workbook.AppendChild(new Sheets());
            sheets.Append(new Sheet { Id = workbookPart.GetIdOfPart(sheetPart), SheetId = 1U, Name = "任务分解表" });
            if (rowIndex > 2)
            {
                workbookPart.Workbook.Append(new DefinedNames(new DefinedName { Name = "_xlnm._FilterDatabase",
                    LocalSheetId = 0U, Hidden = true, Text = $"'任务分解表'!$A$1:$E${rowIndex - 1}" }));
            }

            workbookPart.Workbook.Save();
        }

        buffer.Position = 0;
        buffer.CopyTo(output);
    }

    /// <summary>Hierarchical numbers 1, 1.1, 1.1.2 from the outline.</summary>
    private static Dictionary<int, string> Numbering(IReadOnlyList<PlanItem> items)
    {
        var result = new Dictionary<int, string>();
        var childCount = new Dictionary<int, int>();
        foreach (var item in items)
        {
            var key = item.Parent ?? 0;
            childCount[key] = childCount.GetValueOrDefault(key) + 1;
            var own = childCount[key].ToString(System.Globalization.CultureInfo.InvariantCulture);
            result[item.Id] = item.Parent is { } p && result.TryGetValue(p, out var prefix) ? prefix + "." + own : own;
        }

        return result;
    }

    private static Cell Cell(int column, uint row, string text, uint style)
    {
        var reference = (char)('A' + column) + row.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return new Cell(new InlineString(new DocumentFormat.OpenXml.Spreadsheet.Text(Clean(text)) { Space = SpaceProcessingModeValues.Preserve }))
        {
            CellReference = reference,
            DataType = CellValues.InlineString,
            StyleIndex = style,
        };
    }

    /// <summary>XML cannot carry control characters; a cell holds at most 32,767 characters.</summary>
    private static string Clean(string text)
    {
        var chars = text.Where(c => c is '\n' or '\t' || !char.IsControl(c)).ToArray();
        var s = new string(chars);
        return s.Length > 32000 ? s[..32000] : s;
    }

    private static Stylesheet Stylesheet()
    {
        var fonts = new Fonts(
            new Font(new FontSize { Val = 11 }, new FontName { Val = "等线" }),
            new Font(new Bold(), new FontSize { Val = 11 }, new FontName { Val = "等线" }));
        var fills = new Fills(
            new Fill(new PatternFill { PatternType = PatternValues.None }),
            new Fill(new PatternFill { PatternType = PatternValues.Gray125 }),
            new Fill(new PatternFill(new ForegroundColor { Rgb = "FFD9E1F2" }) { PatternType = PatternValues.Solid }));
        var thin = new Border(
            new LeftBorder(new Color { Auto = true }) { Style = BorderStyleValues.Thin },
            new RightBorder(new Color { Auto = true }) { Style = BorderStyleValues.Thin },
            new TopBorder(new Color { Auto = true }) { Style = BorderStyleValues.Thin },
            new BottomBorder(new Color { Auto = true }) { Style = BorderStyleValues.Thin },
            new DiagonalBorder());
        var borders = new Borders(new Border(new LeftBorder(), new RightBorder(), new TopBorder(), new BottomBorder(), new DiagonalBorder()), thin);
        var formats = new CellFormats(
            new CellFormat(),
            new CellFormat(new Alignment { Horizontal = HorizontalAlignmentValues.Center, Vertical = VerticalAlignmentValues.Center,
                WrapText = true })
            { FontId = 1, FillId = 2, BorderId = 1, ApplyFont = true, ApplyFill = true, ApplyBorder = true, ApplyAlignment = true },
            new CellFormat(new Alignment { Vertical = VerticalAlignmentValues.Top, WrapText = true })
            { FontId = 0, FillId = 0, BorderId = 1, ApplyBorder = true, ApplyAlignment = true },
            new CellFormat(new Alignment { Vertical = VerticalAlignmentValues.Top, WrapText = true })
            { FontId = 1, FillId = 0, BorderId = 1, ApplyFont = true, ApplyBorder = true, ApplyAlignment = true });
        return new Stylesheet(fonts, fills, borders, formats);
    }
}
