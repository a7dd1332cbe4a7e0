using Luoshi.Application.Access;
using Luoshi.Application.Demo;
using Luoshi.Application.Notifications;
using Luoshi.Application.Plans;
using Luoshi.Domain.Plans;
using Luoshi.Domain.Reports;
using Luoshi.Domain.Tasks;
using Luoshi.Domain.Time;
using Luoshi.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Luoshi.Web.Tests;

/// <summary>
/// The demo city's year (<c>serve --demo</c>): the corpus plans imported, published and assigned, with reports month by
/// month — some late, some returned — and closed tasks, so every page has something true to show for every role.
/// </summary>
public sealed class DemoYearTests
{
    /// <summary>The first five plans of the corpus (tests/Data/corpus, put beside the test binaries by the build), as <c>serve --demo</c> takes them.</summary>
    private static List<string> CorpusPlans()
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "corpus", "plans");
        Assert.True(Directory.Exists(folder), $"{folder} not found");
        return Directory.GetFiles(folder, "*.txt").Order(StringComparer.Ordinal).Take(5).ToList();
    }

    [Theory, Databases]
    public async Task The_demo_year_gives_every_role_a_ledger_with_history(TestDatabase database)
    {
        await using var app = await DemoApps.OwnAsync(database);
        var today = new DateOnly(2026, 11, 23);
        var imported = await app.WithDbAsync(db =>
        {
            var year = new DemoYear(db, new PlanWorkflow(db, new TaskScope(db), new Notifier(db), ChinaClock.System));
            return year.SeedAsync(CorpusPlans(), LuoshiFactory.Password, today);
        });
        Assert.Equal(5, imported);
        Assert.Equal(5, await app.WithDbAsync(db => db.Plans.CountAsync(p => p.Status == PlanStatus.Published && p.Year == 2026)));
        var reports = await app.WithDbAsync(db => db.Reports.AsNoTracking().ToListAsync());
        Assert.True(reports.Count > 100, $"only {reports.Count} reports");
        Assert.Contains(reports, r => r.Late);
        Assert.Contains(reports, r => r.Status == ReportStatus.Returned);
        Assert.Contains(reports, r => r.Status == ReportStatus.Accepted);
        Assert.DoesNotContain(reports, r => string.CompareOrdinal(r.Period, "2026-11") >= 0);
        Assert.True(await app.WithDbAsync(db => db.Tasks.AnyAsync(t => t.Closure == TaskClosure.Done)));

        // Each kind of user finds work of their own through the API.
        foreach (var user in new[] { "jichu", "jiangdong", "school" })
        {
            var client = await app.SignedInAsync(user);
            var tasks = await client.GetJsonAsync("/api/v1/tasks?pageSize=5");
            Assert.True(tasks.GetProperty("total").GetInt32() > 0, $"{user} has no tasks in the demo year");
        }
        var q02 = await app.SignedInAsync("q02");
        Assert.True((await q02.GetJsonAsync("/api/v1/tasks?pageSize=5")).GetProperty("total").GetInt32() > 0, "the district liaison q02 has no tasks");
    }
}
