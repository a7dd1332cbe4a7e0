using System.Net;
using System.Net.Http.Json;
using Luoshi.Application.Idempotency;
using Luoshi.Data;
using Luoshi.Domain.People;
using Luoshi.Domain.Reports;
using Luoshi.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Luoshi.Web.Tests;

/// <summary>
/// One live report per task, unit and period, whatever arrives at once; and an Idempotency-Key that answers only the
/// request it was first sent with.
/// </summary>
public sealed class ReportIntegrityTests(DemoCopies demo) : IClassFixture<DemoCopies>
{
    /// <summary>A published plan of this test's own whose 幼儿园 task 基础教育处 leads and 江东区 carries out, and a 江东区 user of the test's own.</summary>
    private sealed record World(LuoshiFactory App, HttpClient District, HttpClient Lead, int TaskId, int OtherTaskId, int UnitId)
    {
        public string Reports => $"/api/v1/tasks/{TaskId}/reports";

        public Task<int> LiveReportsAsync(string period) =>
            App.WithDbAsync(db => db.Reports.CountAsync(r => r.TaskId == TaskId && r.OrgUnitId == UnitId && r.Period == period && r.Live == true));

        public Task<int> ReportsAsync(int taskId) => App.WithDbAsync(db => db.Reports.CountAsync(r => r.TaskId == taskId));
    }

    private async Task<World> WorldAsync(TestDatabase database)
    {
        var app = await demo.For(database);
        var admin = await app.SignedInAsync("admin");
        var (planId, tasks) = await Ledgers.DraftPlanAsync(admin);
        var d03 = await app.UnitIdAsync("D03");
        var q01 = await app.UnitIdAsync("Q01");
        var taskId = tasks.TaskTitled("扩大普惠资源");
        var otherTaskId = tasks.TaskTitled("提升保教质量");
        await Ledgers.AssignAsync(admin, taskId, d03, q01);
        await Ledgers.AssignAsync(admin, otherTaskId, d03, q01);
        await Ledgers.PublishAsync(admin, planId);
        var district = await app.SignedInAsync(await app.AddUserAsync(Role.District, "Q01"));
        var lead = await app.SignedInAsync(await app.AddUserAsync(Role.Department, "D03"));
        return new(app, district, lead, taskId, otherTaskId, q01);
    }

    private static HttpRequestMessage Post(string url, object body, string? key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = JsonContent.Create(body) };
        if (key is not null) request.Headers.Add("Idempotency-Key", key);
        return request;
    }

    private static object Body(string period, string narrative = "已完成6所幼儿园的改扩建。") => new { period, progress = 50, narrative };

    /// <summary>Sends the requests all at once (as far as a test can) and returns what each was answered.</summary>
    private static async Task<List<(HttpStatusCode Status, string Body, string? Location)>> AtOnceAsync(HttpClient client, IEnumerable<Func<HttpRequestMessage>> requests)
    {
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var sent = requests.Select(async make =>
        {
            var request = make();
            await start.Task;
            var response = await client.SendAsync(request);
            return (response.StatusCode, await response.Content.ReadAsStringAsync(), response.Headers.Location?.OriginalString);
        }).ToList();
        start.SetResult();
        return [.. await Task.WhenAll(sent)];
    }

    [Theory, Databases]
    public async Task Simultaneous_reports_for_one_period_store_one_live_report_and_the_others_get_409(TestDatabase database)
    {
        var w = await WorldAsync(database);
        const string period = "2026-06";
        var answers = await AtOnceAsync(w.District, Enumerable.Range(0, 5).Select(i => (Func<HttpRequestMessage>)(() =>
            Post(w.Reports, Body(period, $"第{i}次提交的进展。"), Guid.NewGuid().ToString("N")))));
        Assert.True(answers.Count(a => a.Status == HttpStatusCode.Created) == 1, string.Join("\n", answers.Select(a => $"{(int)a.Status} {a.Body}")));
        Assert.All(answers.Where(a => a.Status != HttpStatusCode.Created), a =>
        {
            Assert.Equal(HttpStatusCode.Conflict, a.Status);
            Assert.Contains(a.Body, c => c is >= '\u4e00' and <= '\u9fff');
        });
        Assert.Equal(1, await w.LiveReportsAsync(period));
        Assert.Equal(1, await w.ReportsAsync(w.TaskId));

        // Returned, and corrected five times at once: one new version, the returned one stays as history.
        var first = System.Text.Json.JsonDocument.Parse(answers.Single(a => a.Status == HttpStatusCode.Created).Body).RootElement.GetProperty("id").GetInt32();
        await w.Lead.PostAsJsonAsync($"/api/v1/reports/{first}/review", new { decision = "return", comment = "请补充名单" }).SucceedsAsync("return");
        var again = await AtOnceAsync(w.District, Enumerable.Range(0, 5).Select(i => (Func<HttpRequestMessage>)(() =>
            Post(w.Reports, Body(period, $"第{i}次修改后的进展。"), null))));
        Assert.True(again.Count(a => a.Status == HttpStatusCode.Created) == 1, string.Join("\n", again.Select(a => $"{(int)a.Status} {a.Body}")));
        Assert.All(again.Where(a => a.Status != HttpStatusCode.Created), a => Assert.Equal(HttpStatusCode.Conflict, a.Status));
        Assert.Equal(1, await w.LiveReportsAsync(period));
        Assert.Equal(2, await w.ReportsAsync(w.TaskId));

        // Submitting once more, one after the other, is the same conflict.
        await (await w.District.SendAsync(Post(w.Reports, Body(period), null))).AssertProblemAsync(409);
    }

    [Theory, Databases]
    public async Task A_key_sent_again_with_another_body_or_to_another_task_gets_422_and_stores_nothing(TestDatabase database)
    {
        var w = await WorldAsync(database);
        var key = Guid.NewGuid().ToString("N");
        await w.District.SendAsync(Post(w.Reports, Body("2026-06"), key)).SucceedsAsync("first report");

        var otherBody = await w.District.SendAsync(Post(w.Reports, Body("2026-07", "另一个月的进展。"), key));
        Assert.Contains("Idempotency-Key", (await otherBody.AssertProblemAsync(422)).GetProperty("detail").GetString());
        var otherTask = await w.District.SendAsync(Post($"/api/v1/tasks/{w.OtherTaskId}/reports", Body("2026-06"), key));
        await otherTask.AssertProblemAsync(422);

        Assert.Equal(1, await w.ReportsAsync(w.TaskId));
        Assert.Equal(0, await w.ReportsAsync(w.OtherTaskId));
        // The key is the caller's: another user may use the same key for a request of their own.
        var colleague = await w.App.SignedInAsync(await w.App.AddUserAsync(Role.District, "Q01"));
        await colleague.SendAsync(Post($"/api/v1/tasks/{w.OtherTaskId}/reports", Body("2026-06"), key)).SucceedsAsync("colleague's report");
    }

    [Theory, Databases]
    public async Task A_key_that_is_not_visible_ascii_or_too_long_is_refused_in_Chinese(TestDatabase database)
    {
        var w = await WorldAsync(database);
        foreach (var key in new[] { "键\0\u0001", "\ud800abc", new string('k', 101) })
        {
            var request = Post(w.Reports, Body("2026-06"), null);
            request.Headers.TryAddWithoutValidation("Idempotency-Key", key);
            var problem = await (await w.District.SendAsync(request)).AssertProblemAsync(400);
            Assert.Contains("Idempotency-Key", problem.GetProperty("detail").GetString());
        }
        Assert.Equal(0, await w.ReportsAsync(w.TaskId));
    }

    [Theory, Databases]
    public async Task A_key_may_be_used_again_after_a_day(TestDatabase database)
    {
        var w = await WorldAsync(database);
        var key = Guid.NewGuid().ToString("N");
        await w.District.SendAsync(Post(w.Reports, Body("2026-06"), key)).SucceedsAsync("first report");
        await w.App.WithDbAsync(db => db.IdempotencyRecords.Where(r => r.Key == key)
            .ExecuteUpdateAsync(u => u.SetProperty(r => r.CreatedAt, DateTime.UtcNow - IdempotentRequests.Lifetime - TimeSpan.FromMinutes(1))));
        await w.District.SendAsync(Post(w.Reports, Body("2026-07"), key)).SucceedsAsync("a day later, another report with the key");
        Assert.Equal(2, await w.ReportsAsync(w.TaskId));
    }

    [Theory, Databases]
    public async Task The_same_request_sent_again_gets_the_first_answer_even_after_the_report_moved_on(TestDatabase database)
    {
        var w = await WorldAsync(database);
        var key = Guid.NewGuid().ToString("N");
        var first = await w.District.SendAsync(Post(w.Reports, Body("2026-06"), key));
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        var firstBody = await first.Content.ReadAsStringAsync();
        var id = System.Text.Json.JsonDocument.Parse(firstBody).RootElement.GetProperty("id").GetInt32();
        await w.Lead.PostAsJsonAsync($"/api/v1/reports/{id}/review", new { decision = "accept" }).SucceedsAsync("accept");

        var again = await w.District.SendAsync(Post(w.Reports, Body("2026-06"), key));
        Assert.Equal(HttpStatusCode.Created, again.StatusCode);
        Assert.Equal(firstBody, await again.Content.ReadAsStringAsync());
        Assert.Contains("\"submitted\"", firstBody);
        Assert.Equal(first.Headers.Location, again.Headers.Location);
        Assert.Equal(first.Content.Headers.ContentType?.MediaType, again.Content.Headers.ContentType?.MediaType);
        Assert.Equal(1, await w.ReportsAsync(w.TaskId));
    }

    [Theory, Databases]
    public async Task Ten_simultaneous_requests_with_one_key_store_one_report_and_all_get_its_answer(TestDatabase database)
    {
        var w = await WorldAsync(database);
        var key = Guid.NewGuid().ToString("N");
        var answers = await AtOnceAsync(w.District, Enumerable.Range(0, 10).Select(_ => (Func<HttpRequestMessage>)(() => Post(w.Reports, Body("2026-06"), key))));
        Assert.True(answers.All(a => a.Status == HttpStatusCode.Created), string.Join("\n", answers.Select(a => $"{(int)a.Status} {a.Body}")));
        Assert.Single(answers.Select(a => (a.Body, a.Location)).Distinct());
        Assert.Equal(1, await w.ReportsAsync(w.TaskId));
    }

    [Theory, Databases]
    public async Task Reports_stored_twice_before_the_rule_are_upgraded_with_the_newest_one_live(TestDatabase database)
    {
        using var store = TestStore.CreateEmpty(database);
        var settings = new DatabaseSettings(store.DataDirectory, store.PostgresConnection);
        await using (var old = new LuoshiDb(settings.BuildOptions()))
        {
            // A fresh database: the first unit, plan, task and reports get the ids 1, 2, 3…
            await old.GetService<IMigrator>().MigrateAsync("SearchIndexes");
            await old.Database.ExecuteSqlRawAsync("""
                INSERT INTO org_units ("Code", "Name", "Kind", "SortOrder", "Version") VALUES ('OLD', '旧区教育局', 'District', 0, 0);
                INSERT INTO plans ("Title", "Year", "Status", "SourceText", "OrgUnitId", "CreatedAt", "Version") VALUES ('旧计划', 2026, 'Published', '', 1, '2026-01-01 00:00:00', 0);
                INSERT INTO tasks ("PlanId", "Number", "Ordinal", "Level", "Title", "Text", "Category", "Weight", "Progress", "Closure", "Version")
                    VALUES (1, '1', 1, 1, '旧任务', '', 'Preschool', '1', 0, 'Open', 0);
                INSERT INTO reports ("TaskId", "OrgUnitId", "Period", "Progress", "Narrative", "Status", "Late", "CreatedAt", "Version") VALUES
                    (1, 1, '2026-03', 10, '重复一', 'Submitted', '0', '2026-04-01 00:00:00', 0),
                    (1, 1, '2026-03', 20, '重复二', 'Submitted', '0', '2026-04-01 00:00:00', 0),
                    (1, 1, '2026-03', 30, '重复三', 'Submitted', '0', '2026-04-01 00:00:00', 0),
                    (1, 1, '2026-04', 40, '四月', 'Submitted', '0', '2026-05-01 00:00:00', 0);
                """);
        }

        await using var db = new LuoshiDb(settings.BuildOptions());
        await DatabaseSetup.UpgradeAsync(db);
        var live = await db.Reports.OrderBy(r => r.Id).Select(r => new { r.Id, r.Live }).ToListAsync();
        Assert.Equal([(1, (bool?)null), (2, null), (3, true), (4, true)], live.Select(r => (r.Id, r.Live)));
        // From now on the database itself refuses a second live report for the period.
        db.Reports.Add(new ProgressReport { TaskId = 1, OrgUnitId = 1, Period = "2026-04", Status = ReportStatus.Submitted, CreatedAt = DateTime.UtcNow });
        var refused = await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
        Assert.True(refused.IsUniqueViolation(), refused.InnerException?.Message);
        Assert.Contains("Period", refused.InnerException!.Message);
    }
}
