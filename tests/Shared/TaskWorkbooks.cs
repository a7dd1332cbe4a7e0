using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Luoshi.Tests.Shared;

/// <summary>
/// Writes real .xlsx files as bureaus keep their 任务分解表: rows of cells (text, a number, or a real Excel date) and
/// merged ranges such as <c>A3:A5</c>.
/// </summary>
public static class TaskWorkbooks
{
    /// <summary>A title above the header, group rows (一、…) merged across, 序号 first, a real Excel date and a text deadline.</summary>
    public static byte[] TitledWithGroups() => Xlsx(
    [
        ["江州市2026年教育工作要点任务分解表"],
        [],
        ["序号", "工作任务", "目标", "牵头单位", "责任单位", "完成时限"],
        ["一、深化基础教育改革"],
        [1, "推进集团化办学", "新增教育集团10个", "基础教育处", "江东区、城南区", new DateOnly(2026, 6, 30)],
        [2, "扩大学前教育资源", "新增公办幼儿园学位3000个", "学前教育处", "城北区", "2026年9月底前"],
        ["二、加强教师队伍建设"],
        [3, "开展校长职级制改革", null, "组织人事处", "临湖区", "11月30日"],
    ], "A1:F1", "A4:F4", "A7:F7");

    /// <summary>Columns in another order, a 类别 column merged over its rows, no title.</summary>
    public static byte[] MergedGroupColumn() => Xlsx(
    [
        ["完成时限", "责任单位", "类别", "工作任务", "牵头单位", "序号"],
        ["2026年6月底前", "江东区", "一、教育信息化", "建设智慧校园示范校", "教育信息化处", 1],
        [new DateOnly(2026, 10, 31), "城南区", null, "推进数字教材应用", "教育信息化处", 2],
        ["2026年12月底前", "白沙县", "二、安全稳定", "开展校园安全专项整治", "安全稳定处", 3],
    ], "C2:C3");

    public static byte[] Xlsx(IReadOnlyList<object?[]> rows, params string[] merges)
    {
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new Workbook();
            var styles = workbook.AddNewPart<WorkbookStylesPart>();
            styles.Stylesheet = new Stylesheet(
                new Fonts(new Font()),
                new Fills(new Fill(new PatternFill { PatternType = PatternValues.None }), new Fill(new PatternFill { PatternType = PatternValues.Gray125 })),
                new Borders(new Border()),
                new CellFormats(new CellFormat(), new CellFormat { NumberFormatId = 14, ApplyNumberFormat = true }));
            var sheetPart = workbook.AddNewPart<WorksheetPart>();
            var data = new SheetData();
            for (var r = 0; r < rows.Count; r++)
            {
                var row = new Row { RowIndex = (uint)(r + 1) };
                for (var c = 0; c < rows[r].Length; c++)
                {
                    var reference = $"{(char)('A' + c)}{r + 1}";
                    switch (rows[r][c])
                    {
                        case null:
                            break;
                        case DateOnly d:
                            row.Append(new Cell { CellReference = reference, StyleIndex = 1, CellValue = new CellValue(d.ToDateTime(TimeOnly.MinValue).ToOADate().ToString(System.Globalization.CultureInfo.InvariantCulture)) });
                            break;
                        case int n:
                            row.Append(new Cell { CellReference = reference, CellValue = new CellValue(n.ToString(System.Globalization.CultureInfo.InvariantCulture)) });
                            break;
                        case var text:
                            row.Append(new Cell { CellReference = reference, DataType = CellValues.InlineString, InlineString = new InlineString(new Text(text.ToString()!)) });
                            break;
                    }
                }

                data.Append(row);
            }

            var worksheet = new Worksheet(data);
            if (merges.Length > 0)
            {
                worksheet.Append(new MergeCells(merges.Select(m => new MergeCell { Reference = m })));
            }

            sheetPart.Worksheet = worksheet;
            workbook.Workbook.AppendChild(new Sheets(new Sheet { Id = workbook.GetIdOfPart(sheetPart), SheetId = 1, Name = "任务分解表" }));
        }

        return stream.ToArray();
    }
}
