using System.Text;
using Luoshi.Parsing.Model;
using Luoshi.Parsing.Reading;

namespace Luoshi.Parsing.Tests;

/// <summary>
/// Every item says where it is written in the text the parser was given (after <see cref="PlanParser.Sanitize"/>):
/// from its marker to the end of its own text, exactly, through every step of clean-up.
/// </summary>
public class SourcePositionTests
{
    private static (string Source, PlanDocument Document) ParseSource(string text) => (PlanParser.Sanitize(text), PlanParser.Parse(text));

    private static string At(string source, PlanItem item) => source[item.Source.Start..item.Source.End];

    private static string Compact(string s) => new(s.Where(c => !char.IsWhiteSpace(c)).ToArray());

    /// <summary>The span holds the item's text with at most noise and page marks between its characters, and ends with it.</summary>
    private static bool EndsWithAllOf(string span, string text)
    {
        if (text.Length == 0)
        {
            return true;
        }

        if (span[^1] != text[^1])
        {
            return false;
        }

        var j = span.Length - 1;
        for (var k = text.Length - 1; k >= 0; k--, j--)
        {
            while (j >= 0 && span[j] != text[k])
            {
                j--;
            }

            if (j < 0)
            {
                return false;
            }
        }

        return true;
    }

    [Fact]
    public void An_item_spans_its_marker_heading_and_own_text_across_lines_but_not_its_children()
    {
        var (source, doc) = ParseSource("2026年工作要点\n  一、全面加强党的建设\n（一）深化党建品牌创建。创建30所示范校，\n  培育10个党建品牌。  \n（二）加强干部队伍建设。\n二、推进学前教育");
        Assert.Equal(
            ["一、全面加强党的建设", "（一）深化党建品牌创建。创建30所示范校，\n  培育10个党建品牌。", "（二）加强干部队伍建设。", "二、推进学前教育"],
            doc.Items.Select(i => At(source, i)));
    }

    [Fact]
    public void Items_of_a_run_inside_a_paragraph_each_span_their_own_clause()
    {
        var (source, doc) = ParseSource("一、加强党建：一是强化理论武装；二是加强组织建设；三是从严治党。\n二、深化改革。");
        Assert.Equal(["一、加强党建：", "一是强化理论武装；", "二是加强组织建设；", "三是从严治党。", "二、深化改革。"], doc.Items.Select(i => At(source, i)));
    }

    [Fact]
    public void Positions_count_in_the_text_with_one_kind_of_line_break_as_the_page_shows_it()
    {
        var text = "2026年工作要点\r\n一、加强党建。\r\n\r\n二、深化改革。\r三、办好教育。\u2028四、保障安全。";
        var (source, doc) = ParseSource(text);
        Assert.Equal(text.ReplaceLineEndings("\n"), source);
        Assert.Equal(["一、加强党建。", "二、深化改革。", "三、办好教育。", "四、保障安全。"], doc.Items.Select(i => At(source, i)));
        Assert.Equal(source.IndexOf("二、", StringComparison.Ordinal), doc.Items[1].Source.Start);
    }

    [Theory]
    [InlineData("一、招生工作（微信:zugong1893）。咨询电话：0575-85144291，全年招生500人。", "一、招生工作。咨询电话：，全年招生500人。")]
    [InlineData("一、报名（http://a.cn微信:zugong1893）后参加培训。", "一、报名后参加培训。")]
    public void Noise_cut_out_of_an_item_stays_inside_its_span_and_the_span_still_ends_at_its_text(string line, string cleaned)
    {
        var (source, doc) = ParseSource($"2026年工作要点\n{line}\n二、安全工作。");
        Assert.Equal(cleaned, doc.Items[0].Marker + doc.Items[0].Text);
        Assert.Equal(line, At(source, doc.Items[0]));
        Assert.Equal("二、安全工作。", At(source, doc.Items[1]));
    }

    [Fact]
    public void An_item_that_a_page_chunk_mark_cuts_spans_the_mark_and_ends_where_its_text_does()
    {
        var filler = new string('教', 160);
        var text = $"1、一、加强党建1切实强化理论武装。{filler}推进党史学习教\n2、育长效化。{filler}。2切实加强学校党建。{filler}\n3、常态化。{filler}。3创新思想政治教育。";
        var (source, doc) = ParseSource(text);
        Assert.Equal(["一、", "1", "2", "3"], doc.Items.Select(i => i.Marker));
        Assert.Equal($"1切实强化理论武装。{filler}推进党史学习教\n2、育长效化。{filler}。", At(source, doc.Items[1]));
        Assert.Equal($"2切实加强学校党建。{filler}\n3、常态化。{filler}。", At(source, doc.Items[2]));
        Assert.Equal("3创新思想政治教育。", At(source, doc.Items[3]));
    }

    [Fact]
    public void Two_items_with_the_same_words_each_point_at_their_own_place()
    {
        var (source, doc) = ParseSource("一、学前教育\n（一）加强教师培训。\n二、义务教育\n（一）加强教师培训。");
        var first = doc.Items[1];
        var second = doc.Items[3];
        Assert.Equal(first.Text, second.Text);
        Assert.Equal("（一）加强教师培训。", At(source, first));
        Assert.Equal("（一）加强教师培训。", At(source, second));
        Assert.Equal(source.LastIndexOf("（一）", StringComparison.Ordinal), second.Source.Start);
        Assert.True(first.Source.End < second.Source.Start);
    }

    [Fact]
    public void Positions_count_UTF16_code_units_and_survive_replaced_characters()
    {
        var (source, doc) = ParseSource("𠀀𠀁\0前言\n一、建设𠀂学校。\n二、发展\uD800教育。");
        Assert.Equal(["一、建设𠀂学校。", "二、发展\uFFFD教育。"], doc.Items.Select(i => At(source, i)));
    }

    [Fact]
    public void In_every_corpus_plan_each_item_is_found_at_its_span_in_order()
    {
        Assert.True(CorpusTests.Corpus is not null, "../shared/corpus not found next to the repository");
        var items = 0;
        foreach (var path in Directory.GetFiles(Path.Combine(CorpusTests.Corpus!, "plans"), "*.txt").Order(StringComparer.Ordinal))
        {
            var text = PlanReader.ReadText(File.ReadAllBytes(path), path);
            var (source, doc) = ParseSource(text);
            var previousEnd = 0;
            foreach (var item in doc.Items)
            {
                var name = $"{Path.GetFileName(path)} item {item.Id} {item.Marker}{item.Heading}";
                Assert.True(item.Source.Start >= previousEnd && item.Source.End > item.Source.Start && item.Source.End <= source.Length, $"{name}: span {item.Source}");
                var at = Compact(At(source, item));
                Assert.True(at.StartsWith(Compact(item.Marker), StringComparison.Ordinal), $"{name}: «{at}»");
                Assert.True(at.Contains(Compact(item.Heading), StringComparison.Ordinal), $"{name}: «{at}»");
                Assert.True(EndsWithAllOf(at, Compact(item.Text)), $"{name}: the span «{at}» does not end with the text «{item.Text}»");
                previousEnd = item.Source.End;
                items++;
            }
        }

        Assert.True(items > 300, $"{items} items");
    }
}
