using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Luoshi.Domain.People;
using Luoshi.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Luoshi.Web.Tests;

/// <summary>Bodies too large or too deep are refused with a Chinese problem, and uploaded file names cannot reach outside the data folder.</summary>
public sealed class InputLimitsTests(DemoCopies demo) : IClassFixture<DemoCopies>
{
    private static StringContent Json(string text) => new(text, Encoding.UTF8, "application/json");

    [Theory, Databases]
    public async Task A_JSON_body_over_1_MB_is_413_and_one_under_it_is_read(TestDatabase database)
    {
        var app = await demo.For(database);
        var admin = await app.SignedInAsync("admin");
        var huge = await (await admin.PostAsync("/api/v1/org-units", Json($"{{\"code\":\"BIG\",\"name\":\"{new string('校', 400_000)}\",\"kind\":\"school\"}}"))).AssertProblemAsync(413);
        Assert.Contains("1 MB", huge.GetProperty("detail").GetString());
        // Just under the limit the body is read, and the name is refused for its length instead.
        var large = await admin.PostAsync("/api/v1/org-units", Json($"{{\"code\":\"BIG\",\"name\":\"{new string('校', 300_000)}\",\"kind\":\"school\"}}"));
        await large.AssertProblemAsync(400);
        Assert.False(await app.WithDbAsync(db => db.OrgUnits.AnyAsync(u => u.Code == "BIG")));
    }

    [Theory, Databases]
    public async Task JSON_nested_deeper_than_64_is_400(TestDatabase database)
    {
        var app = await demo.For(database);
        var admin = await app.SignedInAsync("admin");
        foreach (var depth in new[] { 65, 1000, 100_000 })
        {
            var arrays = $"{{\"code\":\"DEEP\",\"name\":{new string('[', depth)}{new string(']', depth)}}}";
            await (await admin.PostAsync("/api/v1/org-units", Json(arrays))).AssertProblemAsync(400);
            var objects = string.Concat(Enumerable.Repeat("{\"a\":", depth)) + "1" + new string('}', depth);
            await (await admin.PostAsync("/api/v1/users", Json(objects))).AssertProblemAsync(400);
        }
    }

    [Theory, Databases]
    public async Task Uploads_over_their_limit_are_413(TestDatabase database)
    {
        var app = await demo.For(database);
        var (district, reportId) = await ReportAsync(app);
        var evidence = new byte[21 * 1024 * 1024];
        Ledgers.PngBytes.CopyTo(evidence, 0);
        var tooBig = new MultipartFormDataContent { { new ByteArrayContent(evidence), "file", "照片.png" } };
        var problem = await (await district.PostAsync($"/api/v1/reports/{reportId}/attachments", tooBig)).AssertProblemAsync(413);
        Assert.Contains("MB", problem.GetProperty("detail").GetString());
        Assert.Equal(0, await app.WithDbAsync(db => db.Attachments.CountAsync(a => a.ReportId == reportId)));

        var jichu = await app.SignedInAsync("jichu");
        var document = new ByteArrayContent(new byte[11 * 1024 * 1024]);
        document.Headers.ContentType = new MediaTypeHeaderValue("text/plain");
        await (await jichu.PostAsync("/api/v1/plans", new MultipartFormDataContent { { document, "file", "计划.txt" } })).AssertProblemAsync(413);
    }

    [Theory, Databases]
    public async Task Uploaded_file_names_cannot_leave_the_attachments_folder(TestDatabase database)
    {
        var app = await demo.For(database);
        var (district, reportId) = await ReportAsync(app);
        var names = new[] { "../../evil.exe", "/etc/cron.d/evil.png", @"..\..\..\evil.png", @"C:\Windows\System32\evil.png", "....//....//evil.png", "..", ".evil.png" };
        foreach (var name in names)
        {
            var upload = await district.PostAsync($"/api/v1/reports/{reportId}/attachments", Ledgers.Png(name));
            Assert.True(upload.StatusCode == HttpStatusCode.Created, $"{name} → {(int)upload.StatusCode} {await upload.Content.ReadAsStringAsync()}");
            var attachment = await upload.ReadJsonAsync();
            var shown = attachment.GetProperty("fileName").GetString()!;
            Assert.DoesNotContain('/', shown);
            Assert.DoesNotContain('\\', shown);
            Assert.DoesNotContain(':', shown);
            Assert.False(shown.StartsWith('.'), $"{name} is shown as {shown}");
            Assert.EndsWith(".png", shown);

            var download = await district.GetAsync(attachment.GetProperty("url").GetString());
            Assert.Equal(HttpStatusCode.OK, download.StatusCode);
            var disposition = download.Content.Headers.ContentDisposition!;
            Assert.Equal("attachment", disposition.DispositionType);
            foreach (var sent in new[] { disposition.FileName, disposition.FileNameStar }.OfType<string>())
                Assert.True(sent.IndexOfAny(['/', '\\']) < 0 && !sent.Trim('"').StartsWith('.'), $"{name} is sent as {sent}");
            Assert.Equal("nosniff", download.Headers.GetValues("X-Content-Type-Options").Single());
            Assert.Equal(Ledgers.PngBytes, await download.Content.ReadAsByteArrayAsync());
        }
        Assert.Equal("evil.exe.png", await app.WithDbAsync(db => db.Attachments.Where(a => a.ReportId == reportId).OrderBy(a => a.Id).Select(a => a.FileName).FirstAsync()));

        // On disk every file is inside DATA/attachments under a generated name; nothing named after the upload exists anywhere near.
        var attachments = Path.Combine(Path.GetFullPath(app.DataDirectory), "attachments") + Path.DirectorySeparatorChar;
        var stored = await app.WithDbAsync(db => db.Attachments.Where(a => a.ReportId == reportId).Select(a => a.StoredName).ToListAsync());
        Assert.Equal(names.Length, stored.Count);
        foreach (var name in stored)
        {
            var path = Path.GetFullPath(Path.Combine(attachments, name));
            Assert.StartsWith(attachments, path);
            Assert.Equal(Ledgers.PngBytes, await File.ReadAllBytesAsync(path));
        }
        var near = Path.GetDirectoryName(Path.GetFullPath(app.DataDirectory))!;
        Assert.Empty(Directory.EnumerateFiles(near, "*evil*", SearchOption.AllDirectories));
        Assert.False(File.Exists("/etc/cron.d/evil.png"));
    }

    /// <summary>A district user of Q01 with a submitted report on a published task of its own.</summary>
    private static async Task<(HttpClient District, int ReportId)> ReportAsync(LuoshiFactory app)
    {
        var taskId = await Ledgers.PublishedQ01TaskAsync(app, await app.SignedInAsync("admin"));
        var district = await app.SignedInAsync(await app.AddUserAsync(Role.District, "Q01"));
        return (district, await Ledgers.ReportAsync(district, taskId));
    }
}
