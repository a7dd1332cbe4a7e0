using System.Text;
using Luoshi.Tests.Shared;

namespace Luoshi.Parsing.Tests;

/// <summary>
/// Hostile documents are refused with a Chinese message naming the limit, before any recursive code or unbounded
/// allocation: before these checks a .docx nested 30,000 levels deep overflowed the stack and ended the process.
/// </summary>
public class HostileDocumentTests
{
    public static TheoryData<string> Names() => new(HostileDocuments.All.Select(h => h.FileName));

    [Theory]
    [MemberData(nameof(Names))]
    public void Each_hostile_upload_is_refused_in_Chinese_naming_its_limit(string fileName)
    {
        var hostile = HostileDocuments.All.Single(h => h.FileName == fileName);
        var e = Assert.Throws<PlanDocumentException>(() => PlanParser.Parse(hostile.Make(), fileName, ParseOptions.ForUpload(default)));
        Assert.Contains(hostile.Refusal, e.Message);
        Assert.Matches("[\u4e00-\u9fff]", e.Message);
    }

    [Theory]
    [InlineData(10_000)]
    [InlineData(30_000)]
    [InlineData(100_000)]
    [InlineData(1_000_000)]
    public void A_deeply_nested_docx_is_refused_even_by_the_command_line_parse(int levels)
    {
        // The command line parses whatever it is given, but no input may end its process either.
        var e = Assert.Throws<PlanDocumentException>(() => PlanParser.Parse(HostileDocuments.DeepDocx(levels), "深.docx"));
        Assert.True(e.Message.Contains("嵌套") || e.Message.Contains("MB"), e.Message);
    }

    [Fact]
    public void A_docx_nested_within_the_limit_is_read()
    {
        // Refused only beyond the limit: 100 levels are read (content controls are not plan text, so nothing is found in them).
        Assert.NotNull(PlanParser.Parse(HostileDocuments.DeepDocx(100), "浅.docx"));
    }

    [Fact]
    public void A_deeply_nested_web_page_is_refused_and_one_nested_within_the_limit_is_read()
    {
        Assert.Contains("嵌套", Assert.Throws<PlanDocumentException>(() => PlanParser.Parse(HostileDocuments.NestedHtml(300), "page.html")).Message);
        var doc = PlanParser.Parse(HostileDocuments.NestedHtml(200), "page.html");
        Assert.Contains(doc.Items, i => i.Heading.Contains('深'));
    }

    [Fact]
    public void Paragraphs_and_list_items_left_open_do_not_count_as_nesting()
    {
        var html = new StringBuilder("<html><body>");
        for (var i = 1; i <= 2_000; i++) html.Append("<p>第").Append(i).Append("段<li>项<br><img src=x>");
        html.Append("<p>一、学前教育普及率达到95%。</body></html>");
        var doc = PlanParser.Parse(Encoding.UTF8.GetBytes(html.ToString()), "page.html");
        Assert.Contains(doc.Items.SelectMany(i => i.Quantities), q => q.Value == 95);
    }

    [Fact]
    public void The_command_line_parse_has_no_caps_on_items_or_targets()
    {
        var text = "一、总体要求\n" + string.Concat(Enumerable.Range(1, 6_000).Select(i => $"第{i}批学校覆盖率达到{i % 100}%。\n"));
        var doc = PlanParser.Parse(text);
        Assert.True(doc.Quantities.Count + doc.Items.Sum(i => i.Quantities.Count) > ParseOptions.UploadMaxTargets);
        Assert.Contains("指标", Assert.Throws<PlanDocumentException>(() => PlanParser.Parse(text, null, ParseOptions.ForUpload(default))).Message);
    }

    [Fact]
    public void A_cancelled_parse_stops()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        var options = ParseOptions.ForUpload(cancelled.Token);
        Assert.ThrowsAny<OperationCanceledException>(() => PlanParser.Parse("一、总体要求\n（一）学前教育普及率达到95%。\n", null, options));
        Assert.ThrowsAny<OperationCanceledException>(() => PlanParser.Parse(HostileDocuments.NestedHtml(100), "page.html", options));
        Assert.ThrowsAny<OperationCanceledException>(() => PlanParser.Parse(HostileDocuments.DeepDocx(10), "a.docx", options));
    }

    [Fact]
    public void An_external_entity_is_never_resolved()
    {
        var e = Assert.Throws<PlanDocumentException>(() => PlanParser.Parse(HostileDocuments.All.Single(h => h.FileName == "xxe.docx").Make(), "x.docx"));
        Assert.DoesNotContain("root:", e.Message);
    }
}
