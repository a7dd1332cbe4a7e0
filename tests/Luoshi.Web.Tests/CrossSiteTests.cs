using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.RegularExpressions;
using Luoshi.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Luoshi.Web.Tests;

/// <summary>
/// A signed-in user's session cannot be used by another site: Razor forms need their antiforgery token, and the JSON
/// API refuses changes a browser marks as cross-site (Sec-Fetch-Site, or Origin), whatever their content type.
/// </summary>
public sealed partial class CrossSiteTests(DemoCopies demo) : IClassFixture<DemoCopies>
{
    [GeneratedRegex("name=\"version\"[^>]*value=\"(\\d+)\"|value=\"(\\d+)\"[^>]*name=\"version\"")]
    private static partial Regex Version();

    [Theory, Databases]
    public async Task A_Razor_form_without_its_antiforgery_token_is_refused_and_changes_nothing(TestDatabase database)
    {
        var app = await demo.For(database);
        var admin = await app.SignedInAsync("admin");
        var parent = await app.UnitIdAsync("Q06");
        var code = "AF-" + Guid.NewGuid().ToString("N")[..8];
        var id = (await admin.PostAsJsonAsync("/api/v1/org-units", new { code, name = "白沙县防伪小学", kind = "school", parentId = parent }).SucceedsAsync("create unit")).GetProperty("id").GetInt32();
        var form = await admin.GetStringAsync($"/Admin/UnitEdit/{id}");
        var version = Version().Match(form) is { Success: true } m ? (m.Groups[1].Success ? m.Groups[1].Value : m.Groups[2].Value) : "0";
        var post = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["version"] = version, ["code"] = code, ["name"] = "被篡改的名字", ["kind"] = "school", ["parentId"] = parent.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        var refused = await admin.PostAsync($"/Admin/UnitEdit/{id}", post);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal("白沙县防伪小学", await app.WithDbAsync(db => db.OrgUnits.Where(u => u.Id == id).Select(u => u.Name).FirstAsync()));
    }

    private static HttpRequestMessage Post(string url, HttpContent? content, string? site = null, string? origin = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = content };
        if (site is not null) request.Headers.Add("Sec-Fetch-Site", site);
        if (origin is not null) request.Headers.Add("Origin", origin);
        return request;
    }

    private static FormUrlEncodedContent Form() => new(new Dictionary<string, string> { ["x"] = "1" });

    private static StringContent Text() => new("x", Encoding.UTF8, "text/plain");

    [Theory, Databases]
    public async Task Cross_site_posts_to_the_API_change_nothing(TestDatabase database)
    {
        var app = await demo.For(database);
        var jichu = await app.SignedInAsync("jichu");
        var (planId, _) = await Ledgers.DraftPlanAsync(jichu);
        var publish = $"/api/v1/plans/{planId}/publish";
        var attempts = new[]
        {
            Post(publish, Form(), site: "cross-site"),
            Post(publish, Text(), site: "same-site"),
            Post(publish, Form(), origin: "https://evil.example"),
            Post(publish, Text(), origin: "null"),
            Post(publish, null, site: "cross-site", origin: "http://localhost"),
        };
        foreach (var attempt in attempts)
        {
            var problem = await (await jichu.SendAsync(attempt)).AssertProblemAsync(403);
            Assert.Contains("其他网站", problem.GetProperty("detail").GetString());
        }
        Assert.Equal("draft", (await jichu.GetJsonAsync($"/api/v1/plans/{planId}")).GetProperty("status").GetString());

        // A plan document posted as text/plain from another site creates no plan; signing out from another site does not sign out.
        var word = "CS" + Guid.NewGuid().ToString("N")[..8];
        await (await jichu.SendAsync(Post("/api/v1/plans", new StringContent(Ledgers.PlanText + "\n" + word, Encoding.UTF8, "text/plain"), origin: "https://evil.example"))).AssertProblemAsync(403);
        Assert.False(await app.WithDbAsync(db => db.Plans.AnyAsync(p => p.SourceText.Contains(word))));
        var signOut = new HttpRequestMessage(HttpMethod.Delete, "/api/v1/session");
        signOut.Headers.Add("Sec-Fetch-Site", "cross-site");
        await (await jichu.SendAsync(signOut)).AssertProblemAsync(403);
        Assert.Equal(HttpStatusCode.OK, (await jichu.GetAsync("/api/v1/me")).StatusCode);

        // The app's own pages (same origin) and scripts (no such headers) still work.
        Assert.Equal(HttpStatusCode.OK, (await jichu.SendAsync(Post(publish, null, site: "same-origin", origin: "http://localhost"))).StatusCode);
        Assert.Equal("published", (await jichu.GetJsonAsync($"/api/v1/plans/{planId}")).GetProperty("status").GetString());
    }

    [Theory, Databases]
    public async Task A_JSON_endpoint_takes_only_JSON(TestDatabase database)
    {
        var app = await demo.For(database);
        var admin = await app.SignedInAsync("admin");
        var parent = (await app.UnitIdAsync("Q06")).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var fields = new Dictionary<string, string> { ["code"] = "CS-" + Guid.NewGuid().ToString("N")[..8], ["name"] = "表单小学", ["kind"] = "school", ["parentId"] = parent };
        await (await admin.PostAsync("/api/v1/org-units", new FormUrlEncodedContent(fields))).AssertProblemAsync(415);
        var json = System.Text.Json.JsonSerializer.Serialize(fields.ToDictionary(f => f.Key, f => f.Key == "parentId" ? (object)int.Parse(f.Value, System.Globalization.CultureInfo.InvariantCulture) : f.Value));
        await (await admin.PostAsync("/api/v1/org-units", new StringContent(json, Encoding.UTF8, "text/plain"))).AssertProblemAsync(415);
        Assert.False(await app.WithDbAsync(db => db.OrgUnits.AnyAsync(u => u.Code == fields["code"])));
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsync("/api/v1/org-units", new StringContent(json, Encoding.UTF8, "application/json"))).StatusCode);
    }
}
