namespace Luoshi.Parsing.Tests;

/// <summary>A table row's item is found at its row in the text: the span covers the row's cells, whatever the columns' order.</summary>
public class TableSourceTests
{
    [Theory]
    [InlineData("序号\t工作任务\t责任单位\t完成时限\n1\t新建学校3所。\t计财科\t2023年9月\n2\t培训教师1000人次。\t人事科\t2023年12月")]
    [InlineData("工作任务 | 完成时限 | 责任科室 | 序号\n新建学校3所。 | 2023年9月 | 计财科 | 1\n培训教师1000人次。 | 2023年12月 | 人事科 | 2")]
    [InlineData("序号 |\n工作任务 |\n责任单位 |\n1 |\n新建学校3所。 |\n计财科 |\n2 |\n培训教师1000人次。 |\n人事科 |")]
    public void Each_row_item_spans_its_row_in_order(string text)
    {
        var source = PlanParser.Sanitize(text);
        var doc = PlanParser.Parse(text);
        Assert.Equal(["1", "2"], doc.Items.Select(i => i.Marker));
        var previousEnd = 0;
        foreach (var item in doc.Items)
        {
            Assert.True(item.Source.Start >= previousEnd && item.Source.End > item.Source.Start, $"{item.Marker}: span {item.Source}");
            var at = source[item.Source.Start..item.Source.End];
            Assert.Contains(item.Heading, at, StringComparison.Ordinal);
            Assert.Contains(item.Marker, at, StringComparison.Ordinal);
            Assert.Contains(item.Responsible.Single(), at, StringComparison.Ordinal);
            previousEnd = item.Source.End;
        }
    }
}
