using Luoshi.Web;

namespace Luoshi.Cli.Hosting;

/// <summary><c>luoshi serve</c>: the web app, on the embedded database or on PostgreSQL.</summary>
public static class ServeCommand
{
    public const string DefaultUrls = "http://127.0.0.1:5080";

    public static async Task<int> RunAsync(string[] args)
    {
        var a = Arguments.Parse(args, new HashSet<string> { "--urls", "--data", "--database" }, new HashSet<string> { "--demo" });
        if (a.Positional.Count > 0) throw new UsageException($"serve 不接受参数：{a.Positional[0]}");
        var settings = new List<string>
        {
            $"--urls={a["--urls"] ?? Environment.GetEnvironmentVariable("ASPNETCORE_URLS") ?? DefaultUrls}",
            $"--Luoshi:Data={a["--data"] ?? "./data"}",
        };
        if (a["--database"] is { } database) settings.Add($"--Luoshi:Database={database}");
        if (a.Has("--demo")) settings.Add("--Luoshi:Demo=true");

        var app = LuoshiApp.Build([.. settings]);
        try
        {
            await LuoshiApp.PrepareAsync(app);
        }
        catch (Exception e) when (e is Npgsql.NpgsqlException or Microsoft.Data.Sqlite.SqliteException or IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"luoshi：无法打开数据库：{e.Message}");
            return 1;
        }
        app.Lifetime.ApplicationStarted.Register(() =>
            Console.WriteLine($"落实已启动：{string.Join(", ", app.Urls)}（按 Ctrl+C 停止）"));
        await app.RunAsync();
        return 0;
    }
}
