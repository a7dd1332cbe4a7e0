using System.Globalization;
using System.Text;
using ExcelDataReader;
using Luoshi.Parsing.Finders;
using Luoshi.Parsing.Reading;

namespace Luoshi.Parsing.Tables;

/// <summary>A column of a 分解表 that names a role (<see cref="TableColumns"/>): its header and where it is in the sheet.</summary>
public sealed record WorkbookColumn(string Header, ColumnRole Role, int Index);

/// <summary>What is wrong with a row of a 分解表: its row number as Excel shows it, and the Chinese sentence naming it (<c>第 7 行：…</c>).</summary>
public sealed record RowProblem(int Row, string Text)
{
    public RowProblem(int row, string column, string cell, string wrong)
        : this(row, $"第 {row} 行：{column}“{cell}”{wrong}")
    {
    }
}

/// <summary>A row of a 分解表 under its header: its row number as Excel shows it, and its cells in the order of the columns.</summary>
public sealed record WorkbookRow(int Row, IReadOnlyList<string> Cells, bool IsGroup);

/// <summary>
/// A task table (任务分解表) read from the first sheet of an .xlsx that has a task header row among its first rows:
/// the title above the header, the named columns, and the rows (a merged cell spanning rows counts in each row it covers).
/// <see cref="Text"/> renders it as the table text <see cref="TableReader"/> reads, so the parser makes the plan from it.
/// </summary>
public sealed class TaskWorkbook
{
    /// <summary>How far down a sheet the header row may be.</summary>
    public const int HeaderSearchRows = 20;

    /// <summary>More rows than any 分解表 has.</summary>
    public const int MaxRows = 5_000;

    private const int MaxColumns = 64;
    private const string Empty = "—";
    private static readonly string[] OpenEnded = ["长期", "持续", "常态", "全年", "每月", "每季", "每年", "每学期", "按时", "按要求"];

    private TaskWorkbook(string? title, IReadOnlyList<WorkbookColumn> columns, IReadOnlyList<WorkbookRow> rows)
    {
        Title = title;
        Columns = columns;
        Rows = rows;
        Text = Render();
    }

    public string? Title { get; }

    public IReadOnlyList<WorkbookColumn> Columns { get; }

    public IReadOnlyList<WorkbookRow> Rows { get; }

    /// <summary>The title and the table as text, one row a line, cells between bars; an empty cell is “—”.</summary>
    public string Text { get; }

    static TaskWorkbook() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance); // ExcelDataReader needs the code pages

    /// <summary>Reads the workbook; a file that is not an .xlsx, is hostile, or has no task header throws <see cref="PlanDocumentException"/>.</summary>
    public static TaskWorkbook Read(byte[] content, CancellationToken ct = default)
    {
        if (content.Length < 4 || content[0] != 'P' || content[1] != 'K' || content[2] != 3 || content[3] != 4)
        {
            throw new PlanDocumentException("文件不是有效的 .xlsx 电子表格（不是 Office Open XML 压缩包；设置了打开密码的表格请先取消密码再上传）");
        }

        PackageGuard.Check(content, PackageKind.Xlsx, ct);
        try
        {
            using var reader = ExcelReaderFactory.CreateOpenXmlReader(new MemoryStream(content, writable: false));
            do
            {
                var grid = ReadSheet(reader, ct);
                if (FromGrid(grid) is { } workbook)
                {
                    return workbook;
                }
            }
            while (reader.NextResult());
        }
        catch (Exception e) when (e is not (PlanDocumentException or OperationCanceledException))
        {
            throw new PlanDocumentException("文件不是有效的 .xlsx 电子表格，无法读取", e);
        }

        throw new PlanDocumentException(
            $"表格中没有找到任务分解表的表头：前 {HeaderSearchRows} 行中应有一行列名，如“序号、工作任务、牵头单位、责任单位、完成时限”");
    }

    /// <summary>The plan the parser makes of <see cref="Text"/>, titled by the title above the header.</summary>
    public Model.PlanDocument Parse(string? fileName, ParseOptions options)
    {
        var parsed = PlanParser.Parse(Text, fileName, options);
        return Title is null ? parsed : parsed with { Title = Title };
    }

    /// <summary>Whether a file is read as a 任务分解表 workbook, by its name.</summary>
    public static bool IsWorkbook(string? fileName) => Path.GetExtension(fileName ?? string.Empty).ToLowerInvariant() is ".xlsx" or ".xlsm";

    /// <summary>The problems of each row (no task, a deadline that names no date, a 目标值 that is no number), in Chinese.</summary>
    public List<RowProblem> RowProblems(int? year)
    {
        var problems = new List<RowProblem>();
        foreach (var row in Rows.Where(r => !r.IsGroup))
        {
            if (Columns.Select((c, k) => (c, k)).All(x => x.c.Role != ColumnRole.Task || IsValueColumn(x.c.Header) || row.Cells[x.k].Length == 0))
            {
                problems.Add(new RowProblem(row.Row, $"第 {row.Row} 行：没有工作任务"));
            }

            for (var k = 0; k < Columns.Count; k++)
            {
                var cell = row.Cells[k];
                if (cell.Length == 0)
                {
                    continue;
                }

                if (Columns[k].Role == ColumnRole.Deadline && DeadlineCell.Read(cell, year) is null && !OpenEnded.Any(w => cell.Contains(w, StringComparison.Ordinal)))
                {
                    problems.Add(new RowProblem(row.Row, Columns[k].Header, cell, "不是可识别的日期"));
                }
                else if (IsValueColumn(Columns[k].Header) && !cell.Any(char.IsAsciiDigit) && !cell.Contains("XX", StringComparison.OrdinalIgnoreCase))
                {
                    problems.Add(new RowProblem(row.Row, Columns[k].Header, cell, "不是数字"));
                }
            }
        }

        return problems;
    }

    /// <summary>Each row's unit names, by unit column: (row, column header, name).</summary>
    public IEnumerable<(int Row, string Header, string Name)> UnitNames()
    {
        foreach (var row in Rows.Where(r => !r.IsGroup))
        {
            for (var k = 0; k < Columns.Count; k++)
            {
                if (Columns[k].Role is not (ColumnRole.Units or ColumnRole.Partners) || row.Cells[k].Length == 0)
                {
                    continue;
                }

                var names = new List<string>();
                ResponsibleUnitFinder.AddList(row.Cells[k], names);
                foreach (var name in names.Select(n => n.Trim()).Where(n => n.Length >= 2).Distinct())
                {
                    yield return (row.Row, Columns[k].Header, name);
                }
            }
        }
    }

    private static bool IsValueColumn(string header) => header.Contains("目标值", StringComparison.Ordinal) || header.Contains("指标值", StringComparison.Ordinal);

    private static List<string[]> ReadSheet(IExcelDataReader reader, CancellationToken ct)
    {
        var grid = new List<string[]>();
        while (reader.Read())
        {
            if (grid.Count >= MaxRows)
            {
                throw new PlanDocumentException($"表格超过 {MaxRows:N0} 行，不像任务分解表，请拆分后再上传");
            }

            if ((grid.Count & 0xFF) == 0)
            {
                ct.ThrowIfCancellationRequested();
            }

            var cells = new string[Math.Min(reader.FieldCount, MaxColumns)];
            for (var c = 0; c < cells.Length; c++)
            {
                cells[c] = CellText(reader.GetValue(c));
            }

            grid.Add(cells);
        }

        // A cell merged over rows counts in each row it covers; merged over columns, only in its first column.
        foreach (var range in reader.MergeCells ?? [])
        {
            if (range.FromRow >= grid.Count || range.FromColumn >= MaxColumns)
            {
                continue;
            }

            var text = At(grid, range.FromRow, range.FromColumn);
            for (var r = range.FromRow + 1; r <= Math.Min(range.ToRow, grid.Count - 1); r++)
            {
                if (range.FromColumn < grid[r].Length && grid[r][range.FromColumn].Length == 0)
                {
                    grid[r][range.FromColumn] = text;
                }
            }
        }

        return grid;
    }

    private static string CellText(object? value) => value switch
    {
        null => string.Empty,
        DateTime d => d.ToString("yyyy年M月d日", CultureInfo.InvariantCulture),
        double n => n.ToString("0.##########", CultureInfo.InvariantCulture),
        _ => Clean(Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty),
    };

    /// <summary>A cell as one line of text: line breaks, tabs and bars become spaces.</summary>
    private static string Clean(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            sb.Append(c is '\n' or '\r' or '\t' or '|' or '｜' || char.IsControl(c) ? ' ' : c);
        }

        return sb.ToString().Trim();
    }

    private static string At(List<string[]> grid, int row, int column) => column < grid[row].Length ? grid[row][column] : string.Empty;

    /// <summary>The task table of a sheet: its header among the first rows, the title above it, the rows below it.</summary>
    private static TaskWorkbook? FromGrid(List<string[]> grid)
    {
        for (var h = 0; h < Math.Min(HeaderSearchRows, grid.Count); h++)
        {
            var columns = new List<WorkbookColumn>();
            for (var c = 0; c < grid[h].Length; c++)
            {
                if (grid[h][c].Length > 0 && TableColumns.Classify(grid[h][c]) is { } role)
                {
                    columns.Add(new WorkbookColumn(grid[h][c].Replace(" ", string.Empty, StringComparison.Ordinal), role, c));
                }
            }

            if (!TableColumns.IsTaskHeader(columns.Select(c => c.Role).ToList()))
            {
                continue;
            }

            var title = Enumerable.Range(0, h).Reverse().Select(r => grid[r].FirstOrDefault(x => x.Length > 0)).FirstOrDefault(t => t is not null);
            var rows = new List<WorkbookRow>();
            for (var r = h + 1; r < grid.Count; r++)
            {
                var cells = columns.Select(c => At(grid, r, c.Index)).ToArray();
                var filled = grid[r].Where(x => x.Length > 0).Distinct().ToList();
                if (filled.Count == 0)
                {
                    continue;
                }

                var group = filled.Count == 1 && Outline.OutlineMarkers.TryMatch(filled[0], 0, out var marker)
                    && marker.Style is Outline.MarkerStyle.ChineseComma or Outline.MarkerStyle.ChineseParen;
                rows.Add(new WorkbookRow(r + 1, group ? [filled[0]] : cells, group));
            }

            return new TaskWorkbook(title, columns, rows);
        }

        return null;
    }

    private string Render()
    {
        var sb = new StringBuilder();
        if (Title is not null)
        {
            sb.Append(Title).Append("\n\n");
        }

        var number = Columns.Any(c => c.Role == ColumnRole.Number);
        sb.Append(number ? "| " : "| 序号 | ").AppendJoin(" | ", Columns.Select(c => c.Header)).Append(" |\n");
        var ordinal = 0;
        WorkbookRow? above = null;
        foreach (var row in Rows)
        {
            if (row.IsGroup)
            {
                sb.Append("| ").Append(row.Cells[0]).Append(" |\n");
                above = null;
                continue;
            }

            ordinal++;
            sb.Append(number ? "| " : $"| {ordinal} | ");
            for (var k = 0; k < Columns.Count; k++)
            {
                // A group cell merged over rows opens its group once: the rows below it belong to it.
                var cell = Columns[k].Role == ColumnRole.Category && above?.Cells[k] == row.Cells[k] ? string.Empty : row.Cells[k];
                sb.Append(cell.Length > 0 ? cell
                    : Columns[k].Role == ColumnRole.Number ? ordinal.ToString(CultureInfo.InvariantCulture)
                    : Empty).Append(" | ");
            }

            sb.Length--;
            sb.Append('\n');
            above = row;
        }

        return sb.ToString();
    }
}
