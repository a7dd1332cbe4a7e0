using System.CommandLine;
using System.CommandLine.Parsing;
using Luoshi.Cli.CommandLine;
using Luoshi.Web;

namespace Luoshi.Cli.Hosting;

/// <summary><c>luoshi serve</c>: the web app, on the embedded database or on PostgreSQL.</summary>
public static class ServeCommand
{
    public const string DefaultUrls = "http://127.0.0.1:5080";

    public static Command Create()
    {
        var urls = new Option<string?>("--urls")
        {
            HelpName = "URL",
            Description = $"监听地址，多个用分号分隔（默认取环境变量 ASPNETCORE_URLS，再默认 {DefaultUrls}）",
            CustomParser = ParseUrls,
        };
        var data = DatabaseOptions.Data();
        var database = DatabaseOptions.Database();
        var demo = CommonOptions.Flag("--demo", "在空数据库中创建演示城市和各角色的演示账号（密码只显示一次）");
        var command = new Command("serve", "启动网站") { urls, data, database, demo };
        command.SetAction((result, _) => RunAsync(
            result.GetValue(urls) ?? Environment.GetEnvironmentVariable("ASPNETCORE_URLS") ?? DefaultUrls,
            DatabaseOptions.Settings(result, data, database),
            result.GetValue(demo)));
        return HelpPage.WithNotes(command, """
            不指定 --database 时使用 --data 目录下的内置 SQLite 数据库；--database 或环境变量 LUOSHI_DATABASE
            为 PostgreSQL 连接串时使用 PostgreSQL。不带 --demo 时，空数据库只创建管理员 admin，随机密码只显示一次。
            退出码：0 正常停止；1 无法打开数据库；2 用法错误。
            示例：
              luoshi serve --demo
              luoshi serve --urls http://0.0.0.0:8080 --data /srv/luoshi
            """);
    }

    private static async Task<int> RunAsync(string urls, Luoshi.Data.DatabaseSettings database, bool demo)
    {
        var settings = new List<string> { $"--urls={urls}", $"--Luoshi:Data={database.DataDirectory}" };
        if (database.PostgresConnection is { } connection)
        {
            settings.Add($"--Luoshi:Database={connection}");
        }

        if (demo)
        {
            settings.Add("--Luoshi:Demo=true");
        }

        var app = LuoshiApp.Build([.. settings]);
        try
        {
            await LuoshiApp.PrepareAsync(app);
        }
        catch (Exception e) when (e is Npgsql.NpgsqlException or Microsoft.Data.Sqlite.SqliteException or IOException
                                      or UnauthorizedAccessException or ArgumentException)
        {
            return CliOutput.Error($"无法打开数据库：{e.Message}");
        }

        app.Lifetime.ApplicationStarted.Register(() =>
            Console.WriteLine($"落实已启动：{string.Join(", ", app.Urls)}（按 Ctrl+C 停止）"));
        await app.RunAsync();
        return ExitCodes.Ok;
    }

    /// <summary>One or more absolute http(s) addresses separated by ';', as Kestrel takes them.</summary>
    private static string? ParseUrls(ArgumentResult result)
    {
        var text = result.Tokens.Single().Value;
        foreach (var url in text.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).DefaultIfEmpty(""))
        {
            // Kestrel's wildcard hosts (http://*:80, http://+:80) are not valid URIs, but are valid addresses.
            var uri = url.Replace("://*", "://0.0.0.0", StringComparison.Ordinal).Replace("://+", "://0.0.0.0", StringComparison.Ordinal);
            if (!Uri.TryCreate(uri, UriKind.Absolute, out var parsed) || parsed.Scheme is not ("http" or "https"))
            {
                result.AddError($"--urls 的地址“{url}”无效，应形如 http://127.0.0.1:5080");
            }
        }

        return text;
    }
}
