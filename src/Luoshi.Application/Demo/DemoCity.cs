using Luoshi.Application.People;
using Luoshi.Domain.OrgUnits;
using Luoshi.Domain.People;
using Microsoft.EntityFrameworkCore;

namespace Luoshi.Application.Demo;

/// <summary>
/// A believable city for demonstrations and tests: 江州市教育局 with its departments, six districts and
/// counties, their schools and kindergartens, and one user per role.
/// </summary>
public sealed class DemoCity(LuoshiDb db)
{
    public const string CityName = "江州市";

    public static readonly string[] Departments =
        ["办公室", "组织人事处", "基础教育处", "学前教育处", "职业教育处", "安全稳定处", "教育信息化处", "督导室", "体卫艺处", "计划财务处"];

    public static readonly string[] Districts = ["江东区", "城南区", "城北区", "临湖区", "青山县", "白沙县"];

    private static readonly string[] SchoolPatterns =
    [
        "{0}第一中学", "{0}实验小学", "{0}中心幼儿园", "{0}第二中学", "{0}育才小学", "{0}向阳小学",
        "{0}实验幼儿园", "{0}职业技术学校", "{0}第三中学", "{0}希望小学", "{0}特殊教育学校", "{0}机关幼儿园",
    ];

    /// <summary>The demo accounts (sign-in name, display name, role, unit code) created with one shared password.</summary>
    public static readonly (string UserName, string DisplayName, Role Role, string UnitCode)[] Accounts =
    [
        ("admin", "系统管理员", Role.Admin, UserAccounts.BureauCode),
        ("leader", "王建国（副局长）", Role.Leader, UserAccounts.BureauCode),
        ("supervisor", "李敏（督导室）", Role.Supervisor, "D08"),
        ("jichu", "陈晓红（基础教育处）", Role.Department, "D03"),
        ("jiangdong", "刘强（江东区教育局）", Role.District, "Q01"),
        ("school", "赵丽（江东区第一中学）", Role.School, "Q01-S01"),
    ];

    /// <summary>Fills an empty database with the demo city; returns the shared password of the demo accounts, or null if the database was not
    /// empty.</summary>
    public async Task<string?> SeedAsync(CancellationToken ct = default)
    {
        if (!await DatabaseSetup.IsEmptyAsync(db, ct)) return null;

        var bureau = new OrgUnit { Code = UserAccounts.BureauCode, Name = CityName + "教育局", Kind = OrgUnitKind.Bureau };
        db.OrgUnits.Add(bureau);
        await db.SaveChangesAsync(ct);

        var units = new List<OrgUnit>();
        for (var i = 0; i < Departments.Length; i++)
            units.Add(new OrgUnit { Code = $"D{i + 1:00}", Name = Departments[i], Kind = OrgUnitKind.Department, ParentId = bureau.Id,
                SortOrder = i });
        var districts = new List<OrgUnit>();
        for (var i = 0; i < Districts.Length; i++)
            districts.Add(new OrgUnit { Code = $"Q{i + 1:00}", Name = Districts[i] + "教育局", Kind = OrgUnitKind.District, ParentId = bureau.Id,
                SortOrder = 100 + i });
        db.OrgUnits.AddRange(units);
        db.OrgUnits.AddRange(districts);
        await db.SaveChangesAsync(ct);

        for (var d = 0; d < districts.Count; d++)
        {
            var place = Districts[d];
            var count = 8 + (d * 3 % 5); // 8–12 schools, differing by district
            for (var s = 0; s < count; s++)
            {
                db.OrgUnits.Add(new OrgUnit
                {
                    Code = $"{districts[d].Code}-S{s + 1:00}",
                    Name = string.Format(SchoolPatterns[s], place),
                    Kind = OrgUnitKind.School,
                    ParentId = districts[d].Id,
                    SortOrder = s,
                });
            }
        }
        await db.SaveChangesAsync(ct);

        var password = PasswordPolicy.Generate();
        var byCode = await db.OrgUnits.ToDictionaryAsync(u => u.Code, u => u.Id, ct);
        foreach (var (userName, displayName, role, unitCode) in Accounts)
            db.Users.Add(UserAccounts.New(userName, displayName, role, byCode[unitCode], password));
        await db.SaveChangesAsync(ct);
        await LeaderUnitsAsync(ct);
        return password;
    }

    /// <summary>The districts the demo's 局领导 包保 (局领导包保区县): an unanswered 督办 about them reaches him.</summary>
    public static readonly string[] LeaderDistricts = ["Q01", "Q03"];

    private async Task LeaderUnitsAsync(CancellationToken ct)
    {
        var leader = await db.Users.Where(u => u.Role == Role.Leader).OrderBy(u => u.Id).Select(u => u.Id).FirstAsync(ct);
        foreach (var unit in await db.OrgUnits.Where(u => LeaderDistricts.Contains(u.Code)).ToListAsync(ct))
            unit.LeaderUserId = leader;
        await db.SaveChangesAsync(ct);
    }
}
