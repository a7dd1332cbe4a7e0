using System.Globalization;
using Luoshi.Parsing.Model;
using static Luoshi.Parsing.Tests.Support;

namespace Luoshi.Parsing.Tests;

/// <summary>Deadlines, responsible units, title, year and issuer.</summary>
public class FinderTests
{
    private static Deadline? DeadlineOf(string body, int year = 2023) =>
        Parse($"{year}年全市教育工作要点\n一、重点工作\n{body}").Items.Single().Deadline;

    private static string? Deadline(string body, int year = 2023) => DeadlineOf(body, year)?.ToString();

    [Theory]
    [InlineData("到2023年9月，全面完成改造。", "2023-09")]
    [InlineData("确保年底前全覆盖。", "2023-12-31")]
    [InlineData("6月底前报送方案。", "2023-06-30")]
    [InlineData("在7月8日前报普教处。", "2023-07-08")]
    [InlineData("在“七一”前表彰一批先进。", "2023-07-01")]
    [InlineData("专项治理时间为2023年7月起至2025年底。", "2025-12-31")]
    [InlineData("上半年完成招生方案。", "2023-06-30")]
    [InlineData("2025年，实现全面覆盖。", "2025")]
    [InlineData("争取5月底前完成拆迁，年底前交付使用。", "2023-05-31")]
    public void Finds_the_earliest_explicit_limit(string body, string expected) => Assert.Equal(expected, Deadline(body));

    [Theory]
    [InlineData("2023年新建学校5所。")]
    [InlineData("今年“七一”前夕开展纪念活动。")]
    [InlineData("学年于7月4日结束，9月1日开学。")]
    [InlineData("第二阶段：3月至6月底前，集中整治。")]
    public void A_plan_year_a_date_without_limit_or_a_phase_line_is_not_a_deadline(string body) => Assert.Null(Deadline(body));

    [Fact]
    public void A_phase_heading_takes_its_window_end()
    {
        var doc = Parse("2011年工作思路\n（1）动员部署阶段（2011年1月-2月）。\n（2）学习阶段（2011年3月至4月中旬）。");
        Assert.Equal(["2011-02", "2011-04"], doc.Items.Select(i => i.Deadline?.ToString()));
    }

    [Theory]
    [InlineData("2025年，实现全面覆盖。", "2025-12-31", DeadlinePrecision.Year)]
    [InlineData("到2024年2月，全面完成改造。", "2024-02-29", DeadlinePrecision.Month)]
    [InlineData("到9月，全面完成改造。", "2023-09-30", DeadlinePrecision.Month)]
    [InlineData("确保年底前全覆盖。", "2023-12-31", DeadlinePrecision.Day)]
    [InlineData("6月底前报送方案。", "2023-06-30", DeadlinePrecision.Day)]
    [InlineData("第三季度内完成。", "2023-09-30", DeadlinePrecision.Day)]
    [InlineData("在7月8日前报普教处。", "2023-07-08", DeadlinePrecision.Day)]
    [InlineData("2月29日前报送。", "2023-02-28", DeadlinePrecision.Day)]
    public void A_deadline_is_the_last_day_it_allows_with_the_precision_the_text_had(string body, string day, DeadlinePrecision precision)
    {
        var deadline = DeadlineOf(body);
        Assert.Equal(new Deadline(DateOnly.Parse(day, CultureInfo.InvariantCulture), precision), deadline);
    }

    [Theory]
    [InlineData(2025, 12, 31, DeadlinePrecision.Year, "2025")]
    [InlineData(2019, 9, 30, DeadlinePrecision.Month, "2019-09")]
    [InlineData(2023, 6, 30, DeadlinePrecision.Day, "2023-06-30")]
    public void A_deadline_writes_the_plan_format_form(int year, int month, int day, DeadlinePrecision precision, string written) =>
        Assert.Equal(written, new Deadline(new DateOnly(year, month, day), precision).ToString());

    [Fact]
    public void Reads_labelled_and_stated_responsible_units_but_not_partners()
    {
        var doc = Parse("""
            一、加强党建（责任科室：组干科、机关党委）
            二、推进改革。牵头单位：基教科；配合单位：财务科。
            三、治理补课。学校是禁止有偿补课的主要责任单位。
            四、保障安全。市教育局将加强督查，各校要落实。
            """);
        Assert.Equal(["组干科", "机关党委"], doc.Items[0].Responsible);
        Assert.Equal(["基教科"], doc.Items[1].Responsible);
        Assert.Equal(["学校"], doc.Items[2].Responsible);
        Assert.Empty(doc.Items[3].Responsible);
    }

    [Fact]
    public void Title_year_and_issuer_come_from_the_heading_not_the_page_chrome()
    {
        var doc = Parse("""
            网上博彩娱乐城注册送彩金-某某市人民政府
            首页 > 通知公告
            【部署】2024年临江市教育工作要点
            发布时间：2024-03-01 阅读次数：3321
            2024年，全市教育工作的总体要求是：办好人民满意的教育。
            版权所有 Copyright 2004-2025 临江市教育局 京ICP备12345678号
            """);
        Assert.Equal("2024年临江市教育工作要点", doc.Title);
        Assert.Equal(2024, doc.Year);
        Assert.Equal("临江市", doc.Issuer);
        Assert.Equal(4, doc.RemovedLines.Count);
    }

    [Fact]
    public void Without_a_year_in_the_title_the_signature_date_gives_the_year()
    {
        var doc = Parse("关于开展校园安全专项检查的通知\n各学校：\n现将有关事项通知如下。\n临江市教育局\n二○一二年六月十二日");
        Assert.Equal(2012, doc.Year);
    }

    [Fact]
    public void A_news_report_without_a_heading_is_titled_by_its_conference()
    {
        Assert.Equal("2023年春季开学工作推进会", Parse("2月2日，某区召开2023年春季开学工作推进会。会议要求……").Title);
    }
}
