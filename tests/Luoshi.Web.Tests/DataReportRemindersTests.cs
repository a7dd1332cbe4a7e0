using System.Net.Http.Json;
using Luoshi.Application.Jobs;
using Luoshi.Domain.OrgUnits;
using Luoshi.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Luoshi.Web.Tests;

/// <summary>
/// 催办 of missing data set reports (issue 13 item 6), a step of the daily jobs: the units that have not filed yesterday's
/// 校园安全日报 by its 16:00 due time are urged once — not those that filed a zero report, and not again on a second run.
/// </summary>
public sealed class DataReportRemindersTests
{
    [Theory, Databases]
    public async Task The_daily_step_urges_each_unit_missing_a_report_past_due_once(TestDatabase database)
    {
        await using var data = await DemoApps.OwnAsync(database);
        await using var app = data.At(new FakeTimeProvider(DataCollectionTests.Before));
        var s = await DataCollectionTests.SeedAsync(data);
        var schools = await data.WithDbAsync(db => db.OrgUnits.Where(u => u.Parent!.Code == "Q01" && u.Kind == OrgUnitKind.School)
            .OrderBy(u => u.Code).Select(u => new { u.Id, u.Code }).ToListAsync());
        // Tuesday 10 March: a second school of 江东区 (with an account of its own) files “无情况”; Q01-S01 files nothing.
        var second = await app.SignedInAsync(await data.AddUserAsync(Luoshi.Domain.People.Role.School, schools[1].Code));
        await second.PostAsJsonAsync($"/api/v1/data-sets/{s.DailySet}/reports", new { period = "2026-03-10", zeroReport = true }).SucceedsAsync("zero report");
        var key = $"data-late:{s.DailySet}:";
        Task<List<(string Key, string? Link)>> UrgedAsync() => data.WithDbAsync(async db => (await db.Notifications.Where(n => n.DedupKey!.StartsWith(key))
            .Select(n => new { n.DedupKey, n.Link }).ToListAsync()).Select(n => (n.DedupKey!, n.Link)).ToList());

        async Task<List<DailyJobs.StepResult>> RunAsync(DateOnly day)
        {
            using var scope = app.Services.CreateScope();
            return await scope.ServiceProvider.GetRequiredService<DailyJobs>().RunAsync(day);
        }

        // Wednesday 11 March: Q01-S01's people are urged for 2026-03-10 with a link to its form; the school that filed “无情况” is not.
        var first = await RunAsync(new DateOnly(2026, 3, 11));
        Assert.Contains("数据报送催办", first.Single(r => r.Step == "data-reminders").Text);
        var urged = await UrgedAsync();
        Assert.Contains(($"{key}{schools[0].Id}:2026-03-10", $"/Data/Entry/{s.DailySet}?unit={schools[0].Id}&period=2026-03-10"), urged);
        Assert.DoesNotContain(urged, u => u.Key == $"{key}{schools[1].Id}:2026-03-10");

        // The same day again: skipped, nothing new.
        var again = await RunAsync(new DateOnly(2026, 3, 11));
        Assert.True(again.Single(r => r.Step == "data-reminders").Skipped);
        Assert.Equal(urged.Count, (await UrgedAsync()).Count);
        // Thursday: the 11th's missing report is urged; the 10th's is not urged a second time.
        await RunAsync(new DateOnly(2026, 3, 12));
        var later = await UrgedAsync();
        Assert.Contains(later, u => u.Key == $"{key}{schools[0].Id}:2026-03-11");
        Assert.Equal(urged.Count(u => u.Key.EndsWith(":2026-03-10")), later.Count(u => u.Key.EndsWith(":2026-03-10")));
    }

    [Theory, Databases]
    public async Task The_demo_city_has_a_daily_safety_report_and_monthly_school_data_with_last_years_values(TestDatabase database)
    {
        await using var data = await DemoApps.OwnAsync(database);
        Assert.True(await data.WithDbAsync(db => new Luoshi.Application.Demo.DemoData(db).SeedAsync(new DateOnly(2026, 11, 23))));
        Assert.False(await data.WithDbAsync(db => new Luoshi.Application.Demo.DemoData(db).SeedAsync(new DateOnly(2026, 11, 23))), "seeded once");
        var sets = await data.WithDbAsync(db => db.DataSets.Include(s => s.Elements).Where(s => s.Code == "XYAQRB" || s.Code == "XXJCSJ").OrderBy(s => s.Code).ToListAsync());
        Assert.Equal([("XXJCSJ", "学校基础数据", Luoshi.Domain.Data.PeriodType.Month), ("XYAQRB", "校园安全日报", Luoshi.Domain.Data.PeriodType.Day)],
            sets.Select(s => (s.Code, s.Name, s.PeriodType)));
        Assert.Equal((new TimeOnly(16, 0), true), (sets[1].DueTime, sets[1].AllowZeroReport));
        var total = await data.WithDbAsync(db => db.DataElements.SingleAsync(e => e.Code == "YEZS"));
        var pub = await data.WithDbAsync(db => db.DataElements.SingleAsync(e => e.Code == "GBYEZS"));
        Assert.Equal(("在园幼儿总数", "公办园在园幼儿数", "", ""), (total.Name, pub.Name, total.Category, pub.Category));
        // Every school has both values for each of the twelve months before November 2026, 公办 never above the total.
        var s01 = await data.UnitIdAsync("Q01-S01");
        var values = await data.WithDbAsync(db => db.DataValues.Where(v => v.OrgUnitId == s01 && (v.DataElementId == total.Id || v.DataElementId == pub.Id)).ToListAsync());
        Assert.Equal(24, values.Count);
        Assert.Equal("2025-11", values.Min(v => v.Period));
        Assert.Equal("2026-10", values.Max(v => v.Period));
        foreach (var month in values.GroupBy(v => v.Period))
            Assert.True(month.Single(v => v.DataElementId == pub.Id).Numeric <= month.Single(v => v.DataElementId == total.Id).Numeric);
    }
}
