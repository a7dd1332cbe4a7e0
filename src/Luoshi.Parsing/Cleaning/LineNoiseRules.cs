using Luoshi.Parsing.Outline;
using Luoshi.Parsing.Text;

namespace Luoshi.Parsing.Cleaning;

/// <summary>
/// Decides whether one whole line is page noise (site chrome, footers, counters, spam, document-sharing chrome)
/// and says why, in Chinese, for the “removed lines” display.
/// </summary>
public static class LineNoiseRules
{
    /// <summary>The reason given for a document-sharing site's chrome (its page and upload-date lines).</summary>
    public const string SharingSiteReason = "文档分享站点";

    /// <summary>The reason given for a site's navigation and page lines (当前位置, 来源：, 发布时间：…).</summary>
    public const string SiteChromeReason = "站点栏目";

    private static readonly WordSet AlwaysPrefixes = new(
    [
        "当前位置", "您当前的位置", "您现在的位置", "你现在的位置", "现在位置", "首页 >", "首页>", "首页 ＞", "栏目导航", "今天是", "今天日期",
        "来源:", "来源：", "文章来源", "信息来源", "【信息来源", "稿件来源", "发布时间", "发布日期", "更新时间", "责任编辑", "【责任编辑", "撰稿",
        "编辑:", "编辑：", "审核:", "审核：", "校对:", "校对：", "上一篇", "下一篇", "上一条", "下一条", "【打印", "打印本页", "关闭窗口", "【关闭",
        "分享到", "相关阅读", "相关文章", "相关链接", "推荐阅读", "热点推荐", "评论列表", "发表评论", "网友评论", "标签:", "标签：", "关键词:", "关键词：",
        "关 键 词", "展开全文", "阅读全文", "点击查看", "扫一扫", "手机扫", "地址:", "地址：", "邮编", "Email", "E-mail", "邮箱:", "邮箱：", "主办单位",
        "主办:", "主办：", "承办单位", "技术支持", "网站地图", "会员登录", "用户登录", "新用户注册",
        "忘记密码", "验证码", "返回顶部", "返回首页", "设为首页", "加入收藏", "【字号", "字号：", "【我要打印", "版权声明", "免责声明", "联系我们",
    ]);

    private static readonly WordSet ShortPrefixes = new(["关注", "登录", "注册", "用户名", "密码", "作者", "字号", "打印", "分享", "收藏", "阅读", "点赞", "评论", "电话", "搜索"]);

    private static readonly WordSet Footer = new(
    [
        "Copyright", "copyright", "COPYRIGHT", "版权所有", "All Rights Reserved", "all rights reserved", "©", "ICP备", "ICP证", "公网安备", "网安备", "备案号",
    ]);

    private static readonly WordSet Counters = new(["阅读量", "阅读次数", "点击数", "点击量", "浏览次数", "访问量", "浏览量", "阅读数"]);

    private static readonly WordSet SharingSite = new(["文库", "下载积分", "文档分享", "上传者", "本文档", "VIP", "免费下载", "下载文档"]);

    /// <summary>A line about the file itself names its format and what the reader can do with it (如PPT文件的首页显示word图标…).</summary>
    private static readonly WordSet FileFormats = new(["PPT", "ppt", "Word", "word", "WORD", "PDF", "pdf", "docx", "DOCX", ".doc", "WPS"]);

    private static readonly WordSet FileActions = new(["图标", "下载", "预览", "讲稿", "阅读", "分享", "上传", "打开", "页"]);

    /// <summary>Words of a rights notice (…仅作为示例展示，禁止商用。设计者仅对作品中独创性部分享有著作权).</summary>
    private static readonly WordSet RightsNotice = new(["著作权", "禁止商用", "侵权", "版权归", "仅供学习", "仅供参考", "请联系删除"]);

    /// <summary>
    /// A document-sharing site's numbered notices to its customers (1、下载文档前请自行甄别…, 2、“仅部分预览”的文档…可反馈申请退款,
    /// 3、如文档侵犯您的权益，请联系客服…): numbered like items, but words no plan uses.
    /// </summary>
    private static readonly WordSet SharingNotice = new(["下载文档前", "部分预览", "申请退款", "联系客服", "人工客服", "侵犯您的权益", "文档侵犯"]);

    private static readonly WordSet Browser = new(["建议使用IE", "分辨率", "浏览器", "最佳浏览", "技术支持："]);

    private static readonly WordSet Spam = new(
    [
        "赌博", "博彩", "娱乐城", "棋牌", "彩票", "百家乐", "老虎机", "六合彩", "时时彩", "赌场", "投注", "真人娱乐", "网赌", "开户送", "体育下注", "菠菜", "澳门新葡京", "威尼斯人",
    ]);

    /// <summary>The sets looked for anywhere in a line of at most 200 characters, in one pass (bits in this order).</summary>
    private static readonly WordGroups Contained = new(Footer, Counters, SharingSite, FileFormats, FileActions, RightsNotice, Browser);

    private const int FooterBit = 1, CountersBit = 2, SharingSiteBit = 4, FileFormatsBit = 8, FileActionsBit = 16, RightsNoticeBit = 32, BrowserBit = 64;

    /// <summary>
    /// A line of HTML tags (&lt;code …&gt;&lt;/code&gt;), at most with a list number before them: outside the tags only digits,
    /// dots and spaces.
    /// </summary>
    private static bool IsMarkupOnly(string line)
    {
        var tags = 0;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (c == '<' && i + 1 < line.Length && (Chars.IsAsciiLetter(line[i + 1]) || line[i + 1] is '/' or '!'))
            {
                var close = line.IndexOf('>', i + 1);
                if (close < 0)
                {
                    return false;
                }

                tags++;
                i = close;
            }
            else if (!(Chars.IsSpace(c) || Chars.IsDigit(c) || c is '.' or '、'))
            {
                return false;
            }
        }

        return tags > 0;
    }

    /// <summary>The reason the line is noise, or null when it is content.</summary>
    public static string? Classify(string line)
    {
        if (line.Length == 0)
        {
            return null;
        }

        if (IsOnlySymbols(line))
        {
            return "符号行";
        }

        if (line.Length <= 300 && ContainsAny(line, Spam))
        {
            return "垃圾信息";
        }

        if (line.Length <= 160 && ContainsAny(line, SharingNotice))
        {
            return "文档分享站点";
        }

        if (line.Length <= 200 && line.Contains('<') && IsMarkupOnly(line))
        {
            return "网页标记"; // <code id="59jbu"></code>, 1. <noscript …></noscript>: a mirror's leftover tags, no item
        }

        if (OutlineMarkers.StartsWithMarker(line))
        {
            return null;
        }

        if (line.Length <= 200 && StartsWithAny(line, AlwaysPrefixes))
        {
            return SiteChromeReason;
        }

        if (line.Length <= 20 && StartsWithAny(line, ShortPrefixes))
        {
            return SiteChromeReason;
        }

        var found = line.Length <= 200 ? Contained.FoundIn(line) : 0;
        if ((found & FooterBit) != 0)
        {
            return "版权备案信息";
        }

        if (line.Length <= 120 && (found & CountersBit) != 0)
        {
            return "阅读计数";
        }

        if ((found & SharingSiteBit) != 0 || ((found & FileFormatsBit) != 0 && (found & FileActionsBit) != 0))
        {
            return SharingSiteReason;
        }

        if ((found & RightsNoticeBit) != 0)
        {
            return "版权备案信息";
        }

        if (line.Length <= 120 && (found & BrowserBit) != 0)
        {
            return "浏览器提示";
        }

        if (line.Length <= 80 && EndsWithLinkDate(line))
        {
            return "链接列表";
        }

        if (line.Length <= 100 && EndsWithImageName(line))
        {
            return "图片文件名";
        }

        if (line.Length <= 40 && IsCollectionHeading(line))
        {
            return SharingSiteReason; // 2023教育局工作要点有哪些(3篇): an essay site's page of several documents
        }

        if (line.StartsWith("- ", StringComparison.Ordinal) && line.Length <= 40)
        {
            return SharingSiteReason;
        }

        if (CountChar(line, '|') + CountChar(line, '｜') >= 2)
        {
            return "站点导航";
        }

        if (IsSpaceSeparatedMenu(line))
        {
            return "站点导航";
        }

        return null;
    }

    /// <summary>…(3篇), …（精选5篇）, …通用10篇: a heading that counts the documents an essay site collected on one page.</summary>
    private static bool IsCollectionHeading(string line)
    {
        var s = line.AsSpan().TrimEnd();
        if (s.Length > 0 && s[^1] is ')' or '）')
        {
            s = s[..^1];
        }

        if (s.Length < 3 || s[^1] != '篇' || !Chars.IsDigit(s[^2]))
        {
            return false;
        }

        var k = s.Length - 2;
        while (k > 0 && Chars.IsDigit(s[k - 1]))
        {
            k--;
        }

        var before = s[..k];
        return before.EndsWith("(") || before.EndsWith("（") || before.EndsWith("精选") || before.EndsWith("通用") || before.EndsWith("汇总")
            || before.EndsWith("合集") || before.EndsWith("范文");
    }

    private static bool IsOnlySymbols(string line)
    {
        foreach (var c in line)
        {
            if (char.IsLetterOrDigit(c))
            {
                return false;
            }
        }

        return true;
    }

    private static bool StartsWithAny(string line, WordSet prefixes) => prefixes.StartOf(line.AsSpan().TrimStart("【[ -•·>"));

    private static bool ContainsAny(string line, WordSet words) => words.FoundIn(line);

    private static int CountChar(string s, char c) => s.AsSpan().Count(c);

    private static bool EndsWithLinkDate(string line)
    {
        var s = line.AsSpan().TrimEnd();
        if (s.Length < 6 || s[^1] is not (']' or '）' or ')' or '］'))
        {
            return false;
        }

        var open = s.LastIndexOfAny("[（(［");
        if (open < 0)
        {
            return false;
        }

        var inner = s[(open + 1)..^1].Trim();
        if (inner.Length is < 5 or > 10)
        {
            return false;
        }

        var digits = 0;
        foreach (var c in inner)
        {
            if (Chars.IsDigit(c))
            {
                digits++;
            }
            else if (c is not ('-' or '/' or '.'))
            {
                return false;
            }
        }

        return digits >= 4;
    }

    private static bool EndsWithImageName(string line)
    {
        var s = line.AsSpan().TrimEnd();
        return s.EndsWith(".jpg", StringComparison.OrdinalIgnoreCase) || s.EndsWith(".jpeg", StringComparison.OrdinalIgnoreCase)
            || s.EndsWith(".png", StringComparison.OrdinalIgnoreCase) || s.EndsWith(".gif", StringComparison.OrdinalIgnoreCase)
            || s.EndsWith(".bmp", StringComparison.OrdinalIgnoreCase) || s.EndsWith(".webp", StringComparison.OrdinalIgnoreCase);
    }

    private static bool IsSpaceSeparatedMenu(string line)
    {
        // A menu lists short labels; a line with clause punctuation is prose, however spaced (text taken from a PDF puts
        // spaces around its figures: 教育免费资金 4525 万元、校舍维修改造资金 493 万元;县).
        if (line.AsSpan().IndexOfAny("。，、；,;") >= 0)
        {
            return false;
        }

        var segments = 0;
        var inSegment = false;
        foreach (var c in line)
        {
            if (Chars.IsSpace(c))
            {
                inSegment = false;
            }
            else if (!inSegment)
            {
                inSegment = true;
                segments++;
            }
        }

        return segments >= 5;
    }
}
