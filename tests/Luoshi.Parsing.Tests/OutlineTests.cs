using static Luoshi.Parsing.Tests.Support;

namespace Luoshi.Parsing.Tests;

/// <summary>Numbering styles and nesting, on small outlines written for the tests.</summary>
public class OutlineTests
{
    private static string Shape(string text) =>
        string.Join(" ", Parse(text).Items.Select(i => $"{i.Level}{i.Marker}{i.Heading[..Math.Min(2, i.Heading.Length)]}"));

    [Fact]
    public void Nests_four_levels_by_the_order_styles_appear()
    {
        var text = """
            一、总体要求
            （一）指导思想
            1.坚持党的领导。全面加强党建。
            （1）强化理论武装。
            （2）加强组织建设。
            2.深化改革。
            （二）主要目标
            二、重点任务
            """;
        Assert.Equal("1一、总体 2（一）指导 31.坚持 4（1）强化 4（2）加强 32.深化 2（二）主要 1二、重点", Shape(text));
    }

    [Fact]
    public void Reads_the_common_styles()
    {
        Assert.Equal("1(一)加强 1(二)深化", Shape("(一)加强管理\n(二)深化改革"));
        Assert.Equal("11、学前 12、义务", Shape("1、学前教育\n2、义务教育"));
        Assert.Equal("11．学前 12．义务", Shape("1．学前教育\n2．义务教育"));
        Assert.Equal("1①学前 1②义务", Shape("①学前教育\n②义务教育"));
        Assert.Equal("1第一，学前 1第二，义务", Shape("第一，学前教育要普惠。\n第二，义务教育要均衡。"));
        Assert.Equal("1一要加强 1二要深化", Shape("一要加强党建。二要深化改革。"));
    }

    [Fact]
    public void A_run_inside_a_paragraph_nests_under_its_item()
    {
        var text = """
            一、加强队伍建设
            重点做好三项工作：一是加强师德建设；二是加强培训；三是完善考核。
            二、保障安全
            """;
        Assert.Equal("1一、加强 2一是加强 2二是加强 2三是完善 1二、保障", Shape(text));
    }

    [Fact]
    public void A_run_restarting_in_its_own_item_paragraph_nests_and_a_new_paragraph_continues()
    {
        var text = """
            一是质量领先。有三项指标全省第一：一是升学率第一；二是竞赛第一。
            二是安全稳定。
            """;
        Assert.Equal("1一是质量 2一是升学 2二是竞赛 1二是安全", Shape(text));
    }

    [Fact]
    public void A_second_run_after_a_report_frame_starts_again_at_the_top()
    {
        var text = """
            会议指出，过去一年成绩显著：一是党建加强。二是质量提升。
            会议强调，要抓好今年工作。
            一是抓改革。
            二是抓队伍。
            """;
        var items = Parse(text).Items;
        Assert.All(items, i => Assert.Equal(1, i.Level));
        Assert.Equal(4, items.Count);
    }

    [Fact]
    public void Phase_lines_and_attachment_lists_are_not_items()
    {
        var text = """
            一、工作安排
            活动分两个阶段：
            第一阶段：3月至5月，动员部署。
            第二阶段：6月至12月，全面实施。
            附件：1.报名表
            2.名额分配表
            市教育局
            """;
        Assert.Equal("1一、工作", Shape(text));
    }

    [Fact]
    public void A_date_or_a_decimal_at_a_line_start_is_not_a_marker()
    {
        Assert.Empty(Parse("2.5亿元用于改造校舍。\n2019年起实施。").Items);
    }

    [Fact]
    public void Page_chunk_marks_of_a_sharing_site_are_joined_not_items()
    {
        var filler = new string('教', 160);
        var text = $"1、一、加强党建1切实强化理论武装。{filler}推进党史学习教\n2、育长效化。{filler}。2切实加强学校党建。{filler}\n3、常态化。{filler}。3创新思想政治教育。";
        var doc = Parse(text);
        Assert.Equal(["一、", "1", "2", "3"], doc.Items.Select(i => i.Marker));
        Assert.Contains("党史学习教育长效化", doc.Items[1].Text);
        Assert.Contains(doc.RemovedLines, r => r.Reason == "分页标记");
    }

    [Fact]
    public void The_heading_ends_at_the_first_full_stop()
    {
        var item = Parse("一要加强党的领导，在党建上实现新突破。坚持学习。").Items.Single();
        Assert.Equal("加强党的领导，在党建上实现新突破", item.Heading);
        Assert.StartsWith("加强党的领导", item.Text);
    }
}
