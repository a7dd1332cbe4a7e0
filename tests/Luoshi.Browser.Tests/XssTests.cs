using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;

namespace Luoshi.Browser.Tests;

/// <summary>
/// Script payloads stored in every kind of text a user types — unit names, user names, task titles and texts,
/// milestones, report narratives, review comments, attachment file names — are shown as text on every page
/// and never run.
/// </summary>
public sealed class XssTests(LiveApp app) : IClassFixture<LiveApp>
{
    /// <summary>Markup that would run or leave a marked element in the page if any output were not encoded.</summary>
    private const string Payload = "<img data-xss src=/none onerror=\"window.__xss=1\"><script>window.__xss=2</script>\"'><svg data-xss onload=\"window.__xss=3\">";

    private static async Task<JsonElement> PatchAsync(HttpClient client, string url, object body)
    {
        var current = await client.GetAsync(url);
        var request = new HttpRequestMessage(HttpMethod.Patch, url) { Content = JsonContent.Create(body) };
        request.Headers.TryAddWithoutValidation("If-Match", current.Headers.ETag!.Tag);
        return await LiveApp.JsonAsync(await client.SendAsync(request));
    }

    [BrowserFact]
    public async Task Script_payloads_in_every_text_field_are_shown_as_text_and_never_run()
    {
        var admin = await app.ApiAsync("admin");
        var units = new List<JsonElement>();
        foreach (var kind in new[] { "district", "department" })
            units.AddRange((await LiveApp.JsonAsync(await admin.GetAsync($"/api/v1/org-units?kind={kind}&pageSize=100"))).GetProperty("items").EnumerateArray());
        int Unit(string code) => units.First(u => u.GetProperty("code").GetString() == code).GetProperty("id").GetInt32();
        await LiveApp.JsonAsync(await admin.PostAsJsonAsync("/api/v1/org-units", new { code = "XSS-1", name = "学校" + Payload, kind = "school", parentId = Unit("Q01") }));
        await LiveApp.JsonAsync(await admin.PostAsJsonAsync("/api/v1/users", new { username = "xss-user", displayName = "张三" + Payload, role = "district", orgUnitId = Unit("Q01"), password = "Xss-Passw0rd-2026!" }));

        var jichu = await app.ApiAsync("jichu");
        var plan = await LiveApp.JsonAsync(await jichu.PostAsync("/api/v1/plans", new StringContent(
            "江州市教育局2026年教育工作要点\n\n一、推进学前教育普及普惠\n（一）扩大普惠资源。新建改扩建公办幼儿园12所。\n",
            System.Text.Encoding.UTF8, "text/plain")));
        var planId = plan.GetProperty("id").GetInt32();
        var task = (await LiveApp.JsonAsync(await jichu.GetAsync($"/api/v1/tasks?planId={planId}"))).GetProperty("items").EnumerateArray()
            .First(t => t.GetProperty("targets").GetArrayLength() > 0);
        var taskId = task.GetProperty("id").GetInt32();
        var targetId = task.GetProperty("targets")[0].GetProperty("id").GetInt32();
        await PatchAsync(jichu, $"/api/v1/tasks/{taskId}", new
        {
            title = "任务" + Payload,
            text = "内容" + Payload,
            leadDepartmentId = Unit("D03"),
            responsibleOrgUnitIds = new[] { Unit("Q01") },
            milestones = new[] { new { date = "2026-12-15", title = "节点" + Payload, done = false } },
        });
        await LiveApp.JsonAsync(await jichu.PostAsync($"/api/v1/plans/{planId}/publish", null));

        var jiangdong = await app.ApiAsync("jiangdong");
        var report = await LiveApp.JsonAsync(await jiangdong.PostAsJsonAsync($"/api/v1/tasks/{taskId}/reports", new
        {
            period = "2026-11", progress = 40, narrative = "进展" + Payload, values = new[] { new { targetId, value = 3m } },
        }));
        var reportId = report.GetProperty("id").GetInt32();
        var pdf = "%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"u8.ToArray();
        await LiveApp.JsonAsync(await jiangdong.PostAsync($"/api/v1/reports/{reportId}/attachments",
            new MultipartFormDataContent { { new ByteArrayContent(pdf), "file", "佐证<img data-xss src=x onerror=window.__xss=4>.pdf" } }));
        await LiveApp.JsonAsync(await jichu.PostAsJsonAsync($"/api/v1/reports/{reportId}/review", new { decision = "return", comment = "退回" + Payload }));

        var pages = new (string User, string Path)[]
        {
            ("admin", "/Admin/Units"), ("admin", "/Admin/Users"), ("admin", "/Audit"),
            ("jichu", $"/Plans/{planId}"), ("jichu", $"/Tasks/{taskId}"), ("jichu", "/MyTasks"), ("jichu", "/Schedule"),
            ("jichu", "/Calendar?month=2026-12"), ("jichu", "/Search?q=" + Uri.EscapeDataString("任务")),
            ("jiangdong", $"/Tasks/{taskId}"), ("jiangdong", "/MyTasks"), ("jiangdong", "/Notifications"), ("jiangdong", "/"),
        };
        foreach (var group in pages.GroupBy(p => p.User))
        {
            var page = await app.NewPageAsync();
            var dialogs = new List<string>();
            page.Dialog += (_, dialog) => { dialogs.Add(dialog.Message); _ = dialog.DismissAsync(); };
            await page.GotoAsync("/Login");
            await page.GetByTestId("username").FillAsync(group.Key);
            await page.GetByTestId("password").FillAsync(LiveApp.Password);
            await page.GetByTestId("sign-in").ClickAsync();
            await Assertions.Expect(page.GetByTestId("who")).ToBeVisibleAsync();
            foreach (var (_, path) in group)
            {
                var response = await page.GotoAsync(path);
                Assert.True(response!.Ok, $"{path} → {response.Status}");
                await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
                Assert.Equal(0, await page.Locator("[data-xss]").CountAsync());
                Assert.Null(await page.EvaluateAsync<int?>("() => window.__xss ?? null"));
                Assert.Empty(dialogs);
                var text = await page.Locator("body").InnerTextAsync();
                Assert.True(text.Contains("data-xss", StringComparison.Ordinal) || path.StartsWith("/Search", StringComparison.Ordinal) || path == "/",
                    $"{path} does not show the stored text at all, so it proves nothing");
            }
            await page.Context.CloseAsync();
        }
    }
}
