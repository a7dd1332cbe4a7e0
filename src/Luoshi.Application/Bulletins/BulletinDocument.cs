using Luoshi.Application.Documents;
using Luoshi.Domain.Bulletins;
using Luoshi.Parsing.Rendering.Office;

namespace Luoshi.Application.Bulletins;

/// <summary>
/// The 督查通报 as a 公文 (<see cref="OfficialDocument"/>): 版头 “{issuer}督查通报” with 〔2026〕第N期; the title; 一、总体情况
/// (the edited text and the figures); 二、考核排名 (the districts' table, praise for the first three and the last three
/// named); 三、存在问题 (the edited text, the red tasks with their units, the late reports); 四、下一步要求; issuer and date.
/// </summary>
public static class BulletinDocument
{
    public static string Title(int year, int month) => $"关于{year}年{month}月教育重点工作落实情况的通报";

    public static byte[] Write(Bulletin bulletin, BulletinFacts.Facts f, DateOnly date, DateTime utcNow)
    {
        var title = Title(f.Month.Year, f.Month.Month);
        var document = new OfficialDocument(f.Issuer, bulletin.Number, title) { Masthead = "督查通报" }
            .Heading("一、总体情况").Text(bulletin.Overview)
            .Table(new SheetTable("主要数据", [new SheetColumn("事项", 3), new SheetColumn("应办", 1), new SheetColumn("已办（按时）", 1), new SheetColumn("未办（逾期、迟报）", 1)],
            [
                Figures("到期任务", f.TasksDue, f.TasksDone, f.TasksOverdue),
                Figures("月度进展反馈", f.ReportsOnTime + f.ReportsLate, f.ReportsOnTime, f.ReportsLate),
                Figures("督办单", f.NoticesIssued, f.NoticesAnswered, f.NoticesIssued - f.NoticesAnswered),
                Figures("整改问题", f.FindingsDue, f.FindingsClosed, f.FindingsDue - f.FindingsClosed),
            ]) { Title = "表1　主要数据" })
            .Heading("二、考核排名")
            .Text($"按照《{f.Ranking.Scheme.Name}》，对各区县{f.Month.Year}年{f.Month.Month}月工作落实情况进行考核，排名如下。")
            .Table(new SheetTable("排名", [new SheetColumn("名次", 1), new SheetColumn("单位", 3), new SheetColumn("得分", 1), new SheetColumn("上月名次", 1)],
                [.. f.Ranking.Rows.Select(r => new SheetRow([SheetCell.Of(r.Unit.Rank?.ToString() ?? "不参与排名"), SheetCell.Of(r.Unit.Name),
                    SheetCell.Of(r.Unit.Score?.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture) ?? "—"),
                    SheetCell.Of(r.PreviousRank?.ToString() ?? "—")]))]) { Title = "表2　区县考核排名" });
        if (f.First.Count > 0) document.Text($"{string.Join("、", f.First)}工作落实成效明显，排名前列，予以通报表扬。");
        if (f.Last.Count > 0) document.Text($"{string.Join("、", f.Last)}排名靠后，予以通报，请认真分析原因，切实加快工作进度。");
        document.Heading("三、存在问题").Text(bulletin.Problems);
        if (f.RedTasks.Count > 0)
            document.Table(new SheetTable("逾期任务", [new SheetColumn("任务", 4), new SheetColumn("责任单位", 2), new SheetColumn("完成时限", 2)],
                [.. f.RedTasks.Select(t => new SheetRow([SheetCell.Of(t.Title), SheetCell.Of(t.Units), SheetCell.Of(t.DueDate)]))]) { Title = "表3　逾期未办结任务" });
        if (f.LateReports.Count > 0)
            document.Table(new SheetTable("迟报", [new SheetColumn("单位", 2), new SheetColumn("任务", 5)],
                [.. f.LateReports.Select(r => new SheetRow([SheetCell.Of(r.Unit), SheetCell.Of(r.Task)]))]) { Title = "表4　迟报进展反馈" });
        return document.Heading("四、下一步要求").Text(bulletin.Requirements).Signature(date)
            .Write(new DocumentInfo(title, f.Issuer, f.Issuer, utcNow));
    }

    private static SheetRow Figures(string what, int due, int done, int missed) =>
        new([SheetCell.Of(what), SheetCell.Of(due), SheetCell.Of(done), SheetCell.Of(missed)]);
}
