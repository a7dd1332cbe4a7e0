using System.CommandLine;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json;
using Luoshi.Cli.CommandLine;
using Luoshi.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Luoshi.Cli.Hosting;

/// <summary>
/// <c>luoshi backup FILE</c> and <c>luoshi restore FILE</c> for the embedded database and its evidence files.
/// A backup is a zip archive: a manifest, the database taken with SQLite's online backup (a consistent copy even
/// while the web app is writing) and every attachment that copy refers to. Attachments are written to disk before
/// their row is committed and never changed afterwards, so the files of the copied rows are all there; attachments kept in the
/// database (<c>Luoshi__Attachments__Store=database</c>) are inside the database copy.
/// PostgreSQL is backed up with pg_dump, its attachments folder copied beside it (see README).
/// </summary>
public static class BackupCommand
{
    public const string Format = "luoshi-backup/1";
    private const string ManifestEntry = "luoshi-backup.json";
    private const string DatabaseEntry = "luoshi.db";
    private const string AttachmentsFolder = "attachments";

    private sealed record Manifest(string Format, DateTime CreatedAt, int Attachments);

    public static Command CreateBackup() => Create(
        "backup",
        "内置数据库和佐证附件的一致性备份（zip，网站运行中也可以）",
        "备份写到的文件（.zip）",
        BackupAsync,
        """
        退出码：0 已备份；1 找不到数据库或无法写入；2 用法错误。
        PostgreSQL 请用 pg_dump 备份，并复制附件目录（见 README）。
        示例：luoshi backup 备份.zip --data ./data
        """);

    public static Command CreateRestore() => Create(
        "restore",
        "检查备份后恢复数据库和附件（请先停止网站）",
        "要恢复的备份文件",
        RestoreAsync,
        """
        恢复前先完整检查备份（数据库完整、是落实的数据库、每个附件都在且未损坏）；有问题时不做任何改动。
        退出码：0 已恢复；1 备份无法使用或找不到；2 用法错误。
        示例：luoshi restore 备份.zip --data ./data
        """);

    private static Command Create(string name, string description, string fileDescription,
        Func<DatabaseSettings, string, Task<int>> run, string notes)
    {
        var file = new Argument<string>("file") { HelpName = "文件", Description = fileDescription };
        var data = DatabaseOptions.Data();
        var command = new Command(name, description) { file, data };
        command.SetAction(async (result, _) =>
        {
            var settings = new DatabaseSettings(result.GetValue(data) ?? DatabaseOptions.DefaultDataDirectory, null);
            try
            {
                return await run(settings, Path.GetFullPath(result.GetRequiredValue(file)));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or SqliteException)
            {
                return CliOutput.Error($"无法读写文件：{e.Message}");
            }
        });
        return HelpPage.WithNotes(command, notes);
    }

    private static string AttachmentsRoot(DatabaseSettings settings) => Path.Combine(Path.GetFullPath(settings.DataDirectory), AttachmentsFolder);

    private static async Task<int> BackupAsync(DatabaseSettings settings, string file)
    {
        if (!File.Exists(settings.SqliteFile))
        {
            return CliOutput.Error($"找不到数据库 {settings.SqliteFile}");
        }
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        var snapshot = file + ".db.part";
        var archive = file + ".part";
        try
        {
            await CopyDatabaseAsync(settings, snapshot);
            var attachments = await StoredAttachmentsAsync(snapshot);
            var missing = 0;
            await using (var output = new FileStream(archive, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
            {
                using (var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
                {
                    await using (var stream = zip.CreateEntry(ManifestEntry).Open())
                    {
                        var manifest = new Manifest(Format, DateTime.UtcNow, attachments.Count);
                        await JsonSerializer.SerializeAsync(stream, manifest, JsonSerializerOptions.Web);
                    }

                    zip.CreateEntryFromFile(snapshot, DatabaseEntry, CompressionLevel.Fastest);
                    var root = AttachmentsRoot(settings);
                    foreach (var (stored, _) in attachments)
                    {
                        var path = Path.Combine(root, stored);
                        if (File.Exists(path))
                            zip.CreateEntryFromFile(path, $"{AttachmentsFolder}/{stored}", CompressionLevel.NoCompression);
                        else
                            missing++;
                    }
                }
                output.Flush(flushToDisk: true);
            }
            File.Move(archive, file, overwrite: true);
            if (missing > 0)
                CliOutput.Warning($"数据库记录的 {missing} 个附件在 {AttachmentsRoot(settings)} 中找不到，未能备份");
            Console.WriteLine($"已备份到 {file}（数据库和 {attachments.Count - missing} 个附件，{new FileInfo(file).Length / 1024.0:0.#} KB）");
            return 0;
        }
        finally
        {
            File.Delete(snapshot);
            File.Delete(archive);
        }
    }

    /// <summary>SQLite's online backup of the live database into <paramref name="target"/>, as a single file.</summary>
    private static async Task CopyDatabaseAsync(DatabaseSettings settings, string target)
    {
        File.Delete(target);
        await using (var source = new SqliteConnection(settings.SqliteConnection))
        await using (var copy = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = target, Pooling = false }.ToString()))
        {
            await source.OpenAsync();
            await copy.OpenAsync();
            source.BackupDatabase(copy);
            await using var command = copy.CreateCommand();
            command.CommandText = "PRAGMA journal_mode=DELETE;";
            await command.ExecuteNonQueryAsync();
        }
        SqliteConnection.ClearAllPools();
    }

    /// <summary>The stored names and SHA-256 of the attachments a database copy refers to whose content is a file; content kept in the
    /// database (<c>Luoshi__Attachments__Store=database</c>) is in the copy itself. A copy from before that table existed has none.</summary>
    private static async Task<List<(string StoredName, string Sha256)>> StoredAttachmentsAsync(string databaseFile)
    {
        var options = new DbContextOptionsBuilder<LuoshiDb>()
            .UseSqlite(new SqliteConnectionStringBuilder { DataSource = databaseFile, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString())
            .Options;
        await using var db = new LuoshiDb(options);
        var withChunks = await db.Database.SqlQueryRaw<int>(
            "SELECT COUNT(*) AS \"Value\" FROM sqlite_master WHERE type = 'table' AND name = 'attachment_chunks'").SingleAsync() > 0;
        var attachments = db.Attachments.AsNoTracking();
        if (withChunks)
            attachments = attachments.Where(a => !db.Set<Data.Attachments.AttachmentChunk>().Any(c => c.StoredName == a.StoredName));
        var rows = await attachments.Select(a => new { a.StoredName, a.Sha256 }).ToListAsync();
        return rows.Select(r => (r.StoredName, r.Sha256)).ToList();
    }

    private static async Task<int> RestoreAsync(DatabaseSettings settings, string file)
    {
        if (!File.Exists(file))
        {
            return CliOutput.Error($"找不到备份文件 {file}");
        }
        var data = Path.GetFullPath(settings.DataDirectory);
        var existed = Directory.Exists(data);
        var staging = Path.Combine(data, $".restore-{Guid.NewGuid():N}");
        try
        {
            var problem = await StageAsync(file, staging);
            if (problem is not null)
            {
                return CliOutput.Error($"{file} {problem}，未做任何改动");
            }

            // Everything is checked: put the database and its attachments in place of the current ones.
            foreach (var suffix in new[] { "-wal", "-shm" })
                File.Delete(settings.SqliteFile + suffix);
            File.Move(Path.Combine(staging, DatabaseEntry), settings.SqliteFile, overwrite: true);
            var stagedAttachments = Path.Combine(staging, AttachmentsFolder);
            var withAttachments = Directory.Exists(stagedAttachments);
            if (withAttachments)
            {
                var root = AttachmentsRoot(settings);
                if (Directory.Exists(root)) Directory.Move(root, Path.Combine(staging, "replaced-attachments"));
                Directory.Move(stagedAttachments, root);
            }
            Console.WriteLine($"已从 {file} 恢复数据库 {settings.SqliteFile}" + (withAttachments ? "和附件" : "（旧格式的备份只含数据库，附件未变）"));
            return 0;
        }
        finally
        {
            if (Directory.Exists(staging)) Directory.Delete(staging, recursive: true);
            if (!existed && Directory.Exists(data) && !Directory.EnumerateFileSystemEntries(data).Any()) Directory.Delete(data);
        }
    }

    /// <summary>
    /// Unpacks a backup into <paramref name="staging"/> and checks it: a Luoshi database, and every attachment it refers
    /// to present with its recorded SHA-256. Also takes a bare database file, as backups before the archive format were.
    /// Returns why the file cannot be restored, or null.
    /// </summary>
    private static async Task<string?> StageAsync(string file, string staging)
    {
        ZipArchive zip;
        try
        {
            zip = ZipFile.OpenRead(file);
        }
        catch (InvalidDataException)
        {
            if (!await IsLuoshiDatabaseAsync(file)) return "不是落实备份文件";
            Directory.CreateDirectory(staging);
            File.Copy(file, Path.Combine(staging, DatabaseEntry));
            return null;
        }

        using (zip)
        {
            var manifest = zip.GetEntry(ManifestEntry);
            if (manifest is null || zip.GetEntry(DatabaseEntry) is null) return "不是落实备份文件";
            try
            {
                await using var stream = manifest.Open();
                var read = await JsonSerializer.DeserializeAsync<Manifest>(stream, JsonSerializerOptions.Web);
                if (read?.Format != Format) return $"是不认识的备份格式（{read?.Format}）";
            }
            catch (Exception e) when (e is JsonException or InvalidDataException)
            {
                return "不是落实备份文件";
            }

            Directory.CreateDirectory(staging);
            var root = Path.GetFullPath(staging) + Path.DirectorySeparatorChar;
            foreach (var entry in zip.Entries)
            {
                if (entry.FullName == ManifestEntry || entry.FullName.EndsWith('/')) continue;
                var target = Path.GetFullPath(Path.Combine(staging, entry.FullName));
                if (!target.StartsWith(root, StringComparison.Ordinal) ||
                    (entry.FullName != DatabaseEntry && !entry.FullName.StartsWith(AttachmentsFolder + "/", StringComparison.Ordinal)))
                    return $"含有不属于落实备份的文件“{entry.FullName}”";
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                try
                {
                    entry.ExtractToFile(target);
                }
                catch (InvalidDataException)
                {
                    return "已损坏";
                }
            }
        }

        var database = Path.Combine(staging, DatabaseEntry);
        if (!await IsLuoshiDatabaseAsync(database)) return "中的数据库已损坏或不是落实数据库";
        Directory.CreateDirectory(Path.Combine(staging, AttachmentsFolder));
        foreach (var (stored, sha256) in await StoredAttachmentsAsync(database))
        {
            var path = Path.Combine(staging, AttachmentsFolder, stored);
            if (!File.Exists(path)) return $"缺少附件 {stored}";
            await using var content = File.OpenRead(path);
            if (!string.Equals(Convert.ToHexStringLower(await SHA256.HashDataAsync(content)), sha256, StringComparison.OrdinalIgnoreCase))
                return $"中的附件 {stored} 已损坏";
        }
        return null;
    }

    private static async Task<bool> IsLuoshiDatabaseAsync(string file)
    {
        try
        {
            var readOnly = new SqliteConnectionStringBuilder { DataSource = file, Mode = SqliteOpenMode.ReadOnly, Pooling = false };
            await using var connection = new SqliteConnection(readOnly.ToString());
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA quick_check; ";
            if ((await command.ExecuteScalarAsync()) as string != "ok") return false;
            command.CommandText = "SELECT count(*) FROM sqlite_master WHERE type='table' AND name IN ('__EFMigrationsHistory','users','org_units')";
            return Convert.ToInt32(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture) == 3;
        }
        catch (SqliteException)
        {
            return false;
        }
    }
}
