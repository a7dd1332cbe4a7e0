using Luoshi.Data;
using Microsoft.Data.Sqlite;

namespace Luoshi.Cli.Hosting;

/// <summary>
/// <c>luoshi backup FILE</c> and <c>luoshi restore FILE</c> for the embedded database. The backup uses SQLite's
/// online backup, so it is a consistent copy even while the web app is writing. PostgreSQL is backed up with pg_dump.
/// </summary>
public static class BackupCommand
{
    public static async Task<int> RunAsync(string[] args, bool backup)
    {
        var a = Arguments.Parse(args, new HashSet<string> { "--data" }, new HashSet<string>());
        if (a.Positional.Count != 1) throw new UsageException(backup ? "用法：luoshi backup FILE [--data DIR]" : "用法：luoshi restore FILE [--data DIR]");
        var file = Path.GetFullPath(a.Positional[0]);
        var settings = new DatabaseSettings(a["--data"] ?? "./data", null);
        return backup ? await BackupAsync(settings, file) : await RestoreAsync(settings, file);
    }

    private static async Task<int> BackupAsync(DatabaseSettings settings, string file)
    {
        if (!File.Exists(settings.SqliteFile))
        {
            Console.Error.WriteLine($"luoshi：找不到数据库 {settings.SqliteFile}");
            return 1;
        }
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        var temporary = file + ".part";
        File.Delete(temporary);
        await using (var source = new SqliteConnection(settings.SqliteConnection))
        await using (var target = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = temporary, Pooling = false }.ToString()))
        {
            await source.OpenAsync();
            await target.OpenAsync();
            source.BackupDatabase(target);
            await using var command = target.CreateCommand();
            command.CommandText = "PRAGMA journal_mode=DELETE;";
            await command.ExecuteNonQueryAsync();
        }
        SqliteConnection.ClearAllPools();
        File.Move(temporary, file, overwrite: true);
        Console.WriteLine($"已备份到 {file}（{new FileInfo(file).Length / 1024.0:0.#} KB）");
        return 0;
    }

    private static async Task<int> RestoreAsync(DatabaseSettings settings, string file)
    {
        if (!File.Exists(file))
        {
            Console.Error.WriteLine($"luoshi：找不到备份文件 {file}");
            return 1;
        }
        if (!await IsLuoshiDatabaseAsync(file))
        {
            Console.Error.WriteLine($"luoshi：{file} 不是有效的落实数据库备份，未做任何改动");
            return 1;
        }
        Directory.CreateDirectory(Path.GetDirectoryName(settings.SqliteFile)!);
        var temporary = settings.SqliteFile + ".restore";
        File.Copy(file, temporary, overwrite: true);
        foreach (var suffix in new[] { "-wal", "-shm" })
            File.Delete(settings.SqliteFile + suffix);
        File.Move(temporary, settings.SqliteFile, overwrite: true);
        Console.WriteLine($"已从 {file} 恢复数据库 {settings.SqliteFile}");
        return 0;
    }

    private static async Task<bool> IsLuoshiDatabaseAsync(string file)
    {
        try
        {
            await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
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
