using System.Globalization;
using System.Text;
using ExcelDataReader;

namespace Luoshi.Application.Calendar;

/// <summary>
/// Reads the rows of an imported calendar: a .csv (UTF-8, comma-separated) or an .xlsx (its first sheet), three columns
/// 日期、上班/放假、名称, with or without that header row; blank rows are skipped. Row numbers are those a spreadsheet shows.
/// </summary>
public static class CalendarFile
{
    public const long MaxBytes = 2 * 1024 * 1024;

    public static readonly string[] Header = ["日期", "上班/放假", "名称"];

    static CalendarFile() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    /// <summary>The rows, or null when the file is neither CSV nor a readable workbook.</summary>
    public static List<CalendarRow>? Read(Stream file, string fileName)
    {
        var extension = Path.GetExtension(fileName).ToLowerInvariant();
        try
        {
            var table = extension switch
            {
                ".csv" or ".txt" => ReadCsv(file),
                ".xlsx" => ReadXlsx(file),
                _ => null,
            };
            return table is null ? null : Rows(table);
        }
        catch (Exception e) when (e is InvalidDataException or ExcelDataReader.Exceptions.ExcelReaderException or IOException or ArgumentException)
        {
            return null;
        }
    }

    private static List<CalendarRow> Rows(List<string[]> table)
    {
        var rows = new List<CalendarRow>();
        for (var i = 0; i < table.Count; i++)
        {
            var cells = table[i];
            string Cell(int c) => c < cells.Length ? cells[c].Trim() : "";
            if (Enumerable.Range(0, 3).All(c => Cell(c).Length == 0)) continue;
            if (i == 0 && Cell(0) == Header[0]) continue;
            rows.Add(new CalendarRow(i + 1, Cell(0), Cell(1), Cell(2)));
        }
        return rows;
    }

    private static List<string[]> ReadCsv(Stream file)
    {
        using var reader = new StreamReader(file, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        var table = new List<string[]>();
        while (reader.ReadLine() is { } line)
            table.Add(line.Split(',').Select(c => c.Trim().Trim('"')).ToArray());
        return table;
    }

    private static List<string[]> ReadXlsx(Stream file)
    {
        using var reader = ExcelReaderFactory.CreateOpenXmlReader(file);
        var table = new List<string[]>();
        while (reader.Read())
        {
            var cells = new string[reader.FieldCount];
            for (var c = 0; c < cells.Length; c++)
                cells[c] = reader.GetValue(c) switch
                {
                    DateTime d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                    var v => Convert.ToString(v, CultureInfo.InvariantCulture) ?? "",
                };
            table.Add(cells);
        }
        return table;
    }
}
