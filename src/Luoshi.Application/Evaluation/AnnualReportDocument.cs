using System.Globalization;
using Luoshi.Application.Access;
using Luoshi.Application.Documents;
using Luoshi.Domain.Problems;
using Luoshi.Domain.Tasks;
using Luoshi.Domain.Time;
using Luoshi.Parsing.Rendering.Office;

namespace Luoshi.Application.Evaluation;

/// <summary>
/// The 年度评估报告 as a 公文, composed once (<see cref="Compose"/>) for the PDF (<see cref="OfficialPdf"/>) and the Word file
/// (<see cref="OfficialDocument"/>): 一、总体情况 (figures, table and the outcomes' bar chart); 二、任务完成情况 (every task);
/// 三、目标达成情况 (targets met and missed, each with the reports and attachments that claimed it, linked); 四、考核排名
/// (each district's and department's rank by month, and the districts' trend chart); 五、分类推进情况; issuer and date.
/// </summary>
public sealed class AnnualReportDocument(AnnualReport reports, ChinaClock clock)
{
    public static readonly ProblemType NoFont = new ProblemCatalog("annual-report").Of(ProblemKind.Conflict, "no-font",
        "服务器没有可嵌入 PDF 的中文字体，无法生成 PDF（请安装 fonts-arphic-uming、fonts-wqy-microhei 或 fonts-noto-cjk）；可下载 Word 版",
        "The server has no Chinese font to embed in a PDF (install fonts-arphic-uming, fonts-wqy-microhei or fonts-noto-cjk); the Word file can be downloaded");

    public const string Empty = "暂无数据";

    /// <summary>A file to download: its bytes and its name.</summary>
    public sealed record File(byte[] Bytes, string Name);

    /// <summary>The PDF; <paramref name="site"/> (scheme and host) makes the evidence links absolute.</summary>
    public async Task<Outcome<File>> PdfAsync(Caller caller, int planId, string site, CancellationToken ct = default)
    {
        var outcome = await reports.ForAsync(caller, planId, ct);
        if (outcome.Value is not { } view) return new Outcome<File>(null, outcome.Problems);
        if (CjkFonts.Installed is not { } fonts) return NoFont;
        var pdf = new OfficialPdf(fonts, view.Issuer, Number(view), view.Title, Masthead);
        Compose(pdf, view, Charts.Of(view, fonts), site, clock.Today);
        return new File(pdf.Write(), $"{view.Title}.pdf");
    }

    /// <summary>The Word file (without the charts when the server has no Chinese font to draw them with).</summary>
    public async Task<Outcome<File>> DocxAsync(Caller caller, int planId, string site, CancellationToken ct = default)
    {
        var outcome = await reports.ForAsync(caller, planId, ct);
        if (outcome.Value is not { } view) return new Outcome<File>(null, outcome.Problems);
        var docx = new OfficialDocument(view.Issuer, Number(view), view.Title) { Masthead = Masthead };
        Compose(docx, view, CjkFonts.Installed is { } fonts ? Charts.Of(view, fonts) : null, site, clock.Today);
        return new File(docx.Write(new DocumentInfo(view.Title, view.Issuer, view.Issuer, clock.UtcNow)), $"{view.Title}.docx");
    }

    private const string Masthead = "年度评估报告";

    private static string Number(AnnualReport.View v) => $"〔{v.Year}〕年度评估　截至{SheetCell.DateText(v.AsOf)}";

    /// <summary>The two charts as PNG images, drawn once for a report.</summary>
    public sealed record Charts(byte[] Outcomes, byte[]? Trend)
    {
        public static Charts Of(AnnualReport.View v, CjkFonts fonts) => new(AnnualCharts.Outcomes(v.Summary, fonts),
            v.Months.Count > 0 && v.Districts.Count > 0 ? AnnualCharts.RankTrend(v.Months, v.Districts, fonts) : null);
    }

    public static void Compose(IOfficialWriter w, AnnualReport.View v, Charts? charts, string site, DateOnly today)
    {
        var s = v.Summary;
        w.Heading("一、总体情况");
        w.Text(Overview(v));
        w.Table(new SheetTable("总体情况", [new SheetColumn("事项", 3), new SheetColumn("数量", 1)],
        [
            Figure("任务总数", s.Tasks), Figure("按时办结", s.DoneOnTime), Figure("逾期办结", s.DoneLate), Figure("进行中", s.InProgress),
            Figure("逾期未办结", s.Overdue), Figure("目标已达成", s.TargetsMet), Figure("目标未达成", s.TargetsMissed), Figure("目标暂无数据", s.TargetsNoData),
        ]) { Title = "表1　主要数据" });
        if (charts is not null) w.Image(charts.Outcomes, AnnualCharts.Width, AnnualCharts.Height, "图1　任务完成情况");

        w.Heading("二、任务完成情况");
        if (v.Tasks.Count == 0) w.Text(Empty);
        else
            w.Table(new SheetTable("任务", [new SheetColumn("序号", 2), new SheetColumn("任务", 5), new SheetColumn("牵头单位", 2), new SheetColumn("责任单位", 2),
                    new SheetColumn("完成时限", 2), new SheetColumn("办结日期", 2), new SheetColumn("完成情况", 2)],
                [.. v.Tasks.Select(t => new SheetRow([SheetCell.Of(t.Number), SheetCell.Of(t.Title), SheetCell.Of(t.Lead), SheetCell.Of(t.Units),
                    Day(t.Due), Day(t.Closed), SheetCell.Of(t.Outcome.ToChinese())]))]) { Title = "表2　任务完成情况" });

        w.Heading("三、目标达成情况");
        w.Text($"计划共有量化目标{s.TargetsMet + s.TargetsMissed + s.TargetsNoData}项，已达成{s.TargetsMet}项，未达成{s.TargetsMissed}项，暂无数据{s.TargetsNoData}项。"
            + "各目标的完成值取各单位最近一次已采纳的进展反馈，佐证材料列于其后。");
        Targets(w, "表3　已达成的目标", v.Met, site);
        Targets(w, "表4　未达成的目标", v.Missed, site);
        if (v.NoData.Count > 0)
            w.Text("暂无数据的目标：" + string.Join("；", v.NoData.Select(t => $"{t.TaskNumber}{t.TaskTitle}（{t.Target}）")) + "。");

        w.Heading("四、考核排名");
        if (!v.HasRankings) w.Text(Empty);
        else
        {
            w.Text($"按照《{v.SchemeName}》，{v.Year}年各月考核排名如下（“—”为当月不参与排名）。");
            Ranks(w, "表5　区县逐月排名", v.Months, v.Districts);
            Ranks(w, "表6　处室逐月排名", v.Months, v.Departments);
            if (charts?.Trend is { } trend) w.Image(trend, AnnualCharts.Width, AnnualCharts.Height, "图2　区县月度排名走势");
        }

        w.Heading("五、分类推进情况");
        if (v.Categories.Count == 0) w.Text(Empty);
        else
            w.Table(new SheetTable("分类", [new SheetColumn("类别", 3), new SheetColumn("任务数", 1), new SheetColumn("已办结", 1), new SheetColumn("逾期未办结", 1),
                    new SheetColumn("平均进度", 1)],
                [.. v.Categories.Select(c => new SheetRow([SheetCell.Of(c.Category.ToChinese()), SheetCell.Of(c.Tasks), SheetCell.Of(c.Done),
                    SheetCell.Of(c.Overdue), SheetCell.Of($"{c.AverageProgress}%")]))]) { Title = "表7　各类别任务推进情况" });
        w.Signature(today);
    }

    /// <summary>The 总体情况 in one paragraph.</summary>
    public static string Overview(AnnualReport.View v)
    {
        var s = v.Summary;
        var done = s.DoneOnTime + s.DoneLate;
        var rate = s.Tasks == 0 ? "—" : (100.0 * done / s.Tasks).ToString("0.0", CultureInfo.InvariantCulture) + "%";
        return $"截至{SheetCell.DateText(v.AsOf)}，《{v.PlanTitle}》共有任务{s.Tasks}项，已办结{done}项（其中按时办结{s.DoneOnTime}项、逾期办结{s.DoneLate}项），"
            + $"办结率{rate}；进行中{s.InProgress}项，逾期未办结{s.Overdue}项"
            + (s.Cancelled > 0 ? $"；另有{s.Cancelled}项已取消，不计入统计。" : "。");
    }

    private static SheetRow Figure(string what, int count) => new([SheetCell.Of(what), SheetCell.Of(count)]);

    private static SheetCell Day(DateOnly? day) => day is { } d ? SheetCell.Of(d) : SheetCell.Of("—");

    private static void Targets(IOfficialWriter w, string caption, IReadOnlyList<AnnualReport.TargetLine> targets, string site)
    {
        if (targets.Count == 0)
        {
            w.Text($"{caption[3..]}：{Empty}。");
            return;
        }
        w.Table(new SheetTable(caption, [new SheetColumn("任务", 3), new SheetColumn("目标", 3), new SheetColumn("完成值", 1), new SheetColumn("佐证（进展反馈及附件）", 5)],
            [.. targets.Select(t => new SheetRow([SheetCell.Of($"{t.TaskNumber}{t.TaskTitle}"), SheetCell.Of(t.Target),
                SheetCell.Of(t.Actual is { } a ? $"{Domain.Targets.Target.Figure(a)}{t.Unit}" : "—"), SheetCell.Of(Cited(t.Evidence, site))]))]) { Title = caption });
    }

    /// <summary>Each report: its unit, month and date, its figure, the link to it, then its attachments by name, each with its link.</summary>
    public static string Cited(IReadOnlyList<AnnualReport.Evidence> evidence, string site) => evidence.Count == 0 ? Empty
        : string.Join("\n", evidence.Select(e =>
            $"{e.Unit}{e.Period}进展反馈（{(e.Date is { } d ? SheetCell.DateText(d) : "—")}，报{Domain.Targets.Target.Figure(e.Value)}）{site}{e.Link}"
            + string.Concat(e.Files.Select(f => $"\n附件：{f.Name} {site}{f.Link}"))));

    private static void Ranks(IOfficialWriter w, string caption, IReadOnlyList<string> months, IReadOnlyList<AnnualReport.RankingLine> lines)
    {
        if (lines.Count == 0) return;
        w.Table(new SheetTable(caption, [new SheetColumn("单位", 3), .. months.Select(m => new SheetColumn($"{int.Parse(m[5..], CultureInfo.InvariantCulture)}月", 1))],
            [.. lines.Select(l => new SheetRow([SheetCell.Of(l.Name), .. l.Ranks.Select(r => SheetCell.Of(r?.ToString(CultureInfo.InvariantCulture) ?? "—"))]))])
        { Title = caption });
    }
}

public static class AnnualOutcomes
{
    public static string ToChinese(this AnnualReport.TaskOutcome outcome) => outcome switch
    {
        AnnualReport.TaskOutcome.DoneOnTime => "按时办结",
        AnnualReport.TaskOutcome.DoneLate => "逾期办结",
        AnnualReport.TaskOutcome.InProgress => "进行中",
        AnnualReport.TaskOutcome.Overdue => "逾期未办结",
        _ => "已取消",
    };
}
