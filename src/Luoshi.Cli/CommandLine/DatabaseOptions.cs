using System.CommandLine;
using Luoshi.Data;

namespace Luoshi.Cli.CommandLine;

/// <summary>The options of the commands that open the database: <c>--data</c> and <c>--database</c>.</summary>
public static class DatabaseOptions
{
    public const string DefaultDataDirectory = "./data";

    /// <summary><c>--data DIR</c>: the folder of the embedded database and the attachments.</summary>
    public static Option<string> Data(string? description = null) => new("--data")
    {
        HelpName = "目录",
        Description = description ?? $"内置数据库和佐证附件所在目录（默认 {DefaultDataDirectory}）",
        DefaultValueFactory = _ => DefaultDataDirectory,
        CustomParser = CommonOptions.NotEmpty,
    };

    /// <summary><c>--database CONN</c>: a PostgreSQL connection string; <c>LUOSHI_DATABASE</c> when not given.</summary>
    public static Option<string?> Database(string? description = null) => new("--database")
    {
        HelpName = "连接串",
        Description = description ?? "PostgreSQL 连接串（默认取环境变量 LUOSHI_DATABASE；都没有时用 --data 下的内置数据库）",
        CustomParser = CommonOptions.NotEmpty,
    };

    /// <summary>The database <c>--data</c> and <c>--database</c> name, falling back to <c>LUOSHI_DATABASE</c>.</summary>
    public static DatabaseSettings Settings(ParseResult result, Option<string> data, Option<string?> database) =>
        new(result.GetValue(data) ?? DefaultDataDirectory,
            result.GetValue(database) ?? Environment.GetEnvironmentVariable("LUOSHI_DATABASE"));
}
