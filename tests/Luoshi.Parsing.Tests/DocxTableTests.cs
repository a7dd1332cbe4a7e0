using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using WText = DocumentFormat.OpenXml.Wordprocessing.Text;

namespace Luoshi.Parsing.Tests;

/// <summary>A Word table (w:tbl) of tasks reads as rows: each numbered row an item with its units and deadline.</summary>
public class DocxTableTests
{
    [Fact]
    public void A_word_task_table_gives_one_item_per_row_with_its_units_and_deadline()
    {
        var doc = PlanParser.Parse(Docx(
            Row("序号", "工作任务", "牵头单位", "配合单位", "完成时限"),
            Row("1", "新建城东幼儿园，新增学位360个。", "基础教育股", "财务股", "2024年8月底前"),
            Row("2", "开展教师全员培训。", "教师发展中心、人事股", "各学校", "年底前")), "任务分解表.docx");

        Assert.Equal(["1", "2"], doc.Items.Select(i => i.Marker));
        Assert.Equal(["新建城东幼儿园，新增学位360个", "开展教师全员培训"], doc.Items.Select(i => i.Heading));
        Assert.Equal(["基础教育股"], doc.Items[0].Responsible);
        Assert.Equal(["教师发展中心", "人事股"], doc.Items[1].Responsible);
        Assert.Equal(["2024-08-31", "2024-12-31"], doc.Items.Select(i => i.Deadline?.ToString()));
        Assert.Equal(360m, doc.Items[0].Quantities.Single().Value);
    }

    [Fact]
    public void A_cell_spanning_columns_keeps_the_cells_after_it_under_their_headers()
    {
        var merged = new TableCell(new TableCellProperties(new GridSpan { Val = 2 }), new Paragraph(new Run(new WText("推进课后服务全覆盖。"))));
        var doc = PlanParser.Parse(Docx(
            Row("序号", "工作任务", "具体目标", "责任单位", "完成时限"),
            new TableRow(Cell("1"), merged, Cell("基教科"), Cell("2024年9月"))), "任务分解表.docx");

        var item = Assert.Single(doc.Items);
        Assert.Equal(["基教科"], item.Responsible);
        Assert.Equal("2024-09", item.Deadline?.ToString());
    }

    private static TableCell Cell(string text) => new(new Paragraph(new Run(new WText(text))));

    private static TableRow Row(params string[] cells) => new(cells.Select(Cell));

    private static byte[] Docx(params TableRow[] rows)
    {
        using var stream = new MemoryStream();
        using (var word = WordprocessingDocument.Create(stream, DocumentFormat.OpenXml.WordprocessingDocumentType.Document))
        {
            var main = word.AddMainDocumentPart();
            main.Document = new Document(new Body(new Paragraph(new Run(new WText("2024年全县教育重点工作任务分解表"))), new Table(rows)));
            main.Document.Save();
        }

        return stream.ToArray();
    }
}
