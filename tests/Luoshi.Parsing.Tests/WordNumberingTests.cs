using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using WText = DocumentFormat.OpenXml.Wordprocessing.Text;

namespace Luoshi.Parsing.Tests;

/// <summary>
/// Word's automatic numbering read as Word shows it, on .docx files built here: numbering that continues across sections
/// (<c>w:lvlRestart</c>), a list started anew by its <c>w:num</c> (<c>w:startOverride</c>), and lists that continue across
/// <c>w:num</c>s of one abstract list.
/// </summary>
public class WordNumberingTests
{
    [Fact]
    public void A_level_that_never_restarts_continues_its_numbers_under_the_next_heading()
    {
        // lvlRestart 0 on the second level: 1. 2. under 一、 and 3. 4. under 二、, as Word shows them.
        var docx = Docx(
            Abstract(0, Level(0, NumberFormatValues.ChineseCounting, "%1、"), Level(1, NumberFormatValues.Decimal, "%2.", restart: 0)),
            [Num(1, 0)],
            Numbered(1, 0, "总体要求"), Numbered(1, 1, "指导思想"), Numbered(1, 1, "工作目标"),
            Numbered(1, 0, "重点任务"), Numbered(1, 1, "加强党的建设"), Numbered(1, 1, "深化教育改革"));

        var doc = PlanParser.Parse(docx, "要点.docx");

        Assert.Equal(["一、", "1.", "2.", "二、", "3.", "4."], doc.Items.Select(i => i.Marker));
        Assert.Equal([1, 2, 2, 1, 2, 2], doc.Items.Select(i => i.Level));
        Assert.Equal("加强党的建设", doc.Items[4].Heading);
    }

    [Fact]
    public void A_level_restarts_only_after_the_level_its_restart_names()
    {
        // lvlRestart 1 on the third level: it restarts after 一、 (level 1) but not after （二） (level 2).
        var docx = Docx(
            Abstract(0, Level(0, NumberFormatValues.ChineseCounting, "%1、"), Level(1, NumberFormatValues.ChineseCounting, "（%2）"),
                Level(2, NumberFormatValues.Decimal, "%3.", restart: 1)),
            [Num(1, 0)],
            Numbered(1, 0, "总体要求"), Numbered(1, 1, "指导思想"), Numbered(1, 2, "坚持党的领导"), Numbered(1, 1, "工作目标"),
            Numbered(1, 2, "新建幼儿园"), Numbered(1, 0, "重点任务"), Numbered(1, 1, "加强党建"), Numbered(1, 2, "落实责任"));

        var doc = PlanParser.Parse(docx, "要点.docx");

        Assert.Equal(["一、", "（一）", "1.", "（二）", "2.", "二、", "（一）", "1."], doc.Items.Select(i => i.Marker));
        Assert.Equal([1, 2, 3, 2, 3, 1, 2, 3], doc.Items.Select(i => i.Level));
    }

    [Fact]
    public void A_num_that_overrides_the_start_restarts_the_list_and_one_without_continues_it()
    {
        // Three w:num over one abstract list: the second restarts it (Word's 重新开始编号), the third continues.
        var docx = Docx(
            Abstract(0, Level(0, NumberFormatValues.ChineseCounting, "%1、"), Level(1, NumberFormatValues.Decimal, "%2.")),
            [Num(1, 0), Num(2, 0, startOverride: 1), Num(3, 0)],
            Numbered(1, 0, "学前教育"), Numbered(1, 0, "义务教育"), Plain("附：重点项目"), Numbered(2, 0, "城东幼儿园"),
            Numbered(2, 1, "新增学位360个。"), Numbered(2, 0, "城西小学"), Numbered(3, 0, "第一中学"));

        var doc = PlanParser.Parse(docx, "要点.docx");

        Assert.Equal(["一、", "二、", "一、", "1.", "二、", "三、"], doc.Items.Select(i => i.Marker));
        Assert.Equal(["学前教育", "义务教育", "城东幼儿园", "新增学位360个", "城西小学", "第一中学"], doc.Items.Select(i => i.Heading));
    }

    [Fact]
    public void A_list_continues_across_a_section_break_and_a_table()
    {
        var sectionEnd = new Paragraph(new ParagraphProperties(new SectionProperties()), new Run(new WText("（第一部分完）")));
        var table = new Table(new TableRow(new TableCell(new Paragraph(new Run(new WText("说明"))))));
        var docx = Docx(
            Abstract(0, Level(0, NumberFormatValues.ChineseCounting, "%1、")),
            [Num(1, 0), Num(2, 0)],
            Numbered(1, 0, "总体要求"), sectionEnd, table, Numbered(2, 0, "重点任务"), Numbered(2, 0, "保障措施"));

        var doc = PlanParser.Parse(docx, "要点.docx");

        Assert.Equal(["一、", "二、", "三、"], doc.Items.Select(i => i.Marker));
    }

    private static Level Level(int index, NumberFormatValues format, string text, int? restart = null)
    {
        var level = new Level(new StartNumberingValue { Val = 1 }, new NumberingFormat { Val = format }) { LevelIndex = index };
        if (restart is { } r)
        {
            level.Append(new LevelRestart { Val = r });
        }

        level.Append(new LevelText { Val = text });
        return level;
    }

    private static AbstractNum Abstract(int id, params Level[] levels) => new(levels) { AbstractNumberId = id };

    private static NumberingInstance Num(int id, int abstractId, int? startOverride = null)
    {
        var num = new NumberingInstance(new AbstractNumId { Val = abstractId }) { NumberID = id };
        if (startOverride is { } start)
        {
            num.Append(new LevelOverride(new StartOverrideNumberingValue { Val = start }) { LevelIndex = 0 });
        }

        return num;
    }

    private static Paragraph Numbered(int numId, int level, string text) => new(
        new ParagraphProperties(new NumberingProperties(new NumberingLevelReference { Val = level }, new NumberingId { Val = numId })),
        new Run(new WText(text)));

    private static Paragraph Plain(string text) => new(new Run(new WText(text)));

    private static byte[] Docx(AbstractNum list, NumberingInstance[] nums, params OpenXmlElement[] body)
    {
        using var stream = new MemoryStream();
        using (var word = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var main = word.AddMainDocumentPart();
            var numbering = main.AddNewPart<NumberingDefinitionsPart>();
            numbering.Numbering = new Numbering([list, .. nums]);
            main.Document = new Document(new Body([new Paragraph(new Run(new WText("2024年全县教育工作要点"))), .. body]));
            main.Document.Save();
        }

        return stream.ToArray();
    }
}
