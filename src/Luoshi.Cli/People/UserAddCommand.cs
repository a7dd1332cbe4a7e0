using System.CommandLine;
using Luoshi.Application.People;
using Luoshi.Cli.CommandLine;
using Luoshi.Data;
using Luoshi.Data.Auditing;
using Luoshi.Domain.People;
using Microsoft.EntityFrameworkCore;

namespace Luoshi.Cli.People;

/// <summary><c>luoshi user add NAME --role ROLE [--org CODE] [--name 姓名] --password-stdin</c>.</summary>
public static class UserAddCommand
{
    public static Command Create()
    {
        var userName = new Argument<string>("name") { HelpName = "用户名", Description = "登录用的用户名" };
        var role = new Option<Role?>("--role")
        {
            HelpName = "角色",
            Description = "admin、leader、supervisor、department、district、school 之一（必填）",
            CustomParser = result =>
            {
                var text = result.Tokens.Single().Value;
                if (Roles.TryParse(text, out var parsed))
                {
                    return parsed;
                }

                result.AddError($"--role 应为 admin、leader、supervisor、department、district、school 之一，收到“{text}”");
                return null;
            },
        };
        role.CompletionSources.Add(Roles.All.Select(r => r.ToCode()).ToArray());
        var org = new Option<string?>("--org")
        {
            HelpName = "单位代码",
            Description = "所属单位的代码（默认市教育局）",
            CustomParser = CommonOptions.NotEmpty,
        };
        var displayName = new Option<string?>("--name")
        {
            HelpName = "姓名",
            Description = "显示的姓名（默认同用户名）",
            CustomParser = CommonOptions.NotEmpty,
        };
        var passwordStdin = CommonOptions.Flag("--password-stdin", "从标准输入读取密码（必填：不要把密码写在命令行里）");
        var data = DatabaseOptions.Data();
        var database = DatabaseOptions.Database();
        var command = new Command("add", "新建用户，密码从标准输入读取") { userName, role, org, displayName, passwordStdin, data, database };
        command.Validators.Add(result =>
        {
            if (result.GetResult(role) is null)
            {
                result.AddError("请用 --role 给出角色：admin、leader、supervisor、department、district、school");
            }

            if (result.GetResult(passwordStdin) is null)
            {
                result.AddError("请用 --password-stdin 从标准输入提供密码（不要把密码写在命令行里）");
            }
        });
        command.SetAction((result, _) => RunAsync(
            new NewUser(result.GetRequiredValue(userName), result.GetValue(displayName), result.GetValue(role)!.Value, result.GetValue(org)),
            DatabaseOptions.Settings(result, data, database)));
        return HelpPage.WithNotes(command, """
            退出码：0 已创建；1 数据库中找不到单位或用户无法创建（如用户名已存在、密码太弱）；2 用法错误。
            示例：
              echo '密码' | luoshi user add zhangsan --role district --org Q01 --name 张三 --password-stdin
            """);
    }

    private sealed record NewUser(string UserName, string? DisplayName, Role Role, string? OrgCode);

    private static async Task<int> RunAsync(NewUser user, DatabaseSettings settings)
    {
        var password = (await Console.In.ReadLineAsync())?.TrimEnd('\r', '\n') ?? "";
        await using var db = new LuoshiDb(settings.BuildOptions(), FixedAuditActor.CommandLine);
        await DatabaseSetup.UpgradeAsync(db);
        var unit = user.OrgCode is { } code
            ? await db.OrgUnits.FirstOrDefaultAsync(u => u.Code == code)
            : await db.OrgUnits.FirstOrDefaultAsync(u => u.ParentId == null);
        if (unit is null)
        {
            return CliOutput.Error(user.OrgCode is null ? "数据库中还没有单位，请先运行 luoshi serve 初始化" : $"找不到单位代码“{user.OrgCode}”");
        }

        var result = await new UserAccounts(db).CreateAsync(user.UserName, user.DisplayName ?? user.UserName, user.Role, unit.Id, password);
        if (!result.Succeeded)
        {
            foreach (var problem in result.Problems)
            {
                CliOutput.Error(problem.ToChinese());
            }

            return ExitCodes.Failed;
        }

        Console.WriteLine($"已创建用户 {result.User!.UserName}（{user.Role.ToChinese()}，{unit.Name}）");
        return ExitCodes.Ok;
    }
}
