using System.Text;
using ExcelDataReader;
using Luoshi.Application.Access;
using Luoshi.Domain.Data;
using Luoshi.Parsing.Rendering.Office;
using Microsoft.EntityFrameworkCore;

namespace Luoshi.Application.Data;

/// <summary>
/// Importing a data set's values from .xlsx or .csv in the set's template: columns 单位代码, 报告期, then one column per
/// element (and option), headed “名称[代码]” or “名称·选项[代码.选项]”; a row is one unit and period, an empty cell no value.
/// Every value is checked by <see cref="DataEntry"/>'s rules; the file is stored whole or not at all, and a refused file
/// lists every bad row (by the row number the spreadsheet shows) and why.
/// </summary>
public sealed class DataImport(LuoshiDb db, DataEntry entry, DataForms forms, ValidationRules rules)
{
    public const long MaxBytes = 10 * 1024 * 1024;
    public const int MaxRows = 50_000;
    public const string UnitColumn = "单位代码";
    public const string PeriodColumn = "报告期";
    public const string CsvContentType = "text/csv";

    /// <summary>What an import did: the values stored, or the problems (each naming its row) when nothing was stored.</summary>
    public sealed record Result(int Rows, int Saved, IReadOnlyList<string> Problems, Domain.Problems.Problem? Refusal = null)
    {
        /// <summary>The warning rules the stored values break (“第 N 行：…”), stored all the same.</summary>
        public IReadOnlyList<string> Warnings { get; init; } = [];
    }

    /// <summary>Who may import: those who enter data (administrators, supervisors, districts for their schools, schools); leaders and departments read only.</summary>
    public static bool MayImport(Caller caller) => caller.Role is Domain.People.Role.Admin or Domain.People.Role.Supervisor
        or Domain.People.Role.District or Domain.People.Role.School;

    /// <summary>One value column: its element and option.</summary>
    private sealed record Column(int Index, int ElementId, string Option);

    /// <summary>The set's template: the header row and, for a school set, one row per unit the caller enters for.</summary>
    public async Task<byte[]?> TemplateAsync(Caller caller, int setId, CancellationToken ct = default)
    {
        var set = await db.DataSets.AsNoTracking().Include(s => s.Elements).FirstOrDefaultAsync(s => s.Id == setId, ct);
        if (set is null) return null;
        var headers = await HeadersAsync(set, ct);
        var units = await db.OrgUnits.AsNoTracking().ToDictionaryAsync(u => u.Id, ct);
        var period = forms.DefaultPeriod(set).Text;
        var rows = units.Values.Where(u => DataEntry.Assigned(set, u, units) && DataEntry.MayEnter(caller, u)).OrderBy(u => u.Code)
            .Select(u => new SheetRow([SheetCell.Of(u.Code), SheetCell.Of(period), .. headers.Skip(2).Select(_ => SheetCell.Empty)]));
        return WorkbookWriter.Write(new DocumentInfo($"{set.Name}导入模板", "落实 Luoshi", null, DateTime.UtcNow),
            new SheetTable(set.Name.Length > 31 ? set.Name[..31] : set.Name, [.. headers.Select(h => new SheetColumn(h, 20))], [.. rows]));
    }

    private async Task<List<string>> HeadersAsync(DataSet set, CancellationToken ct)
    {
        var ids = set.Elements.OrderBy(e => e.SortOrder).Select(e => e.DataElementId).ToList();
        var elements = await db.DataElements.AsNoTracking().Where(e => ids.Contains(e.Id)).ToDictionaryAsync(e => e.Id, ct);
        var headers = new List<string> { UnitColumn, PeriodColumn };
        foreach (var e in ids.Where(elements.ContainsKey).Select(id => elements[id]))
            headers.AddRange(e.OptionList.Count == 0 ? [$"{e.Name}[{e.Code}]"] : e.OptionList.Select(o => $"{e.Name}·{o}[{e.Code}.{o}]"));
        return headers;
    }

    /// <summary>Reads and stores a file (.csv when <paramref name="csv"/>, else .xlsx): whole or not at all.</summary>
    public async Task<Result> ImportAsync(Caller caller, int setId, Stream file, bool csv, CancellationToken ct = default)
    {
        var set = await db.DataSets.AsNoTracking().Include(s => s.Elements).FirstOrDefaultAsync(s => s.Id == setId, ct);
        if (set is null) return new Result(0, 0, [], DataProblems.DataSetNotFound);
        if (!MayImport(caller)) return new Result(0, 0, [], DataProblems.Forbidden.With(set.Name));
        List<string[]> table;
        try
        {
            table = csv ? CsvRows(file) : FirstSheet(file);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return Failed(csv ? "文件不是有效的 UTF-8 .csv 文本，请使用导入模板" : "文件不是有效的 .xlsx 电子表格，请使用导入模板");
        }
        if (table.Count == 0) return Failed($"文件是空的，第 1 行应为表头：{UnitColumn}、{PeriodColumn} 和各数据元");
        if (table.Count - 1 > MaxRows) return Failed($"一次最多导入 {MaxRows} 行");
        var header = table[0];
        if (Cell(header, 0) != UnitColumn || Cell(header, 1) != PeriodColumn)
            return Failed($"第 1 行的前两列表头应为“{UnitColumn}”“{PeriodColumn}”，请使用导入模板");
        var codes = await db.DataElements.AsNoTracking().Select(e => new { e.Id, e.Code }).ToDictionaryAsync(e => e.Code, e => e.Id, ct);
        var columns = new List<Column>();
        var problems = new List<string>();
        for (var c = 2; c < header.Length; c++)
        {
            var h = header[c];
            if (h.Length == 0) continue;
            var open = h.LastIndexOf('[');
            var code = open >= 0 && h.EndsWith(']') ? h[(open + 1)..^1] : h;
            var dot = code.IndexOf('.');
            var (elementCode, option) = dot >= 0 ? (code[..dot], code[(dot + 1)..]) : (code, "");
            if (!codes.TryGetValue(elementCode, out var elementId) || set.Elements.All(e => e.DataElementId != elementId))
                problems.Add($"第 1 行第 {c + 1} 列：“{h}”不是数据集“{set.Name}”的数据元");
            else columns.Add(new Column(c, elementId, option));
        }
        if (problems.Count > 0) return new Result(0, 0, problems);
        var unitIds = await db.OrgUnits.AsNoTracking().Select(u => new { u.Id, u.Code }).ToDictionaryAsync(u => u.Code, u => u.Id, ct);
        var inputs = new List<DataEntry.ValueInput>();
        var rowOf = new List<int>();
        var rowProblems = new SortedDictionary<int, List<string>>();
        var rowOfUnitPeriod = new Dictionary<(int, string), int>();
        var rows = 0;
        for (var r = 1; r < table.Count; r++)
        {
            var cells = table[r];
            if (cells.All(string.IsNullOrWhiteSpace)) continue;
            rows++;
            var unitCode = Cell(cells, 0);
            if (!unitIds.TryGetValue(unitCode, out var unitId))
            {
                rowProblems[r + 1] = [$"找不到单位代码“{unitCode}”"];
                continue;
            }
            if (Period.Parse(Cell(cells, 1)) is { } period) rowOfUnitPeriod.TryAdd((unitId, period.Text), r + 1);
            foreach (var column in columns.Where(col => Cell(cells, col.Index).Length > 0))
            {
                inputs.Add(new(column.ElementId, unitId, Cell(cells, 1), column.Option, Cell(cells, column.Index)));
                rowOf.Add(r + 1);
            }
        }
        if (rows == 0) return Failed("文件中没有数据行");
        var (good, refused) = await entry.CheckEachAsync(caller, inputs, ct);
        // A unit the caller may not enter for refuses the whole file as such (403), not as a bad row.
        if (refused.Select(x => x.Why).FirstOrDefault(why => why.Type == DataProblems.Forbidden) is { } forbidden) return new Result(rows, 0, [], forbidden);
        // So does a locked period (409): nothing of it may change, whichever rows name it.
        if (refused.Select(x => x.Why).FirstOrDefault(why => why.Type == LockProblems.Locked) is { } locked) return new Result(rows, 0, [], locked);
        foreach (var (index, why) in refused) Add(rowProblems, rowOf[index], why.ToChinese());
        // The data sets' rules over each row's values (with those already stored): an error rule refuses the row.
        var broken = await rules.CheckAsync(good, ct);
        foreach (var b in broken.Where(b => b.Rule.Severity == RuleSeverity.Error)) Add(rowProblems, rowOfUnitPeriod.GetValueOrDefault((b.OrgUnitId, b.Period)), b.Words);
        if (rowProblems.Count > 0) return new Result(rows, 0, [.. rowProblems.Select(p => $"第 {p.Key} 行：{string.Join("；", p.Value)}")]);
        var saved = good.Count == 0 ? 0 : await entry.StoreAsync(caller, good, ct);
        return new Result(rows, saved, [])
        {
            Warnings = [.. broken.Where(b => b.Rule.Severity == RuleSeverity.Warning)
                .Select(b => $"第 {rowOfUnitPeriod.GetValueOrDefault((b.OrgUnitId, b.Period))} 行：{b.Words}")],
        };
    }

    private static void Add(SortedDictionary<int, List<string>> rowProblems, int row, string why)
    {
        var list = rowProblems.TryGetValue(row, out var l) ? l : rowProblems[row] = [];
        if (!list.Contains(why)) list.Add(why);
    }

    private static Result Failed(string problem) => new(0, 0, [problem]);

    private static string Cell(string[] row, int column) => column < row.Length ? row[column].Trim() : "";

    private static List<string[]> FirstSheet(Stream xlsx)
    {
        using var reader = ExcelReaderFactory.CreateOpenXmlReader(xlsx);
        var rows = new List<string[]>();
        while (reader.Read())
        {
            if (rows.Count > MaxRows + 1) break;
            var cells = new string[reader.FieldCount];
            for (var c = 0; c < cells.Length; c++)
                cells[c] = Convert.ToString(reader.GetValue(c), System.Globalization.CultureInfo.InvariantCulture)?.Trim() ?? "";
            rows.Add(cells);
        }
        return rows;
    }

    /// <summary>Rows of a UTF-8 .csv (a BOM is skipped; fields may be quoted with "" for a quote inside).</summary>
    private static List<string[]> CsvRows(Stream file)
    {
        using var reader = new StreamReader(file, new UTF8Encoding(false, throwOnInvalidBytes: true), detectEncodingFromByteOrderMarks: true);
        var text = reader.ReadToEnd();
        var rows = new List<string[]>();
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var ch = text[i];
            if (quoted)
            {
                if (ch == '"' && i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i++; }
                else if (ch == '"') quoted = false;
                else field.Append(ch);
                continue;
            }
            switch (ch)
            {
                case '"': quoted = true; break;
                case ',': fields.Add(field.ToString()); field.Clear(); break;
                case '\r': break;
                case '\n':
                    fields.Add(field.ToString());
                    field.Clear();
                    rows.Add([.. fields]);
                    fields.Clear();
                    if (rows.Count > MaxRows + 1) return rows;
                    break;
                default: field.Append(ch); break;
            }
        }
        if (field.Length > 0 || fields.Count > 0)
        {
            fields.Add(field.ToString());
            rows.Add([.. fields]);
        }
        return rows;
    }
}
