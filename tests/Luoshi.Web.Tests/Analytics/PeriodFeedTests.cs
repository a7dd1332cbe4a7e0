using System.Net.Http.Json;
using System.Text.Json;
using Luoshi.Domain.Data;
using Luoshi.Domain.Indicators;
using Luoshi.Domain.OrgUnits;
using Luoshi.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Luoshi.Web.Tests.Analytics;

/// <summary>
/// Values of periods other than the month feed the analytics engine (issue 15 item 9): days and weeks are combined into the
/// month their period starts in as the element aggregates; a quarter's value sits at its first month, so the year combines
/// it as the element says. A write of a day's value is seen by the next read.
/// </summary>
public sealed class PeriodFeedTests
{
    private sealed record Fixture(string Word, int School, int Daily, int Weekly, int Quarterly);

    private static Task<Fixture> SeedAsync(LuoshiFactory data) => data.WithDbAsync(async db =>
    {
        var word = Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        var school = await db.OrgUnits.Where(u => u.Kind == OrgUnitKind.School).OrderBy(u => u.Code).Select(u => u.Id).FirstAsync();
        var daily = new DataElement { Code = $"RB{word}", Name = $"发现隐患数{word}", ValueType = DataValueType.Integer, Aggregation = PeriodAggregation.Sum, Unit = "处" };
        var weekly = new DataElement { Code = $"ZB{word}", Name = $"周检查数{word}", ValueType = DataValueType.Integer, Aggregation = PeriodAggregation.Sum, Unit = "次" };
        var quarterly = new DataElement { Code = $"JB{word}", Name = $"在编教师数{word}", ValueType = DataValueType.Integer, Aggregation = PeriodAggregation.Last, Unit = "人" };
        db.DataElements.AddRange(daily, weekly, quarterly);
        await db.SaveChangesAsync();
        foreach (var (element, type, code) in new[] { (daily, PeriodType.Day, "R"), (weekly, PeriodType.Week, "Z"), (quarterly, PeriodType.Quarter, "J") })
            db.DataSets.Add(new DataSet
            {
                Code = $"{code}S{word}", Name = $"报表{code}{word}", PeriodType = type, UnitKind = OrgUnitKind.School, DueWorkingDays = 5,
                Elements = [new() { DataElementId = element.Id, SortOrder = 1 }],
            });
        await db.SaveChangesAsync();
        return new Fixture(word, school, daily.Id, weekly.Id, quarterly.Id);
    });

    private static async Task<int> CountIndicatorAsync(HttpClient supervisor, string code, string element) =>
        (await supervisor.PostAsJsonAsync("/api/v1/indicators", new { code, name = code, numerator = $"#{{{element}}}", factor = 1 })
            .SucceedsAsync("define indicator")).GetProperty("id").GetInt32();

    private static object Value(int element, int unit, string period, int value) => new { dataElementId = element, orgUnitId = unit, period, value };

    private static async Task<decimal?> FigureAsync(HttpClient client, int indicator, int unit, string period)
    {
        var items = (await client.GetJsonAsync($"/api/v1/analytics?indicatorId={indicator}&orgUnitId={unit}&period={period}")).GetProperty("items")
            .EnumerateArray().ToList();
        return items.Count == 0 || items[0].GetProperty("value").ValueKind == JsonValueKind.Null ? null : items[0].GetProperty("value").GetDecimal();
    }

    [Theory, Databases]
    public async Task Days_weeks_and_quarters_roll_up_into_months_quarters_and_years(TestDatabase database)
    {
        await using var data = await DemoApps.OwnAsync(database);
        var f = await SeedAsync(data);
        var supervisor = await data.SignedInAsync("supervisor");
        var daily = await CountIndicatorAsync(supervisor, $"RBZB{f.Word}", $"RB{f.Word}");
        var weekly = await CountIndicatorAsync(supervisor, $"ZBZB{f.Word}", $"ZB{f.Word}");
        var quarterly = await CountIndicatorAsync(supervisor, $"JBZB{f.Word}", $"JB{f.Word}");
        // Load the engine first, so that what follows goes through the write path.
        Assert.Null(await FigureAsync(supervisor, daily, f.School, "2026-03"));

        await supervisor.PutAsJsonAsync("/api/v1/data-values", new
        {
            values = new[]
            {
                Value(f.Daily, f.School, "2026-03-05", 2), Value(f.Daily, f.School, "2026-03-20", 3), Value(f.Daily, f.School, "2026-04-01", 1),
                // 2026-W14 starts on Monday 30 March: it counts in March, though most of its days are in April.
                Value(f.Weekly, f.School, "2026-W13", 4), Value(f.Weekly, f.School, "2026-W14", 6), Value(f.Weekly, f.School, "2026-W15", 1),
                Value(f.Quarterly, f.School, "2026-Q1", 10), Value(f.Quarterly, f.School, "2026-Q2", 12),
            },
        }).SucceedsAsync("enter values");

        Assert.Equal(5m, await FigureAsync(supervisor, daily, f.School, "2026-03"));  // 2 + 3: the days of March, summed
        Assert.Equal(6m, await FigureAsync(supervisor, daily, f.School, "2026"));     // and 1 in April
        Assert.Equal(10m, await FigureAsync(supervisor, weekly, f.School, "2026-03")); // W13 and W14 by their start dates
        Assert.Equal(1m, await FigureAsync(supervisor, weekly, f.School, "2026-04"));
        Assert.Equal(10m, await FigureAsync(supervisor, quarterly, f.School, "2026-01")); // a quarter at its first month
        Assert.Equal(10m, await FigureAsync(supervisor, quarterly, f.School, "2026Q1"));
        Assert.Equal(12m, await FigureAsync(supervisor, quarterly, f.School, "2026"));   // "last": the year's latest quarter, not 22

        // A day's value changed is seen by the next read: 4 + 3 in March.
        await supervisor.PutAsJsonAsync("/api/v1/data-values", Value(f.Daily, f.School, "2026-03-05", 4)).SucceedsAsync("write");
        Assert.Equal(7m, await FigureAsync(supervisor, daily, f.School, "2026-03"));
    }
}
