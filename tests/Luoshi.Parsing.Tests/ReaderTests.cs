using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using WText = DocumentFormat.OpenXml.Wordprocessing.Text;

namespace Luoshi.Parsing.Tests;

/// <summary>The readers: GB18030 text, a saved web page, a .docx with Word numbering and a table.</summary>
public class ReaderTests
{
    [Fact]
    public void Gbk_text_is_detected_and_decoded()
    {
        var bytes = Reading.TextDecoder.Gb18030.GetBytes("2023年全县教育工作要点\n一、新建幼儿园6所。\n");
        var doc = PlanParser.Parse(bytes, "要点.txt");
        Assert.Equal("2023年全县教育工作要点", doc.Title);
        Assert.Equal(6m, doc.Items.Single().Quantities.Single().Value);
    }

    [Theory]
    [InlineData(100)] // a few kilobytes: decoded in the thread's reused buffer
    [InlineData(8000)] // about 300 KB: past that buffer
    public void Utf8_and_gbk_documents_of_any_size_decode_to_the_same_text(int lines)
    {
        var text = "2023年全县教育工作要点\n" + string.Concat(Enumerable.Range(1, lines).Select(k => $"{k}. 新建幼儿园{k}所，“双减”落实。\n"));
        foreach (var bytes in new[] { Encoding.UTF8.GetBytes(text), Reading.TextDecoder.Gb18030.GetBytes(text) })
        {
            Assert.Equal(text, Reading.TextDecoder.Decode(bytes));
        }

        // A UTF-8 document with one byte that is not UTF-8 at its very end is no UTF-8: read as GB18030, as before.
        var broken = Encoding.UTF8.GetBytes(text).Append((byte)0xE5).ToArray();
        Assert.Equal(Reading.TextDecoder.Gb18030.GetString(broken), Reading.TextDecoder.Decode(broken));
    }

    [Fact]
    public void A_web_page_keeps_its_main_content_and_drops_the_chrome()
    {
        var html = """
            <html><head><title>2023年全县教育工作要点-某县教育局</title><script>var x = "一、脚本";</script></head>
            <body><div class="nav"><a href="/">首页</a><a href="/news">新闻中心</a><a>通知公告</a></div>
            <div id="content"><h1>2023年全县教育工作要点</h1><p>一、扩大学前教育资源</p><p>新建幼儿园6所，普惠率达到90%。</p>
            <p>二、推进义务教育均衡</p><p>创建优质均衡学校10所。</p></div>
            <div class="footer">版权所有 Copyright 2023 某县教育局 ICP备12345号</div></body></html>
            """;
        var doc = PlanParser.Parse(Encoding.UTF8.GetBytes(html), "page.html");
        Assert.Equal("2023年全县教育工作要点", doc.Title);
        Assert.Equal(["一、", "二、"], doc.Items.Select(i => i.Marker));
        Assert.Equal(3, doc.AllQuantities.Count());
    }

    [Fact]
    public void A_docx_renders_word_numbering_and_table_rows()
    {
        var doc = PlanParser.Parse(Docx(), "要点.docx");
        Assert.Equal(["一、", "1.", "2.", "二、"], doc.Items.Select(i => i.Marker));
        Assert.Equal([1, 2, 2, 1], doc.Items.Select(i => i.Level));
        Assert.Equal(2, doc.Items[1].Level);
        Assert.Equal(["基教科"], doc.Items[3].Responsible);
    }

    [Fact]
    public void Old_doc_and_pdf_files_are_refused_in_Chinese()
    {
        Assert.Contains(".doc", Assert.Throws<PlanDocumentException>(() => PlanParser.Parse([1, 2, 3], "a.doc")).Message);
        Assert.Contains("PDF", Assert.Throws<PlanDocumentException>(() => PlanParser.Parse("%PDF-1.4"u8.ToArray(), "a.pdf")).Message);
    }

    private static byte[] Docx()
    {
        using var stream = new MemoryStream();
        using (var word = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var main = word.AddMainDocumentPart();
            var numbering = main.AddNewPart<NumberingDefinitionsPart>();
            numbering.Numbering = new Numbering(
                new AbstractNum(
                    new Level(new StartNumberingValue { Val = 1 }, new NumberingFormat { Val = NumberFormatValues.ChineseCounting }, new LevelText { Val = "%1、" }) { LevelIndex = 0 },
                    new Level(new StartNumberingValue { Val = 1 }, new NumberingFormat { Val = NumberFormatValues.Decimal }, new LevelText { Val = "%2." }) { LevelIndex = 1 })
                { AbstractNumberId = 1 },
                new NumberingInstance(new AbstractNumId { Val = 1 }) { NumberID = 1 });
            Paragraph Numbered(string text, int level) => new(
                new ParagraphProperties(new NumberingProperties(new NumberingLevelReference { Val = level }, new NumberingId { Val = 1 })),
                new Run(new WText(text)));
            var table = new Table(new TableRow(
                new TableCell(new Paragraph(new Run(new WText("牵头单位：基教科")))),
                new TableCell(new Paragraph(new Run(new WText("完成时限：年底前"))))));
            main.Document = new Document(new Body(
                new Paragraph(new Run(new WText("2023年全县教育工作要点"))),
                Numbered("扩大学前教育资源", 0),
                Numbered("新建幼儿园6所。", 1),
                Numbered("普惠率达到90%。", 1),
                Numbered("推进义务教育均衡", 0),
                table));
            main.Document.Save();
        }

        return stream.ToArray();
    }
}
