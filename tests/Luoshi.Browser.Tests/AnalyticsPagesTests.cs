using System.Net.Http.Json;
using Microsoft.Playwright;

namespace Luoshi.Browser.Tests;

/// <summary>The indicator pages in Chromium: values entered through the API show in the pivot (coloured by the target) and in the chart.</summary>
public sealed class AnalyticsPagesTests(LiveApp app) : IClassFixture<LiveApp>
{
    [BrowserFact]
    public async Task The_pivot_shows_the_schools_months_and_the_districts_target_and_the_chart_draws()
    {
        var api = await app.ApiAsync("supervisor");
        var units = (await LiveApp.JsonAsync(await api.GetAsync("/api/v1/org-units?pageSize=500"))).GetProperty("items").EnumerateArray().ToList();
        int Id(string code) => units.First(u => u.GetProperty("code").GetString() == code).GetProperty("id").GetInt32();
        var (q01, s01) = (Id("Q01"), Id("Q01-S01"));
        var word = Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();
        async Task<int> ElementAsync(string code, string name) => (await LiveApp.JsonAsync(await api.PostAsJsonAsync("/api/v1/data-elements",
            new { code, name, valueType = "integer", aggregation = "last", unit = "人" }))).GetProperty("id").GetInt32();
        var total = await ElementAsync($"ZS{word}", $"在园幼儿总数{word}");
        var pub = await ElementAsync($"GB{word}", $"公办园在园幼儿数{word}");
        await LiveApp.JsonAsync(await api.PostAsJsonAsync("/api/v1/data-sets", new
        {
            code = $"JC{word}", name = $"学前基础数据{word}", periodType = "month", unitKind = "school", rootUnitId = q01, dueWorkingDays = 5,
            dataElementIds = new[] { total, pub },
        }));
        var indicator = (await LiveApp.JsonAsync(await api.PostAsJsonAsync("/api/v1/indicators", new
        {
            code = $"ZB{word}", name = $"公办园在园幼儿占比{word}", numerator = $"#{{GB{word}}}", denominator = $"#{{ZS{word}}}", factor = 100, unit = "%",
            targets = new[] { new { orgUnitId = s01, year = 2026, value = 50m } },
        }))).GetProperty("id").GetInt32();
        await LiveApp.JsonAsync(await api.PutAsJsonAsync("/api/v1/data-values", new
        {
            values = new object[]
            {
                new { dataElementId = pub, orgUnitId = s01, period = "2026-03", value = 60 },
                new { dataElementId = total, orgUnitId = s01, period = "2026-03", value = 100 },
            },
        }));

        var (page, errors) = await app.SignedInPageAsync("supervisor");
        await page.GotoAsync($"/Analytics/Pivot?indicatorId={indicator}&orgUnitId={q01}&year=2026&level=1");
        var row = page.GetByTestId($"pivot-row-{s01}");
        await Assertions.Expect(row.Locator("td").Nth(2)).ToHaveTextAsync("60");
        await Assertions.Expect(row.Locator("td").Nth(2)).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("att-met"));
        await Assertions.Expect(page.GetByTestId($"pivot-year-{s01}")).ToHaveTextAsync("60");
        await Assertions.Expect(row.Locator("td").Nth(0)).ToHaveTextAsync("");

        await page.GetByTestId("pivot-chart").ClickAsync();
        await Assertions.Expect(page.GetByTestId("indicator-chart").Locator("canvas")).ToHaveCountAsync(1);
        Assert.True(errors.Count == 0, string.Join("\n", errors));
    }
}
