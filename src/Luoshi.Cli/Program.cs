using System.Reflection;
using System.Text;
using Luoshi.Cli;
using Luoshi.Cli.Hosting;
using Luoshi.Cli.People;

Console.OutputEncoding = Encoding.UTF8;
try
{
    return args switch
    {
        [] or ["--help" or "-h" or "help", ..] => Help.Print(),
        ["--version" or "-V"] => Help.Version(),
        ["serve", .. var rest] => await ServeCommand.RunAsync(rest),
        ["user", "add", .. var rest] => await UserAddCommand.RunAsync(rest),
        ["plan", "parse", .. var rest] => await Luoshi.Cli.Plans.PlanParseCommand.RunAsync(rest),
        ["bench", "load", .. var rest] => await Luoshi.Cli.Bench.LoadCommand.RunAsync(rest),
        ["backup", .. var rest] => await BackupCommand.RunAsync(rest, backup: true),
        ["restore", .. var rest] => await BackupCommand.RunAsync(rest, backup: false),
        _ => throw new UsageException($"未知命令：{string.Join(' ', args.Take(2))}"),
    };
}
catch (UsageException e)
{
    Console.Error.WriteLine($"luoshi：{e.Message}");
    Console.Error.WriteLine("用 luoshi --help 查看用法。");
    return 2;
}

/// <summary>The CLI's help text and version.</summary>
internal static class Help
{
    public static int Print()
    {
        Console.WriteLine("""
            落实 Luoshi —— 教育工作任务落实平台

            用法：luoshi 命令 [选项]

            命令：
              serve [--urls URL] [--data DIR] [--database CONN] [--demo]
                  启动网站（默认 http://127.0.0.1:5080）。不指定 --database 时使用 DIR（默认 ./data）下的内置 SQLite 数据库；
                  --database 或环境变量 LUOSHI_DATABASE 为 PostgreSQL 连接串时使用 PostgreSQL；
                  --demo 在空数据库中创建演示城市和各角色的演示账号（密码只显示一次）。
              user add NAME --role ROLE [--org CODE] [--name 姓名] --password-stdin [--data DIR] [--database CONN]
                  新建用户；密码从标准输入读取。ROLE：admin、leader、supervisor、department、district、school；
                  CODE 为所属单位代码（默认市教育局）。
              plan parse FILE|DIR... [--format json|md|xlsx] [-o OUT]
                  解析工作计划文档（.txt/.html/.docx），输出 luoshi.plan/1。
              bench load [--seconds 60] [--connections 64] [--users 200] [--database CONN]
                  在新的演示数据库上启动落实，先以多个连接读取主要接口和页面，再让多个区县用户同时报送进展；
                  输出错误数、p50/p99 延迟和吞吐，并核对每一份已确认的报送都已保存。
              backup FILE [--data DIR]      内置数据库和佐证附件的一致性备份（zip，网站运行中也可以）
              restore FILE [--data DIR]     检查备份后恢复数据库和附件（请先停止网站）
              --version                     显示版本
              --help                        显示本帮助
            """);
        return 0;
    }

    public static int Version()
    {
        var version = typeof(Help).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0";
        Console.WriteLine($"luoshi {version.Split('+')[0]}");
        return 0;
    }
}
