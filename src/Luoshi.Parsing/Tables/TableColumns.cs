namespace Luoshi.Parsing.Tables;

/// <summary>What a column of a task table holds, read from its header.</summary>
public enum ColumnRole
{
    /// <summary>序号, 编号: the row's number, which makes the row an item.</summary>
    Number,

    /// <summary>类别, 领域: a group that spans rows (一、教育文化), an item above them when it is numbered.</summary>
    Category,

    /// <summary>工作任务, 目标, 民生事项名称: the task's text; the first one gives the heading.</summary>
    Task,

    /// <summary>牵头单位, 责任单位, 责任科室, 责任主体, 承办科室: the responsible units.</summary>
    Units,

    /// <summary>配合单位, 协同配合单位: units that help, not responsible ones.</summary>
    Partners,

    /// <summary>完成时限, 完成时间: the deadline.</summary>
    Deadline,

    /// <summary>完成情况, 进展, 成效: what has been done so far, whose figures are achievements.</summary>
    Progress,

    /// <summary>A known column that the plan does not use: 分管领导, 责任人, 备注, 监督电话.</summary>
    Other,
}

/// <summary>Reads a header cell as a column role; an unknown cell is not a header.</summary>
public static class TableColumns
{
    /// <summary>The longest header cell: header cells are names, not sentences.</summary>
    public const int MaxHeaderLength = 16;

    private static readonly string[] NumberNames = ["序号", "编号", "序", "No.", "NO."];
    private static readonly System.Buffers.SearchValues<char> NumberNameStarts = System.Buffers.SearchValues.Create("序编N");
    private static readonly string[] CategoryNames = ["类别", "类型", "分类", "领域", "板块", "项目类别"];
    private static readonly string[] PartnerWords = ["配合", "协同", "协办", "参与", "协助"];
    private static readonly string[] OtherWords = ["领导", "责任人", "联系人", "负责人", "备注", "电话", "说明", "分值", "联系方式"];
    private static readonly string[] UnitWords = ["单位", "科室", "处室", "部门", "股室", "牵头", "责任主体", "承办"];
    private static readonly string[] DeadlineWords = ["时限", "完成时间", "时间节点", "截止时间", "完成期限", "进度安排", "时间安排", "完成时段"];
    private static readonly string[] ProgressWords = ["完成情况", "进展", "成效", "进度情况", "落实情况"];
    private static readonly string[] TaskWords = ["任务", "事项", "内容", "目标", "措施", "工作", "项目", "举措"];

    /// <summary>The role of a header cell (spaces inside it are ignored: <c>分 管 县领导</c>), or null when it names no column.</summary>
    public static ColumnRole? Classify(string cell)
    {
        var name = cell.Replace(" ", string.Empty, StringComparison.Ordinal).Replace("\u3000", string.Empty, StringComparison.Ordinal);
        if (name.Length == 0 || name.Length > MaxHeaderLength || name.Any(c => c is '。' or '，' or '；' or ',' or ';')
            || Outline.OutlineMarkers.StartsWithMarker(name))
        {
            return null;
        }

        if (NumberNames.Contains(name))
        {
            return ColumnRole.Number;
        }

        if (CategoryNames.Contains(name))
        {
            return ColumnRole.Category;
        }

        return Has(name, PartnerWords) ? ColumnRole.Partners
            : Has(name, OtherWords) ? ColumnRole.Other
            : Has(name, DeadlineWords) ? ColumnRole.Deadline
            : Has(name, ProgressWords) ? ColumnRole.Progress
            : Has(name, UnitWords) ? ColumnRole.Units
            : Has(name, TaskWords) ? ColumnRole.Task
            : null;
    }

    /// <summary>
    /// Whether <paramref name="line"/> could be a 序号 header cell: it holds one of the characters every number column's name
    /// starts with. A quick test that spares the work of <see cref="Classify"/> for the lines of prose.
    /// </summary>
    public static bool MayNameNumber(string line) => line.AsSpan().ContainsAny(NumberNameStarts);

    /// <summary>A header names a task table when it has a task column and a column of units or deadlines.</summary>
    public static bool IsTaskHeader(IReadOnlyList<ColumnRole> columns) =>
        columns.Count >= 3 && columns.Contains(ColumnRole.Task) && (columns.Contains(ColumnRole.Units) || columns.Contains(ColumnRole.Deadline));

    /// <summary>
    /// A task table's header row whose cells ran together on one line (实事内容工作任务责任单位进展情况): the line splits
    /// into three or more header names, among them a task column and a column of units, deadlines or progress.
    /// </summary>
    public static bool IsGluedHeader(string line)
    {
        if (line.Length is < 8 or > 48 || !line.All(Text.Chars.IsCjk))
        {
            return false;
        }

        // reach[k]: the roles of some split of line[..k] into header names (bit per role), or -1 when none splits so.
        var reach = new int[line.Length + 1];
        var pieces = new int[line.Length + 1];
        Array.Fill(reach, -1);
        reach[0] = 0;
        for (var k = 0; k < line.Length; k++)
        {
            if (reach[k] < 0)
            {
                continue;
            }

            for (var len = 2; len <= 6 && k + len <= line.Length; len++)
            {
                if (Classify(line.Substring(k, len)) is { } role && (reach[k + len] < 0 || pieces[k] + 1 > pieces[k + len]))
                {
                    reach[k + len] = reach[k] | (1 << (int)role);
                    pieces[k + len] = pieces[k] + 1;
                }
            }
        }

        var roles = reach[line.Length];
        const int task = 1 << (int)ColumnRole.Task;
        const int named = (1 << (int)ColumnRole.Units) | (1 << (int)ColumnRole.Deadline) | (1 << (int)ColumnRole.Progress);
        return roles >= 0 && pieces[line.Length] >= 3 && (roles & task) != 0 && (roles & named) != 0;
    }

    private static bool Has(string name, string[] words) => words.Any(w => name.Contains(w, StringComparison.Ordinal));
}
