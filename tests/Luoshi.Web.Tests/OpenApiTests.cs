using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Luoshi.Domain.People;
using Luoshi.Web.Tests.Infrastructure;

namespace Luoshi.Web.Tests;

/// <summary>
/// The API as its document describes it: the OpenAPI document lints clean with Redocly's recommended rules (installed with npm from
/// tools/openapi-lint), ids are JSON numbers, every list pages the same way, a record not changed since it was read answers 304,
/// and the API reference page is there for signed-in users.
/// </summary>
public sealed class OpenApiTests(DemoCopies demo) : IClassFixture<DemoCopies>
{
    [Fact]
    public async Task The_OpenAPI_document_lints_without_errors()
    {
        var app = await demo.For(TestDatabase.Sqlite);
        var client = await app.SignedInAsync("admin");
        var document = await client.GetStringAsync("/openapi/v1.json");
        Assert.DoesNotContain("\"http://localhost", document, StringComparison.Ordinal);
        var file = Path.Combine(Path.GetTempPath(), $"luoshi-openapi-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, document);
        try
        {
            var (exit, output) = await RunAsync(await RedoclyAsync(), $"lint \"{file}\" --format=stylish");
            Assert.True(exit == 0, "redocly lint found errors in /openapi/v1.json:\n" + output);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Theory, Databases]
    public async Task Ids_given_as_strings_are_refused(TestDatabase database)
    {
        var app = await demo.For(database);
        var admin = await app.SignedInAsync("admin");
        var response = await admin.PostAsJsonAsync("/api/v1/users",
            new { username = "strict" + Guid.NewGuid().ToString("N")[..6], displayName = "数字", role = "district", orgUnitId = "2", password = "Chengnan-2026" });
        await response.AssertProblemAsync(400);
    }

    [Theory, Databases]
    public async Task Every_list_refuses_a_page_size_outside_1_to_500_and_pages_search_and_reports(TestDatabase database)
    {
        var app = await demo.For(database);
        var client = await app.SignedInAsync("admin");
        foreach (var list in new[] { "/api/v1/tasks", "/api/v1/plans", "/api/v1/org-units", "/api/v1/search?q=教育" })
        {
            var join = list.Contains('?', StringComparison.Ordinal) ? "&" : "?";
            await (await client.GetAsync($"{list}{join}pageSize=0")).AssertProblemAsync(400);
            await (await client.GetAsync($"{list}{join}pageSize=501")).AssertProblemAsync(400);
            await (await client.GetAsync($"{list}{join}page=0")).AssertProblemAsync(400);
        }
        // Two small plans of its own: four tasks that mention 幼儿园.
        await Ledgers.DraftPlanAsync(client);
        await Ledgers.DraftPlanAsync(client);
        var all = await client.GetJsonAsync("/api/v1/search?q=幼儿园&pageSize=500");
        Assert.True(all.GetProperty("total").GetInt32() >= 4, all.ToString());
        var page = await client.GetJsonAsync("/api/v1/search?q=幼儿园&pageSize=2&page=2");
        Assert.Equal(2, page.GetProperty("items").GetArrayLength());
        Assert.Equal(all.GetProperty("items")[2].GetProperty("link").GetString(), page.GetProperty("items")[0].GetProperty("link").GetString());
        Assert.Equal(all.GetProperty("total").GetInt32(), page.GetProperty("total").GetInt32());

        var task = await Ledgers.PublishedQ01TaskAsync(app, client);
        var district = await app.SignedInAsync(await app.AddUserAsync(Role.District, "Q01"));
        await Ledgers.ReportAsync(district, task, "2026-04");
        await Ledgers.ReportAsync(district, task, "2026-05");
        var reports = await client.GetJsonAsync($"/api/v1/tasks/{task}/reports");
        Assert.Equal(2, reports.GetProperty("total").GetInt32());
        var second = await client.GetJsonAsync($"/api/v1/tasks/{task}/reports?pageSize=1&page=2");
        Assert.Equal(1, second.GetProperty("items").GetArrayLength());
        Assert.Equal(2, second.GetProperty("total").GetInt32());
        Assert.Equal(reports.GetProperty("items")[1].GetProperty("id").GetInt32(), second.GetProperty("items")[0].GetProperty("id").GetInt32());
    }

    [Theory, Databases]
    public async Task A_task_not_changed_since_its_ETag_answers_304(TestDatabase database)
    {
        var app = await demo.For(database);
        var client = await app.SignedInAsync("admin");
        var (_, tasks) = await Ledgers.DraftPlanAsync(client);
        var id = tasks[0].GetProperty("id").GetInt32();
        var first = await client.GetAsync($"/api/v1/tasks/{id}");
        var etag = first.Headers.ETag!.Tag;
        var again = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/tasks/{id}");
        again.Headers.TryAddWithoutValidation("If-None-Match", etag);
        var response = await client.SendAsync(again);
        Assert.Equal(HttpStatusCode.NotModified, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
        var other = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/tasks/{id}");
        other.Headers.TryAddWithoutValidation("If-None-Match", "\"999999\"");
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(other)).StatusCode);
    }

    [Theory, Databases]
    public async Task The_API_reference_page_is_served_from_this_server_to_signed_in_users(TestDatabase database)
    {
        var app = await demo.For(database);
        var client = await app.SignedInAsync(await app.AddUserAsync(Role.School, "Q01-S01"));
        var page = await client.GetAsync("/api/docs/v1");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("scalar.js", html, StringComparison.Ordinal);
        Assert.DoesNotContain("cdn.jsdelivr.net", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/docs/scalar.js")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.NewClient().GetAsync("/api/docs/v1")).StatusCode);
    }

    private static readonly SemaphoreSlim Install = new(1, 1);

    /// <summary>The pinned Redocly CLI of tools/openapi-lint, installed there with <c>npm ci</c> on first use.</summary>
    private static async Task<string> RedoclyAsync()
    {
        var folder = Path.Combine(Repository.Root(), "tools", "openapi-lint");
        var cli = Path.Combine(folder, "node_modules", "@redocly", "cli", "bin", "cli.js");
        await Install.WaitAsync();
        try
        {
            if (!File.Exists(cli))
            {
                var (exit, output) = await RunAsync("npm", "ci --no-audit --no-fund --loglevel=error", folder, TimeSpan.FromMinutes(10));
                Assert.True(exit == 0, "npm ci in tools/openapi-lint failed:\n" + output);
            }
        }
        finally
        {
            Install.Release();
        }
        return cli;
    }

    private static Task<(int, string)> RunAsync(string cli, string arguments) =>
        RunAsync("node", $"\"{cli}\" {arguments}", Path.GetDirectoryName(cli)!, TimeSpan.FromMinutes(3));

    private static async Task<(int Exit, string Output)> RunAsync(string file, string arguments, string folder, TimeSpan limit)
    {
        var start = new ProcessStartInfo(file, arguments)
        {
            WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        start.Environment["NO_COLOR"] = "1";
        start.Environment["REDOCLY_TELEMETRY"] = "off";
        start.Environment["REDOCLY_SUPPRESS_UPDATE_NOTICE"] = "true";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(limit);
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout + await stderr);
    }
}
