using Luoshi.Domain.Supervision;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace Luoshi.Browser.Tests;

/// <summary>月度排名 in Chromium: a supervisor opens the ranking, changes the month, opens a part's drill-down and proposes a 加分.</summary>
public sealed class RankingPagesTests(LiveApp app) : IClassFixture<LiveApp>
{
    [BrowserFact]
    public async Task The_supervisor_changes_the_month_opens_a_drill_down_and_proposes_an_adjustment()
    {
        // Last month, 江东区 answered a 督办单 on time: its notices part is applicable and drills down to that notice.
        var last = Luoshi.Domain.Time.ChinaClock.System.Today.AddMonths(-1);
        var period = last.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);
        var reason = $"排名页面测试督办{Guid.NewGuid().ToString("N")[..6]}";
        var unit = await app.WithDbAsync(async db =>
        {
            var unit = await db.OrgUnits.Where(u => u.Code == "Q01").Select(u => u.Id).SingleAsync();
            var respondBy = new DateOnly(last.Year, last.Month, 10);
            var answered = DateTime.SpecifyKind(respondBy.ToDateTime(new TimeOnly(1, 0)), DateTimeKind.Utc);
            db.Notices.Add(new Notice
            {
                Year = last.Year, Sequence = 9000 + Random.Shared.Next(999), Kind = NoticeKind.Supervise, Level = NoticeLevel.Supervise, OrgUnitId = unit,
                Reason = reason, IssuedAt = answered.AddDays(-5), RespondBy = respondBy, Status = NoticeStatus.Responded, AnsweredAt = answered,
            });
            await db.SaveChangesAsync();
            return unit;
        });

        var (page, errors) = await app.SignedInPageAsync("supervisor");
        await page.GetByTestId("nav-rankings").ClickAsync();
        await Assertions.Expect(page.GetByTestId("ranking-basis")).ToContainTextAsync("第1版");
        await page.GetByTestId("ranking-period").FillAsync(period);
        await page.GetByTestId("ranking-filter").Locator("button[type=submit]").ClickAsync();
        await Assertions.Expect(page.GetByTestId("ranking-period")).ToHaveValueAsync(period);
        await Assertions.Expect(page.GetByTestId("score-Q01")).ToHaveTextAsync("100");

        var part = page.GetByTestId("part-Q01-notices");
        await part.Locator("summary").ClickAsync();
        await Assertions.Expect(part.Locator("li")).ToContainTextAsync(reason);

        await page.GetByTestId("adjustments-link").ClickAsync();
        await Assertions.Expect(page.GetByTestId("adjustment-period")).ToHaveValueAsync(period);
        await page.GetByTestId("adjustment-unit").SelectOptionAsync(unit.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await page.GetByTestId("adjustment-points").FillAsync("2");
        await page.GetByTestId("adjustment-basis").FillAsync("承办全市督导工作现场会");
        await page.GetByTestId("adjustment-propose").ClickAsync();
        await Assertions.Expect(page.GetByTestId("done")).ToContainTextAsync("待他人审核");
        await Assertions.Expect(page.GetByTestId("adjustments-table")).ToContainTextAsync("承办全市督导工作现场会");
        await Assertions.Expect(page.GetByTestId("adjustments-table")).ToContainTextAsync("待审核");
        // Not yet approved: the ranking's 加减分 column is still empty for 江东区, its score unchanged.
        await page.GotoAsync($"/Rankings?period={period}");
        await Assertions.Expect(page.GetByTestId("score-Q01")).ToHaveTextAsync("100");
        await Assertions.Expect(page.GetByTestId("adjustment-Q01")).ToHaveTextAsync("—");
        Assert.True(errors.Count == 0, string.Join("\n", errors));
    }

    [BrowserFact]
    public async Task A_units_trend_chart_draws_under_the_content_security_policy()
    {
        // The trend of 江东区 over this year: the chart's box gets its height from the stylesheet (the policy refuses inline
        // styles), the page loads the project's ECharts build, and the chart draws a canvas with nothing refused in the console.
        var unit = await app.WithDbAsync(db => db.OrgUnits.Where(u => u.Code == "Q01").Select(u => u.Id).SingleAsync());
        var (page, errors) = await app.SignedInPageAsync("supervisor");
        await page.GotoAsync($"/Rankings?kind=district&unit={unit}#trend");
        await Assertions.Expect(page.GetByTestId("trend-table")).ToBeVisibleAsync();
        var canvas = page.GetByTestId("trend-chart").Locator("canvas");
        await Assertions.Expect(canvas).ToBeVisibleAsync();
        var box = await page.GetByTestId("trend-chart").BoundingBoxAsync();
        Assert.True(box is { Height: > 200 }, $"the chart's box is {box?.Height} px high");
        Assert.True(errors.Count == 0, string.Join("\n", errors));
    }
}
