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
/// The demo city's year (<c>serve --demo</c>): its own work plan of this year, published and assigned, with reports month
/// by month — some late, some returned — closed tasks, and a district's task broken down to two of its schools, so every
/// page has something true to show for every role. The demo reads true: the plan's title and year are its own, and its
/// targets are named as the plan writes them.
/// </summary>
public sealed class DemoYearTests
{
    [Theory, Databases]
    public async Task The_demo_year_gives_every_role_a_ledger_with_history(TestDatabase database)
    {
        await using var app = await DemoApps.OwnAsync(database);
        var today = new DateOnly(2026, 11, 23);
        var imported = await app.WithDbAsync(db =>
        {
            var year = new DemoYear(db, new PlanWorkflow(db, new TaskScope(db), new Notifier(db), ChinaClock.System));
            return year.SeedAsync(LuoshiFactory.Password, today);
        });
        Assert.Equal(1, imported);
        var plan = await app.WithDbAsync(db => db.Plans.AsNoTracking().SingleAsync());
        Assert.Equal(("江州市教育局2026年教育工作要点", 2026, PlanStatus.Published), (plan.Title, plan.Year, plan.Status));
        var reports = await app.WithDbAsync(db => db.Reports.AsNoTracking().ToListAsync());
        Assert.True(reports.Count > 100, $"only {reports.Count} reports");
        Assert.Contains(reports, r => r.Late);
        Assert.Contains(reports, r => r.Status == ReportStatus.Returned);
        Assert.Contains(reports, r => r.Status == ReportStatus.Accepted);
        Assert.DoesNotContain(reports, r => string.CompareOrdinal(r.Period, "2026-11") >= 0);
        Assert.True(await app.WithDbAsync(db => db.Tasks.AnyAsync(t => t.Closure == TaskClosure.Done)));

        // Targets are named as the plan writes them: words of the plan, without figures, blanks or stray punctuation.
        var subjects = await app.WithDbAsync(db => db.Targets.Where(g => g.ParentTargetId == null).Select(g => g.Subject).ToListAsync());
        Assert.True(subjects.Count >= 30, $"only {subjects.Count} targets");
        foreach (var subject in subjects)
        {
            Assert.Contains(subject, plan.SourceText);
            Assert.DoesNotMatch(@"[0-9０-９XＸ]|^[，。、；：“”（）\s]|[，。、；：“”（）\s]$", subject);
        }

        // 江东区 gave a task to two of its schools; they report to it and it accepted their reports.
        var parts = await app.WithDbAsync(db => db.Tasks.AsNoTracking().Include(t => t.Units).Where(t => t.IsBreakdown).ToListAsync());
        Assert.Equal(2, parts.Count);
        var q01 = await app.UnitIdAsync("Q01");
        Assert.All(parts, p => Assert.Equal(q01, p.OverseerOrgUnitId));
        var partIds = parts.Select(p => p.Id).ToList();
        Assert.True(await app.WithDbAsync(db => db.Reports.AnyAsync(r => partIds.Contains(r.TaskId) && r.Status == ReportStatus.Accepted)));

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

    /// <summary>
    /// The demo city ranks its districts in every month of its year, January to November, each score explained; from
    /// February every district's 进展反馈按时率 applies with real figures (some reports late); the year computed at once
    /// (each month ranked once) gives exactly the results of each month computed on its own.
    /// </summary>
    [Theory, Databases]
    public async Task The_demo_year_ranks_the_districts_in_every_month_with_different_scores_each_explained(TestDatabase database)
    {
        await using var app = await DemoApps.OwnAsync(database);
        var today = new DateOnly(2026, 11, 23);
        var clock = new ChinaClock(new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 2, 0, 0, TimeSpan.Zero)));
        var (months, year) = await app.WithDbAsync(async db =>
        {
            await new DemoYear(db, new PlanWorkflow(db, new TaskScope(db), new Notifier(db), ChinaClock.System)).SeedAsync(LuoshiFactory.Password, today);
            var rankings = new Luoshi.Application.Rankings.UnitRankings(db, new Luoshi.Application.Rankings.CriterionCatalog(db,
                new Luoshi.Application.Supervision.RectificationStats(db), new Luoshi.Application.Data.Completeness(db)), clock);
            var results = new List<Luoshi.Application.Rankings.UnitRankings.Result>();
            for (var m = 1; m <= 11; m++)
                results.Add(await rankings.ComputeAsync(Luoshi.Application.Rankings.AssessmentSchemes.Default,
                    Luoshi.Application.Rankings.RankingMonth.Of(2026, m, today, Luoshi.Domain.OrgUnits.OrgUnitKind.District)));
            var year = await rankings.YearAsync(Luoshi.Application.Rankings.AssessmentSchemes.Default, 2026, Luoshi.Domain.OrgUnits.OrgUnitKind.District);
            return (results, year);
        });
        foreach (var month in months)
        {
            var ranked = month.Rows.Where(r => r.Unit.Rank is not null).ToList();
            Assert.True(ranked.Count == 6, $"{month.Month.Period}: {ranked.Count} of 6 districts ranked");
            Assert.True(ranked.Select(r => r.Unit.Score).Distinct().Count() > 1, $"{month.Month.Period}: every district scored {ranked[0].Unit.Score}");
            Assert.All(ranked.SelectMany(r => r.Unit.Parts).Where(p => p.Applicable), p => Assert.Equal(p.Due, p.Ids.Count));
            if (month.Month.Month < 2) continue;
            var reports = ranked.Select(r => r.Unit.Parts.Single(p => p.Key == "reports")).ToList();
            Assert.True(reports.All(p => p.Applicable), $"{month.Month.Period}: 进展反馈按时率 not applicable to every district");
            Assert.True(reports.Sum(p => p.Due) > reports.Sum(p => p.Met), $"{month.Month.Period}: no late report counted");
            Assert.True(reports.Sum(p => p.Met) > 0, $"{month.Month.Period}: no report on time");
        }
        // 目标达成率 applies to the demo's districts once their targets are expected to have moved.
        Assert.Contains(months[^1].Rows, r => r.Unit.Parts.Single(p => p.Key == "targets").Applicable);
        // The year at once: the same months, scores, ranks, previous ranks and parts as each month computed alone.
        static string Shown(Luoshi.Application.Rankings.UnitRankings.Result r) => System.Text.Json.JsonSerializer.Serialize(new
        {
            r.Month.Period, r.Month.Day,
            Rows = r.Rows.Select(x => new { x.Unit.OrgUnitId, x.Unit.Score, x.Unit.Rank, x.PreviousRank, x.Unit.Adjustment,
                Parts = x.Unit.Parts.Select(p => new { p.Key, p.EffectiveWeight, p.Due, p.Met, p.Points, p.Ids, p.Notes }) }),
        });
        Assert.Equal(months.Select(Shown), year.Select(Shown));
    }
}
