using Luoshi.Parsing.Finders;
using Luoshi.Parsing.Tables;

namespace Luoshi.Parsing.Outline;

/// <summary>Task tables in the outline: each numbered row is an item, each numbered group line the item above its rows.</summary>
public static partial class OutlineBuilder
{
    private static void PlaceTable(FlatTable table, List<ItemDraft> chain, List<ItemDraft> items)
    {
        foreach (var entry in table.Entries)
        {
            if (entry.Section is { } section)
            {
                PlaceSection(section, chain, items);
                continue;
            }

            for (var k = 0; k < table.Columns.Count; k++)
            {
                if (table.Columns[k] == ColumnRole.Category && entry.Cells[k] is { } category && OutlineMarkers.TryMatch(category.Text, 0, out _))
                {
                    PlaceSection(category, chain, items);
                }
            }

            if (TableReader.RowNumber(table.Columns, entry.Cells) is { } number)
            {
                PlaceRow(table.Columns, entry.Cells, entry.More, number, chain, items);
            }
            else if (chain.Count > 0 && chain[^1].Table is { } above && RowCells(table.Columns, entry.Cells) is { Count: > 0 } rest)
            {
                AddRowText(table.Columns, entry.Cells, null, chain[^1]); // the rest of the row above
                var last = rest.MaxBy(c => (c.Line, c.End))!;
                chain[^1].Table = above with { RowEnd = (last.Line, last.End) };
            }
        }
    }

    private static void PlaceSection(TableCell cell, List<ItemDraft> chain, List<ItemDraft> items)
    {
        OutlineMarkers.TryMatch(cell.Text, 0, out var marker);
        var item = Place(marker, inline: false, cell.Line, cell.Start, cell.Text[..marker.Length].TrimEnd(), chain, items);
        if (marker.Length < cell.Text.Length)
        {
            item.Segments.Add(new TextSegment(cell.Text[marker.Length..], false, cell.Line, cell.Start + marker.Length, cell.End));
        }
    }

    private static void PlaceRow(IReadOnlyList<ColumnRole> columns, IReadOnlyList<TableCell?> cells, IReadOnlyList<TableCell>? more, string number,
        List<ItemDraft> chain, List<ItemDraft> items)
    {
        var numberCell = Enumerable.Range(0, columns.Count).Where(k => columns[k] == ColumnRole.Number && cells[k]?.Text == number)
            .Select(k => cells[k]).FirstOrDefault();

        // The item is the row: from its first cell to its last, wherever the number is (序号 may be the last column).
        var rowCells = RowCells(columns, cells);
        if (more is not null)
        {
            rowCells.AddRange(more);
        }

        var at = rowCells.MinBy(c => (c.Line, c.Start))!;
        var last = rowCells.MaxBy(c => (c.Line, c.End))!;
        var ordinal = int.Parse(number.AsSpan(0, number.TakeWhile(Text.Chars.IsDigit).Count()), System.Globalization.CultureInfo.InvariantCulture);
        var marker = new Marker(MarkerStyle.TableRow, ordinal, number.Length);
        var item = Place(marker, inline: false, at.Line, at.Start, number, chain, items);
        var units = new List<string>();
        string? deadline = null;
        for (var k = 0; k < columns.Count; k++)
        {
            if (cells[k] is not { } cell)
            {
                continue;
            }

            if (columns[k] == ColumnRole.Units)
            {
                ResponsibleUnitFinder.AddList(cell.Text, units);
            }
            else if (columns[k] == ColumnRole.Deadline)
            {
                deadline ??= cell.Text;
            }
        }

        item.Table = new TableRowFacts(units, deadline, (last.Line, last.End));
        AddRowText(columns, cells, numberCell is null ? number : null, item, more);
    }

    /// <summary>The cells of a row that belong to its item: all but a group cell spanning rows.</summary>
    private static List<TableCell> RowCells(IReadOnlyList<ColumnRole> columns, IReadOnlyList<TableCell?> cells) =>
        Enumerable.Range(0, columns.Count).Where(k => columns[k] != ColumnRole.Category).Select(k => cells[k]).OfType<TableCell>().ToList();

    /// <summary>The row's cells as the item's text: task cells first (the first gives the heading), then the others in order.</summary>
    private static void AddRowText(IReadOnlyList<ColumnRole> columns, IReadOnlyList<TableCell?> cells, string? numberInTask, ItemDraft item,
        IReadOnlyList<TableCell>? more = null)
    {
        var order = Enumerable.Range(0, columns.Count).OrderBy(k => columns[k] == ColumnRole.Task ? 0 : 1).ThenBy(k => k);
        foreach (var k in order)
        {
            if (cells[k] is not { } cell || columns[k] is ColumnRole.Number or ColumnRole.Category)
            {
                continue;
            }

            var skip = numberInTask is not null && columns[k] == ColumnRole.Task && cell.Text.StartsWith(numberInTask, StringComparison.Ordinal)
                ? numberInTask.Length
                : 0;
            numberInTask = skip > 0 ? null : numberInTask;
            var text = cell.Text[skip..].TrimStart();
            if (text.Length > 0)
            {
                var start = cell.End - text.Length;
                item.Segments.Add(new TextSegment(text, false, cell.Line, start, cell.End) { Done = columns[k] == ColumnRole.Progress });
            }

            if (more is not null && columns[k] == ColumnRole.Task)
            {
                foreach (var line in more)
                {
                    item.Segments.Add(new TextSegment(line.Text, false, line.Line, line.Start, line.End)); // the task's text after its title
                }

                more = null;
            }
        }
    }
}
