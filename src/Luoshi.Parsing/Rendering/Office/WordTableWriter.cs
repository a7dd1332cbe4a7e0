using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace Luoshi.Parsing.Rendering.Office;

/// <summary>
/// Writes a <see cref="SheetTable"/> as a Word document in the manner of an official document (公文): landscape A4, the
/// title in 方正小标宋简体, the header in 黑体, the text in 仿宋_GB2312, the line under the title, the table's header
/// row repeated on every page, rows free to run on to the next page (a long task is never cut off). Where a 公文 font is not installed the fonts table
/// names the Noto CJK font to use instead (LibreOffice and Word substitute through it).
/// </summary>
public static class WordTableWriter
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    /// <summary>A 公文 font, the Noto CJK face to use where it is not installed, and its family.</summary>
    public sealed record Face(string Name, string Fallback, bool Serif);

    public static readonly Face TitleFace = new("方正小标宋简体", "Noto Serif CJK SC", true);
    public static readonly Face HeadingFace = new("黑体", "Noto Sans CJK SC", false);
    public static readonly Face TextFace = new("仿宋_GB2312", "Noto Serif CJK SC", true);
    public static readonly Face SongFace = new("宋体", "Noto Serif CJK SC", true);

    /// <summary>A4 landscape in twentieths of a point, and its margins (2.54 cm top and bottom, 2 cm at the sides).</summary>
    private const int PageWidth = 16838, PageHeight = 11906, SideMargin = 1134, EndMargin = 1440;

    /// <summary>The table's text in half-points (五号, 10.5 pt) and a cell's inner margin at each side.</summary>
    private const int BodySize = 21, CellMargin = 80;

    public static byte[] Write(DocumentInfo info, SheetTable table)
    {
        using var buffer = new MemoryStream();
        using (var package = WordprocessingDocument.Create(buffer, WordprocessingDocumentType.Document))
        {
            info.WriteTo(package, package.AddExtendedFilePropertiesPart());

            var main = package.AddMainDocumentPart();
            AddFontsAndStyles(main);
            var body = new Body();
            if (table.Title is { } title) body.Append(Paragraph(title, TitleFace, 44, JustificationValues.Center, after: 120));
            if (table.Subtitle is { } subtitle) body.Append(Paragraph(subtitle, TextFace, 28, JustificationValues.Center, after: 200));
            body.Append(Table(table));
            body.Append(new Paragraph());
            body.Append(new SectionProperties(
                new PageSize { Width = PageWidth, Height = PageHeight, Orient = PageOrientationValues.Landscape },
                new PageMargin { Top = EndMargin, Bottom = EndMargin, Left = SideMargin, Right = SideMargin, Header = 720, Footer = 720, Gutter = 0 }));
            main.Document = new Document(body);
            main.Document.Save();
        }
        return buffer.ToArray();
    }

    /// <summary>The fonts table (each 公文 font with its Noto CJK fallback) and the default style (仿宋, Chinese) of a new document.</summary>
    public static void AddFontsAndStyles(MainDocumentPart main)
    {
        main.AddNewPart<FontTablePart>().Fonts = FontTable();
        main.AddNewPart<StyleDefinitionsPart>().Styles = new Styles(new DocDefaults(
            new RunPropertiesDefault(new RunPropertiesBaseStyle(Fonts(TextFace), new FontSize { Val = "24" }, new Languages { EastAsia = "zh-CN" })),
            new ParagraphPropertiesDefault(new ParagraphPropertiesBaseStyle(new SpacingBetweenLines { After = "0", Line = "240",
                LineRule = LineSpacingRuleValues.Auto }))));
    }

    private static Table Table(SheetTable table) => Table(table, PageWidth - 2 * SideMargin);

    /// <summary>The table as a Word table <paramref name="usable"/> twentieths of a point wide, its header row repeated on every page.</summary>
    public static Table Table(SheetTable table, int usable)
    {
        var widths = Widths(table, usable);
        static BorderType Line<T>() where T : BorderType, new() => new T { Val = BorderValues.Single, Size = 4, Space = 0, Color = "000000" };
        var result = new Table(new TableProperties(
            new TableWidth { Width = usable.ToString(System.Globalization.CultureInfo.InvariantCulture), Type = TableWidthUnitValues.Dxa },
            new TableLayout { Type = TableLayoutValues.Fixed },
            new TableBorders(Line<TopBorder>(), Line<LeftBorder>(), Line<BottomBorder>(), Line<RightBorder>(),
                Line<InsideHorizontalBorder>(), Line<InsideVerticalBorder>()),
            new TableCellMarginDefault(new TopMargin { Width = "40", Type = TableWidthUnitValues.Dxa },
                new TableCellLeftMargin { Width = CellMargin, Type = TableWidthValues.Dxa },
                new BottomMargin { Width = "40", Type = TableWidthUnitValues.Dxa },
                new TableCellRightMargin { Width = CellMargin, Type = TableWidthValues.Dxa })));
        result.Append(new TableGrid(widths.Select(w => new GridColumn { Width = w.ToString(System.Globalization.CultureInfo.InvariantCulture) })));
        var header = new TableRow(new TableRowProperties(new TableHeader(), new CantSplit()));
        for (var c = 0; c < table.Columns.Count; c++)
            header.Append(Cell(table.Columns[c].Header, widths[c], HeadingFace, JustificationValues.Center, shaded: true));
        result.Append(header);
        foreach (var row in table.Rows)
        {
            // A row may run on to the next page: LibreOffice cuts off a row that may not break and is taller than a page.
            var line = new TableRow();
            for (var c = 0; c < table.Columns.Count; c++)
            {
                var cell = c < row.Cells.Count ? row.Cells[c] : SheetCell.Empty;
                var face = row.Emphasis && cell.Kind == CellKind.Text ? HeadingFace : TextFace;
                line.Append(Cell(cell.Display, widths[c], face, cell.Kind == CellKind.Text ? JustificationValues.Left : JustificationValues.Center));
            }
            result.Append(line);
        }
        return result;
    }

    /// <summary>
    /// Column widths in twentieths of a point: in proportion to the sheet's widths, but never so narrow that a date,
    /// a percentage or a short word (a number such as （十二）, a status) breaks inside, nor a header into more than two
    /// lines (digits beside Chinese get a little space of their own); the wide columns give up what the narrow ones need.
    /// </summary>
    public static int[] Widths(SheetTable table, int usable)
    {
        const int shortWord = 8;
        var columns = table.Columns;
        var least = columns.Select((c, i) => table.Rows.Where(r => i < r.Cells.Count)
            .Select(r => (r.Cells[i].Kind, Units: r.Cells[i].Display.Sum(RowHeights.Units)))
            .Where(v => v.Kind != CellKind.Text || v.Units <= shortWord).Select(v => v.Kind == CellKind.Text ? v.Units : v.Units + 4)
            .Append((c.Header.Sum(RowHeights.Units) + 1) / 2 + 1).Max() * BodySize * 6 + 2 * CellMargin + 100).ToArray();
        var total = columns.Sum(c => c.Width);
        var widths = columns.Select((c, i) => Math.Max(least[i], (int)(usable * c.Width / total))).ToArray();
        var over = widths.Sum() - usable;
        var spare = widths.Select((w, i) => w - least[i]).Sum();
        if (over > 0 && spare > 0)
            widths = [.. widths.Select((w, i) => w - (int)Math.Ceiling((double)over * (w - least[i]) / spare))];
        return widths;
    }

    private static TableCell Cell(string text, int width, Face face, JustificationValues justification, bool shaded = false)
    {
        var properties = new TableCellProperties(new TableCellWidth { Width = width.ToString(System.Globalization.CultureInfo.InvariantCulture),
            Type = TableWidthUnitValues.Dxa });
        if (shaded) properties.Append(new Shading { Val = ShadingPatternValues.Clear, Color = "auto", Fill = "F2F2F2" });
        properties.Append(new TableCellVerticalAlignment { Val = shaded ? TableVerticalAlignmentValues.Center : TableVerticalAlignmentValues.Top });
        var cell = new TableCell(properties);
        foreach (var paragraph in text.Split('\n')) cell.Append(Paragraph(paragraph, face, BodySize, justification, after: 0));
        return cell;
    }

    /// <summary>One paragraph of one run of <paramref name="text"/> in <paramref name="face"/>, <paramref name="halfPoints"/> half-points.</summary>
    public static Paragraph Paragraph(string text, Face face, int halfPoints, JustificationValues justification, int after) =>
        new(new ParagraphProperties(new SpacingBetweenLines { After = after.ToString(System.Globalization.CultureInfo.InvariantCulture) },
                new Justification { Val = justification }),
            new Run(new RunProperties(Fonts(face), new FontSize { Val = halfPoints.ToString(System.Globalization.CultureInfo.InvariantCulture) },
                new FontSizeComplexScript { Val = halfPoints.ToString(System.Globalization.CultureInfo.InvariantCulture) }),
                new DocumentFormat.OpenXml.Wordprocessing.Text(text) { Space = SpaceProcessingModeValues.Preserve }));

    /// <summary>The 公文 font for Chinese; Latin letters and digits in the same face, as 公文 set them.</summary>
    public static RunFonts Fonts(Face face) => new() { Ascii = face.Name, HighAnsi = face.Name, EastAsia = face.Name, ComplexScript = face.Name,
        Hint = FontTypeHintValues.EastAsia };

    /// <summary>Each 公文 font with the face to use where it is missing (its alternative name) and its family.</summary>
    private static DocumentFormat.OpenXml.Wordprocessing.Fonts FontTable() => new(
        new[] { TitleFace, HeadingFace, TextFace, SongFace }.Select(f => new Font(
            new AltName { Val = f.Fallback },
            new FontCharSet { Val = "86" },
            new FontFamily { Val = f.Serif ? FontFamilyValues.Roman : FontFamilyValues.Swiss },
            new Pitch { Val = FontPitchValues.Variable }) { Name = f.Name }));
}
