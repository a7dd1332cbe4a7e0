using System.Net;
using System.Net.Http.Json;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Luoshi.Application.Plans;
using Luoshi.Domain.People;
using Luoshi.Web.Tests.Infrastructure;

namespace Luoshi.Web.Tests;

/// <summary>
/// One task carried by two districts: each district reads its own reports and never the other's, wherever report
/// text reaches it — the ledger.xlsx, search (API and page), the task page, the reports API, 我的任务, the calendar.
/// </summary>
public sealed class ReadableReportsTests(DemoCopies demo) : IClassFixture<DemoCopies>
{
    /// <summary>A published task for 江东区 (Q01) and 城南区 (Q02), each with an accepted report carrying a word of its own; 城南区's was returned once with a comment.</summary>
    private sealed record Shared(LuoshiFactory App, HttpClient Jiangdong, int PlanId, int TaskId, string Common, string Own, string Others, string OthersComment, int OthersReport);

    private async Task<Shared> SharedTaskAsync(TestDatabase database)
    {
        var app = await demo.For(database);
        var admin = await app.SignedInAsync(await app.AddUserAsync(Role.Admin, Application.People.UserAccounts.BureauCode));
        var jiangdong = await app.SignedInAsync(await app.AddUserAsync(Role.District, "Q01"));
        var chengnan = await app.SignedInAsync(await app.AddUserAsync(Role.District, "Q02"));
        var (planId, tasks) = await Ledgers.DraftPlanAsync(admin);
        var taskId = tasks.TaskTitled("扩大普惠资源");
        await Ledgers.AssignAsync(admin, taskId, await app.UnitIdAsync("D03"), await app.UnitIdAsync("Q01"), await app.UnitIdAsync("Q02"));
        await Ledgers.PublishAsync(admin, planId);

        var unique = Guid.NewGuid().ToString("N")[..8];
        var (common, own, others, comment) = ($"CM{unique}", $"OWN{unique}", $"OTHER{unique}", $"REVIEW{unique}");
        async Task<int> ReportAsync(HttpClient unit, string period, string word) =>
            (await unit.PostAsJsonAsync($"/api/v1/tasks/{taskId}/reports", new { period, progress = 40, narrative = $"幼儿园选址 {common} {word}" })
                .SucceedsAsync("report")).GetProperty("id").GetInt32();
        Task Review(int report, string decision, string text) =>
            admin.PostAsJsonAsync($"/api/v1/reports/{report}/review", new { decision, comment = text }).SucceedsAsync("review");

        await Review(await ReportAsync(jiangdong, "2026-05", own), "accept", "同意");
        await Review(await ReportAsync(chengnan, "2026-04", others), "return", $"请补充 {comment}");
        var othersReport = await ReportAsync(chengnan, "2026-05", others);
        await Review(othersReport, "accept", $"同意 {comment}");
        return new(app, jiangdong, planId, taskId, common, own, others, comment, othersReport);
    }

    [Theory, Databases]
    public async Task The_ledger_xlsx_shows_a_district_only_its_own_progress(TestDatabase database)
    {
        var s = await SharedTaskAsync(database);
        var response = await s.Jiangdong.GetAsync($"/api/v1/plans/{s.PlanId}/ledger.xlsx");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var progress = Column(await response.Content.ReadAsByteArrayAsync(), "最新进展");
        Assert.Contains(progress, cell => cell.Contains(s.Own, StringComparison.Ordinal));
        Assert.DoesNotContain(progress, cell => cell.Contains(s.Others, StringComparison.Ordinal));
    }

    [Theory, Databases]
    public async Task Search_pages_and_apis_show_a_district_only_its_own_reports(TestDatabase database)
    {
        var s = await SharedTaskAsync(database);
        var common = Uri.EscapeDataString(s.Common);
        var reads = new[]
        {
            $"/api/v1/search?q={common}", $"/Search?q={common}", $"/Tasks/{s.TaskId}", $"/api/v1/tasks/{s.TaskId}/reports",
            "/MyTasks", "/Calendar", "/Notifications", "/api/v1/notifications", $"/Plans/{s.PlanId}", $"/Schedule?planId={s.PlanId}",
        };
        foreach (var url in reads)
        {
            var response = await s.Jiangdong.GetAsync(url);
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {url} → {(int)response.StatusCode}");
            Assert.False(body.Contains(s.Others, StringComparison.Ordinal), $"GET {url} shows 城南区's report to 江东区");
            Assert.False(body.Contains(s.OthersComment, StringComparison.Ordinal), $"GET {url} shows the review of 城南区's report to 江东区");
        }
        Assert.Contains(s.Own, await s.Jiangdong.GetStringAsync($"/api/v1/search?q={common}"));
        Assert.Contains(s.Own, await s.Jiangdong.GetStringAsync($"/Tasks/{s.TaskId}"));
        Assert.Equal(HttpStatusCode.NotFound, (await s.Jiangdong.GetAsync($"/api/v1/reports/{s.OthersReport}")).StatusCode);
    }

    /// <summary>The texts of the sheet's column under the header, read with the OpenXml SDK.</summary>
    public static List<string> Column(byte[] xlsx, string header)
    {
        using var stream = new MemoryStream(xlsx);
        using var document = SpreadsheetDocument.Open(stream, false);
        var sheet = document.WorkbookPart!.WorksheetParts.Single().Worksheet;
        var rows = sheet.Descendants<Row>().ToList();
        var column = Array.IndexOf(LedgerWorkbook.Headers, header);
        Assert.True(column >= 0, $"no column {header}");
        var letter = ((char)('A' + column)).ToString();
        return rows.SkipWhile(r => !r.InnerText.Contains(header, StringComparison.Ordinal)).Skip(1).SelectMany(r => r.Elements<Cell>())
            .Where(c => c.CellReference?.Value?.StartsWith(letter, StringComparison.Ordinal) == true)
            .Select(c => c.InnerText).ToList();
    }
}
