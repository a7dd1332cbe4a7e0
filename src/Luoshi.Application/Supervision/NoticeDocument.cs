using Luoshi.Application.Documents;
using Luoshi.Domain.Supervision;
using Luoshi.Parsing.Rendering.Office;

namespace Luoshi.Application.Supervision;

/// <summary>
/// A 督办单 printed as a 公文 (<see cref="OfficialDocument"/>): the issuer's 版头, the number line, the title 督 办 单, then
/// 被督办单位, 督办事项, 事由, 办理时限 and 办理情况 as a two-column table, and the issuer and date at the end.
/// </summary>
public static class NoticeDocument
{
    public static byte[] Write(Notices.Row row, DateTime utcNow)
    {
        var n = row.Notice;
        var answer = n.Response is { } response
            ? $"{response}\n（{n.Status.ToChinese()}{(n.AnsweredAt is { } at ? $"，反馈于 {Domain.Time.ChinaClock.ToChina(at):yyyy年M月d日}" : "")}）"
            : n.Status.ToChinese();
        var rows = new List<(string, string)>
        {
            ("被督办单位", row.UnitName),
            ("督办事项", row.TaskTitle ?? "—"),
            ("事由", n.Reason),
            ("办理时限", $"{n.RespondBy:yyyy年M月d日}前反馈办理情况{(row.Overdue ? "（已逾期）" : "")}"),
            ("办理情况", answer),
        };
        if (n.Attachments.Count > 0)
            rows.Add(("附件", string.Join("\n", n.Attachments.OrderBy(a => a.Id).Select((a, i) => $"{i + 1}. {a.FileName}"))));
        var table = new SheetTable(n.Number, [new SheetColumn("项目", 1), new SheetColumn("内容", 5)],
            [.. rows.Select(r => new SheetRow([SheetCell.Of(r.Item1), SheetCell.Of(r.Item2)]))]);
        var issuer = row.IssuerUnitName ?? "落实 Luoshi";
        return new OfficialDocument(issuer, n.Number, n.Kind == NoticeKind.Urge ? "催 办 单" : "督 办 单")
            .Table(table)
            .Signature(DateOnly.FromDateTime(Domain.Time.ChinaClock.ToChina(n.IssuedAt)))
            .Write(new DocumentInfo(n.Number, issuer, null, utcNow));
    }
}
