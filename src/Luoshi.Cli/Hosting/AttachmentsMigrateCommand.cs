using System.CommandLine;
using Luoshi.Application.Reports;
using Luoshi.Cli.CommandLine;
using Luoshi.Data;
using Luoshi.Data.Auditing;

namespace Luoshi.Cli.Hosting;

/// <summary><c>luoshi attachments migrate</c>: copies attachments kept as files into the database, before switching to
/// <c>Luoshi__Attachments__Store=database</c>.</summary>
public static class AttachmentsMigrateCommand
{
    public static Command Create()
    {
        var data = DatabaseOptions.Data();
        var database = DatabaseOptions.Database();
        var folder = new Option<string?>("--folder")
        {
            HelpName = "目录",
            Description = "共享的附件目录（默认取环境变量 Luoshi__Attachments__Folder；都没有时用 --data 下的 attachments）",
            CustomParser = CommonOptions.NotEmpty,
        };
        var command = new Command("migrate", "把附件目录中的文件复制进数据库（改用 Luoshi__Attachments__Store=database 之前运行一次）")
            { data, database, folder };
        command.SetAction((result, ct) => RunAsync(DatabaseOptions.Settings(result, data, database) with
        {
            AttachmentsFolder = result.GetValue(folder) ?? Environment.GetEnvironmentVariable("Luoshi__Attachments__Folder"),
        }, ct));
        return HelpPage.WithNotes(command, """
            每个附件按数据库记录的 SHA-256 核对后存入数据库；目录中的文件保留不动，可在确认后自行删除。已在数据库中的附件跳过，
            可重复运行；网站运行中也可以运行。
            退出码：0 全部附件都已在数据库中；1 有附件在目录中找不到或已损坏（已列出），或数据库无法打开；2 用法错误。
            示例：
              luoshi attachments migrate --database "Host=…;Database=luoshi;Username=luoshi" --folder /srv/luoshi/attachments
            """);
    }

    private static async Task<int> RunAsync(DatabaseSettings settings, CancellationToken ct)
    {
        await using (var db = new LuoshiDb(settings.BuildOptions(), FixedAuditActor.CommandLine))
            await DatabaseSetup.UpgradeAsync(db, ct);
        var result = await AttachmentsToDatabase.CopyAsync(settings, ct);
        foreach (var stored in result.Missing) CliOutput.Warning($"附件 {stored} 在 {settings.AttachmentsRoot} 中找不到，未复制");
        foreach (var stored in result.Damaged) CliOutput.Warning($"附件 {stored} 与记录的 SHA-256 不符（文件已损坏），未复制");
        Console.WriteLine($"附件存入数据库（{settings.Describe()}）：复制 {result.Copied} 个，已在数据库中 {result.AlreadyInDatabase} 个" +
            (result.Missing.Count + result.Damaged.Count > 0 ? $"，找不到 {result.Missing.Count} 个，已损坏 {result.Damaged.Count} 个" : ""));
        return result.Missing.Count + result.Damaged.Count == 0 ? ExitCodes.Ok : ExitCodes.Failed;
    }
}
