using ExcelDataReader;
using Luoshi.Application.People;
using Luoshi.Domain.OrgUnits;
using Luoshi.Domain.People;
using Luoshi.Domain.Problems;
using Luoshi.Parsing.Rendering.Office;
using Microsoft.EntityFrameworkCore;

namespace Luoshi.Application.OrgUnits;

/// <summary>
/// Imports a city's org units and users from one spreadsheet (sheets 单位 and 用户): the whole file or nothing,
/// with every bad row listed by sheet and row number. Types and roles are codes or Chinese names (区县, 学校, 处室…).
/// A user row may give an initial password (the optional column 初始密码); without one a password is made up and shown
/// once in the outcome. The template carries no password, and its sample rows import as they are.
/// </summary>
public sealed class CityImport(LuoshiDb db)
{
    public const string ContentType = WorkbookWriter.ContentType;
    public const long MaxBytes = 10 * 1024 * 1024;
    public const string UnitsSheet = "单位";
    public const string UsersSheet = "用户";
    public static readonly string[] UnitColumns = ["代码", "名称", "类型", "上级代码"];
    public static readonly string[] UserColumns = ["用户名", "姓名", "角色", "单位代码"];
    public const string PasswordColumn = "初始密码";

    /// <summary>A password made up for an imported user who was given none; shown once.</summary>
    public sealed record IssuedPassword(string UserName, string DisplayName, string Password);

    public sealed record Outcome(int UnitsCreated, int UnitsUpdated, int UsersCreated, IReadOnlyList<string> Problems,
        IReadOnlyList<IssuedPassword>? Issued = null)
    {
        public IReadOnlyList<IssuedPassword> Passwords => Issued ?? [];
    }

    public async Task<Outcome> ImportAsync(Stream xlsx, CancellationToken ct = default)
    {
        Dictionary<string, List<string[]>> data;
        try
        {
            data = ReadSheets(xlsx);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return Failed("文件不是有效的 .xlsx 电子表格，请使用导入模板");
        }
        var unitRows = Rows(data, UnitsSheet, UnitColumns, out var unitProblem);
        var userRows = Rows(data, UsersSheet, UserColumns, out var userProblem, PasswordColumn);
        if (unitProblem is not null && userProblem is not null) return Failed(unitProblem, userProblem);
        var problems = new List<string>();
        if (unitRows is null && unitProblem is not null && data.ContainsKey(UnitsSheet)) problems.Add(unitProblem);
        if (userRows is null && userProblem is not null && data.ContainsKey(UsersSheet)) problems.Add(userProblem);

        var existing = await db.OrgUnits.ToDictionaryAsync(u => u.Code, StringComparer.OrdinalIgnoreCase, ct);
        var kinds = existing.Values.ToDictionary(u => u.Code, u => u.Kind, StringComparer.OrdinalIgnoreCase);
        var seenCodes = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var planned = new List<(int Row, string Code, string Name, OrgUnitKind Kind, string? ParentCode)>();
        foreach (var (row, cells) in unitRows ?? [])
        {
            var code = cells[0];
            var parentCode = string.IsNullOrWhiteSpace(cells[3]) ? null : cells[3].Trim();
            var parentKnown = parentCode is not null && kinds.ContainsKey(parentCode);
            var rowProblems = OrgUnitDirectory.Check(new(code, cells[1], cells[2], parentCode is null ? null : 0),
                parentKnown ? kinds[parentCode!] : null, parentKnown, out var kind, OrgUnitProblems.ParentCodeMissing.With(parentCode));
            if (parentCode is null && kind == OrgUnitKind.Bureau && existing.Values.Any(u => u.ParentId == null && !u.Code.Equals(code.Trim(),
                StringComparison.OrdinalIgnoreCase)))
                rowProblems.Add(OrgUnitProblems.SecondBureau);
            if (!string.IsNullOrWhiteSpace(code) && !seenCodes.Add(code.Trim()))
                rowProblems.Add(OrgUnitProblems.CodeTwiceInSheet.With(code.Trim()));
            if (rowProblems.Count > 0)
            {
                problems.AddRange(rowProblems.Select(p => $"“{UnitsSheet}”第 {row} 行：{p.ToChinese()}"));
                continue;
            }
            kinds[code.Trim()] = kind;
            planned.Add((row, code.Trim(), cells[1].Trim(), kind, parentCode));
        }

        var unitKindsAfter = kinds;
        var userNames = (await db.Users.Select(u => u.UserName).ToListAsync(ct)).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var plannedUsers = new List<(string UserName, string DisplayName, Role Role, string UnitCode, string Password)>();
        foreach (var (row, cells) in userRows ?? [])
        {
            var rowProblems = new List<Problem>(UserAccounts.CheckUserName(cells[0]));
            if (string.IsNullOrWhiteSpace(cells[1])) rowProblems.Add(UserProblems.DisplayNameEmpty);
            if (!Roles.TryParse(cells[2], out var role)) rowProblems.Add(UserProblems.RoleInvalid.With(cells[2]));
            var unitCode = cells[3].Trim();
            if (!unitKindsAfter.TryGetValue(unitCode, out var unitKind)) rowProblems.Add(OrgUnitProblems.UnitCodeMissing.With(unitCode));
            else if (Roles.TryParse(cells[2], out _)
                && !role.FitsUnit(unitKind)) rowProblems.Add(UserProblems.RoleDoesNotFitKind.With(role.ToChinese(), unitKind.ToChinese()));
            var given = cells.Length > 4 && !string.IsNullOrEmpty(cells[4]);
            if (given) rowProblems.AddRange(PasswordPolicy.Check(cells[4], cells[0]));
            if (!string.IsNullOrWhiteSpace(cells[0]) && !userNames.Add(UserAccounts.Normalize(cells[0])))
                rowProblems.Add(UserProblems.UserNameTakenOrTwice.With(UserAccounts.Normalize(cells[0])));
            if (rowProblems.Count > 0)
            {
                problems.AddRange(rowProblems.Select(p => $"“{UsersSheet}”第 {row} 行：{p.ToChinese()}"));
                continue;
            }
            plannedUsers.Add((cells[0], cells[1].Trim(), role, unitCode, given ? cells[4] : ""));
        }
        if (problems.Count > 0) return new(0, 0, 0, problems);
        if (planned.Count == 0 && plannedUsers.Count == 0) return Failed("表中没有可导入的数据行");

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        int created = 0, updated = 0;
        foreach (var p in planned)
        {
            // Parents come earlier in the file or already exist, so saving row by row resolves every parent id.
            var parentId = p.ParentCode is null ? (int?)null : existing[p.ParentCode].Id;
            if (existing.TryGetValue(p.Code, out var unit))
            {
                unit.Name = p.Name;
                unit.Kind = p.Kind;
                unit.ParentId = parentId;
                unit.Version++;
                updated++;
            }
            else
            {
                unit = new OrgUnit { Code = p.Code, Name = p.Name, Kind = p.Kind, ParentId = parentId, SortOrder = p.Row };
                db.OrgUnits.Add(unit);
                existing[p.Code] = unit;
                created++;
                if (planned.Count > 0 && p.Kind != OrgUnitKind.School)
                    await db.SaveChangesAsync(ct);
            }
        }
        await db.SaveChangesAsync(ct);
        // Password hashing is deliberately slow; a city's thousand accounts hash on every core at once.
        var users = new User[plannedUsers.Count];
        var issued = plannedUsers.Where(u => u.Password.Length == 0).Select(u => new IssuedPassword(u.UserName, u.DisplayName, PasswordPolicy.Generate()))
            .ToDictionary(u => u.UserName, StringComparer.Ordinal);
        Parallel.For(0, plannedUsers.Count, new ParallelOptions { CancellationToken = ct }, i =>
        {
            var u = plannedUsers[i];
            var password = issued.TryGetValue(u.UserName, out var made) ? made.Password : u.Password;
            users[i] = UserAccounts.New(u.UserName, u.DisplayName, u.Role, existing[u.UnitCode].Id, password);
        });
        db.Users.AddRange(users);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return new(created, updated, plannedUsers.Count, [], [.. issued.Values]);
    }

    private static Outcome Failed(params string[] problems) => new(0, 0, 0, problems);

    // ExcelDataReader needs the legacy code pages even for .xlsx on .NET.
    static CityImport() => System.Text.Encoding.RegisterProvider(System.Text.CodePagesEncodingProvider.Instance);

    /// <summary>Every sheet's rows as text cells.</summary>
    private static Dictionary<string, List<string[]>> ReadSheets(Stream xlsx)
    {
        var sheets = new Dictionary<string, List<string[]>>(StringComparer.Ordinal);
        using var reader = ExcelReaderFactory.CreateOpenXmlReader(xlsx);
        do
        {
            var rows = new List<string[]>();
            while (reader.Read())
            {
                var cells = new string[reader.FieldCount];
                for (var c = 0; c < cells.Length; c++)
                    cells[c] = Convert.ToString(reader.GetValue(c), System.Globalization.CultureInfo.InvariantCulture)?.Trim() ?? "";
                rows.Add(cells);
            }
            sheets.TryAdd(reader.Name?.Trim() ?? "", rows);
        } while (reader.NextResult());
        return sheets;
    }

    /// <summary>The data rows of a sheet (1-based row numbers as Excel shows them), after checking its header.</summary>
    private static List<(int Row, string[] Cells)>? Rows(Dictionary<string, List<string[]>> data, string sheet, string[] required, out string? problem,
        string? optional = null)
    {
        var columns = required;
        problem = null;
        if (!data.TryGetValue(sheet, out var table))
        {
            problem = $"缺少工作表“{sheet}”";
            return null;
        }
        if (table.Count == 0)
        {
            problem = $"工作表“{sheet}”的表头应为：{string.Join("、", columns)}";
            return null;
        }
        for (var c = 0; c < columns.Length; c++)
        {
            if (Cell(table[0], c) != columns[c])
            {
                problem = $"工作表“{sheet}”的第 {c + 1} 列表头应为“{columns[c]}”，实际为“{Cell(table[0], c)}”";
                return null;
            }
        }
        if (optional is not null && Cell(table[0], columns.Length) == optional) columns = [.. columns, optional];
        var rows = new List<(int, string[])>();
        for (var r = 1; r < table.Count; r++)
        {
            var cells = Enumerable.Range(0, columns.Length).Select(c => Cell(table[r], c)).ToArray();
            if (cells.All(string.IsNullOrWhiteSpace)) continue;
            rows.Add((r + 1, cells));
        }
        return rows;
    }

    private static string Cell(string[] row, int column) => column < row.Length ? row[column] : "";

    /// <summary>
    /// The import template: both sheets with their headers and sample rows that import as they are (a district, one
    /// of its schools and a user of the district, whose password is made up on import), and a sheet 说明 on the columns.
    /// </summary>
    public static byte[] Template() => Workbook(
        [
            ["Q99", "示例区教育局", "区县", UserAccounts.BureauCode],
            ["Q99-S01", "示例区实验小学", "学校", "Q99"],
        ],
        [
            ["q99", "张三（示例区教育局）", "区县", "Q99"],
        ],
        new SheetTable("说明", [new("列", 14), new("填写", 90)],
        [
            new(["类型", "单位的类型：教育局、处室、区县、学校（幼儿园也填学校）；也可填 bureau、department、district、school"]),
            new(["上级代码", $"上级单位的代码：区县和处室的上级是市教育局（{UserAccounts.BureauCode}），学校的上级是所在区县；上级须已存在或写在前面的行"]),
            new(["角色", "用户的角色：局领导、督查督导、处室、区县、学校、系统管理员；也可填 leader、supervisor、department、district、school、admin"]),
            new(["初始密码", $"模板不含密码。可在“用户”表第 5 列加表头“{PasswordColumn}”为用户指定（至少 10 位、三类字符）；不指定时系统生成，导入后只显示一次"]),
            new(["示例行", "示例行（示例区教育局、示例区实验小学、用户 q99）可以直接导入；不需要时删除"]),
        ]));

    /// <summary>A workbook in the import format with the given unit and user rows (a user row of five cells gives its password).</summary>
    public static byte[] Workbook(string[][] units, string[][] users, params SheetTable[] more)
    {
        string[] userColumns = users.Any(u => u.Length > UserColumns.Length) ? [.. UserColumns, PasswordColumn] : UserColumns;
        static SheetTable Sheet(string name, string[] columns, string[][] rows) => new(name, [.. columns.Select(c => new SheetColumn(c, 22))],
            [.. rows.Select(r => new SheetRow([.. r.Select(SheetCell.Of)]))]);
        return WorkbookWriter.Write(new DocumentInfo("单位与用户导入模板", "落实 Luoshi", null, DateTime.UtcNow),
            [Sheet(UnitsSheet, UnitColumns, units), Sheet(UsersSheet, userColumns, users), .. more]);
    }
}
