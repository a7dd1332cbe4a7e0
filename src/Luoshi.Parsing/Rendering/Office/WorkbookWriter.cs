using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Luoshi.Parsing.Rendering.Office;

/// <summary>
/// The one writer of Luoshi's spreadsheets (the ledger, the parse output, the import template): typed cells (text,
/// numbers, dates shown <c>yyyy年m月d日</c>, percentages), a title and a line under it merged across the table, a
/// styled header, wrapped text in rows tall enough for it (<see cref="RowHeights"/>), sized columns, and for a printed
/// table landscape A4 fitted to width with the header repeated on each page; the document's properties set. Strings
/// are stored inline, so Excel and LibreOffice read the Chinese as written.
/// </summary>
public static class WorkbookWriter
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>The body text's size in points.</summary>
    public const double FontSize = 11;

    /// <summary>The cell formats of <see cref="Styles"/>, in order.</summary>
    private enum Style : uint
    {
        Default,
        Title,
        Subtitle,
        Header,
        Text,
        Bold,
        Date,
        Percent,
        Number,
    }

    private const uint DateFormatId = 164;

    public static byte[] Write(DocumentInfo info, params SheetTable[] tables)
    {
        using var buffer = new MemoryStream();
        Write(info, buffer, tables);
        return buffer.ToArray();
    }

    public static void Write(DocumentInfo info, Stream output, params SheetTable[] tables)
    {
        using var buffer = new MemoryStream();
        using (var package = SpreadsheetDocument.Create(buffer, SpreadsheetDocumentType.Workbook))
        {
            info.WriteTo(package, package.AddExtendedFilePropertiesPart());
            var workbookPart = package.AddWorkbookPart();
            workbookPart.Workbook = new Workbook();
            workbookPart.AddNewPart<WorkbookStylesPart>().Stylesheet = Styles();
            var sheets = new DocumentFormat.OpenXml.Spreadsheet.Sheets();
            var names = new DefinedNames();
            for (var i = 0; i < tables.Length; i++)
            {
                var part = workbookPart.AddNewPart<WorksheetPart>();
                part.Worksheet = Worksheet(tables[i], i == 0);
                sheets.Append(new Sheet { Id = workbookPart.GetIdOfPart(part), SheetId = (uint)(i + 1), Name = tables[i].Name });
                var quoted = "'" + tables[i].Name.Replace("'", "''", StringComparison.Ordinal) + "'";
                var header = tables[i].HeaderRow;
                if (tables[i].Filter && tables[i].Rows.Count > 0)
                    names.Append(new DefinedName($"{quoted}!$A${header}:${Column(tables[i].Columns.Count - 1)}${header + tables[i].Rows.Count}")
                        { Name = "_xlnm._FilterDatabase", LocalSheetId = (uint)i, Hidden = true });
                if (tables[i].Printed)
                    names.Append(new DefinedName($"{quoted}!${header}:${header}") { Name = "_xlnm.Print_Titles", LocalSheetId = (uint)i });
            }
            workbookPart.Workbook.Append(sheets);
            if (names.HasChildren) workbookPart.Workbook.Append(names);
            workbookPart.Workbook.Save();
        }
        buffer.Position = 0;
        buffer.CopyTo(output);
    }

    private static Worksheet Worksheet(SheetTable table, bool selected)
    {
        var widths = table.Columns.Select(c => c.Width).ToArray();
        var last = Column(table.Columns.Count - 1);
        var data = new SheetData();
        var merges = new MergeCells();
        uint index = 1;
        if (table.Title is { } title)
        {
            data.Append(new Row(TextCell(0, index, title, Style.Title)) { RowIndex = index, Height = 32, CustomHeight = true });
            merges.Append(new MergeCell { Reference = $"A{index}:{last}{index}" });
            index++;
        }
        if (table.Subtitle is { } subtitle)
        {
            data.Append(new Row(TextCell(0, index, subtitle, Style.Subtitle)) { RowIndex = index, Height = 22, CustomHeight = true });
            merges.Append(new MergeCell { Reference = $"A{index}:{last}{index}" });
            index++;
        }
        var headers = table.Columns.Select(c => c.Header).ToArray();
        data.Append(new Row(headers.Select((h, c) => TextCell(c, index, h, Style.Header)))
            { RowIndex = index, Height = RowHeights.For(headers, widths, FontSize), CustomHeight = true });
        index++;
        foreach (var row in table.Rows)
        {
            var cells = new Row { RowIndex = index, Height = RowHeights.For(row.Cells.Select(c => c.Display).ToArray(), widths, FontSize),
                CustomHeight = true };
            for (var c = 0; c < row.Cells.Count && c < table.Columns.Count; c++) cells.Append(Cell(c, index, row.Cells[c], row.Emphasis));
            data.Append(cells);
            index++;
        }

        var header = table.HeaderRow;
        var worksheet = new Worksheet();
        if (table.Printed) worksheet.Append(new SheetProperties(new PageSetupProperties { FitToPage = true }));
        worksheet.Append(new SheetViews(new SheetView(
            new Pane { VerticalSplit = header, TopLeftCell = $"A{header + 1}", ActivePane = PaneValues.BottomLeft, State = PaneStateValues.Frozen },
            new Selection { Pane = PaneValues.BottomLeft, ActiveCell = $"A{header + 1}",
                SequenceOfReferences = new ListValue<StringValue> { InnerText = $"A{header + 1}" } })
            { TabSelected = selected, WorkbookViewId = 0U }));
        worksheet.Append(new SheetFormatProperties { DefaultRowHeight = RowHeights.LineHeight(FontSize) + 4 });
        worksheet.Append(new Columns(widths.Select((w, i) => new Column { Min = (uint)(i + 1), Max = (uint)(i + 1), Width = w, CustomWidth = true })));
        worksheet.Append(data);
        if (table.Filter && table.Rows.Count > 0) worksheet.Append(new AutoFilter { Reference = $"A{header}:{last}{header + table.Rows.Count}" });
        if (merges.HasChildren) worksheet.Append(merges);
        worksheet.Append(new PageMargins { Left = 0.4, Right = 0.4, Top = 0.6, Bottom = 0.6, Header = 0.3, Footer = 0.3 });
        if (table.Printed)
        {
            worksheet.Append(new PageSetup { PaperSize = 9U, Orientation = OrientationValues.Landscape, FitToWidth = 1U, FitToHeight = 0U });
            worksheet.Append(new HeaderFooter(new OddFooter("&C第 &P 页，共 &N 页")));
        }
        return worksheet;
    }

    /// <summary>The letters of a zero-based column (A…Z, AA…).</summary>
    public static string Column(int column) => column < 26 ? ((char)('A' + column)).ToString() : Column(column / 26 - 1) + (char)('A' + column % 26);

    private static string Ref(int column, uint row) => Column(column) + row.ToString(CultureInfo.InvariantCulture);

    private static Cell Cell(int column, uint row, SheetCell cell, bool emphasis) => cell.Kind switch
    {
        CellKind.Date => Number(column, row, cell.Date.ToDateTime(TimeOnly.MinValue).ToOADate(), Style.Date),
        CellKind.Percent => Number(column, row, cell.Number, Style.Percent),
        CellKind.Number => Number(column, row, cell.Number, Style.Number),
        _ => TextCell(column, row, cell.Text, emphasis ? Style.Bold : Style.Text),
    };

    private static Cell Number(int column, uint row, double value, Style style) => new(new CellValue(value))
    {
        CellReference = Ref(column, row), DataType = CellValues.Number, StyleIndex = (uint)style,
    };

    private static Cell TextCell(int column, uint row, string text, Style style) =>
        new(new InlineString(new DocumentFormat.OpenXml.Spreadsheet.Text(text) { Space = SpaceProcessingModeValues.Preserve }))
        {
            CellReference = Ref(column, row), DataType = CellValues.InlineString, StyleIndex = (uint)style,
        };

    private static Stylesheet Styles()
    {
        var fonts = new Fonts(
            new Font(new FontSize { Val = FontSize }, new FontName { Val = "宋体" }),
            new Font(new Bold(), new FontSize { Val = 16 }, new FontName { Val = "黑体" }),
            new Font(new Bold(), new FontSize { Val = FontSize }, new FontName { Val = "黑体" }),
            new Font(new Bold(), new FontSize { Val = FontSize }, new FontName { Val = "宋体" }));
        var fills = new Fills(
            new Fill(new PatternFill { PatternType = PatternValues.None }),
            new Fill(new PatternFill { PatternType = PatternValues.Gray125 }),
            new Fill(new PatternFill(new ForegroundColor { Rgb = "FFF2F2F2" }) { PatternType = PatternValues.Solid }));
        var borders = new Borders(
            new Border(new LeftBorder(), new RightBorder(), new TopBorder(), new BottomBorder(), new DiagonalBorder()),
            new Border(
                new LeftBorder(new Color { Auto = true }) { Style = BorderStyleValues.Thin },
                new RightBorder(new Color { Auto = true }) { Style = BorderStyleValues.Thin },
                new TopBorder(new Color { Auto = true }) { Style = BorderStyleValues.Thin },
                new BottomBorder(new Color { Auto = true }) { Style = BorderStyleValues.Thin },
                new DiagonalBorder()));
        static Alignment Top(bool wrap = true) => new() { Vertical = VerticalAlignmentValues.Top, WrapText = wrap };
        static CellFormat Body(uint font, uint format, Alignment alignment) => new(alignment)
            { FontId = font, NumberFormatId = format, BorderId = 1, ApplyFont = true, ApplyNumberFormat = format != 0, ApplyBorder = true,
                ApplyAlignment = true };
        var formats = new CellFormats(
            new CellFormat(),
            new CellFormat(new Alignment { Horizontal = HorizontalAlignmentValues.Center, Vertical = VerticalAlignmentValues.Center, WrapText = true })
                { FontId = 1, ApplyFont = true, ApplyAlignment = true },
            new CellFormat(new Alignment { Horizontal = HorizontalAlignmentValues.Left, Vertical = VerticalAlignmentValues.Center })
                { ApplyAlignment = true },
            new CellFormat(new Alignment { Horizontal = HorizontalAlignmentValues.Center, Vertical = VerticalAlignmentValues.Center, WrapText = true })
                { FontId = 2, FillId = 2, BorderId = 1, ApplyFont = true, ApplyFill = true, ApplyBorder = true, ApplyAlignment = true },
            Body(0, 0, Top()),
            Body(3, 0, Top()),
            Body(0, DateFormatId, Top(wrap: false)),
            Body(0, 9, new Alignment { Horizontal = HorizontalAlignmentValues.Center, Vertical = VerticalAlignmentValues.Top }),
            Body(0, 0, Top(wrap: false)));
        var numberFormats = new NumberingFormats(new NumberingFormat { NumberFormatId = DateFormatId, FormatCode = "yyyy\"年\"m\"月\"d\"日\"" });
        return new Stylesheet(numberFormats, fonts, fills, borders, formats);
    }
}
