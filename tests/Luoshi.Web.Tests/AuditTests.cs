using System.Net;
using System.Net.Http.Json;
using System.Text;
using Luoshi.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Luoshi.Web.Tests;

/// <summary>The audit trail: every change is there with who, what before and after, and from where; only oversight reads it.</summary>
public sealed class AuditTests(DemoCopies demo) : IClassFixture<DemoCopies>
{
    [Theory, Databases]
    public async Task A_change_shows_up_with_its_author_before_and_after(TestDatabase database)
    {
        var app = await demo.For(database);
        var admin = await app.SignedInAsync("admin");
        var parent = await app.WithDbAsync(db => db.OrgUnits.Where(u => u.Code == "Q02").Select(u => u.Id).FirstAsync());
        var code = "A-" + Guid.NewGuid().ToString("N")[..8];
        var before = DateTime.UtcNow.AddSeconds(-1);
        var created = await (await admin.PostAsync("/api/v1/org-units", JsonContent.Create(new { code, name = "审计测试小学", kind = "school", parentId = parent }))).ReadJsonAsync();
        var id = created.GetProperty("id").GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var after = DateTime.UtcNow.AddSeconds(1);

        var supervisor = await app.SignedInAsync("supervisor");
        var page = await supervisor.GetJsonAsync($"/api/v1/audit?entity=OrgUnit&entityId={id}");
        var entry = Assert.Single(page.GetProperty("items").EnumerateArray());
        Assert.Equal("create", entry.GetProperty("action").GetString());
        Assert.Equal("admin", entry.GetProperty("userName").GetString());
        Assert.Equal("审计测试小学", entry.GetProperty("after").GetProperty("name").GetString());
        Assert.True(entry.TryGetProperty("ip", out _)); // the test server has no client address to record
        Assert.InRange(entry.GetProperty("at").GetDateTime().ToUniversalTime(), before, after); // the time of the change

        var today = DateTime.UtcNow.AddHours(8).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var csv = await supervisor.GetAsync($"/api/v1/audit/export.csv?entity=OrgUnit&entityId={id}&from={today}&to={today}");
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        var text = Encoding.UTF8.GetString(await csv.Content.ReadAsByteArrayAsync());
        Assert.StartsWith("\uFEFF编号,时间（北京时间）", text);
        Assert.Contains("审计测试小学", text);

        var html = await supervisor.GetStringAsync($"/Audit?entity=OrgUnit&entityId={id}");
        Assert.Contains("审计测试小学", html);
        Assert.Contains("共 1 条", html);

        // The export itself is in the trail.
        var exports = await supervisor.GetJsonAsync("/api/v1/audit?entity=AuditEntry&action=export");
        Assert.Equal(1, exports.GetProperty("total").GetInt32());
    }

    [Theory, Databases]
    public async Task Only_admins_and_supervisors_read_the_trail_and_bad_dates_are_explained(TestDatabase database)
    {
        var app = await demo.For(database);
        foreach (var user in new[] { "leader", "jichu", "jiangdong", "school" })
        {
            var client = await app.SignedInAsync(user);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/v1/audit")).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/v1/audit/export.csv")).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/Audit")).StatusCode);
        }
        var admin = await app.SignedInAsync("admin");
        var bad = await admin.GetAsync("/api/v1/audit?from=2026-13-45");
        var problem = await bad.AssertProblemAsync(400);
        Assert.Contains("开始日期", problem.ToString());
    }

    [Theory, Databases]
    public async Task The_trail_cannot_be_rewritten(TestDatabase database)
    {
        var app = await demo.For(database);
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => app.WithDbAsync(async db =>
        {
            var entry = await db.AuditEntries.OrderBy(e => e.Id).FirstAsync();
            entry.UserName = "someone-else";
            await db.SaveChangesAsync();
        }));
        Assert.Contains("只能追加", error.Message);
    }
}
