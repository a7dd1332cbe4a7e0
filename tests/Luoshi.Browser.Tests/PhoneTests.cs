using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;

namespace Luoshi.Browser.Tests;

/// <summary>
/// Every page on a phone (390 px wide, as an iPhone shows it): nothing scrolls sideways except wide tables inside
/// their own box, the top bar stays one line, the bell is drawn (no emoji font needed).
/// </summary>
public sealed class PhoneTests(LiveApp app) : IClassFixture<LiveApp>
{
    [BrowserFact]
    public async Task Every_page_fits_a_phone_without_scrolling_sideways()
    {
        var jichu = await app.ApiAsync("jichu");
        const string text = "江州市教育局2026年教育工作要点（手机）\n\n一、推进学前教育普及普惠\n（一）扩大普惠资源。新建改扩建公办幼儿园12所，"
            + "公办幼儿园在园儿童占比达到54%。\n（二）提升保教质量。开展幼儿园保育教育质量评估，年底前完成。\n";
        async Task<int> PlanAsync() => (await LiveApp.JsonAsync(await jichu.PostAsync("/api/v1/plans",
            new StringContent(text, System.Text.Encoding.UTF8, "text/plain")))).GetProperty("id").GetInt32();
        var draft = await PlanAsync();
        var published = await PlanAsync();
        await LiveApp.JsonAsync(await jichu.PostAsync($"/api/v1/plans/{published}/publish", null));
        var tasks = (await LiveApp.JsonAsync(await jichu.GetAsync($"/api/v1/tasks?planId={published}"))).GetProperty("items").EnumerateArray().ToList();
        var task = tasks.First(t => t.GetProperty("targets").GetArrayLength() > 0).GetProperty("id").GetInt32();
        var units = (await LiveApp.JsonAsync(await jichu.GetAsync("/api/v1/org-units?pageSize=100"))).GetProperty("items").EnumerateArray().ToList();
        int Unit(string code) => units.First(u => u.GetProperty("code").GetString() == code).GetProperty("id").GetInt32();
        await LiveApp.JsonAsync(await jichu.PostAsJsonAsync("/api/v1/tasks/bulk-assign", new
        {
            taskIds = tasks.Select(t => t.GetProperty("id").GetInt32()).ToArray(), leadDepartmentId = Unit("D03"), responsibleOrgUnitIds = new[] { Unit("Q01") },
        }));
        var month = Luoshi.Domain.Time.ChinaClock.System.Now.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);

        var pages = new Dictionary<string, string[]>
        {
            ["supervisor"] = ["/", "/Plans", $"/Plans/{published}", $"/Plans/{draft}", "/Plans/New", $"/Tasks/{task}",
                "/MyTasks", $"/Calendar?month={month}", $"/Schedule?planId={published}", "/Search?q=幼儿园", "/Notifications", "/Account", "/Audit"],
            ["admin"] = ["/Admin/Units", "/Admin/Users", "/Admin/Import"],
            ["jiangdong"] = ["/", "/MyTasks", $"/Calendar?month={month}"],
        };
        var problems = new List<string>();
        foreach (var (user, paths) in pages)
        {
            var page = await app.NewPageAsync(phone: true);
            await page.GotoAsync("/Login");
            await page.GetByTestId("username").FillAsync(user);
            await page.GetByTestId("password").FillAsync(LiveApp.Password);
            await page.GetByTestId("sign-in").ClickAsync();
            await Assertions.Expect(page.GetByTestId("welcome")).ToBeVisibleAsync();
            foreach (var path in paths)
            {
                await page.GotoAsync(path);
                var wide = await page.EvaluateAsync<JsonElement>("""
                    () => {
                      const width = document.documentElement.clientWidth;
                      // What sticks out of the screen, and is not inside a box that scrolls on its own.
                      const out = [...document.querySelectorAll("body *")].filter(e => {
                        const r = e.getBoundingClientRect();
                        if (r.width === 0 || r.right <= width + 1) return false;
                        for (let p = e.parentElement; p; p = p.parentElement) {
                          const o = getComputedStyle(p).overflowX;
                          if (o === "auto" || o === "scroll" || o === "hidden") return false;
                        }
                        return true;
                      }).slice(0, 3).map(e => e.tagName.toLowerCase() + (e.className ? "." + String(e.className).split(" ").join(".") : "") + " " + Math.round(e.getBoundingClientRect().right));
                      const bar = document.querySelector(".topbar");
                      return { scroll: document.documentElement.scrollWidth, width, out, bar: bar ? bar.getBoundingClientRect().height : 0 };
                    }
                    """);
                var scroll = wide.GetProperty("scroll").GetInt32();
                var width = wide.GetProperty("width").GetInt32();
                if (scroll > width)
                    problems.Add($"{user} {path}: {scroll} px wide on a {width} px screen ({string.Join("; ", wide.GetProperty("out").EnumerateArray())})");
                if (wide.GetProperty("bar").GetDouble() > 64)
                    problems.Add($"{user} {path}: the top bar is {wide.GetProperty("bar").GetDouble()} px high (it wraps)");
            }
            // The calendar's days show a count instead of words wrapped a character a line; the list below says what.
            await page.GotoAsync($"/Calendar?month={month}");
            await Assertions.Expect(page.Locator(".calendar li").First).Not.ToBeVisibleAsync();
            await Assertions.Expect(page.GetByTestId("calendar-count").First).ToBeVisibleAsync();
            await Assertions.Expect(page.GetByTestId("calendar-item").First).ToBeVisibleAsync();
            // The bell is drawn as an inline SVG, not an emoji that shows as an empty box without an emoji font.
            await Assertions.Expect(page.Locator("[data-testid=bell] svg")).ToHaveCountAsync(1);
            await page.ScreenshotAsync(new() { Path = $"/tmp/shots/phone-{user}.png", FullPage = true });
        }
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }
}
