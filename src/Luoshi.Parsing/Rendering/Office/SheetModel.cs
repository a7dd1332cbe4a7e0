using System.Globalization;

namespace Luoshi.Parsing.Rendering.Office;

/// <summary>What a cell holds: text, a number, a date (shown <c>2026年12月31日</c>) or a percentage.</summary>
public enum CellKind
{
    Text,
    Number,
    Date,
    Percent,
}

/// <summary>One typed cell of a table; an empty text cell when there is nothing to show.</summary>
public readonly record struct SheetCell(CellKind Kind, string Text, double Number, DateOnly Date)
{
    public static readonly SheetCell Empty = new(CellKind.Text, "", 0, default);

    public static SheetCell Of(string? text) => new(CellKind.Text, Clean(text ?? ""), 0, default);

    public static SheetCell Of(double number) => new(CellKind.Number, "", number, default);

    public static SheetCell Of(DateOnly? date) => date is { } d ? new(CellKind.Date, "", 0, d) : Empty;

    /// <summary>A percentage given in percent (60 → 60%).</summary>
    public static SheetCell Percent(double percent) => new(CellKind.Percent, "", percent / 100, default);

    public static implicit operator SheetCell(string? text) => Of(text);

    /// <summary>The text a reader sees in the cell, as printed.</summary>
    public string Display => Kind switch
    {
        CellKind.Date => DateText(Date),
        CellKind.Percent => (Number * 100).ToString("0.##", CultureInfo.InvariantCulture) + "%",
        CellKind.Number => Number.ToString("0.####", CultureInfo.InvariantCulture),
        _ => Text,
    };

    /// <summary>A date as Chinese documents write it: <c>2026年12月31日</c>.</summary>
    public static string DateText(DateOnly date) => $"{date.Year}年{date.Month}月{date.Day}日";

    /// <summary>XML cannot carry control characters; a spreadsheet cell holds at most 32,767 characters.</summary>
    private static string Clean(string text)
    {
        var s = text.Any(c => char.IsControl(c) && c is not '\n' and not '\t')
            ? new string(text.Where(c => c is '\n' or '\t' || !char.IsControl(c)).ToArray())
            : text;
        return s.Length > 32000 ? s[..32000] : s;
    }
}

/// <summary>A column: its header and its width in characters of the sheet's font (a Chinese character takes about two).</summary>
public sealed record SheetColumn(string Header, double Width);

/// <summary>A row of cells; an emphasised row (an outline heading) is printed in bold.</summary>
public sealed record SheetRow(IReadOnlyList<SheetCell> Cells, bool Emphasis = false);

/// <summary>
/// One table, written as a worksheet or as a Word table: an optional title and a line under it (such as
/// <c>截至 2026年11月28日 · 基础教育处</c>), a header row, the rows. A printed table is landscape A4, fitted to the page's
/// width, its header repeated on every page.
/// </summary>
public sealed record SheetTable(string Name, IReadOnlyList<SheetColumn> Columns, IReadOnlyList<SheetRow> Rows)
{
    public string? Title { get; init; }

    public string? Subtitle { get; init; }

    /// <summary>Landscape A4, fitted to width, header repeated, page numbers in the footer.</summary>
    public bool Printed { get; init; }

    /// <summary>A filter on the header (for sheets people sort and filter).</summary>
    public bool Filter { get; init; }

    /// <summary>The rows above the header (title and subtitle).</summary>
    public int HeaderRow => 1 + (Title is null ? 0 : 1) + (Subtitle is null ? 0 : 1);
}

/// <summary>The document's properties (File → Properties): title, author, organisation, when it was made.</summary>
public sealed record DocumentInfo(string Title, string Creator, string? Company, DateTime CreatedUtc)
{
    /// <summary>Writes the properties into a new package (workbook or Word document).</summary>
    public void WriteTo(DocumentFormat.OpenXml.Packaging.OpenXmlPackage package, DocumentFormat.OpenXml.Packaging.ExtendedFilePropertiesPart extended)
    {
        var core = package.PackageProperties;
        core.Title = Title;
        core.Creator = Creator;
        core.LastModifiedBy = Creator;
        core.Created = CreatedUtc;
        core.Modified = CreatedUtc;
        extended.Properties = new DocumentFormat.OpenXml.ExtendedProperties.Properties(new DocumentFormat.OpenXml.ExtendedProperties.Application("落实 Luoshi"));
        if (!string.IsNullOrEmpty(Company)) extended.Properties.Append(new DocumentFormat.OpenXml.ExtendedProperties.Company(Company));
    }
}
