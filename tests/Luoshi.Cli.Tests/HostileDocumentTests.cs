using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Luoshi.Tests.Shared;

namespace Luoshi.Cli.Tests;

/// <summary>
/// The folder of hostile documents (deep nesting, zip bombs, a huge single run, too many elements, XXE, nested web
/// pages, texts that would parse into millions of targets or items) sent to a real server's parse endpoint by the
/// lowest role: each is refused in Chinese, the process stays up and answers <c>/healthz</c>, and its memory comes back
/// within 200 MB of where it started. Before, the first of them ended the process.
/// </summary>
public sealed class HostileDocumentTests
{
    private const long Allowance = 200L * 1024 * 1024;

    [Fact]
    public async Task Every_hostile_document_is_refused_and_the_server_stays_up_and_gives_its_memory_back()
    {
        var data = TemporaryData.Create("hostile");
        var folder = Path.Combine(data, "hostile-documents");
        try
        {
            HostileDocuments.WriteAll(folder);
            using var server = await LuoshiProcess.ServeAsync(data, demo: true);
            var school = await server.SignedInAsync("school", server.DemoPassword!);
            var health = new HttpClient { BaseAddress = new Uri(server.Url), Timeout = TimeSpan.FromSeconds(30) };

            // Warm up with a real plan, so that the start figure includes what any first parse loads.
            var plan = Encoding.UTF8.GetBytes("江州市教育局2026年教育工作要点\n一、学前教育\n（一）公办幼儿园在园儿童占比达到54%。\n");
            for (var i = 0; i < 3; i++) Assert.Equal(HttpStatusCode.OK, (await school.PostAsync("/api/v1/plans/parse", Upload(plan, "要点.txt"))).StatusCode);
            var start = server.ResidentBytes();

            foreach (var path in Directory.GetFiles(folder).Order(StringComparer.Ordinal))
            {
                var name = Path.GetFileName(path);
                var response = await school.PostAsync("/api/v1/plans/parse", Upload(await File.ReadAllBytesAsync(path), name));
                var body = await response.Content.ReadAsStringAsync();
                Assert.True(response.StatusCode is HttpStatusCode.UnprocessableEntity or HttpStatusCode.RequestEntityTooLarge,
                    $"{name}：{(int)response.StatusCode} {body[..Math.Min(body.Length, 300)]}");
                Assert.Matches("[\u4e00-\u9fff]", body);
                Assert.False(server.HasExited, $"{name} 使服务器进程退出：\n{server.Output}");
                Assert.Equal(HttpStatusCode.OK, (await health.GetAsync("/healthz")).StatusCode);
            }

            // The server may keep freed memory a little while; it must give it back within half a minute.
            var deadline = DateTime.UtcNow.AddSeconds(30);
            long now;
            while ((now = server.ResidentBytes()) > start + Allowance && DateTime.UtcNow < deadline) await Task.Delay(500);
            Assert.True(now <= start + Allowance, $"内存从 {start / 1048576} MB 涨到 {now / 1048576} MB");
            Assert.Equal(HttpStatusCode.OK, (await school.PostAsync("/api/v1/plans/parse", Upload(plan, "要点.txt"))).StatusCode);
        }
        finally
        {
            TemporaryData.Delete(data);
        }
    }

    private static MultipartFormDataContent Upload(byte[] content, string fileName)
    {
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        return new MultipartFormDataContent { { file, "file", fileName } };
    }
}
