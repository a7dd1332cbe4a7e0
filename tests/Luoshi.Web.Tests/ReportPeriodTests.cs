using System.Net.Http.Json;
using Luoshi.Domain.People;
using Luoshi.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Luoshi.Web.Tests;

/// <summary>Report periods that have not begun are refused.</summary>
public sealed class ReportPeriodTests(DemoCopies demo) : IClassFixture<DemoCopies>
{
    [Theory, Databases]
    public async Task A_period_far_in_the_future_is_refused_in_Chinese_and_nothing_is_stored(TestDatabase database)
    {
        var app = await demo.For(database);
        var taskId = await Ledgers.PublishedQ01TaskAsync(app, await app.SignedInAsync("admin"));
        var district = await app.SignedInAsync(await app.AddUserAsync(Role.District, "Q01"));
        foreach (var period in new[] { "2099-01", DateTime.UtcNow.AddHours(8).AddMonths(1).ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture) })
        {
            var response = await district.PostAsJsonAsync($"/api/v1/tasks/{taskId}/reports", new { period, progress = 10, narrative = "提前报送" });
            var problem = await response.AssertProblemAsync(400);
            Assert.Contains("尚未开始", problem.ToString());
        }
        Assert.Equal(0, await app.WithDbAsync(db => db.Reports.CountAsync(r => r.TaskId == taskId)));
        // This month is fine.
        await Ledgers.ReportAsync(district, taskId, DateTime.UtcNow.AddHours(8).ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture));
    }
}
