using Luoshi.Parsing.Outline;
using Luoshi.Parsing.Text;

namespace Luoshi.Parsing.Tables;

/// <summary>
/// Reads a task table that was flattened to text, in the two shapes copies take: one row per line with the cells
/// separated by tabs (a .docx table) or by <c>|</c> (a web page), or one cell per line (a web page's table copied as
/// text), where each row starts with its number. The header row names the columns (序号/工作任务/目标/牵头单位/
/// 责任单位/配合单位/完成时限 …, in any order; <see cref="TableColumns"/>). Lines before the table are never read.
/// </summary>
public static class TableReader
{
    private const int MaxNumberDigits = 3;

    /// <summary>More columns than any task table has: a longer run of names or cells is read no further.</summary>
    private const int MaxColumns = 24;

    /// <summary>
    /// The lines of <paramref name="lines"/> that belong to a task table (header and rows), read as the outline will read
    /// them: without the lines already <paramref name="removed"/> and the blank ones.
    /// </summary>
    public static bool[] Find(IReadOnlyList<string> lines, bool[] removed)
    {
        var kept = new List<int>(lines.Count);
        for (var i = 0; i < lines.Count; i++)
        {
            if (!removed[i] && lines[i].Length > 0)
            {
                kept.Add(i);
            }
        }

        var text = kept.Select(i => lines[i]).ToList();
        var inTable = new bool[lines.Count];
        for (var i = 0; i < text.Count; i++)
        {
            if (TryRead(text, i, out var table))
            {
                for (var k = table.FirstLine; k < table.EndLine; k++)
                {
                    inTable[kept[k]] = true;
                }

                i = table.EndLine - 1;
            }
        }

        return inTable;
    }

    /// <summary>Reads the task table whose header starts at line <paramref name="start"/>, if one does.</summary>
    public static bool TryRead(IReadOnlyList<string> lines, int start, out FlatTable table)
    {
        table = null!;
        var line = lines[start];
        if (line.Length == 0)
        {
            return false;
        }

        return (Separator(line) is { } separator && TryReadRows(lines, start, separator, out table))
            || (line.Length <= TableColumns.MaxHeaderLength + 2 && TableColumns.MayNameNumber(line) && TryReadCellLines(lines, start, out table));
    }

    private static readonly System.Buffers.SearchValues<char> Separators = System.Buffers.SearchValues.Create("\t|｜");

    private static char? Separator(string line) =>
        !line.AsSpan().ContainsAny(Separators) ? null
        : line.Contains('\t', StringComparison.Ordinal) ? '\t'
        : line.Contains('|', StringComparison.Ordinal) ? '|'
        : '｜';

    /// <summary>One row per line: <c>序号\t工作任务\t牵头单位</c> or <c>序号 | 工作任务 | 牵头单位 |</c>.</summary>
    private static bool TryReadRows(IReadOnlyList<string> lines, int start, char separator, out FlatTable table)
    {
        table = null!;
        if (lines[start].AsSpan().Count(separator) > MaxColumns)
        {
            return false;
        }

        var header = Split(lines[start], start, separator);
        if (header.Count < 3 || header.Any(c => c.Text.Length == 0))
        {
            return false;
        }

        var columns = new List<ColumnRole>(header.Count);
        foreach (var cell in header)
        {
            if (TableColumns.Classify(cell.Text) is not { } role)
            {
                return false;
            }

            columns.Add(role);
        }

        if (!TableColumns.IsTaskHeader(columns))
        {
            return false;
        }

        var entries = new List<TableEntry>();
        var end = start + 1;
        for (; end < lines.Count && lines[end].Contains(separator, StringComparison.Ordinal); end++)
        {
            var cells = Split(lines[end], end, separator);
            if (cells.All(c => c.Text.Trim('-', ':', '：', ' ').Length == 0))
            {
                continue; // a Markdown rule under the header
            }

            var filled = cells.Where(c => c.Text.Length > 0).ToList();
            if (filled.Count == 1 && IsSectionLine(filled[0].Text))
            {
                entries.Add(new TableEntry([], filled[0]));
                continue;
            }

            var aligned = Align(cells, columns.Count);
            if (RowNumber(columns, aligned) is null && !(entries.Count > 0 && cells.Count == columns.Count))
            {
                break; // neither a numbered row nor the rest of one: the table is over
            }

            entries.Add(new TableEntry(aligned));
        }

        table = new FlatTable(columns, entries, start, end);
        return entries.Count > 0;
    }

    /// <summary>
    /// One cell per line: the header's names on consecutive lines (序号 first), then each row's number on a line of its
    /// own and its cells on the lines after it; numbered lines between rows (一、…) group them.
    /// </summary>
    private static bool TryReadCellLines(IReadOnlyList<string> lines, int start, out FlatTable table)
    {
        table = null!;
        var columns = new List<ColumnRole>();
        var i = start;
        while (i < lines.Count && columns.Count < MaxColumns && TableColumns.Classify(StripBars(lines[i]).Text) is { } role)
        {
            if (columns.Count == 0 && role != ColumnRole.Number)
            {
                return false;
            }

            columns.Add(role);
            i++;
        }

        if (!TableColumns.IsTaskHeader(columns))
        {
            return false;
        }

        var entries = new List<TableEntry>();
        while (i < lines.Count)
        {
            var cell = Cell(lines, i);
            if (IsSectionLine(cell.Text))
            {
                entries.Add(new TableEntry([], cell));
                i++;
                continue;
            }

            if (!IsNumber(cell.Text))
            {
                break;
            }

            var cells = new TableCell?[columns.Count];
            List<TableCell>? more = null;
            cells[0] = cell;
            i++;
            for (var k = 1; k < columns.Count && i < lines.Count; k++, i++)
            {
                var next = Cell(lines, i);
                if (IsNumber(next.Text) || IsSectionLine(next.Text))
                {
                    break;
                }

                if (k > 1 && columns[k] is ColumnRole.Units or ColumnRole.Partners && columns[k - 1] == ColumnRole.Task && IsTaskProse(next.Text))
                {
                    (more ??= []).Add(next); // 联动共建科学城 / 推动…引进8家…: a task cell written as a title and its text
                    k--;
                    continue;
                }

                cells[k] = next;
            }

            entries.Add(new TableEntry(cells, null, more));
        }

        table = new FlatTable(columns, entries, start, i);
        return entries.Any(e => e.Section is null);
    }

    /// <summary>The number that makes a row an item: its 序号 cell, else a marker opening its first task cell (<c>14.改扩建…</c>).</summary>
    public static string? RowNumber(IReadOnlyList<ColumnRole> columns, IReadOnlyList<TableCell?> cells)
    {
        for (var k = 0; k < columns.Count; k++)
        {
            if (columns[k] == ColumnRole.Number && cells[k] is { } number && IsNumber(number.Text))
            {
                return number.Text;
            }
        }

        var task = FirstTask(columns, cells);
        return task is not null && OutlineMarkers.TryMatch(task.Text, 0, out var marker) && marker.Style is MarkerStyle.ArabicDot
            ? task.Text[..marker.Length].TrimEnd()
            : null;
    }

    public static TableCell? FirstTask(IReadOnlyList<ColumnRole> columns, IReadOnlyList<TableCell?> cells)
    {
        for (var k = 0; k < columns.Count; k++)
        {
            if (columns[k] == ColumnRole.Task && cells[k] is { Text.Length: > 0 } task)
            {
                return task;
            }
        }

        return null;
    }

    /// <summary>Verbs that open a task's text; no unit's name opens with one.</summary>
    private static readonly string[] TaskVerbs = ["推动", "推进", "加快", "实施", "完成", "开展", "建设", "引进", "落实", "深化", "加强", "提升", "新建", "启动", "持续", "全面", "积极", "大力", "进一步"];

    /// <summary>A line that reads as a task's text, not as the names of units: it holds a figure or opens with a verb.</summary>
    private static bool IsTaskProse(string text)
    {
        if (text.AsSpan().IndexOfAnyInRange('0', '9') >= 0)
        {
            return true;
        }

        return WordAt.StartsWithAny(text, TaskVerbs);
    }

    /// <summary>1, 12, 123, 1. or 1、: a row's number written alone.</summary>
    public static bool IsNumber(string text)
    {
        var digits = 0;
        while (digits < text.Length && Chars.IsDigit(text[digits]))
        {
            digits++;
        }

        return digits is >= 1 and <= MaxNumberDigits
            && (digits == text.Length || (digits == text.Length - 1 && (Chars.IsDot(text[^1]) || text[^1] == '、')));
    }

    /// <summary>A line that opens a group of rows: 一、… or （一）… with text after the marker.</summary>
    private static bool IsSectionLine(string text) =>
        OutlineMarkers.TryMatch(text, 0, out var marker) && marker.Style is MarkerStyle.ChineseComma or MarkerStyle.ChineseParen
            && marker.Length < text.Length;

    /// <summary>Cells matched to columns; a row with fewer cells lost its first ones to cells merged from the rows above.</summary>
    private static TableCell?[] Align(List<TableCell> cells, int columns)
    {
        var aligned = new TableCell?[columns];
        var shift = Math.Max(0, columns - cells.Count);
        for (var k = 0; k + shift < columns && k < cells.Count; k++)
        {
            aligned[k + shift] = cells[k].Text.Length > 0 ? cells[k] : null;
        }

        return aligned;
    }

    /// <summary>The cells of a row, trimmed, with their places in the line; a separator closing or opening the line adds no cell.</summary>
    private static List<TableCell> Split(string line, int lineIndex, char separator)
    {
        var cells = new List<TableCell>();
        var from = 0;
        for (var i = 0; i <= line.Length; i++)
        {
            if (i < line.Length && line[i] != separator)
            {
                continue;
            }

            var a = from;
            var b = i;
            while (a < b && Chars.IsSpace(line[a]))
            {
                a++;
            }

            while (b > a && Chars.IsSpace(line[b - 1]))
            {
                b--;
            }

            cells.Add(new TableCell(line[a..b], lineIndex, a, b));
            from = i + 1;
        }

        if (separator != '\t')
        {
            if (cells.Count > 0 && cells[0].Text.Length == 0 && line.TrimStart().StartsWith(separator))
            {
                cells.RemoveAt(0);
            }
        }

        while (cells.Count > 0 && cells[^1].Text.Length == 0)
        {
            cells.RemoveAt(cells.Count - 1);
        }

        return cells;
    }

    private static TableCell Cell(IReadOnlyList<string> lines, int i)
    {
        var (text, start) = StripBars(lines[i]);
        return new TableCell(text, i, start, start + text.Length);
    }

    /// <summary>A cell line without the bars and spaces around it (<c>80 |</c> → <c>80</c>).</summary>
    private static (string Text, int Start) StripBars(string line)
    {
        var a = 0;
        var b = line.Length;
        while (a < b && (Chars.IsSpace(line[a]) || line[a] is '|' or '｜'))
        {
            a++;
        }

        while (b > a && (Chars.IsSpace(line[b - 1]) || line[b - 1] is '|' or '｜'))
        {
            b--;
        }

        return (line[a..b], a);
    }
}
