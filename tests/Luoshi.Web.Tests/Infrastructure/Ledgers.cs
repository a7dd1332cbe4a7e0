using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;

namespace Luoshi.Web.Tests.Infrastructure;

/// <summary>Plans, tasks and evidence made through the API, for tests that need real records to work on.</summary>
public static class Ledgers
{
    /// <summary>A small plan: one heading and two tasks, 扩大普惠资源 (with targets) and 提升保教质量; no XX placeholders.</summary>
    public const string PlanText = """
        江州市教育局2026年教育工作要点

        一、推进学前教育普及普惠
        （一）扩大普惠资源。新建改扩建公办幼儿园12所，公办幼儿园在园儿童占比达到54%。
        （二）提升保教质量。开展幼儿园保育教育质量评估，年底前完成。
        """;

    public static readonly byte[] PngBytes = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");

    public static MultipartFormDataContent Png(string fileName) => new() { { new ByteArrayContent(PngBytes), "file", fileName } };

    public static Task<int> UnitIdAsync(this LuoshiFactory app, string code) =>
        app.WithDbAsync(db => db.OrgUnits.Where(u => u.Code == code).Select(u => u.Id).FirstAsync());

    public static async Task<JsonElement> SucceedsAsync(this Task<HttpResponseMessage> call, string what)
    {
        var response = await call;
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{what} → {(int)response.StatusCode} {text}");
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement;
    }

    /// <summary>Creates a draft of <see cref="PlanText"/> and returns its id and tasks.</summary>
    public static async Task<(int PlanId, List<JsonElement> Tasks)> DraftPlanAsync(HttpClient drafter)
    {
        var plan = await drafter.PostAsync("/api/v1/plans", new StringContent(PlanText, Encoding.UTF8, "text/plain")).SucceedsAsync("create plan");
        var id = plan.GetProperty("id").GetInt32();
        var tasks = (await drafter.GetAsync($"/api/v1/tasks?planId={id}").SucceedsAsync("list tasks")).GetProperty("items").EnumerateArray().ToList();
        return (id, tasks);
    }

    public static int TaskTitled(this List<JsonElement> tasks, string title) =>
        tasks.First(t => t.GetProperty("title").GetString()!.Contains(title, StringComparison.Ordinal)).GetProperty("id").GetInt32();

    /// <summary>Sets a task's lead department and responsible units (If-Match: *).</summary>
    public static Task<JsonElement> AssignAsync(HttpClient editor, int taskId, int leadDepartmentId, params int[] responsibleOrgUnitIds)
    {
        var request = new HttpRequestMessage(HttpMethod.Patch, $"/api/v1/tasks/{taskId}") { Content = JsonContent.Create(new { leadDepartmentId, responsibleOrgUnitIds }) };
        request.Headers.TryAddWithoutValidation("If-Match", "*");
        return editor.SendAsync(request).SucceedsAsync("assign task");
    }

    /// <summary>A published <see cref="PlanText"/> whose 扩大普惠资源 task is led by 基础教育处 (D03) for 江东区 (Q01); returns the task's id.</summary>
    public static async Task<int> PublishedQ01TaskAsync(LuoshiFactory app, HttpClient admin)
    {
        var (planId, tasks) = await DraftPlanAsync(admin);
        var taskId = tasks.TaskTitled("扩大普惠资源");
        await AssignAsync(admin, taskId, await app.UnitIdAsync("D03"), await app.UnitIdAsync("Q01"));
        await PublishAsync(admin, planId);
        return taskId;
    }

    public static Task<JsonElement> PublishAsync(HttpClient drafter, int planId) =>
        drafter.PostAsync($"/api/v1/plans/{planId}/publish", null).SucceedsAsync("publish");

    /// <summary>A submitted report by the client's unit on the task; returns its id.</summary>
    public static async Task<int> ReportAsync(HttpClient unit, int taskId, string period = "2026-05") =>
        (await unit.PostAsJsonAsync($"/api/v1/tasks/{taskId}/reports", new { period, progress = 30, narrative = "已完成2所幼儿园的选址。" }).SucceedsAsync("report"))
            .GetProperty("id").GetInt32();
}
