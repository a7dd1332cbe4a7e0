using System.Net.Http.Json;
using Luoshi.Web.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace Luoshi.Web.Tests;

/// <summary>
/// The app reads "today" in China whatever zone its host runs in (this one runs in UTC): at 23:30 Beijing time a task
/// due today is still on time, at 00:30 it is overdue; a report for the new month is taken from 00:00 Beijing time.
/// </summary>
public sealed class ClockTests
{
    [Theory, Databases]
    public async Task A_task_due_today_turns_red_at_midnight_in_Beijing_not_at_midnight_UTC(TestDatabase database)
    {
        await using var factory = await new LuoshiFactory(database).StartAsync();
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 27, 15, 30, 0, TimeSpan.Zero)); // 23:30 on 27 November in Beijing
        await using var app = factory.At(time);
        var admin = await app.SignedInAsync("admin");
        var taskId = await Ledgers.PublishedQ01TaskAsync(factory, admin);
        await Ledgers.AssignAsync(admin, taskId, await factory.UnitIdAsync("D03"), await factory.UnitIdAsync("Q01"));
        var request = new HttpRequestMessage(HttpMethod.Patch, $"/api/v1/tasks/{taskId}") { Content = JsonContent.Create(new { startDate = "2026-01-01", dueDate = "2026-11-27" }) };
        request.Headers.TryAddWithoutValidation("If-Match", "*");
        (await admin.SendAsync(request)).EnsureSuccessStatusCode();

        var before = await admin.GetJsonAsync($"/api/v1/tasks/{taskId}");
        Assert.NotEqual("overdue", before.GetProperty("status").GetString());
        var page = await (await admin.GetAsync($"/Tasks/{taskId}")).Content.ReadAsStringAsync();
        Assert.DoesNotContain("data-light=\"red\"", page);

        time.SetUtcNow(new DateTimeOffset(2026, 11, 27, 16, 30, 0, TimeSpan.Zero)); // 00:30 on 28 November in Beijing, still the 27th in UTC
        var after = await admin.GetJsonAsync($"/api/v1/tasks/{taskId}");
        Assert.Equal("overdue", after.GetProperty("status").GetString());
        page = await (await admin.GetAsync($"/Tasks/{taskId}")).Content.ReadAsStringAsync();
        Assert.Contains("data-light=\"red\"", page);
    }

    [Theory, Databases]
    public async Task The_report_for_a_new_month_is_taken_from_midnight_in_Beijing(TestDatabase database)
    {
        await using var factory = await new LuoshiFactory(database).StartAsync();
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 30, 15, 30, 0, TimeSpan.Zero)); // 23:30 on 30 November in Beijing
        await using var app = factory.At(time);
        var taskId = await Ledgers.PublishedQ01TaskAsync(factory, await app.SignedInAsync("admin"));
        var district = await app.SignedInAsync("jiangdong");
        var december = new { period = "2026-12", progress = 40, narrative = "12月进展" };

        var early = await district.PostAsJsonAsync($"/api/v1/tasks/{taskId}/reports", december);
        Assert.Contains("报告期 2026-12 尚未开始", (await early.AssertProblemAsync(400)).GetProperty("detail").GetString());
        var form = await (await district.GetAsync($"/Tasks/{taskId}")).Content.ReadAsStringAsync();
        Assert.Contains("value=\"2026-11\"", form);

        time.SetUtcNow(new DateTimeOffset(2026, 11, 30, 16, 30, 0, TimeSpan.Zero)); // 00:30 on 1 December in Beijing
        var onTime = await district.PostAsJsonAsync($"/api/v1/tasks/{taskId}/reports", december);
        Assert.Equal(System.Net.HttpStatusCode.Created, onTime.StatusCode);
        form = await (await district.GetAsync($"/Tasks/{taskId}")).Content.ReadAsStringAsync();
        Assert.Contains("value=\"2026-12\"", form);
    }
}
