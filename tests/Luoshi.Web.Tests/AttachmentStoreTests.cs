using System.Net;
using Luoshi.Application.Reports;
using Luoshi.Data.Attachments;
using Luoshi.Domain.People;
using Luoshi.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Luoshi.Web.Tests;

/// <summary>Attachments kept in the database (<c>Luoshi:Attachments:Store=database</c>): no file on disk, the same limits and checks.</summary>
public sealed class AttachmentStoreTests : IAsyncLifetime
{
    private static readonly Dictionary<string, string> InDatabase = new() { ["Luoshi:Attachments:Store"] = "database" };
    private readonly Dictionary<TestDatabase, Task<LuoshiFactory>> apps = [];

    private Task<LuoshiFactory> AppAsync(TestDatabase database)
    {
        lock (apps)
        {
            if (!apps.TryGetValue(database, out var app)) apps[database] = app = DemoApps.OwnAsync(database, InDatabase);
            return app;
        }
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var app in apps.Values)
            if (app.IsCompletedSuccessfully) await app.Result.DisposeAsync();
    }

    /// <summary>A PNG of <paramref name="size"/> bytes: the PNG signature, then random bytes (several database pieces long).</summary>
    public static byte[] LargePng(int size)
    {
        var bytes = new byte[size];
        Random.Shared.NextBytes(bytes);
        Ledgers.PngBytes.AsSpan(0, 16).CopyTo(bytes);
        return bytes;
    }

    [Theory, Databases]
    public async Task A_file_kept_in_the_database_is_downloaded_byte_for_byte_and_nothing_is_written_to_disk(TestDatabase database)
    {
        var app = await AppAsync(database);
        var (district, reportId) = await ReportAsync(app);
        var photo = LargePng(AttachmentChunk.MaxBytes * 2 + 12_345);

        var upload = await district.PostAsync($"/api/v1/reports/{reportId}/attachments",
            new MultipartFormDataContent { { new ByteArrayContent(photo), "file", "现场照片.png" } });
        Assert.Equal(HttpStatusCode.Created, upload.StatusCode);
        var download = await district.GetAsync((await upload.ReadJsonAsync()).GetProperty("url").GetString());

        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(photo, await download.Content.ReadAsByteArrayAsync());
        var stored = await app.WithDbAsync(db => db.Attachments.Where(a => a.ReportId == reportId).Select(a => a.StoredName).SingleAsync());
        Assert.Equal(3, await app.WithDbAsync(db => db.Set<AttachmentChunk>().CountAsync(c => c.StoredName == stored)));
        Assert.False(File.Exists(Path.Combine(app.DataDirectory, "attachments", stored)));
    }

    [Theory, Databases]
    public async Task A_file_over_the_limit_or_of_a_refused_kind_leaves_nothing_in_the_database(TestDatabase database)
    {
        var app = await AppAsync(database);
        var (district, reportId) = await ReportAsync(app);
        var before = await StoredNamesAsync(app);

        var tooBig = LargePng((int)EvidenceFiles.MaxBytes + 100_000);
        await (await district.PostAsync($"/api/v1/reports/{reportId}/attachments",
            new MultipartFormDataContent { { new ByteArrayContent(tooBig), "file", "照片.png" } })).AssertProblemAsync(413);
        var program = "MZ\u0090\0 This program cannot be run in DOS mode"u8.ToArray();
        await (await district.PostAsync($"/api/v1/reports/{reportId}/attachments",
            new MultipartFormDataContent { { new ByteArrayContent(program), "file", "照片.png" } })).AssertProblemAsync(415);
        // A stream longer than it said it was is cut off at the limit while it is written: what was written goes too.
        var files = app.Services.GetRequiredService<EvidenceFiles>();
        var (attachment, problem) = await files.StoreAsync(new MemoryStream(tooBig), "照片.png", 1000, null);

        Assert.Null(attachment);
        Assert.Equal(Luoshi.Domain.Reports.ReportProblems.FileTooLarge.Code, problem!.Type.Code);
        Assert.Equal(0, await app.WithDbAsync(db => db.Attachments.CountAsync(a => a.ReportId == reportId)));
        Assert.Equal(before, await StoredNamesAsync(app));
    }

    private static Task<List<string>> StoredNamesAsync(LuoshiFactory app) =>
        app.WithDbAsync(db => db.Set<AttachmentChunk>().Select(c => c.StoredName).Distinct().OrderBy(n => n).ToListAsync());

    [Theory, Databases]
    public async Task Files_stored_in_the_folder_are_still_read_and_are_copied_into_the_database_once(TestDatabase database)
    {
        using var store = TestStore.CreateEmpty(database);
        string url;
        await using (var before = await new LuoshiFactory(store, demo: true, ownsStore: false).StartAsync())
        {
            var (district, reportId) = await ReportAsync(before);
            var upload = await district.PostAsync($"/api/v1/reports/{reportId}/attachments", Ledgers.Png("现场照片.png"));
            url = (await upload.ReadJsonAsync()).GetProperty("url").GetString()!;
        }

        await using var after = new LuoshiFactory(store, demo: false, ownsStore: false, InDatabase);
        var admin = await after.SignedInAsync("admin");
        Assert.Equal(Ledgers.PngBytes, await (await admin.GetAsync(url)).Content.ReadAsByteArrayAsync());

        var settings = new Luoshi.Data.DatabaseSettings(store.DataDirectory, store.PostgresConnection);
        var copy = await AttachmentsToDatabase.CopyAsync(settings);
        Assert.Equal(1, copy.Copied);
        Assert.Empty(copy.Missing);
        Assert.Empty(copy.Damaged);
        Directory.Delete(Path.Combine(store.DataDirectory, "attachments"), recursive: true);

        var download = await admin.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(Ledgers.PngBytes, await download.Content.ReadAsByteArrayAsync());
        var again = await AttachmentsToDatabase.CopyAsync(settings);
        Assert.Equal((0, 1), (again.Copied, again.AlreadyInDatabase));
    }

    /// <summary>A district user of Q01 with a submitted report on a published task of its own.</summary>
    private static async Task<(HttpClient District, int ReportId)> ReportAsync(LuoshiFactory app)
    {
        var taskId = await Ledgers.PublishedQ01TaskAsync(app, await app.SignedInAsync("admin"));
        var district = await app.SignedInAsync(await app.AddUserAsync(Role.District, "Q01"));
        return (district, await Ledgers.ReportAsync(district, taskId));
    }
}
