namespace Luoshi.Parsing.Tables;

/// <summary>One cell of a flattened table: its text and where it is, line <see cref="Line"/>'s characters [Start, End).</summary>
public sealed record TableCell(string Text, int Line, int Start, int End);

/// <summary>
/// A row of a task table, its cells in the order of <see cref="FlatTable.Columns"/> (null where the row has no cell: a
/// merged cell above, or a row cut short); or, with <see cref="Section"/>, a numbered line between rows (一、…) that groups them.
/// </summary>
/// <see cref="More"/> holds the lines of a task cell written over two lines (a title, then its text), after the task cell.
public sealed record TableEntry(IReadOnlyList<TableCell?> Cells, TableCell? Section = null, IReadOnlyList<TableCell>? More = null);

/// <summary>A task table read from flattened text: the roles of its columns, its rows, and the line after it.</summary>
public sealed record FlatTable(IReadOnlyList<ColumnRole> Columns, IReadOnlyList<TableEntry> Entries, int FirstLine, int EndLine);

/// <summary>
/// What a table row says beyond its text: the units of its unit columns, the text of its deadline column, and where its
/// last cell ends (line, character), which is where the item ends.
/// </summary>
public sealed record TableRowFacts(IReadOnlyList<string> Units, string? DeadlineText, (int Line, int End) RowEnd);
