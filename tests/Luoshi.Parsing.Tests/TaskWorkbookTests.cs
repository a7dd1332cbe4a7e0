using Luoshi.Parsing.Model;
using Luoshi.Parsing.Tables;
using Luoshi.Tests.Shared;

namespace Luoshi.Parsing.Tests;

/// <summary>A bureau's 任务分解表 as an .xlsx reads into the same plan the parser makes from a table in a document.</summary>
public sealed class TaskWorkbookTests
{
    [Fact]
    public void A_titled_workbook_with_group_rows_becomes_headings_and_items_with_units_deadlines_and_targets()
    {
        var workbook = TaskWorkbook.Read(TaskWorkbooks.TitledWithGroups());
        Assert.Equal("江州市2026年教育工作要点任务分解表", workbook.Title);
        var plan = workbook.Parse("分解表.xlsx", ParseOptions.Unlimited);
        Assert.Equal("江州市2026年教育工作要点任务分解表", plan.Title);
        Assert.Equal(2026, plan.Year);
        Assert.Equal(["一、", "1", "2", "二、", "3"], plan.Items.Select(i => i.Marker.Trim()).ToArray());
        var one = plan.Items[1];
        Assert.Equal(plan.Items[0].Id, one.Parent);
        Assert.True(one.Level > plan.Items[0].Level);
        Assert.StartsWith("推进集团化办学", one.Heading);
        Assert.Equal(["基础教育处", "江东区", "城南区"], one.Responsible);
        Assert.Equal(new DateOnly(2026, 6, 30), one.Deadline?.Date);
        Assert.Contains(one.Quantities, q => q.Kind == QuantityKind.Target && q.Value == 10);
        Assert.Equal(new DateOnly(2026, 9, 30), plan.Items[2].Deadline?.Date);
        Assert.Equal(new DateOnly(2026, 11, 30), plan.Items[4].Deadline?.Date);
        Assert.Equal(plan.Items[3].Id, plan.Items[4].Parent);
        Assert.Empty(workbook.RowProblems(2026));
    }

    [Fact]
    public void Columns_in_any_order_and_a_merged_group_column_apply_to_each_row_they_cover()
    {
        var workbook = TaskWorkbook.Read(TaskWorkbooks.MergedGroupColumn());
        var plan = PlanParser.Parse(workbook.Text);
        var rows = plan.Items.Where(i => i.Marker.Trim() is "1" or "2" or "3").ToList();
        Assert.Equal(3, rows.Count);
        var group = plan.Items.Single(i => i.Marker.Trim() == "一、");
        Assert.Equal(group.Id, rows[0].Parent);
        Assert.Equal(group.Id, rows[1].Parent); // the merged 类别 cell covers row 2 too
        Assert.Equal(["城南区", "教育信息化处"], rows[1].Responsible.Order(StringComparer.Ordinal).ToArray());
        Assert.Equal(new DateOnly(2026, 10, 31), rows[1].Deadline?.Date);
        Assert.StartsWith("建设智慧校园示范校", rows[0].Heading);
        Assert.Contains(workbook.Rows, r => r.Row == 3 && r.Cells.Contains("一、教育信息化"));
    }

    [Fact]
    public void Bad_rows_are_each_named_by_their_row_number()
    {
        var workbook = TaskWorkbook.Read(TaskWorkbooks.Xlsx(
        [
            ["序号", "工作任务", "目标值", "牵头单位", "完成时限"],
            [1, "推进集团化办学", "10", "基础教育处", "2026年6月底前"],
            [2, null, "20", "基础教育处", "2026年6月底前"],
            [3, "扩大学位供给", "很多", "基础教育处", "尽快"],
        ]));
        var problems = workbook.RowProblems(2026).Select(p => p.Text).ToList();
        Assert.Equal(3, problems.Count);
        Assert.Contains("第 3 行：没有工作任务", problems);
        Assert.Contains("第 4 行：目标值“很多”不是数字", problems);
        Assert.Contains("第 4 行：完成时限“尽快”不是可识别的日期", problems);
    }

    [Fact]
    public void A_workbook_without_a_task_header_or_not_a_workbook_is_refused_in_Chinese()
    {
        var none = Assert.Throws<PlanDocumentException>(() => TaskWorkbook.Read(TaskWorkbooks.Xlsx([["姓名", "电话"], ["张三", "123"]])));
        Assert.Contains("没有找到任务分解表的表头", none.Message);
        var text = Assert.Throws<PlanDocumentException>(() => TaskWorkbook.Read("序号,工作任务"u8.ToArray()));
        Assert.Contains("不是有效的 .xlsx 电子表格", text.Message);
    }
}
