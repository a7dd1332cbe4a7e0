using System.Net.Http.Json;
using Luoshi.Domain.People;
using Luoshi.Web.Tests.Infrastructure;

namespace Luoshi.Web.Tests;

/// <summary>The unit that reported hears how its report was reviewed: accepted as well as returned.</summary>
public sealed class ReviewNoticeTests(DemoCopies demo) : IClassFixture<DemoCopies>
{
    [Theory, Databases]
    public async Task A_district_is_told_when_its_report_is_accepted_and_when_it_is_returned(TestDatabase database)
    {
        var app = await demo.For(database);
        var admin = await app.SignedInAsync("admin");
        var taskId = await Ledgers.PublishedQ01TaskAsync(app, admin);
        var district = await app.SignedInAsync(await app.AddUserAsync(Role.District, "Q01"));

        var returned = await Ledgers.ReportAsync(district, taskId, "2026-04");
        (await admin.PostAsJsonAsync($"/api/v1/reports/{returned}/review", new { decision = "return", comment = "请补充数据" })).EnsureSuccessStatusCode();
        var accepted = await Ledgers.ReportAsync(district, taskId, "2026-05");
        (await admin.PostAsJsonAsync($"/api/v1/reports/{accepted}/review", new { decision = "accept", comment = "同意" })).EnsureSuccessStatusCode();

        var texts = (await district.GetJsonAsync("/api/v1/notifications")).GetProperty("items").EnumerateArray()
            .Select(n => n.GetProperty("text").GetString()!).ToList();
        Assert.Contains(texts, t => t.StartsWith("进展反馈被退回：", StringComparison.Ordinal) && t.Contains("（2026-04）"));
        Assert.Contains(texts, t => t.StartsWith("进展反馈已采纳：", StringComparison.Ordinal) && t.Contains("（2026-05）"));
    }
}
