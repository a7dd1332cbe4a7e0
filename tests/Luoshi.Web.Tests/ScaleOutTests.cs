using System.Net;
using System.Net.Http.Json;
using Luoshi.Domain.People;
using Luoshi.Web.Tests.Infrastructure;

namespace Luoshi.Web.Tests;

/// <summary>Several instances of the app on one database behave as one: what one instance issued, another accepts.</summary>
public class ScaleOutTests
{
    [Theory, Databases]
    public async Task A_session_cookie_issued_by_one_instance_is_accepted_by_another(TestDatabase database)
    {
        using var store = TestStore.CreateEmpty(database);
        var second = store.SecondInstance();
        try
        {
            await using var first = await new LuoshiFactory(store, demo: true, ownsStore: false).StartAsync();
            var signIn = await first.NewClient().PostAsJsonAsync("/api/v1/session",
                new { username = "admin", password = LuoshiFactory.Password });
            Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);
            var cookie = string.Join("; ", signIn.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]));

            // The other instance has no key folder of its own to share: whatever it knows about keys, it knows from the database.
            var keys = Path.Combine(second.DataDirectory, "keys");
            if (Directory.Exists(keys)) Directory.Delete(keys, recursive: true);
            await using var other = new LuoshiFactory(second, demo: false, ownsStore: false);
            var client = other.NewClient();
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/me");
            request.Headers.Add("Cookie", cookie);
            var me = await client.SendAsync(request);

            Assert.Equal(HttpStatusCode.OK, me.StatusCode);
            Assert.Contains("admin", await me.Content.ReadAsStringAsync());
        }
        finally
        {
            if (second.DataDirectory != store.DataDirectory) Directory.Delete(second.DataDirectory, recursive: true);
        }
    }

    [Theory, Databases]
    public async Task An_attachment_uploaded_via_one_instance_is_downloaded_via_another_through_the_shared_folder(TestDatabase database)
    {
        using var store = TestStore.CreateEmpty(database);
        var second = store.SecondInstance();
        var shared = Path.Combine(Path.GetTempPath(), "luoshi-tests", "shared-" + Guid.NewGuid().ToString("N"));
        var settings = new Dictionary<string, string> { ["Luoshi:Attachments:Folder"] = shared };
        try
        {
            await using var first = await new LuoshiFactory(store, demo: true, ownsStore: false, settings).StartAsync();
            var url = await UploadAsync(first);
            Assert.NotEmpty(Directory.EnumerateFiles(shared, "*", SearchOption.AllDirectories));

            await using var other = new LuoshiFactory(second, demo: false, ownsStore: false, settings);
            var download = await (await other.SignedInAsync("admin")).GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, download.StatusCode);
            Assert.Equal(Ledgers.PngBytes, await download.Content.ReadAsByteArrayAsync());
        }
        finally
        {
            if (Directory.Exists(shared)) Directory.Delete(shared, recursive: true);
            if (second.DataDirectory != store.DataDirectory) Directory.Delete(second.DataDirectory, recursive: true);
        }
    }

    [Theory, Databases]
    public async Task Attachments_stored_before_a_shared_folder_was_set_are_still_downloaded(TestDatabase database)
    {
        using var store = TestStore.CreateEmpty(database);
        var shared = Path.Combine(Path.GetTempPath(), "luoshi-tests", "shared-" + Guid.NewGuid().ToString("N"));
        string url;
        await using (var before = await new LuoshiFactory(store, demo: true, ownsStore: false).StartAsync())
            url = await UploadAsync(before);

        await using var after = new LuoshiFactory(store, demo: false, ownsStore: false,
            new Dictionary<string, string> { ["Luoshi:Attachments:Folder"] = shared });
        var download = await (await after.SignedInAsync("admin")).GetAsync(url);

        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(Ledgers.PngBytes, await download.Content.ReadAsByteArrayAsync());
    }

    /// <summary>A district user of Q01 attaches a photo to a report; returns the download address.</summary>
    private static async Task<string> UploadAsync(LuoshiFactory app)
    {
        var taskId = await Ledgers.PublishedQ01TaskAsync(app, await app.SignedInAsync("admin"));
        var district = await app.SignedInAsync(await app.AddUserAsync(Role.District, "Q01"));
        var reportId = await Ledgers.ReportAsync(district, taskId);
        var upload = await district.PostAsync($"/api/v1/reports/{reportId}/attachments", Ledgers.Png("现场照片.png"));
        Assert.Equal(HttpStatusCode.Created, upload.StatusCode);
        return (await upload.ReadJsonAsync()).GetProperty("url").GetString()!;
    }
}
