using Microsoft.Playwright;

namespace Luoshi.Browser.Tests;

/// <summary>督查通报 in Chromium: the supervisor drafts last month's bulletin from the ledger, edits 存在问题 and publishes it; a district reads it.</summary>
public sealed class BulletinPagesTests(LiveApp app) : IClassFixture<LiveApp>
{
    [BrowserFact]
    public async Task The_supervisor_drafts_edits_and_publishes_and_a_district_reads_it()
    {
        var period = Luoshi.Domain.Time.ChinaClock.System.Today.AddMonths(-1).ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);
        var words = $"个别区县校舍维修滞后{Guid.NewGuid().ToString("N")[..6]}";

        var (supervisor, supervisorErrors) = await app.SignedInPageAsync("supervisor");
        await supervisor.GetByTestId("nav-bulletins").ClickAsync();
        await supervisor.GetByTestId("bulletin-period").FillAsync(period);
        await supervisor.GetByTestId("bulletin-draft").ClickAsync();
        await Assertions.Expect(supervisor.GetByTestId("bulletins-done")).ToHaveTextAsync($"{period} 已起草");
        await Assertions.Expect(supervisor.GetByTestId("bulletin-overview")).ToContainTextAsync("到期任务");
        await supervisor.GetByTestId("bulletin-problems").FillAsync(words);
        await supervisor.GetByTestId("bulletin-save").ClickAsync();
        await Assertions.Expect(supervisor.GetByTestId("bulletins-done")).ToHaveTextAsync($"{period} 已保存");
        await Assertions.Expect(supervisor.GetByTestId("bulletin-problems")).ToHaveValueAsync(words);
        await supervisor.GetByTestId("bulletin-publish").ClickAsync();
        await Assertions.Expect(supervisor.GetByTestId("bulletins-done")).ToHaveTextAsync($"{period} 已印发");
        await Assertions.Expect(supervisor.GetByTestId("bulletin-edit-form")).ToHaveCountAsync(0);
        await Assertions.Expect(supervisor.GetByTestId($"bulletin-{period}")).ToContainTextAsync("第1期");

        var (district, districtErrors) = await app.SignedInPageAsync("jiangdong");
        await district.GetByTestId("nav-bulletins").ClickAsync();
        await Assertions.Expect(district.GetByTestId("bulletin-draft-form")).ToHaveCountAsync(0);
        await district.GetByTestId($"bulletin-{period}").Locator("a").ClickAsync();
        await Assertions.Expect(district.GetByTestId("bulletin-problems-text")).ToHaveTextAsync(words);
        await Assertions.Expect(district.GetByTestId("bulletin-docx")).ToHaveAttributeAsync("href", $"/api/v1/bulletins/{period}.docx");
        Assert.True(supervisorErrors.Count == 0, string.Join("\n", supervisorErrors));
        Assert.True(districtErrors.Count == 0, string.Join("\n", districtErrors));
    }
}
