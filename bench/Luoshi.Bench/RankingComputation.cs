using BenchmarkDotNet.Attributes;
using Luoshi.Application.Access;
using Luoshi.Application.Data;
using Luoshi.Application.Demo;
using Luoshi.Application.Notifications;
using Luoshi.Application.Plans;
using Luoshi.Application.Rankings;
using Luoshi.Application.Supervision;
using Luoshi.Data;
using Luoshi.Data.Auditing;
using Luoshi.Domain.OrgUnits;
using Luoshi.Domain.Time;

namespace Luoshi.Bench;

/// <summary>
/// The demo city's monthly ranking on SQLite, as <c>GET /api/v1/rankings</c> computes it (the month and the month before,
/// for the previous ranks, under the default scheme): its 6 districts and its schools, for last month. The demo city
/// (<c>serve --demo</c>: the city, its year of plans and reports, the inspection and the data sets) is seeded once into a
/// SQLite file in a temporary folder; each run opens a fresh context, as a request does.
/// </summary>
[MemoryDiagnoser]
public class RankingComputation
{
    private readonly ChinaClock clock = ChinaClock.System;
    private string folder = "";
    private DatabaseSettings settings = null!;
    private RankingMonth districts = null!;
    private RankingMonth schools = null!;

    [GlobalSetup]
    public void Seed()
    {
        folder = Path.Combine(Path.GetTempPath(), "luoshi-bench-ranking-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(folder);
        settings = new DatabaseSettings(folder, null);
        SeedAsync().GetAwaiter().GetResult();
        var month = clock.Today.AddMonths(-1);
        districts = RankingMonth.Of(month.Year, month.Month, clock.Today, OrgUnitKind.District);
        schools = RankingMonth.Of(month.Year, month.Month, clock.Today, OrgUnitKind.School);
    }

    private async Task SeedAsync()
    {
        await using var db = Open();
        await DatabaseSetup.UpgradeAsync(db);
        var password = await new DemoCity(db).SeedAsync() ?? throw new InvalidOperationException("the demo city was not created");
        var plans = new PlanWorkflow(db, new TaskScope(db), new Notifier(db), clock);
        await new DemoYear(db, plans).SeedAsync(password, clock.Today);
        await new DemoInspection(db).SeedAsync(clock.Today);
        await new DemoData(db).SeedAsync(clock.Today);
    }

    [GlobalCleanup]
    public void Remove()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }

    private LuoshiDb Open() => new(settings.BuildOptions(), FixedAuditActor.CommandLine);

    private async Task<int> RankAsync(RankingMonth month)
    {
        await using var db = Open();
        var rankings = new UnitRankings(db, new CriterionCatalog(db, new RectificationStats(db), new Completeness(db)), clock);
        var result = await rankings.ComputeAsync(AssessmentSchemes.Default, month);
        return result.Rows.Count;
    }

    /// <summary>Last month's ranking of the 6 districts (and the month before's, for the movement).</summary>
    [Benchmark]
    public Task<int> Districts() => RankAsync(districts);

    /// <summary>Last month's ranking of every school of the city.</summary>
    [Benchmark]
    public Task<int> Schools() => RankAsync(schools);
}
