using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Luoshi.Tests.Shared;
using Luoshi.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Luoshi.Web.Tests;

/// <summary>
/// Hostile documents sent to every door a plan comes in by (the parse API as the lowest role, the plan API, the upload
/// page) get a Chinese 422 naming the limit, nothing is stored, and the server goes on answering.
/// </summary>
public sealed partial class HostileUploadTests(DemoCopies demo) : IClassFixture<DemoCopies>
{
    [Theory, Databases]
    public async Task A_school_sending_a_deeply_nested_docx_to_the_parse_api_gets_a_Chinese_422_and_the_server_answers(TestDatabase database)
    {
        var app = await demo.For(database);
        var school = await app.SignedInAsync("school");
        foreach (var levels in new[] { 10_000, 30_000, 100_000 })
        {
            var response = await school.PostAsync("/api/v1/plans/parse", File(HostileDocuments.DeepDocx(levels), "要点.docx"));
            Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
            Assert.Contains("嵌套超过 256 层", await DetailAsync(response));
        }
        Assert.Equal(HttpStatusCode.OK, (await school.GetAsync("/healthz")).StatusCode);
    }

    [Theory, Databases]
    public async Task A_text_that_would_parse_into_millions_of_targets_is_refused_naming_the_cap(TestDatabase database)
    {
        var app = await demo.For(database);
        var school = await app.SignedInAsync("school");
        var body = new StringContent(new StringBuilder().Insert(0, "XX%", 3_000_000).ToString(), Encoding.UTF8, "text/plain");
        var response = await school.PostAsync("/api/v1/plans/parse", body);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("指标数字超过 5000 个", await DetailAsync(response));
    }

    [Theory, Databases]
    public async Task A_zip_bomb_sent_to_create_a_plan_is_refused_and_no_plan_is_stored(TestDatabase database)
    {
        var app = await demo.For(database);
        var department = await app.SignedInAsync("jichu");
        var name = $"炸弹{Guid.NewGuid():N}.docx";
        var response = await department.PostAsync("/api/v1/plans", File(HostileDocuments.HugeRunDocx(64L * 1024 * 1024), name));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("解压后超过 8 MB", await DetailAsync(response));
        Assert.False(await app.WithDbAsync(db => db.Plans.AnyAsync(p => p.SourceFileName == name)));
    }

    [Theory, Databases]
    public async Task The_upload_page_explains_a_hostile_document_in_Chinese_and_stores_nothing(TestDatabase database)
    {
        var app = await demo.For(database);
        var department = await app.SignedInAsync("jichu");
        var name = $"深{Guid.NewGuid():N}.docx";
        var token = Token().Match(await department.GetStringAsync("/Plans/New")).Groups[1].Value;
        var form = File(HostileDocuments.DeepDocx(30_000), name);
        form.Add(new StringContent(token), "__RequestVerificationToken");
        var response = await department.PostAsync("/Plans/New", form);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("文档结构嵌套超过 256 层", await response.Content.ReadAsStringAsync());
        Assert.False(await app.WithDbAsync(db => db.Plans.AnyAsync(p => p.SourceFileName == name)));
    }

    private static MultipartFormDataContent File(byte[] content, string fileName)
    {
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        return new MultipartFormDataContent { { file, "file", fileName } };
    }

    private static async Task<string> DetailAsync(HttpResponseMessage response)
    {
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.GetProperty("detail").GetString()!;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex Token();
}
