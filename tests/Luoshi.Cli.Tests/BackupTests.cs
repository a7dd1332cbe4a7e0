using System.Collections.Concurrent;
using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using Luoshi.Web;
using Microsoft.Data.Sqlite;

namespace Luoshi.Cli.Tests;

/// <summary>
/// <c>luoshi backup</c> of a server that is writing, and <c>luoshi restore</c> of it after more changes: the data folder
/// comes back as it was at the backup, database and evidence files; a file that is not a backup is refused and
/// changes nothing.
/// </summary>
public sealed class BackupTests
{
    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    [Fact]
    public async Task A_backup_taken_while_writing_restores_the_database_and_attachments_of_that_moment()
    {
        var data = TemporaryData.Create("backup");
        var file = Path.Combine(data + "-copies", "备份.zip");
        try
        {
            string password;
            int[] tasks;
            string marker;
            var evidence = new Dictionary<int, byte[]>();
            var acknowledged = new ConcurrentBag<ReportingWorkload.Report>();
            var attempted = new ConcurrentBag<string>();
            HashSet<int> acknowledgedBeforeBackup;
            int laterReport, laterAttachment;
            using (var server = await LuoshiProcess.ServeAsync(data, demo: true))
            {
                password = server.DemoPassword!;
                var workload = await ReportingWorkload.PrepareAsync(server, password);
                (tasks, marker) = (workload.TaskIds, workload.Marker);
                for (var i = 0; i < 6; i++)
                {
                    var report = await workload.SubmitAsync();
                    acknowledged.Add(report);
                    var bytes = Evidence(i);
                    evidence[await UploadAsync(workload.District, report.Id, bytes, $"现场照片{i}.png")] = bytes;
                }

                // The backup runs as its own process while district users keep reporting.
                using var stop = new CancellationTokenSource();
                var burst = workload.BurstAsync(2, acknowledged, attempted, _ => { }, stop.Token);
                while (acknowledged.Count < 30 && !burst.IsCompleted) await Task.Delay(20);
                acknowledgedBeforeBackup = acknowledged.Select(r => r.Id).ToHashSet();
                var backup = await LuoshiProcess.RunAsync(["backup", file, "--data", data]);
                Assert.True(backup.ExitCode == 0, backup.Error);
                Assert.Contains("已备份到", backup.Output);
                Assert.Contains("6 个附件", backup.Output);
                while (acknowledged.Count < acknowledgedBeforeBackup.Count + 10 && !burst.IsCompleted) await Task.Delay(20);
                await stop.CancelAsync();
                await burst;

                // Later work that the restore must undo: a report with evidence.
                var later = await workload.SubmitAsync();
                laterReport = later.Id;
                laterAttachment = await UploadAsync(workload.District, later.Id, Evidence(99), "后来的照片.png");
                server.Kill();
            }

            // What the backup holds: a sound database with every report acknowledged before it began.
            var atBackup = Path.Combine(data + "-copies", "at-backup");
            using (var zip = ZipFile.OpenRead(file))
            {
                Directory.CreateDirectory(atBackup);
                zip.GetEntry("luoshi.db")!.ExtractToFile(Path.Combine(atBackup, "luoshi.db"));
                Assert.Equal(6, zip.Entries.Count(e => e.FullName.StartsWith("attachments/", StringComparison.Ordinal)));
            }
            var expected = Snapshot(Path.Combine(atBackup, "luoshi.db"));
            Assert.Equal("ok", expected.Integrity);
            Assert.Subset(expected.Reports.Keys.ToHashSet(), acknowledgedBeforeBackup);
            Assert.DoesNotContain(laterReport, expected.Reports.Keys);

            var restore = await LuoshiProcess.RunAsync(["restore", file, "--data", data]);
            Assert.True(restore.ExitCode == 0, restore.Error);
            Assert.Contains("已从", restore.Output);

            // The data folder is the backup's: every table's row count, the reports, the attachments and their files.
            var restored = Snapshot(Path.Combine(data, "luoshi.db"));
            Assert.Equal(expected.Tables, restored.Tables);
            Assert.Equal(expected.Reports, restored.Reports);
            Assert.Equal(expected.Attachments, restored.Attachments);
            var files = Directory.EnumerateFiles(Path.Combine(data, "attachments"), "*", SearchOption.AllDirectories)
                .ToDictionary(f => Path.GetRelativePath(Path.Combine(data, "attachments"), f), f => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(f))));
            Assert.Equal(restored.Attachments.Values.ToDictionary(a => a.StoredName, a => a.Sha256), files);

            // And the restored server shows it: the evidence downloads as uploaded; the later report and file are gone.
            using (var server = await LuoshiProcess.ServeAsync(data))
            {
                var district = await server.SignedInAsync("jiangdong", password);
                var stored = await ReportingWorkload.StoredAsync(district, tasks, marker);
                Assert.Equal(expected.Reports.Keys.Order(), stored.Keys.Order());
                foreach (var (id, bytes) in evidence)
                {
                    var download = await district.GetAsync($"/api/v1/attachments/{id}");
                    Assert.Equal(HttpStatusCode.OK, download.StatusCode);
                    Assert.Equal(bytes, await download.Content.ReadAsByteArrayAsync());
                }
                Assert.Equal(HttpStatusCode.NotFound, (await district.GetAsync($"/api/v1/attachments/{laterAttachment}")).StatusCode);
                await (await district.PostAsJsonAsync($"/api/v1/tasks/{tasks[0]}/reports", new { period = "2000-01", progress = 100, narrative = marker + " 恢复后报送" })).JsonAsync();
                server.Kill();
            }

            // A backup whose evidence was altered is refused before anything is replaced.
            var tampered = Path.Combine(data + "-copies", "改过的备份.zip");
            File.Copy(file, tampered);
            using (var zip = ZipFile.Open(tampered, ZipArchiveMode.Update))
            {
                var entry = zip.Entries.First(e => e.FullName.StartsWith("attachments/", StringComparison.Ordinal));
                var name = entry.FullName;
                entry.Delete();
                using var stream = zip.CreateEntry(name).Open();
                stream.Write(Evidence(7));
            }
            await AssertRefusedAsync(tampered, data, "已损坏");
        }
        finally
        {
            TemporaryData.Delete(data);
            TemporaryData.Delete(data + "-copies");
        }
    }

    [Fact]
    public async Task Restoring_a_file_that_is_not_a_Luoshi_backup_is_refused_in_Chinese_and_changes_nothing()
    {
        var data = TemporaryData.Create("restore");
        var files = data + "-files";
        Directory.CreateDirectory(files);
        try
        {
            var app = LuoshiApp.Build(["--urls=http://127.0.0.1:0", $"--Luoshi:Data={data}"]);
            await LuoshiApp.PrepareAsync(app);
            await app.DisposeAsync();
            SqliteConnection.ClearAllPools();
            Directory.CreateDirectory(Path.Combine(data, "attachments", "2026"));
            await File.WriteAllBytesAsync(Path.Combine(data, "attachments", "2026", "evidence"), Evidence(1));

            var text = Path.Combine(files, "计划.txt");
            await File.WriteAllTextAsync(text, "江州市教育局2026年教育工作要点");
            var foreignZip = Path.Combine(files, "文件.docx");
            using (var zip = ZipFile.Open(foreignZip, ZipArchiveMode.Create))
                using (var writer = new StreamWriter(zip.CreateEntry("word/document.xml").Open()))
                    await writer.WriteAsync("<w:document/>");
            var foreignDatabase = Path.Combine(files, "other.db");
            using (var connection = new SqliteConnection($"Data Source={foreignDatabase};Pooling=False"))
            {
                connection.Open();
                using var command = connection.CreateCommand();
                command.CommandText = "CREATE TABLE notes (text TEXT); INSERT INTO notes VALUES ('不是落实');";
                command.ExecuteNonQuery();
            }
            var backup = Path.Combine(files, "good.zip");
            var made = await LuoshiProcess.RunAsync(["backup", backup, "--data", data]);
            Assert.True(made.ExitCode == 0, made.Error);
            var truncated = Path.Combine(files, "truncated.zip");
            var whole = await File.ReadAllBytesAsync(backup);
            await File.WriteAllBytesAsync(truncated, whole[..(whole.Length / 2)]);
            var escaping = Path.Combine(files, "escaping.zip");
            File.Copy(backup, escaping);
            using (var zip = ZipFile.Open(escaping, ZipArchiveMode.Update))
                using (var stream = zip.CreateEntry("attachments/../../outside").Open())
                    stream.Write(Evidence(2));

            await AssertRefusedAsync(text, data, "不是落实备份文件");
            await AssertRefusedAsync(foreignZip, data, "不是落实备份文件");
            await AssertRefusedAsync(foreignDatabase, data, "不是落实备份文件");
            await AssertRefusedAsync(truncated, data, "不是落实备份文件");
            await AssertRefusedAsync(escaping, data, "不属于落实备份");
            Assert.False(File.Exists(Path.Combine(data, "outside")) || File.Exists(Path.Combine(Path.GetDirectoryName(data)!, "outside")));

            // A bare database file, as backups were before they carried attachments, is still restored; attachments stay.
            var bare = Path.Combine(files, "luoshi.db");
            using (var zip = ZipFile.OpenRead(backup))
                zip.GetEntry("luoshi.db")!.ExtractToFile(bare);
            var restored = await LuoshiProcess.RunAsync(["restore", bare, "--data", data]);
            Assert.True(restored.ExitCode == 0, restored.Error);
            Assert.Contains("附件未变", restored.Output);
            Assert.True(File.Exists(Path.Combine(data, "attachments", "2026", "evidence")));
        }
        finally
        {
            TemporaryData.Delete(data);
            TemporaryData.Delete(files);
        }
    }

    private static async Task AssertRefusedAsync(string file, string data, string reason)
    {
        var before = Fingerprint(data);
        var (exitCode, _, error) = await LuoshiProcess.RunAsync(["restore", file, "--data", data]);
        Assert.Equal(1, exitCode);
        Assert.Contains(reason, error);
        Assert.Contains("未做任何改动", error);
        Assert.Equal(before, Fingerprint(data));
    }

    /// <summary>Every file under the data folder with its SHA-256.</summary>
    private static SortedDictionary<string, string> Fingerprint(string data) =>
        new(Directory.EnumerateFiles(data, "*", SearchOption.AllDirectories)
            .ToDictionary(f => Path.GetRelativePath(data, f), f => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(f)))), StringComparer.Ordinal);

    /// <summary>A PNG-signed file, different for each <paramref name="seed"/>.</summary>
    private static byte[] Evidence(int seed)
    {
        var bytes = new byte[4096 + seed];
        new Random(seed).NextBytes(bytes);
        PngSignature.CopyTo(bytes, 0);
        return bytes;
    }

    private static async Task<int> UploadAsync(HttpClient client, int reportId, byte[] bytes, string name)
    {
        var form = new MultipartFormDataContent { { new ByteArrayContent(bytes), "file", name } };
        return (await (await client.PostAsync($"/api/v1/reports/{reportId}/attachments", form)).JsonAsync()).GetProperty("id").GetInt32();
    }

    private sealed record Attachment(string StoredName, string Sha256, long Size);

    private sealed record DatabaseState(string Integrity, SortedDictionary<string, long> Tables, SortedDictionary<int, string> Reports, SortedDictionary<int, Attachment> Attachments);

    /// <summary>Row counts of every table, and the reports' and attachments' content, read straight from the file.</summary>
    private static DatabaseState Snapshot(string databaseFile)
    {
        using var connection = new SqliteConnection($"Data Source={databaseFile};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA integrity_check";
        var integrity = (string)command.ExecuteScalar()!;
        command.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite%' ORDER BY name";
        var names = new List<string>();
        using (var reader = command.ExecuteReader())
            while (reader.Read()) names.Add(reader.GetString(0));
        var tables = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var name in names)
        {
            command.CommandText = $"SELECT count(*) FROM \"{name}\"";
            tables[name] = (long)command.ExecuteScalar()!;
        }
        Assert.Contains("reports", tables.Keys);
        var reports = new SortedDictionary<int, string>();
        command.CommandText = "SELECT Id, Period, Progress, Status, Narrative FROM reports";
        using (var reader = command.ExecuteReader())
            while (reader.Read()) reports[reader.GetInt32(0)] = $"{reader.GetString(1)} {reader.GetInt32(2)} {reader.GetValue(3)} {reader.GetString(4)}";
        var attachments = new SortedDictionary<int, Attachment>();
        command.CommandText = "SELECT Id, StoredName, Sha256, Size FROM attachments";
        using (var reader = command.ExecuteReader())
            while (reader.Read()) attachments[reader.GetInt32(0)] = new Attachment(reader.GetString(1), reader.GetString(2), reader.GetInt64(3));
        return new DatabaseState(integrity, tables, reports, attachments);
    }
}
