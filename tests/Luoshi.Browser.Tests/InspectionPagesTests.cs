using System.Net.Http.Json;
using Microsoft.Playwright;

namespace Luoshi.Browser.Tests;

/// <summary>专项督导 in Chromium: a school rectifies its findings with evidence, and the supervisor closes one and returns the other, item by item.</summary>
public sealed class InspectionPagesTests(LiveApp app) : IClassFixture<LiveApp>
{
    private static readonly byte[] Png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");

    [BrowserFact]
    public async Task A_school_rectifies_in_the_browser_and_the_supervisor_closes_item_by_item()
    {
        // The supervisor records the inspection of 江东区第一中学 with two findings through the API.
        var supervisorApi = await app.ApiAsync("supervisor");
        var units = (await LiveApp.JsonAsync(await supervisorApi.GetAsync("/api/v1/org-units?pageSize=500"))).GetProperty("items").EnumerateArray().ToList();
        var school = units.First(u => u.GetProperty("code").GetString() == "Q01-S01").GetProperty("id").GetInt32();
        var word = Guid.NewGuid().ToString("N")[..6];
        var inspection = await LiveApp.JsonAsync(await supervisorApi.PostAsJsonAsync("/api/v1/inspections", new
        {
            title = $"校园安全专项督导{word}", topic = "校园安全专项督导",
            startDate = Luoshi.Domain.Time.ChinaClock.System.Today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            orgUnitIds = new[] { school },
            findings = new object[]
            {
                new { orgUnitId = school, description = $"消防通道堆放杂物{word}", severity = "较重", requirement = "立即清理", days = 5 },
                new { orgUnitId = school, description = $"食堂留样记录不全{word}", severity = "一般", requirement = "补齐记录", days = 10 },
            },
        }));
        var id = inspection.GetProperty("id").GetInt32();
        var findings = inspection.GetProperty("findings").EnumerateArray().Select(f => f.GetProperty("id").GetInt32()).ToList();
        var (fire, canteen) = (findings[0], findings[1]);

        // The school finds it under 专项督导 → 我的整改 and rectifies both items, the first with a photo.
        var (schoolPage, schoolErrors) = await app.SignedInPageAsync("school");
        await schoolPage.GetByTestId("nav-inspections").ClickAsync();
        await Assertions.Expect(schoolPage.GetByTestId("tab-mine")).ToHaveClassAsync("active");
        await schoolPage.GetByTestId($"inspection-{id}").Locator("a").First.ClickAsync();
        await Assertions.Expect(schoolPage.GetByTestId("inspection-title")).ToHaveTextAsync($"校园安全专项督导{word}");
        await schoolPage.GetByTestId($"rectification-input-{fire}").FillAsync("已清理消防通道，建立每日巡查登记。");
        await schoolPage.GetByTestId($"evidence-{fire}").SetInputFilesAsync(new FilePayload { Name = "整改后照片.png", MimeType = "image/png", Buffer = Png });
        await schoolPage.GetByTestId($"rectify-{fire}").ClickAsync();
        await Assertions.Expect(schoolPage.GetByTestId("inspection-done")).ToHaveTextAsync("整改情况已提交，等待督导方审核");
        await Assertions.Expect(schoolPage.GetByTestId($"finding-status-{fire}")).ToHaveTextAsync("已提交整改");
        await Assertions.Expect(schoolPage.GetByTestId($"evidence-file-{fire}")).ToHaveTextAsync("整改后照片.png");
        await schoolPage.GetByTestId($"rectification-input-{canteen}").FillAsync("已补记。");
        await schoolPage.GetByTestId($"rectify-{canteen}").ClickAsync();
        await Assertions.Expect(schoolPage.GetByTestId($"finding-status-{canteen}")).ToHaveTextAsync("已提交整改");

        // The supervisor closes the fire lane and sends the canteen back with the reason, one item at a time.
        var (supervisor, supervisorErrors) = await app.SignedInPageAsync("supervisor");
        await supervisor.GotoAsync($"/Inspections/{id}");
        await Assertions.Expect(supervisor.GetByTestId($"rectification-{fire}")).ToContainTextAsync("已清理消防通道");
        await supervisor.GetByTestId($"close-{fire}").ClickAsync();
        await Assertions.Expect(supervisor.GetByTestId("inspection-done")).ToHaveTextAsync("已审核通过、销号");
        await Assertions.Expect(supervisor.GetByTestId($"finding-status-{fire}")).ToHaveTextAsync("已销号");
        await Assertions.Expect(supervisor.GetByTestId($"finding-status-{canteen}")).ToHaveTextAsync("已提交整改");
        await supervisor.GetByTestId($"return-comment-{canteen}").FillAsync("请附9月以来的留样记录照片");
        await supervisor.GetByTestId($"return-{canteen}").ClickAsync();
        await Assertions.Expect(supervisor.GetByTestId($"finding-status-{canteen}")).ToHaveTextAsync("待整改");

        // The school sees the fire lane closed, the canteen back with the reason and its form again.
        await schoolPage.GotoAsync($"/Inspections/{id}");
        await Assertions.Expect(schoolPage.GetByTestId($"finding-status-{fire}")).ToHaveTextAsync("已销号");
        await Assertions.Expect(schoolPage.GetByTestId($"returned-{canteen}")).ToContainTextAsync("请附9月以来的留样记录照片");
        await Assertions.Expect(schoolPage.GetByTestId($"rectify-form-{canteen}")).ToBeVisibleAsync();
        await Assertions.Expect(schoolPage.GetByTestId($"rectify-form-{fire}")).ToHaveCountAsync(0);
        Assert.True(schoolErrors.Count == 0, string.Join("\n", schoolErrors));
        Assert.True(supervisorErrors.Count == 0, string.Join("\n", supervisorErrors));
    }
}
