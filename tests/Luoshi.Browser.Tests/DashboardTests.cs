using Microsoft.Playwright;

namespace Luoshi.Browser.Tests;

/// <summary>The leaders' dashboard in Chromium: a 局领导's home page leads with it, its charts drawn, with no console error.</summary>
public sealed class DashboardTests(LiveApp app) : IClassFixture<LiveApp>
{
    [BrowserFact]
    public async Task The_leader_signs_in_and_sees_the_dashboard_with_its_charts_drawn()
    {
        var (page, errors) = await app.SignedInPageAsync("leader");
        await Assertions.Expect(page.GetByTestId("dashboard")).ToBeVisibleAsync();
        foreach (var chart in new[] { "chart-categories", "chart-statuses", "chart-trend" })
            await Assertions.Expect(page.GetByTestId(chart).Locator("canvas, svg").First).ToBeVisibleAsync();
        // The live app's demo city (without its year of plans: the figures are the HTTP tests') lists its six districts.
        await Assertions.Expect(page.GetByTestId("dashboard-district").GetByTestId("unit-line")).ToHaveCountAsync(6);
        // The tooltip of a chart must not break the Content-Security-Policy (no inline styles).
        var box = await page.GetByTestId("chart-categories").BoundingBoxAsync();
        await page.Mouse.MoveAsync(box!.X + box.Width / 2, box.Y + box.Height / 3);
        await page.Mouse.MoveAsync(box.X + box.Width / 2 + 5, box.Y + box.Height / 3 + 5);

        await page.GetByTestId("nav-dashboard").ClickAsync();
        await Assertions.Expect(page.GetByTestId("chart-trend").Locator("canvas, svg").First).ToBeVisibleAsync();
        Assert.True(errors.Count == 0, $"{errors.Count} console errors, the first: " + string.Join(" | ", errors.Take(3)));
    }
}
