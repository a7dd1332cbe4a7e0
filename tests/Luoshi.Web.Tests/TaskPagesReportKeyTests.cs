using System.Net;
using Luoshi.Domain.People;
using Luoshi.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Luoshi.Web.Tests;

/// <summary>The report form's one-time key: one report per form, whatever the browser sends twice or at once.</summary>
public sealed partial class TaskPagesTests
{
    /// <summary>A PNG no other test uploads (its own bytes after the image's end), so its stored copies can be counted.</summary>
    private static byte[] OwnPng() => [.. Png, .. Guid.NewGuid().ToByteArray()];

    /// <summary>How many stored files hold exactly these bytes.</summary>
    private static int StoredCopies(LuoshiFactory app, byte[] bytes) =>
        Directory.GetFiles(Path.Combine(app.DataDirectory, "attachments"), "*", SearchOption.AllDirectories).Count(f => File.ReadAllBytes(f).AsSpan().SequenceEqual(bytes));

    /// <summary>A task of the test's own carried out by 江东区, and its report form as a 江东区 user of the test's own opens it.</summary>
    private async Task<(Ledger L, int Target, HttpClient District, string Token, string Key)> OpenReportFormAsync(TestDatabase database)
    {
        var l = await PublishedPlanAsync(database);
        await AssignAsync(l, new { leadDepartmentId = l.D03, responsibleOrgUnitIds = new[] { l.Q01 } });
        var target = await SchoolsTargetAsync(l);
        var district = await l.App.SignedInAsync(await l.App.AddUserAsync(Role.District, "Q01"));
        var (page, token) = await OpenAsync(district, l.Page);
        var key = ReportKey().Match(page).Groups[1].Value;
        return (l, target, district, token, key);
    }

    [Theory, Databases]
    public async Task A_report_form_sent_five_times_at_once_stores_one_report_and_one_file(TestDatabase database)
    {
        var (l, target, district, token, key) = await OpenReportFormAsync(database);
        var png = OwnPng();

        var sent = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ =>
            district.PostAsync(l.Page + "?handler=Report", ReportForm(token, key, ThisMonth, target, "6", false, ("现场照片.png", png)))));
        var locations = new List<string>();
        foreach (var response in sent)
        {
            Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
            locations.Add(response.Headers.Location!.OriginalString);
        }
        Assert.Single(locations.Distinct());
        var report = Assert.Single(await l.App.WithDbAsync(db => db.Reports.Include(r => r.Attachments).Where(r => r.TaskId == l.TaskId).ToListAsync()));
        Assert.Single(report.Attachments);
        Assert.Equal(1, StoredCopies(l.App, png));
    }

    [Theory, Databases]
    public async Task A_used_report_form_sent_with_other_content_is_refused_and_stores_nothing(TestDatabase database)
    {
        var (l, target, district, token, key) = await OpenReportFormAsync(database);
        Assert.Equal(HttpStatusCode.Redirect, (await district.PostAsync(l.Page + "?handler=Report", ReportForm(token, key, ThisMonth, target, "6", true))).StatusCode);

        // The same form, back in the browser and changed: a draft of another month with a file.
        var png = OwnPng();
        var lastMonth = Luoshi.Domain.Time.ChinaClock.System.Now.AddMonths(-1).ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);
        var changed = await district.PostAsync(l.Page + "?handler=Report", ReportForm(token, key, lastMonth, target, "7", true, ("照片.png", png)));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, changed.StatusCode);
        Assert.Contains("已经提交过", Part(await changed.Content.ReadAsStringAsync(), "report-problems"));
        var report = Assert.Single(await l.App.WithDbAsync(db => db.Reports.Include(r => r.Values).Where(r => r.TaskId == l.TaskId).ToListAsync()));
        Assert.Equal(ThisMonth, report.Period);
        Assert.Equal(6m, Assert.Single(report.Values).Value);
        Assert.Equal(0, StoredCopies(l.App, png));
    }
}
