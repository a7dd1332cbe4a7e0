using Luoshi.Parsing.Model;
using static Luoshi.Parsing.Tests.Support;

namespace Luoshi.Parsing.Tests;

/// <summary>Each rule of the quantity recogniser, with documents written for the tests.</summary>
public class QuantityTests
{
    [Theory]
    [InlineData("今年新建标准化操场12个。", 12, "个")]
    [InlineData("年内建成三所乡镇幼儿园。", 3, "所")]
    [InlineData("新增学位1.2万个。", 12000, "个")]
    [InlineData("全年投入资金3.5亿元。", 350000000, "元")]
    [InlineData("优质高中在校生占比达到百分之六十五。", 65, "%")]
    [InlineData("选派骨干教师各两名到农村学校支教。", 2, "名")]
    [InlineData("教师每学年参加培训不少于72学时。", 72, "学时")]
    [InlineData("严格落实 24 小时值班制度。", 24, "小时")]
    public void Reads_the_figure_and_its_unit(string text, double value, string unit)
    {
        var q = Single(text);
        Assert.Equal((decimal)value, q.Value);
        Assert.Equal(unit, q.Unit);
    }

    [Fact]
    public void A_range_has_a_value_and_an_upper_end()
    {
        var q = Single("力争期间再引进1~2所高职院校。");
        Assert.Equal((1m, 2m, Comparator.Range), (q.Value!.Value, q.Upper!.Value, q.Comparator));
        Assert.Equal(Comparator.Range, Single("每校配备3至5名心理教师。").Comparator);
        Assert.Equal(5m, Single("每校配备3至5名心理教师。").Upper);
    }

    [Fact]
    public void A_ratio_and_a_fraction_have_a_denominator()
    {
        var ratio = Single("高中阶段职普比保持在4:6左右。");
        Assert.Equal((4m, 6m, "比", Comparator.Equal), (ratio.Value!.Value, ratio.Denominator!.Value, ratio.Unit, ratio.Comparator));
        var fraction = Single("获奖人数占全省近1/3。");
        Assert.Equal((1m, 3m, "比"), (fraction.Value!.Value, fraction.Denominator!.Value, fraction.Unit));
    }

    [Theory]
    [InlineData("幼儿园覆盖率达到90%。", Comparator.AtLeast)]
    [InlineData("初中入学率95%以上。", Comparator.AtLeast)]
    [InlineData("每月不少于2次进社区。", Comparator.AtLeast)]
    [InlineData("至少学会1项艺术技能。", Comparator.AtLeast)]
    [InlineData("培训学员3.9万多人。", Comparator.AtLeast)]
    [InlineData("每周作业时间不超过6小时。", Comparator.AtMost)]
    [InlineData("班额控制在45人以内。", Comparator.AtMost)]
    [InlineData("职业技能类课程比例不低于10%。", Comparator.AtLeast)]
    [InlineData("在园儿童占比达到80%左右。", Comparator.Equal)]
    [InlineData("普惠率保持95%。", Comparator.Equal)]
    public void Reads_the_comparator(string text, Comparator expected) => Assert.Equal(expected, Single(text).Comparator);

    [Fact]
    public void A_placeholder_keeps_its_unit_and_has_no_value()
    {
        var q = Single("今年规划建设公办园XX所。");
        Assert.True(q.Placeholder);
        Assert.Null(q.Value);
        Assert.Equal("所", q.Unit);
        Assert.Equal(Comparator.AtLeast, Single("覆盖率达到××%以上。").Comparator);
    }

    [Theory]
    [InlineData("推动XX县、XX区通过国家验收。")]
    [InlineData("发挥XX开放大学的作用。")]
    [InlineData("2月17日召开全市教育工作会议。")]
    [InlineData("2023年是全面贯彻二十大精神的开局之年。")]
    [InlineData("实现了“十四五”高起点开局。")]
    [InlineData("牢固树立“四个意识”，坚决做到“两个维护”。")]
    [InlineData("统筹推进“1+1+6”教育综合改革和“3+3”模式。")]
    [InlineData("落实省第十三次党代会精神。")]
    [InlineData("全省文理科前100名，居第三名。")]
    [InlineData("纪念建党90周年系列活动。")]
    [InlineData("实施三年攻坚计划，制定五年规划。")]
    [InlineData("发布时间：2022-02-19 08:00")]
    [InlineData("编制《学校布局规划（2019—2024）》。")]
    [InlineData("3~6周岁幼儿入园难问题得到缓解。")]
    [InlineData("开展一年一度的评优活动，打造一批品牌学校。")]
    [InlineData("成立市、县两级监管机构。")]
    public void Does_not_take_a_date_a_year_a_slogan_or_an_ordinal_for_a_figure(string text) =>
        Assert.Empty(QuantitiesOf(text));

    [Fact]
    public void A_year_next_to_a_count_is_not_counted_but_the_count_is()
    {
        var q = Single("2022年新建、改扩建中小学校15所。");
        Assert.Equal((15m, "所"), (q.Value!.Value, q.Unit));
    }

    [Fact]
    public void A_slogan_numeral_beside_a_real_target_leaves_only_the_target()
    {
        var q = Single("以“双减”为引领，落实“五育”并举，创建30所示范校。");
        Assert.Equal((30m, "所"), (q.Value!.Value, q.Unit));
    }

    [Fact]
    public void A_figure_replaced_by_a_contact_id_states_no_number()
    {
        Assert.Empty(QuantitiesOf("2023年中职招生(微信:abc12345)人左右。"));
    }

    [Fact]
    public void Each_figure_of_a_list_is_a_quantity_but_a_shared_figure_is_one()
    {
        Assert.Equal([98.5m, 99m], QuantitiesOf("入学率分别为98.5%、99%。").Select(q => q.Value!.Value));
        Assert.Single(QuantitiesOf("小学、初中入学率均保持100%。"));
    }

    [Fact]
    public void One_event_of_a_task_counts_but_other_uses_of_one_do_not()
    {
        Assert.Equal(1m, Single("组织开展一次安全演练活动。").Value);
        Assert.Equal("期", Single("举办一期校长培训班。").Unit);
        Assert.Empty(QuantitiesOf("进一步统一思想，其中一次由专家主讲。"));
    }

    [Fact]
    public void Durations_and_thresholds_are_of_kind_other()
    {
        Assert.Equal(QuantityKind.Other, Single("举办为期一年的专题讲座。").Kind);
        Assert.Equal(QuantityKind.Other, Single("基本消除56人以上大班额。").Kind);
        var threshold = Single("在600人以上学校设立医务室。");
        Assert.Equal((QuantityKind.Other, Comparator.AtLeast), (threshold.Kind, threshold.Comparator));
    }

    [Fact]
    public void A_review_of_the_past_year_reports_achievements_and_the_plan_reports_targets()
    {
        var doc = Parse("""
            2024年全县教育工作要点
            过去的一年，全县新增学位3200个，普惠率达到88%。
            一、扩大优质资源
            今年新建幼儿园6所。
            """);
        Assert.Equal([QuantityKind.Achievement, QuantityKind.Achievement], doc.Quantities.Select(q => q.Kind));
        Assert.Equal(QuantityKind.Target, doc.Items.Single().Quantities.Single().Kind);
    }

    [Fact]
    public void The_text_of_a_quantity_is_its_clause()
    {
        Assert.Equal("创建85所新优质均衡校", Single("推动义务教育均衡发展，创建85所新优质均衡校；").Text);
    }
}
