using System.Net;
using System.Text.RegularExpressions;
using Luoshi.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Luoshi.Web.Tests;

/// <summary>
/// What a browser downloads: scripts and styles under fingerprinted addresses, precompressed and cached for good; pages and JSON
/// compressed; the plan page's chart library only the part it uses.
/// </summary>
public sealed partial class StaticAssetsTests(DemoCopies demo) : IClassFixture<DemoCopies>
{
    [GeneratedRegex("(?:href|src)=\"(/[^\"]+\\.(?:css|js))\"")]
    private static partial Regex Asset();

    [Fact]
    public async Task The_sign_in_page_links_fingerprinted_assets_that_are_compressed_and_immutable()
    {
        var app = await demo.For(TestDatabase.Sqlite);
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var html = await client.GetStringAsync("/Login");
        var assets = Asset().Matches(html).Select(m => m.Groups[1].Value).ToList();
        Assert.Contains(assets, a => a.StartsWith("/css/site.", StringComparison.Ordinal));
        foreach (var asset in assets)
        {
            // site.{fingerprint}.css: the address changes whenever the file does, so it may be kept for good.
            Assert.Matches(@"\.[a-z0-9]{8,}\.(css|js)$", asset);
            var request = new HttpRequestMessage(HttpMethod.Get, asset);
            request.Headers.TryAddWithoutValidation("Accept-Encoding", "gzip, br");
            var response = await client.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains("immutable", response.Headers.CacheControl?.ToString() ?? "", StringComparison.Ordinal);
            Assert.Contains(response.Content.Headers.ContentEncoding, e => e is "gzip" or "br");
        }
    }

    [Theory, Databases]
    public async Task Pages_and_JSON_are_compressed(TestDatabase database)
    {
        var app = await demo.For(database);
        var client = await app.SignedInAsync("admin");
        foreach (var url in new[] { "/", "/api/v1/org-units" })
        {
            var request = new HttpRequestMessage(HttpMethod.Get, url);
            request.Headers.TryAddWithoutValidation("Accept-Encoding", "br, gzip");
            var response = await client.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(["br"], response.Content.Headers.ContentEncoding);
        }
    }

    /// <summary>
    /// The chart library is the build of tools/echarts-build with only the bar, line and pie charts (524 KB), not the 1 MB full
    /// build; no page or script asks for echarts.min.js. (ECharts 5 with these three charts cannot go under 400 KB: its own
    /// line/bar/pie build, echarts.simple.min.js, is 470 KB without even a tooltip or a legend.)
    /// </summary>
    [Fact]
    public void The_chart_library_is_the_build_with_only_the_charts_used_and_no_page_asks_for_the_full_one()
    {
        var file = Path.Combine(AppContext.BaseDirectory, "wwwroot", "vendor", "echarts.luoshi.min.js");
        Assert.True(File.Exists(file), file);
        Assert.InRange(new FileInfo(file).Length, 100_000, 560_000);
        Assert.False(File.Exists(Path.Combine(AppContext.BaseDirectory, "wwwroot", "vendor", "echarts.min.js")));
        var web = Path.Combine(Repository.Root, "src", "Luoshi.Web");
        var sources = Directory.EnumerateFiles(Path.Combine(web, "Pages"), "*.cshtml", SearchOption.AllDirectories)
            .Concat(Directory.EnumerateFiles(Path.Combine(web, "wwwroot", "js"), "*.js")).ToList();
        Assert.NotEmpty(sources);
        Assert.DoesNotContain(sources, f => File.ReadAllText(f).Contains("echarts.min.js", StringComparison.Ordinal));
        Assert.Contains(sources, f => File.ReadAllText(f).Contains("echarts.luoshi.min.js", StringComparison.Ordinal));
    }
}
