using Luoshi.Parsing.Text;

namespace Luoshi.Parsing.Metadata;

/// <summary>
/// Finds the document's own title: the first heading-like line near the top that names a kind of document
/// (要点, 意见, 通知, 讲话, 会议…), without decorations (【部署】, 转发《…》, a file extension); failing that,
/// the name of the conference a news report says was held (召开…推进会).
/// </summary>
public static class TitleFinder
{
    private const int SearchLines = 15;

    private static readonly string[] Keywords =
    [
        "要点", "意见", "通知", "方案", "计划", "讲话", "会议", "工作", "总结", "报告", "规划", "安排", "思路", "召开", "办法", "决定", "纲要",
        "规定", "细则", "部署", "措施", "实施", "通报", "公告", "函", "实事",
    ];

    private static readonly string[] Extensions = [".docx", ".doc", ".pdf", ".txt", ".html", ".htm", ".wps"];

    /// <summary>A field that names the document (标题：…, 名称：…).</summary>
    private static readonly string[] TitleFields = ["标题", "名称", "文件名称", "题目", "文件标题"];

    /// <summary>Metadata fields of a government page (索引号, 文号…) that are never the title.</summary>
    private static readonly string[] MetadataFields = ["索引号", "文号", "发文字号", "主题分类", "发文机关", "成文日期", "发布机构", "公开方式", "有效性"];

    /// <summary>Words that mark what follows a title in a page's &lt;title&gt; as the site's name (…要点_某某市人民政府网).</summary>
    private static readonly string[] SiteWords = ["网", "门户", "首页", "官网", "政府", "教育局", "信息公开"];

    public static string? Find(IReadOnlyList<string> lines, int firstItemLine) => Find(lines, firstItemLine, 0);

    /// <param name="firstItemStart">
    /// Where the first item's marker stands in its line: the text before it (…工作计划打算一、…) is read as a line of its own.
    /// </param>
    /// <param name="pageLineRemoved">
    /// The cleaning removed a news page's date or source line near the top (发布时间：…): a headline right above the text is
    /// the title even without that line below it.
    /// </param>
    public static string? Find(IReadOnlyList<string> lines, int firstItemLine, int firstItemStart, bool pageLineRemoved = false)
    {
        var limit = Math.Min(lines.Count, Math.Min(SearchLines, firstItemLine < 0 ? int.MaxValue : firstItemLine + 1));
        if (firstItemLine >= 0 && firstItemStart > 0 && firstItemLine < limit)
        {
            // The document's heading and its first item on one line (a whole document on one line): the heading is a line.
            var head = new List<string>(limit);
            for (var k = 0; k < limit; k++)
            {
                head.Add(lines[k]);
            }

            head[firstItemLine] = lines[firstItemLine][..firstItemStart].Trim();
            lines = head;
        }

        for (var i = 0; i < limit; i++)
        {
            if ((FieldValue(lines[i]) ?? BeforeLawFields(lines[i])) is { Length: >= 4 } field)
            {
                return Clean(field);
            }
        }

        // 某某市教育局关于印发《2023年全市教育工作要点》的通知: the notice names the document it publishes, and that
        // document is the title, whatever heading-like lines a site puts above the notice.
        for (var i = 0; i < limit; i++)
        {
            if (PublishedDocument(lines[i]) is { } published)
            {
                return published;
            }
        }

        for (var i = 0; i < limit; i++)
        {
            if (NoticeWithoutBrackets(lines[i]) is { } named)
            {
                return named;
            }
        }

        for (var i = 0; i < limit; i++)
        {
            var line = WithoutColumn(lines[i]);
            if (IsMetadata(line))
            {
                continue;
            }

            // A main title followed by its subtitle (——在…会议上的报告) is the title, whatever words it uses; a news site's
            // date, source and counter line may stand between them.
            if (SubtitleBelow(lines, i) && line.Length is >= 4 and <= 60 && !line.Contains('。') && !OutlineStart(line) && !IsPageLine(line))
            {
                return Clean(line);
            }

            if (IsSubtitle(line))
            {
                continue;
            }

            if (IsTitleLike(line))
            {
                // A site's heading, then the document's own a few lines below it (after the page's date and counters),
                // naming the same thing in other words: the one above the text is the document's.
                for (var j = i + 1; j < Math.Min(limit, i + 5); j++)
                {
                    // 南京印发《A》和《B》 / A: a headline naming documents, then one of them under its own heading.
                    if (IsTitleLike(lines[j]) && !IsSubtitle(lines[j]) && !lines[j].EndsWith("通知", StringComparison.Ordinal)
                        && (Similar(Clean(line), Clean(lines[j])) || NamesInBrackets(line, Clean(lines[j]))))
                    {
                        line = lines[j];
                        i = j;
                    }
                }

                var title = Clean(line);
                // A title broken over two lines: 绍兴市教育局关于开展…在职 / 教师有偿补课…的通知
                if (i + 1 < lines.Count && !EndsLikeTitle(title) && IsContinuation(lines[i + 1]))
                {
                    title += Clean(lines[i + 1]);
                }

                return WithoutHeld(title);
            }
        }

        for (var i = 0; i + 1 < limit; i++)
        {
            // 深圳新增13万个学位 / 时间:2021-07-13: a news page's headline stands right above its date and source line.
            if (IsHeadline(Clean(WithoutColumn(lines[i]))) && (IsPageLine(lines[i + 1])
                || (pageLineRemoved && (i + 1 == firstItemLine || (lines[i + 1].Length > 20 && lines[i + 1].AsSpan().IndexOfAny("。，,") >= 0)))))
            {
                return Clean(WithoutColumn(lines[i]));
            }
        }

        for (var i = 0; i < Math.Min(lines.Count, 3); i++)
        {
            if ((BeforeSalutation(lines[i]) ?? ModelTextLead(lines[i])) is { } named)
            {
                return named;
            }
        }

        for (var i = 0; i < Math.Min(lines.Count, 6); i++)
        {
            if (ConferenceName(lines[i]) is { } name)
            {
                return name;
            }
        }

        return YearHeadline(lines, limit);
    }

    /// <summary>
    /// 武威2021年新建哪些学校?: a short line among the first ones that names a year, with no sentence in it, heads the page
    /// when no line names a kind of document.
    /// </summary>
    private static string? YearHeadline(IReadOnlyList<string> lines, int limit)
    {
        for (var i = 0; i < Math.Min(limit, 3); i++)
        {
            var line = lines[i].Trim();
            if (line.Length is >= 8 and <= 40 && line.AsSpan().IndexOfAny("。，,；;：:") < 0 && !OutlineStart(line) && YearFinder.NamesYear(line)
                && line.AsSpan().IndexOfAny("|｜\t") < 0)
            {
                // 2021年全市预计 / 新建改扩建学校45所！/ 新增学位4.68万个！: a headline broken into exclamations goes on.
                var title = Clean(line);
                for (var j = i + 1; j < Math.Min(lines.Count, i + 3) && IsExclamation(lines[j].Trim()); j++)
                {
                    title += lines[j].Trim();
                }

                return title;
            }
        }

        return null;
    }

    /// <summary>The line below <paramref name="i"/>, past at most two page lines (date, source, counter), is a subtitle.</summary>
    private static bool SubtitleBelow(IReadOnlyList<string> lines, int i)
    {
        for (var j = i + 1; j < lines.Count && j <= i + 3; j++)
        {
            if (IsSubtitle(lines[j]))
            {
                return true;
            }

            if (!IsPageLine(lines[j]))
            {
                return false;
            }
        }

        return false;
    }

    private static readonly string[] PageFields = ["来源", "发布时间", "发布日期", "时间", "浏览", "阅读", "点击", "作者", "编辑"];

    /// <summary>
    /// A news headline: one short phrase, no sentence, no breadcrumb (首页 > 教育), no numbered item; one colon inside it
    /// (市教育局：今年新建中小学12所) is the headline's own.
    /// </summary>
    private static bool IsHeadline(string line) =>
        line.Length is >= 6 and <= 40 && line.AsSpan().IndexOfAny("。，,；;>＞|｜\t") < 0 && !OutlineStart(line) && !IsPageLine(line)
            && Chars.IsCjk(line[0]) && line[^1] is not ('：' or ':') && line.AsSpan().IndexOfAny("：:") == line.AsSpan().LastIndexOfAny("：:");

    /// <summary>权威发布 | 2024年全区教育工作要点: a channel's column name before a bar is no part of the title.</summary>
    private static string WithoutColumn(string line)
    {
        var bar = line.AsSpan().IndexOfAny("|｜");
        if (bar is < 2 or > 8 || line.AsSpan(bar + 1).IndexOfAny("|｜") >= 0 || line.AsSpan(0, bar).IndexOfAny("，,。：:") >= 0)
        {
            return line;
        }

        var rest = line.AsSpan(bar + 1).Trim();
        return rest.Length >= 6 ? rest.ToString() : line;
    }

    /// <summary>A news page's line under its headline: a date (2014-03-14) or a field such as 来源：, 浏览数：, and no sentence.</summary>
    public static bool IsPageLine(string line)
    {
        if (line.Length > 80 || line.Contains('。'))
        {
            return false;
        }

        for (var k = line.IndexOf('-'); k >= 4; k = line.IndexOf('-', k + 1))
        {
            if (Chars.IsDigit(line[k - 1]) && Chars.IsDigit(line[k - 4]) && k + 1 < line.Length && Chars.IsDigit(line[k + 1]))
            {
                return true;
            }
        }

        var s = Traditional.Simplify(line);
        foreach (var f in PageFields)
        {
            var at = s.IndexOf(f, StringComparison.Ordinal);
            if (at >= 0 && s.AsSpan(at + f.Length).IndexOfAny("：:") is >= 0 and <= 2)
            {
                return true;
            }
        }

        return false;
    }

    private static readonly string[] Salutations = ["同志们", "老师们", "各位领导", "各位代表"];

    private static readonly string[] SpeechEndings = ["讲话", "讲话稿", "讲话提纲", "发言", "发言稿", "报告", "致辞"];

    /// <summary>
    /// 在全市…推进会上的讲话同志们：今天…: a speech's title run into its salutation where the line break was lost; the text
    /// before the salutation is the title when it ends like a speech (讲话, 讲话稿, 发言, 报告, 致辞).
    /// </summary>
    private static string? BeforeSalutation(string line)
    {
        var k = -1;
        foreach (var salutation in Salutations)
        {
            var at = line.IndexOf(salutation, StringComparison.Ordinal);
            if (at >= 6 && (k < 0 || at < k))
            {
                k = at;
            }
        }

        if (k < 0 || k > 80)
        {
            return null;
        }

        var head = line.AsSpan(0, k).TrimEnd(" 　、，,");
        if (head.IndexOfAny("。，,；;：:") >= 0)
        {
            return null;
        }

        if (WordAt.EndsWithAny(head, SpeechEndings))
        {
            return Clean(head.ToString());
        }

        return null;
    }

    private static readonly string[] LeadCloses = ["供大家参考", "供您参考", "仅供参考", "欢迎阅读", "欢迎参考", "希望", "供参考", "欢迎大家"];

    /// <summary>
    /// 下面是小编为大家整理的县教育局工作总结暨工作计划(2023年)，供大家参考。: a model-text site's lead names the document
    /// where no line heads it.
    /// </summary>
    private static string? ModelTextLead(string line)
    {
        var k = line.IndexOf("整理", StringComparison.Ordinal);
        if (k < 2 || k > 30 || k + 2 >= line.Length || line[k + 2] is not ('的' or '了')
            || (line.AsSpan(0, k).IndexOf("小编") < 0 && line.AsSpan(0, k).IndexOf("本站") < 0))
        {
            return null;
        }

        var from = k + 3;
        var end = line.AsSpan(from).IndexOfAny("，,。") is var e and >= 0 ? from + e : -1;
        if (end < 0 || end - from is < 4 or > 60)
        {
            return null;
        }

        var rest = line.AsSpan(end + 1);
        return WordAt.StartsWithAny(rest, LeadCloses) ? Clean(line[from..end]) : null;
    }

    /// <summary>全区2024年教育工作会议召开: a news headline that a conference was held names the conference.</summary>
    private static string WithoutHeld(string title)
    {
        if (title.Length > 6 && title[^2] == '召' && title[^1] is '开' or '開')
        {
            var before = Traditional.Simplify(title[..^2]);
            if (before.EndsWith('会') || before.EndsWith("会议", StringComparison.Ordinal))
            {
                return title[..^2];
            }
        }

        return title;
    }

    private static bool IsExclamation(string line) =>
        line.Length is >= 4 and <= 24 && line[^1] is '!' or '！' && line.AsSpan().IndexOfAny("。，,；;：:") < 0;

    private static readonly string[] PublishVerbs = ["印发", "转发", "下发", "印送", "发布"];

    /// <summary>关于印发《Y》的通知 → Y: the document a notice publishes.</summary>
    private static string? PublishedDocument(string original)
    {
        // 關於印發《…》的通知: traditional script is read as simplified (one character for one), the name given as written.
        var line = Traditional.Simplify(original);
        // 《Y》已经市政府同意，现印发给你们: a government office's notice names the document it publishes first.
        if (line.StartsWith('《') && line.IndexOf('》') is var end && end > 4 && line.IndexOf('。') is var stop
            && line.IndexOf("印发给", end, StringComparison.Ordinal) is var given && given > end && (stop < 0 || given < stop)
            && line.AsSpan(1, end - 1).IndexOfAny("《》") < 0)
        {
            return Clean(original[1..end]);
        }

        // 现将《Y》印发给你们: the notice's own sentence names the document too.
        if (line.StartsWith("现将《", StringComparison.Ordinal) && line.IndexOf('》') is var shut && shut > 7
            && PublishVerbs.Any(v => line.AsSpan(shut + 1).StartsWith(v, StringComparison.Ordinal)))
        {
            return Clean(original[3..shut]);
        }

        if (line.Length > 100 || !line.Contains("通知", StringComparison.Ordinal) || line.Contains('。'))
        {
            return null;
        }

        foreach (var verb in PublishVerbs)
        {
            var v = line.IndexOf(verb, StringComparison.Ordinal);
            if (v < 0 || v + verb.Length >= line.Length || line[v + verb.Length] != '《')
            {
                continue;
            }

            var close = line.IndexOf('》', v);
            if (close > v + verb.Length + 4 && line.IndexOf("通知", close, StringComparison.Ordinal) > close)
            {
                var inner = original[(v + verb.Length + 1)..close].Trim();
                return inner.Length >= 4 ? Clean(inner) : null;
            }
        }

        return null;
    }

    /// <summary>The line names <paramref name="name"/> in 《》.</summary>
    private static bool NamesInBrackets(string line, string name)
    {
        var k = name.Length >= 4 ? line.IndexOf(name, StringComparison.Ordinal) : -1;
        return k > 0 && line[k - 1] == '《' && k + name.Length < line.Length && line[k + name.Length] == '》';
    }

    /// <summary>
    /// 某某县教育体育局关于印发2023年工作要点的通知 → 某某县教育体育局2023年工作要点: a notice that names the document it
    /// publishes without 《》; a name that opens with its year takes the issuer before 关于.
    /// </summary>
    private static string? NoticeWithoutBrackets(string original)
    {
        var line = Traditional.Simplify(original.Trim());
        var about = line.IndexOf("关于", StringComparison.Ordinal);
        if (line.Length > 100 || about < 0 || !line.EndsWith("的通知", StringComparison.Ordinal) || line.AsSpan().IndexOfAny("《》。") >= 0)
        {
            return null;
        }

        foreach (var verb in PublishVerbs)
        {
            if (!line.AsSpan(about + 2).StartsWith(verb, StringComparison.Ordinal))
            {
                continue;
            }

            var from = about + 2 + verb.Length;
            var name = original.Trim()[from..^3].Trim();
            if (name.Length < 4)
            {
                return null;
            }

            var issuer = original.Trim()[..about].Replace(" ", string.Empty, StringComparison.Ordinal).Replace("\u3000", string.Empty, StringComparison.Ordinal);
            return Chars.IsDigit(name[0]) ? issuer + name : name;
        }

        return null;
    }

    /// <summary>Two headings that name the same document: most character pairs of the shorter occur in the longer.</summary>
    private static bool Similar(string a, string b)
    {
        if (a.Length < 4 || b.Length < 4)
        {
            return false;
        }

        var (shorter, longer) = a.Length <= b.Length ? (a, b) : (b, a);
        var shared = 0;
        for (var k = 0; k + 1 < shorter.Length; k++)
        {
            if (longer.AsSpan().IndexOf(shorter.AsSpan(k, 2), StringComparison.Ordinal) >= 0)
            {
                shared++;
            }
        }

        return shared * 10 >= (shorter.Length - 1) * 8 && shorter.Length * 10 >= longer.Length * 6;
    }

    private static bool IsTitleLike(string line)
    {
        // A table row (cells between bars or tabs) is no title, nor a header row whose cells ran together (序号工作任务责任单位).
        if (line.Length is < 6 or > 80 || line.Contains('。') || OutlineStart(line) || line.AsSpan().IndexOfAny("|｜\t") >= 0
            || Tables.TableColumns.IsGluedHeader(line))
        {
            return false;
        }

        var commas = 0;
        foreach (var c in line)
        {
            if (c is '，' or ',')
            {
                commas++;
            }
        }

        if (commas > 1 || line.EndsWith('：') || line.EndsWith(':'))
        {
            return false;
        }

        var simple = Traditional.Simplify(line); // 實施意見 names a kind of document as 实施意见 does
        foreach (var k in Keywords)
        {
            if (simple.Contains(k, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// 《县教育局2024年工作计划Word文档下载推荐.docx》由会员分享…: where no line of the text names the document, the file name a
    /// document-sharing site gives it (in the lines cleaned away as the site's) does.
    /// </summary>
    public static string? FromSharingSite(IEnumerable<string> siteLines)
    {
        foreach (var line in siteLines)
        {
            if (line.StartsWith('《') && line.IndexOf("》由", StringComparison.Ordinal) is var close and > 4
                && line.AsSpan(1, close - 1).IndexOfAny("《》") < 0 && Clean(line[1..close]) is { Length: >= 4 } name)
            {
                return name;
            }
        }

        return null;
    }

    /// <summary>The fields a law database writes after a document's title (文章属性 •【制定机关】… •【公布日期】…).</summary>
    private static readonly string[] LawFieldOpeners = ["文章属性", "【制定机关】", "•【制定机关】", "【发布部门】"];

    /// <summary>
    /// 杭州市人民政府关于…的若干意见(试行)文章属性•【制定机关】杭州市人民政府•【公布日期】…: the title a law database's
    /// fields follow on the same line.
    /// </summary>
    private static string? BeforeLawFields(string line)
    {
        foreach (var opener in LawFieldOpeners)
        {
            var k = line.IndexOf(opener, StringComparison.Ordinal);
            if (k >= 6 && k <= 80)
            {
                var head = line.AsSpan(0, k).Trim().TrimEnd('•');
                return head.IndexOfAny("。；;") < 0 && !OutlineStart(line) ? head.ToString() : null;
            }
        }

        return null;
    }

    /// <summary>标题：2023年全县教育工作要点 → the value of the field.</summary>
    private static string? FieldValue(string line)
    {
        foreach (var f in TitleFields)
        {
            if (line.StartsWith(f, StringComparison.Ordinal) && line.Length > f.Length + 1 && line[f.Length] is '：' or ':')
            {
                return line[(f.Length + 1)..].Trim();
            }
        }

        return null;
    }

    private static bool IsMetadata(string line)
    {
        foreach (var f in MetadataFields)
        {
            if (line.StartsWith(f, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>——在2024年全县教育工作会议上的报告: a subtitle names the occasion, not the document.</summary>
    public static bool IsSubtitle(string line) => line.StartsWith("——", StringComparison.Ordinal) || line.StartsWith("—-", StringComparison.Ordinal)
        || line.StartsWith("--", StringComparison.Ordinal);

    private static bool OutlineStart(string line) => Outline.OutlineMarkers.StartsWithMarker(line);

    private static bool EndsLikeTitle(string title)
    {
        string[] endings = ["通知", "意见", "要点", "方案", "讲话", "报告", "总结", "计划",
            "规划", "安排", "思路", "召开", "办法", "决定", "纲要", "规定", "细则", "摘要", "会", "》", "函", "通报", ")", "）"];
        return endings.Any(e => title.EndsWith(e, StringComparison.Ordinal));
    }

    private static bool IsContinuation(string next) =>
        next.Length is >= 2 and <= 40 && !next.Contains('。') && !next.Contains('，') && !OutlineStart(next)
            && Keywords.Any(k => next.Contains(k, StringComparison.Ordinal));

    private static readonly HashSet<string> SiteTags =
        ["精选推荐", "精选", "完整版", "最新版", "最新", "通用", "范文", "精选范文", "优选", "合集", "汇编", "推荐", "热门", "原创"];

    private static readonly string[] SharingTails = ["Word文档下载推荐", "文档下载推荐", "Word文档格式", "Word文档", "Word版"];

    private static string Clean(string line)
    {
        var s = line.Trim();
        while (s.StartsWith('【') && s.IndexOf('】') is var close && close > 0 && close < 12)
        {
            s = s[(close + 1)..].Trim();
        }

        // 重磅！青羊区2024年教育工作要点发布: a short cry before the headline is a decoration, as 【部署】 is.
        if (s.AsSpan().IndexOfAny('！', '!') is var cry and >= 2 and <= 4 && s.Length - cry - 1 >= 6 && Chars.IsCjk(s[0]))
        {
            s = s[(cry + 1)..].TrimStart();
        }

        foreach (var ext in Extensions)
        {
            if (s.EndsWith(ext, StringComparison.OrdinalIgnoreCase))
            {
                s = s[..^ext.Length];
            }
        }

        // 2024年全县教育工作要点【精选推荐】, …(完整版): a model-text site's tag after the name.
        if (s.Length > 8 && s[^1] is '】' or ')' or '）' && s.LastIndexOfAny(['【', '(', '（']) is var tagOpen and > 4
            && s.Length - tagOpen - 2 is >= 2 and <= 6 && SiteTags.Contains(s[(tagOpen + 1)..^1]))
        {
            s = s[..tagOpen].TrimEnd();
        }

        // 县教育局2024年工作计划Word文档下载推荐: a document-sharing site's words after the file's name.
        foreach (var tail in SharingTails)
        {
            if (s.EndsWith(tail, StringComparison.OrdinalIgnoreCase) && s.Length > tail.Length + 4)
            {
                s = s[..^tail.Length];
                break;
            }
        }

        // 2021年全市教育工作要点_某某市人民政府网: a page title carries the site's name after _ | or -.
        var cut = s.LastIndexOfAny(['_', '|', '｜']);
        if (cut < 0 && s.LastIndexOf(" - ", StringComparison.Ordinal) is var dash and > 0)
        {
            cut = dash;
        }

        if (cut > 4 && SiteWords.Any(w => s.AsSpan(cut).Contains(w, StringComparison.Ordinal)))
        {
            s = s[..cut].TrimEnd(' ', '-');
        }

        // 2024年全县教育工作要点范文: a document-sharing site's word for a model text, not the title's.
        if (s.EndsWith("范文", StringComparison.Ordinal) && s.Length > 6)
        {
            s = s[..^2];
        }

        if (s.StartsWith("转发", StringComparison.Ordinal))
        {
            s = s[2..];
        }

        // 教育强乡工作汇报—工作汇报: a document site's category after a dash, which the name already ends with.
        var category = s.LastIndexOf('—');
        if (category > 4 && s.Length - category - 1 is >= 2 and <= 6
            && s.AsSpan(0, category).TrimEnd('—').EndsWith(s.AsSpan(category + 1), StringComparison.Ordinal))
        {
            s = s[..category].TrimEnd('—');
        }

        var open = s.IndexOf('《');
        var shut = s.LastIndexOf('》');
        if (open >= 0 && shut > open && (shut - open - 1) * 10 >= s.Length * 6 && s.AsSpan(open + 1, shut - open - 1).IndexOfAny("《》") < 0)
        {
            s = s[(open + 1)..shut];
        }

        return s.Trim();
    }

    /// <summary>
    /// 2月15日，青山区2023年教育工作会议在区会议中心举行 / 全县2024年教育工作大会隆重举行: the conference a lead sentence says
    /// was held (举行) is named before 在 or before 举行.
    /// </summary>
    private static string? HeldName(string line, string original)
    {
        var k = line.IndexOf("举行", StringComparison.Ordinal);
        if (k < 4 || k > 80)
        {
            return null;
        }

        var end = line.LastIndexOf('在', k) is var at and > 0 && k - at < 30 ? at : k;
        var head = line.AsSpan(0, end);
        if (head.EndsWith("隆重"))
        {
            head = head[..^2];
        }

        var from = head.LastIndexOfAny("，,。 　") + 1;
        var name = head[from..].Trim();
        return name.Length is >= 4 and <= 60 && (name.EndsWith("会议") || name.EndsWith("大会") || name.EndsWith("会"))
            ? original.Substring(from + (head[from..].Length - head[from..].TrimStart().Length), name.Length) : null;
    }

    /// <summary>潼南区召开2023年开学暨“五心强校”党建工作推进会。 → 2023年开学暨“五心强校”党建工作推进会</summary>
    private static string? ConferenceName(string original)
    {
        // Traditional script is read as simplified (召開…現場會), the name is given as written.
        var line = Traditional.Simplify(original);
        var k = line.IndexOf("召开", StringComparison.Ordinal);
        if (k < 0)
        {
            return HeldName(line, original);
        }

        // 2月18日，全县教育工作会议召开，会议总结…: the name stands before 召开.
        if (line.AsSpan(0, k).EndsWith("会议") || line.AsSpan(0, k).EndsWith("大会"))
        {
            var from = line.AsSpan(0, k).LastIndexOfAny("，,。 　") + 1;
            if (k - from is >= 4 and <= 60)
            {
                return original[from..k];
            }
        }

        // 3月2日，全县2024年教育工作会议在县行政中心召开: the name stands before 在.
        var at = line.LastIndexOf('在', k);
        if (at > 4 && (line.AsSpan(0, at).EndsWith("会议") || line.AsSpan(0, at).EndsWith("会")))
        {
            var from = line.LastIndexOfAny(['，', ',', '。'], at - 1) + 1;
            var lead = original[from..at].Trim();
            if (lead.Length is >= 4 and <= 60)
            {
                return lead;
            }
        }

        var start = k + 2;
        var end = start;
        while (end < line.Length && line[end] is not ('。' or '，' or ',' or '；'))
        {
            end++;
        }

        var name = line[start..end].Trim();
        return name.Length is >= 4 and <= 60 && (name.EndsWith('会') || name.EndsWith("会议", StringComparison.Ordinal))
            ? original[start..end].Trim() : null;
    }
}
