using Luoshi.Parsing.Model;
using Luoshi.Parsing.Rendering.Office;

namespace Luoshi.Parsing.Rendering;

/// <summary>
/// Writes the 任务分解表 (编号, 工作任务, 具体目标, 牵头/责任单位, 完成时限) as an .xlsx through <see cref="WorkbookWriter"/>:
/// numbered as the ledger numbers (<see cref="OutlineNumbering"/>), deadlines as date cells, rows tall enough for their
/// wrapped text, a filter on the header, printed landscape on A4 fitted to width with the header on every page.
/// </summary>
public static class XlsxPlanRenderer
{
    public static readonly SheetColumn[] Columns =
        [new("编号", 8), new("工作任务", 60), new("具体目标", 44), new("牵头/责任单位", 24), new("完成时限", 17)];

    public static byte[] Render(PlanDocument document, DateTime? createdUtc = null)
    {
        using var buffer = new MemoryStream();
        Write(document, buffer, createdUtc);
        return buffer.ToArray();
    }

    public static void Write(PlanDocument document, Stream output, DateTime? createdUtc = null)
    {
        var numbers = OutlineNumbering.Assign(document.Items.Select(i => (i.Id, i.Parent)));
        var rows = document.Items.Select(item => new SheetRow(
        [
            numbers[item.Id],
            string.IsNullOrWhiteSpace(item.Heading) ? item.Text : item.Heading,
            string.Join("\n", item.Quantities.Where(q => q.Kind == QuantityKind.Target).Select(q => q.Text).Distinct()),
            string.Join("、", item.Responsible),
            SheetCell.Of(item.Deadline?.Date),
        ], Emphasis: item.Parent is null)).ToList();
        var title = string.IsNullOrWhiteSpace(document.Title) ? "任务分解表" : $"{document.Title}任务分解表";
        var table = new SheetTable("任务分解表", Columns, rows) { Title = title, Printed = true, Filter = true };
        WorkbookWriter.Write(new DocumentInfo(title, document.Issuer ?? "落实 Luoshi", document.Issuer, createdUtc ?? DateTime.UtcNow), output, table);
    }
}
