using Luoshi.Parsing.Cleaning;

namespace Luoshi.Parsing.Tests;

/// <summary>Clean-up drops page noise and keeps what it dropped.</summary>
public class CleaningTests
{
    [Theory]
    [InlineData("版权所有 Copyright 2004-2024 某某网 All Rights Reserved")]
    [InlineData("浙ICP备14042003号-1")]
    [InlineData("来源：某某网 阅读量：3768 发布时间：2022-02-19")]
    [InlineData("关于我们 | 联系我们 | 版权声明 | 网站地图")]
    [InlineData("在线赌博平台注册-在线赌博平台排名-某某市人民政府")]
    [InlineData("《2022年工作要点.docx》由会员分享，可在线阅读，更多相关请在文库上搜索。")]
    [InlineData("上一篇：教工会议通知[ 03-21 ]")]
    [InlineData("微信截图_20220219075924.jpg")]
    [InlineData("本PDF共12页，点击图标可打开原文件预览。")]
    [InlineData("文中图片仅作示意，如有侵权请联系删除。")]
    [InlineData("作品中的图片仅作为展示，禁止商用，作者享有著作权。")]
    public void Noise_lines_are_removed_with_a_reason(string line)
    {
        var clean = TextCleaner.Clean("一、正文标题\n" + line + "\n正文内容。");
        Assert.DoesNotContain(line, clean.Lines);
        Assert.Single(clean.Removed);
        Assert.False(string.IsNullOrEmpty(clean.Removed[0].Reason));
    }

    [Fact]
    public void A_menu_of_short_lines_is_removed_but_a_short_heading_stays()
    {
        var clean = TextCleaner.Clean("首页\n新闻中心\n学校公告\n工作安排\n校务公开\n（三）总结评估阶段\n正文内容很长的一段话。");
        Assert.Equal(["（三）总结评估阶段", "正文内容很长的一段话。"], clean.Lines);
        Assert.Equal(5, clean.Removed.Count);
    }

    [Fact]
    public void Contact_details_inside_content_are_masked()
    {
        Assert.Equal("举报电话：，举报邮箱：。", InlineNoiseMasker.Mask("举报电话：0575-85144291，举报邮箱：abc0575@163.com。"));
    }

    [Theory]
    [InlineData("举报电话：0575-85144291，举报邮箱：abc0575@163.com。", "举报电话：，举报邮箱：。")]
    [InlineData("招生(微信:zugong1893)人左右", "招生人左右")]
    [InlineData("报名（http://a.cn微信:zugong1893）后参加培训。", "报名后参加培训。")]
    [InlineData("13812345678报名", "报名")]
    [InlineData("没有噪声的一行，2023年完成。", "没有噪声的一行，2023年完成。")]
    public void A_masked_line_knows_where_each_of_its_characters_was(string line, string masked)
    {
        const int origin = 1000;
        Assert.Equal(masked, InlineNoiseMasker.Mask(line, origin, out var map));
        var previous = -1;
        for (var k = 0; k < masked.Length; k++)
        {
            var at = map.Source(k) - origin;
            Assert.True(at > previous && line[at] == masked[k], $"character {k} «{masked[k]}» mapped to {at}");
            previous = at;
        }

        Assert.Equal(previous + 1 + origin, map.SourceEnd(masked.Length));
    }
}
