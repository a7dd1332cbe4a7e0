using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Luoshi.Parsing.Rendering;
using Luoshi.Parsing.Rendering.Office;

namespace Luoshi.Parsing.Tests;

/// <summary>The one workbook writer: row heights for wrapped text, the ledger's numbering, the parse output's page setup.</summary>
public sealed class SpreadsheetTests
{
    private const string Plan = """
        江州市教育局2026年教育工作要点

        一、推进学前教育普及普惠
        （一）扩大普惠资源。新建改扩建公办幼儿园12所，公办幼儿园在园儿童占比达到54%，2026年12月31日前完成。
        （二）提升保教质量。开展幼儿园保育教育质量评估。
        二、促进义务教育优质均衡
        （一）推进集团化办学。新增教育集团5个。
        """;

    [Theory]
    [InlineData("", 10, 1)]
    [InlineData("教育", 10, 1)]
    [InlineData("一二三四五六七八九十", 10, 3)] // 20 units in a column of 9 a line (one kept for the cell's margin)
    [InlineData("一二三四五六七八九十", 30, 1)]
    [InlineData("abcdefghij", 10, 2)]
    [InlineData("一行\n二行\n三行", 40, 3)] // each line break starts a line
    public void A_text_takes_its_wrapped_lines(string text, double width, int lines) => Assert.Equal(lines, RowHeights.Lines(text, width));

    [Fact]
    public void A_row_is_as_tall_as_its_tallest_cell_and_no_taller_than_Excel_allows()
    {
        var line = RowHeights.LineHeight(WorkbookWriter.FontSize);
        Assert.Equal(line + 4, RowHeights.For(["短", "短"], [10, 10], WorkbookWriter.FontSize));
        var long300 = new string('教', 300);
        // 600 units in a column of 43 a line, with the margin for punctuation: 16 lines.
        Assert.Equal(16 * line + 4, RowHeights.For(["短", long300], [10, 44], WorkbookWriter.FontSize));
        Assert.Equal(RowHeights.Max, RowHeights.For([new string('教', 5000)], [10], WorkbookWriter.FontSize));
    }

    [Theory]
    [InlineData(1, 1, "一")]
    [InlineData(1, 10, "十")]
    [InlineData(1, 11, "十一")]
    [InlineData(1, 23, "二十三")]
    [InlineData(2, 3, "（三）")]
    [InlineData(3, 12, "12.")]
    [InlineData(4, 2, "（2）")]
    [InlineData(5, 3, "③")]
    public void Levels_are_numbered_as_official_documents_number_them(int depth, int index, string label) =>
        Assert.Equal(label, OutlineNumbering.Label(depth, index));

    [Fact]
    public void An_outline_is_numbered_by_place_among_siblings()
    {
        var numbers = OutlineNumbering.Assign<int>([(1, null), (2, 1), (3, 2), (4, 2), (5, 1), (6, null), (7, 6)]);
        Assert.Equal(["一", "（一）", "1.", "2.", "（二）", "二", "（一）"], numbers.OrderBy(p => p.Key).Select(p => p.Value));
    }

    [Fact]
    public void The_parse_output_prints_landscape_on_A4_fitted_to_width_with_the_header_on_each_page()
    {
        var xlsx = XlsxPlanRenderer.Render(PlanParser.Parse(Plan));
        using var document = SpreadsheetDocument.Open(new MemoryStream(xlsx), false);
        var workbook = document.WorkbookPart!;
        var sheet = workbook.WorksheetParts.Single().Worksheet!;
        var setup = sheet.Elements<PageSetup>().Single();
        Assert.Equal(9U, setup.PaperSize!.Value);
        Assert.Equal(OrientationValues.Landscape, setup.Orientation!.Value);
        Assert.Equal(1U, setup.FitToWidth!.Value);
        Assert.Equal(0U, setup.FitToHeight!.Value);
        Assert.True(sheet.GetFirstChild<SheetProperties>()!.PageSetupProperties!.FitToPage!.Value);
        var titles = workbook.Workbook!.DefinedNames!.Elements<DefinedName>().Single(n => n.Name == "_xlnm.Print_Titles");
        Assert.Equal("'任务分解表'!$2:$2", titles.Text);
        Assert.Equal("江州市教育局2026年教育工作要点任务分解表", document.PackageProperties.Title);

        var rows = sheet.Descendants<Row>().ToList();
        Assert.Equal("编号工作任务具体目标牵头/责任单位完成时限", rows[1].InnerText);
        // The same numbering as the ledger, every row tall enough for its wrapped text, the deadline a date cell.
        Assert.Equal(["一", "（一）", "（二）", "二", "（一）"], rows.Skip(2).Select(r => r.Elements<Cell>().First().InnerText));
        Assert.All(rows, r => Assert.True(r.CustomHeight?.Value == true && r.Height?.Value > 0));
        var deadline = rows[3].Elements<Cell>().Last();
        Assert.Equal(CellValues.Number, deadline.DataType!.Value);
        Assert.Equal(new DateOnly(2026, 12, 31), DateOnly.FromDateTime(DateTime.FromOADate(double.Parse(deadline.CellValue!.Text,
            System.Globalization.CultureInfo.InvariantCulture))));
        var format = workbook.WorkbookStylesPart!.Stylesheet!.CellFormats!.Elements<CellFormat>().ElementAt((int)deadline.StyleIndex!.Value);
        Assert.Equal("yyyy\"年\"m\"月\"d\"日\"", workbook.WorkbookStylesPart.Stylesheet.NumberingFormats!.Elements<NumberingFormat>()
            .Single(f => f.NumberFormatId!.Value == format.NumberFormatId!.Value).FormatCode!.Value);
    }
}
