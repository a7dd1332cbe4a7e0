using System.Net.Http.Json;
using Microsoft.Playwright;

namespace Luoshi.Browser.Tests;

/// <summary>督办单 in Chromium: 江东区 opens its notice under 督办单, answers it with an attachment, and the supervisor sees the answer and the file and closes it.</summary>
public sealed class NoticePagesTests(LiveApp app) : IClassFixture<LiveApp>
{
    private static readonly byte[] Png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");

    [BrowserFact]
    public async Task A_district_answers_its_notice_with_an_attachment_and_the_supervisor_closes_it()
    {
        // The supervisor issues a 督办单 to 江东区 through the API.
        var supervisorApi = await app.ApiAsync("supervisor");
        var units = (await LiveApp.JsonAsync(await supervisorApi.GetAsync("/api/v1/org-units?pageSize=500"))).GetProperty("items").EnumerateArray().ToList();
        var district = units.First(u => u.GetProperty("code").GetString() == "Q01").GetProperty("id").GetInt32();
        var word = Guid.NewGuid().ToString("N")[..6];
        var notice = await LiveApp.JsonAsync(await supervisorApi.PostAsJsonAsync("/api/v1/notices",
            new { orgUnitId = district, reason = $"请报送校舍安全排查情况{word}" }));
        var (id, number) = (notice.GetProperty("id").GetInt32(), notice.GetProperty("number").GetString()!);

        // 江东区 opens 督办单 (待办理), answers with a photo.
        var (districtPage, districtErrors) = await app.SignedInPageAsync("jiangdong");
        await districtPage.GotoAsync("/Notices?tab=toAnswer");
        await Assertions.Expect(districtPage.GetByTestId($"notice-{id}")).ToContainTextAsync($"请报送校舍安全排查情况{word}");
        await districtPage.GetByTestId($"answer-form-{id}").Locator("textarea[name=response]").FillAsync("已完成排查，隐患已整改。");
        await districtPage.GetByTestId($"answer-files-{id}").SetInputFilesAsync(new FilePayload { Name = "排查照片.png", MimeType = "image/png", Buffer = Png });
        await districtPage.GetByTestId($"answer-{id}").ClickAsync();
        await Assertions.Expect(districtPage.GetByTestId("notices-done")).ToHaveTextAsync($"{number}已反馈");

        // The supervisor sees the answer and its file among the notices issued, and closes it.
        var (supervisor, supervisorErrors) = await app.SignedInPageAsync("supervisor");
        await supervisor.GotoAsync("/Notices?tab=issued");
        var item = supervisor.GetByTestId($"notice-{id}");
        await Assertions.Expect(item).ToContainTextAsync("已完成排查，隐患已整改。");
        await Assertions.Expect(supervisor.GetByTestId($"attachments-{id}")).ToContainTextAsync("排查照片.png");
        await supervisor.GetByTestId($"close-{id}").ClickAsync();
        await Assertions.Expect(supervisor.GetByTestId("notices-done")).ToHaveTextAsync($"{number}已办结");
        await supervisor.GotoAsync($"/Notices?id={id}");
        await Assertions.Expect(supervisor.GetByTestId($"notice-{id}")).ToContainTextAsync("已办结");
        Assert.True(districtErrors.Count == 0, string.Join("\n", districtErrors));
        Assert.True(supervisorErrors.Count == 0, string.Join("\n", supervisorErrors));
    }
}
