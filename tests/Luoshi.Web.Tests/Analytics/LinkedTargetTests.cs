using System.Net.Http.Json;
using System.Text.Json;
using Luoshi.Domain.Data;
using Luoshi.Domain.Indicators;
using Luoshi.Domain.OrgUnits;
using Luoshi.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace Luoshi.Web.Tests.Analytics;

/// <summary>
/// A plan target linked to an indicator follows the school data (issue 15 item 7), worked out by hand on a fixture of its
/// own: two districts (江东区 Q01, Q02), two schools each, three months, one missing value and one zero report. The task's
/// responsible units are both districts, so it is a city target, measured over the whole city.
/// </summary>
public sealed class LinkedTargetTests
{
    // 10 April 2026 in Beijing: the data has January–March.
    private static readonly DateTimeOffset Now = new(2026, 4, 10, 2, 0, 0, TimeSpan.Zero);

    private sealed record Fixture(string Word, int Total, int Public, int Indicator, int A, int B, int C, int D);

    private static object Value(int element, int unit, string period, int value) => new { dataElementId = element, orgUnitId = unit, period, value };

    private static async Task<Fixture> SeedAsync(LuoshiFactory data, HttpClient supervisor)
    {
        var f = await data.WithDbAsync(async db =>
        {
            var word = Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
            var schools = new List<int>();
            foreach (var district in new[] { "Q01", "Q02" })
            {
                var id = await db.OrgUnits.Where(u => u.Code == district).Select(u => u.Id).SingleAsync();
                schools.AddRange(await db.OrgUnits.Where(u => u.ParentId == id && u.Kind == OrgUnitKind.School).OrderBy(u => u.Code).Select(u => u.Id)
                    .Take(2).ToListAsync());
            }
            var total = new DataElement { Code = $"ZS{word}", Name = $"在园幼儿总数{word}", ValueType = DataValueType.Integer, Aggregation = PeriodAggregation.Last, Unit = "人" };
            var pub = new DataElement { Code = $"GB{word}", Name = $"公办园在园幼儿数{word}", ValueType = DataValueType.Integer, Aggregation = PeriodAggregation.Last, Unit = "人" };
            db.DataElements.AddRange(total, pub);
            await db.SaveChangesAsync();
            db.DataSets.Add(new DataSet
            {
                Code = $"JC{word}", Name = $"学前基础数据{word}", PeriodType = PeriodType.Month, UnitKind = OrgUnitKind.School, DueWorkingDays = 5,
                Elements = [new() { DataElementId = total.Id, SortOrder = 1 }, new() { DataElementId = pub.Id, SortOrder = 2 }],
            });
            await db.SaveChangesAsync();
            return new Fixture(word, total.Id, pub.Id, 0, schools[0], schools[1], schools[2], schools[3]);
        });
        var indicator = (await supervisor.PostAsJsonAsync("/api/v1/indicators", new
        {
            code = $"GBZB{f.Word}", name = $"公办园在园幼儿占比{f.Word}", numerator = $"#{{GB{f.Word}}}", denominator = $"#{{ZS{f.Word}}}", factor = 100, unit = "%",
        }).SucceedsAsync("define indicator")).GetProperty("id").GetInt32();
        // 公办 / 总数 per school: A and B in Q01, C and D in Q02.
        //            A        B        C              D
        // January    50/100   45/100   40/100         60/100
        // February   52/100   46/100   42/100         62/100
        // March      53/100   47/100   0/20 (zero)    —/100 (公办 missing)
        await supervisor.PutAsJsonAsync("/api/v1/data-values", new
        {
            values = new[]
            {
                Value(f.Public, f.A, "2026-01", 50), Value(f.Total, f.A, "2026-01", 100), Value(f.Public, f.B, "2026-01", 45), Value(f.Total, f.B, "2026-01", 100),
                Value(f.Public, f.C, "2026-01", 40), Value(f.Total, f.C, "2026-01", 100), Value(f.Public, f.D, "2026-01", 60), Value(f.Total, f.D, "2026-01", 100),
                Value(f.Public, f.A, "2026-02", 52), Value(f.Total, f.A, "2026-02", 100), Value(f.Public, f.B, "2026-02", 46), Value(f.Total, f.B, "2026-02", 100),
                Value(f.Public, f.C, "2026-02", 42), Value(f.Total, f.C, "2026-02", 100), Value(f.Public, f.D, "2026-02", 62), Value(f.Total, f.D, "2026-02", 100),
                Value(f.Public, f.A, "2026-03", 53), Value(f.Total, f.A, "2026-03", 100), Value(f.Public, f.B, "2026-03", 47), Value(f.Total, f.B, "2026-03", 100),
                Value(f.Public, f.C, "2026-03", 0), Value(f.Total, f.C, "2026-03", 20), Value(f.Total, f.D, "2026-03", 100),
            },
        }).SucceedsAsync("enter values");
        return f with { Indicator = indicator };
    }

    /// <summary>The 54% 公办园占比 target of a published plan, its task for Q01 and Q02 from January to December.</summary>
    private static async Task<(int TaskId, int TargetId)> TaskAsync(LuoshiFactory data, HttpClient admin)
    {
        var (planId, tasks) = await Ledgers.DraftPlanAsync(admin);
        var taskId = tasks.TaskTitled("扩大普惠资源");
        await Ledgers.AssignAsync(admin, taskId, await data.UnitIdAsync("D03"), await data.UnitIdAsync("Q01"), await data.UnitIdAsync("Q02"));
        var patch = new HttpRequestMessage(HttpMethod.Patch, $"/api/v1/tasks/{taskId}")
        {
            Content = JsonContent.Create(new { startDate = "2026-01-01", dueDate = "2026-12-31" }),
        };
        patch.Headers.TryAddWithoutValidation("If-Match", "*");
        await admin.SendAsync(patch).SucceedsAsync("dates");
        await Ledgers.PublishAsync(admin, planId);
        var task = await admin.GetJsonAsync($"/api/v1/tasks/{taskId}");
        var target = task.GetProperty("targets").EnumerateArray().Single(t => t.GetProperty("unit").GetString() == "%");
        return (taskId, target.GetProperty("id").GetInt32());
    }

    private static Task<JsonElement> LinkAsync(HttpClient client, int targetId, int? indicatorId, decimal? baseline = null) =>
        client.PutAsJsonAsync($"/api/v1/targets/{targetId}/indicator", new { indicatorId, baseline }).SucceedsAsync("link");

    private static async Task<(JsonElement Task, JsonElement Target)> ReadAsync(HttpClient client, int taskId, int targetId)
    {
        var task = await client.GetJsonAsync($"/api/v1/tasks/{taskId}");
        return (task, task.GetProperty("targets").EnumerateArray().Single(t => t.GetProperty("id").GetInt32() == targetId));
    }

    /// <summary>The fixture's app on its own demo city at <see cref="Now"/>, signed in as the supervisor, with the task and its target.</summary>
    private sealed class Scene(LuoshiFactory data, WebApplicationFactory<Program> app, HttpClient supervisor, Fixture f, int taskId, int targetId)
        : IAsyncDisposable
    {
        public static async Task<Scene> StartAsync(TestDatabase database)
        {
            var data = await DemoApps.OwnAsync(database);
            var app = data.At(new FakeTimeProvider(Now));
            var supervisor = await app.SignedInAsync("supervisor");
            var f = await SeedAsync(data, supervisor);
            var (taskId, targetId) = await TaskAsync(data, supervisor);
            return new Scene(data, app, supervisor, f, taskId, targetId);
        }

        public void Deconstruct(out LuoshiFactory d, out WebApplicationFactory<Program> a, out HttpClient s, out Fixture x, out int task, out int target) =>
            (d, a, s, x, task, target) = (data, app, supervisor, f, taskId, targetId);

        public async ValueTask DisposeAsync()
        {
            await app.DisposeAsync();
            await data.DisposeAsync();
        }
    }

    [Theory, Databases]
    public async Task A_linked_target_follows_the_data_along_its_expected_path_and_not_the_reports(TestDatabase database)
    {
        await using var scene = await Scene.StartAsync(database);
        var (data, app, supervisor, f, taskId, targetId) = scene;

        // Before linking, Q01 reports 60% for the target and the report is accepted: the old way, the actual is 60.
        var district = await app.SignedInAsync("jiangdong");
        var report = (await district.PostAsJsonAsync($"/api/v1/tasks/{taskId}/reports", new
        {
            orgUnitId = await data.UnitIdAsync("Q01"), period = "2026-03", progress = 30, narrative = "已完成。", values = new[] { new { targetId, value = 60m } },
        }).SucceedsAsync("report")).GetProperty("id").GetInt32();
        await supervisor.PostAsJsonAsync($"/api/v1/reports/{report}/review", new { decision = "accept" }).SucceedsAsync("accept");
        Assert.Equal(60m, (await ReadAsync(supervisor, taskId, targetId)).Target.GetProperty("actual").GetDecimal());

        // A district may not link; an unknown indicator is a Chinese 400; neither changes anything.
        var refused = await (await district.PutAsJsonAsync($"/api/v1/targets/{targetId}/indicator", new { indicatorId = f.Indicator }))
            .AssertProblemAsync(403);
        Assert.Contains("只有督查人员或计划的负责人", refused.GetProperty("detail").GetString());
        await (await supervisor.PutAsJsonAsync($"/api/v1/targets/{targetId}/indicator", new { indicatorId = 999_999 })).AssertProblemAsync(400);
        Assert.Equal(JsonValueKind.Null, (await ReadAsync(supervisor, taskId, targetId)).Target.GetProperty("indicatorId").ValueKind);

        // Linked, from a baseline of 49%. The latest month with data is March; the year to date rolls up as a ratio of sums,
        // each school's "last" value: A 53/100, B 47/100, C 0/20 (its zero report counts), D's 公办 is missing in March, so
        // its last is February's 62, over its March 100: (53 + 47 + 0 + 62) / (100 + 100 + 20 + 100) = 162/320 = 50.625%.
        // The path from 49% (January) to 54% (December) expects 49 + 5 × 3/12 = 50.25% of March: on the path.
        var linked = await LinkAsync(supervisor, targetId, f.Indicator, 49m);
        Assert.Equal(50.625m, linked.GetProperty("actual").GetDecimal());
        var (task, target) = await ReadAsync(supervisor, taskId, targetId);
        var reading = target.GetProperty("data");
        Assert.Equal(f.Indicator, target.GetProperty("indicatorId").GetInt32());
        Assert.Equal(50.625m, target.GetProperty("actual").GetDecimal());
        Assert.Equal("2026-03", reading.GetProperty("period").GetString());
        Assert.Equal(50.25m, reading.GetProperty("expected").GetDecimal());
        Assert.Equal(93.8m, target.GetProperty("attainment").GetDecimal()); // 50.625 / 54 = 93.75%
        Assert.Equal("onPath", reading.GetProperty("verdict").GetString());
        Assert.Equal("blue", reading.GetProperty("light").GetString());
        Assert.Equal("数据未达到：50.63% < 54%", reading.GetProperty("check").GetString());
        Assert.Equal(await data.WithDbAsync(db => db.OrgUnits.Where(u => u.ParentId == null).Select(u => u.Id).FirstAsync()),
            reading.GetProperty("orgUnitId").GetInt32());
        Assert.NotEqual("warning", task.GetProperty("status").GetString());

        // A self-reported figure no longer sets the actual: Q01 reports 70% for April and it is accepted.
        var later = (await district.PostAsJsonAsync($"/api/v1/tasks/{taskId}/reports", new
        {
            orgUnitId = await data.UnitIdAsync("Q01"), period = "2026-04", progress = 40, narrative = "继续推进。", values = new[] { new { targetId, value = 70m } },
        }).SucceedsAsync("report")).GetProperty("id").GetInt32();
        await supervisor.PostAsJsonAsync($"/api/v1/reports/{later}/review", new { decision = "accept" }).SucceedsAsync("accept");
        Assert.Equal(50.625m, (await ReadAsync(supervisor, taskId, targetId)).Target.GetProperty("actual").GetDecimal());

        // A write of a data value is seen by the next read: D's March 公办 is 64, so (53 + 47 + 0 + 64) / 320 = 51.25%.
        await supervisor.PutAsJsonAsync("/api/v1/data-values", Value(f.Public, f.D, "2026-03", 64)).SucceedsAsync("write");
        Assert.Equal(51.25m, (await ReadAsync(supervisor, taskId, targetId)).Target.GetProperty("actual").GetDecimal());

        // From a baseline of 51.5% the path expects 51.5 + 2.5 × 3/12 = 52.125%: 0.875 points (35% of the 2.5-point span) short,
        // more than the 10% tolerance: behind, yellow, and the task is 预警.
        await LinkAsync(supervisor, targetId, f.Indicator, 51.5m);
        (task, target) = await ReadAsync(supervisor, taskId, targetId);
        Assert.Equal(52.125m, target.GetProperty("data").GetProperty("expected").GetDecimal());
        Assert.Equal("behind", target.GetProperty("data").GetProperty("verdict").GetString());
        Assert.Equal("warning", task.GetProperty("status").GetString());
        Assert.Equal("yellow", task.GetProperty("light").GetString());

        // From 52%: 52.5% expected, 1.25 points (62.5% of the 2-point span) short, more than the 50% far limit: red.
        await LinkAsync(supervisor, targetId, f.Indicator, 52m);
        (task, target) = await ReadAsync(supervisor, taskId, targetId);
        Assert.Equal("farBehind", target.GetProperty("data").GetProperty("verdict").GetString());
        Assert.Equal("red", task.GetProperty("light").GetString());

        // Unlinked, the reports count again: Q01's latest accepted figure, 70%.
        var unlinked = await LinkAsync(supervisor, targetId, null);
        Assert.Equal(70m, unlinked.GetProperty("actual").GetDecimal());
        (task, target) = await ReadAsync(supervisor, taskId, targetId);
        Assert.Equal(70m, target.GetProperty("actual").GetDecimal());
        Assert.Equal(JsonValueKind.Null, target.GetProperty("data").ValueKind);
    }

    [Theory, Databases]
    public async Task Before_closing_the_approval_shows_whether_the_data_confirms_the_result(TestDatabase database)
    {
        await using var scene = await Scene.StartAsync(database);
        var (_, _, supervisor, f, taskId, targetId) = scene;
        await LinkAsync(supervisor, targetId, f.Indicator, 49m);

        await supervisor.PostAsJsonAsync($"/api/v1/tasks/{taskId}/completion", new { summary = "占比已达标。" }).SucceedsAsync("request");
        var page = await (await supervisor.GetAsync($"/Tasks/{taskId}")).Content.ReadAsStringAsync();
        Assert.Contains("数据未达到：50.63% &lt; 54%", page);
        var approved = await supervisor.PostAsync($"/api/v1/tasks/{taskId}/completion/approve", null).SucceedsAsync("approve");
        var target = approved.GetProperty("targets").EnumerateArray().Single(t => t.GetProperty("id").GetInt32() == targetId);
        Assert.Equal("数据未达到：50.63% < 54%", target.GetProperty("data").GetProperty("check").GetString());
    }
}
