using Luoshi.Application.People;
using Luoshi.Data;
using Luoshi.Data.Auditing;
using Luoshi.Domain.People;
using Microsoft.EntityFrameworkCore;

namespace Luoshi.Cli.People;

/// <summary><c>luoshi user add NAME --role ROLE [--org CODE] --password-stdin</c>.</summary>
public static class UserAddCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        var a = Arguments.Parse(args, new HashSet<string> { "--role", "--org", "--name", "--data", "--database" }, new HashSet<string> { "--password-stdin" });
        if (a.Positional.Count != 1) throw new UsageException("请给出一个用户名：luoshi user add NAME --role ROLE --password-stdin");
        if (!Roles.TryParse(a["--role"], out var role)) throw new UsageException("--role 应为 admin、leader、supervisor、department、district、school 之一");
        if (!a.Has("--password-stdin")) throw new UsageException("请用 --password-stdin 从标准输入提供密码（不要把密码写在命令行里）");
        var password = (await Console.In.ReadLineAsync())?.TrimEnd('\r', '\n') ?? "";

        var settings = Database(a);
        await using var db = new LuoshiDb(settings.BuildOptions(), FixedAuditActor.CommandLine);
        await DatabaseSetup.UpgradeAsync(db);
        var unit = a["--org"] is { } code
            ? await db.OrgUnits.FirstOrDefaultAsync(u => u.Code == code)
            : await db.OrgUnits.FirstOrDefaultAsync(u => u.ParentId == null);
        if (unit is null)
        {
            Console.Error.WriteLine(a["--org"] is null ? "luoshi：数据库中还没有单位，请先运行 luoshi serve 初始化" : $"luoshi：找不到单位代码“{a["--org"]}”");
            return 1;
        }
        var result = await new UserAccounts(db).CreateAsync(a.Positional[0], a["--name"] ?? a.Positional[0], role, unit.Id, password);
        if (!result.Succeeded)
        {
            foreach (var problem in result.Problems) Console.Error.WriteLine($"luoshi：{problem}");
            return 1;
        }
        Console.WriteLine($"已创建用户 {result.User!.UserName}（{role.ToChinese()}，{unit.Name}）");
        return 0;
    }

    public static DatabaseSettings Database(Arguments a) =>
        new(a["--data"] ?? "./data", a["--database"] ?? Environment.GetEnvironmentVariable("LUOSHI_DATABASE"));
}
