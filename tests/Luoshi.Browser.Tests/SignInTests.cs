using Microsoft.Playwright;

namespace Luoshi.Browser.Tests;

/// <summary>The sign-in flow as a person uses it, in Chromium.</summary>
public sealed class SignInTests(LiveApp app) : IClassFixture<LiveApp>
{
    [BrowserFact]
    public async Task The_admin_signs_in_switches_language_and_signs_out()
    {
        var page = await app.NewPageAsync();
        await page.GotoAsync("/");
        Assert.Contains("/Login", page.Url);
        await page.GetByTestId("username").FillAsync("admin");
        await page.GetByTestId("password").FillAsync(LiveApp.Password);
        await page.GetByTestId("sign-in").ClickAsync();

        await Assertions.Expect(page.GetByTestId("welcome")).ToContainTextAsync("欢迎，系统管理员");
        await Assertions.Expect(page.GetByTestId("my-unit")).ToHaveTextAsync("江州市教育局");
        var nav = page.Locator("nav.sidenav");
        await Assertions.Expect(nav.GetByText("首页")).ToBeVisibleAsync();
        await Assertions.Expect(nav.GetByText("用户管理")).ToBeVisibleAsync();
        await Assertions.Expect(nav.GetByText("单位管理")).ToBeVisibleAsync();

        await page.GetByTestId("lang-en").ClickAsync();
        await Assertions.Expect(page.GetByTestId("welcome")).ToContainTextAsync("Welcome");
        await Assertions.Expect(nav.GetByText("Users")).ToBeVisibleAsync();
        await page.GetByTestId("lang-zh").ClickAsync();
        await Assertions.Expect(page.GetByTestId("welcome")).ToContainTextAsync("欢迎");

        await page.GetByTestId("sign-out").ClickAsync();
        await Assertions.Expect(page.GetByTestId("sign-in")).ToBeVisibleAsync();
        await page.GotoAsync("/Admin/Users");
        Assert.Contains("/Login", page.Url);
    }

    [BrowserFact]
    public async Task After_退出登录_a_copy_of_the_old_session_cookie_no_longer_works()
    {
        var page = await app.NewPageAsync();
        await page.GotoAsync("/Login");
        await page.GetByTestId("username").FillAsync("jichu");
        await page.GetByTestId("password").FillAsync(LiveApp.Password);
        await page.GetByTestId("sign-in").ClickAsync();
        await page.GetByTestId("who").ClickAsync();
        await Assertions.Expect(page.GetByTestId("sessions")).ToContainTextAsync("当前设备");
        var kept = (await page.Context.CookiesAsync()).Where(c => c.Name == ".luoshi.session").ToList();
        Assert.Single(kept);

        await page.GetByTestId("sign-out").ClickAsync();
        await Assertions.Expect(page.GetByTestId("sign-in")).ToBeVisibleAsync();

        // Someone who copied the cookie before 退出登录 puts it into another browser: it leads to the sign-in page.
        var other = await app.NewPageAsync();
        await other.Context.AddCookiesAsync(kept.Select(c => new Cookie { Name = c.Name, Value = c.Value, Domain = c.Domain, Path = c.Path }));
        await other.GotoAsync("/MyTasks");
        Assert.Contains("/Login", other.Url);
    }

    [BrowserFact]
    public async Task A_wrong_password_shows_a_Chinese_error()
    {
        var page = await app.NewPageAsync();
        await page.GotoAsync("/Login");
        await page.GetByTestId("username").FillAsync("jichu");
        await page.GetByTestId("password").FillAsync("not-the-password");
        await page.GetByTestId("sign-in").ClickAsync();
        await Assertions.Expect(page.GetByTestId("login-error")).ToHaveTextAsync("用户名或密码错误，请重新输入");
    }

    [BrowserFact]
    public async Task On_a_phone_the_navigation_opens_from_the_menu_button()
    {
        var page = await app.NewPageAsync(phone: true);
        await page.GotoAsync("/Login");
        await page.GetByTestId("username").FillAsync("jiangdong");
        await page.GetByTestId("password").FillAsync(LiveApp.Password);
        await page.GetByTestId("sign-in").ClickAsync();
        await Assertions.Expect(page.GetByTestId("my-unit")).ToHaveTextAsync("江东区教育局");
        var home = page.Locator("nav.sidenav a", new() { HasText = "首页" });
        await Assertions.Expect(home).Not.ToBeInViewportAsync();
        await page.Locator("label.nav-button").ClickAsync();
        await Assertions.Expect(home).ToBeInViewportAsync();
        var overflow = await page.EvaluateAsync<bool>("document.documentElement.scrollWidth > window.innerWidth");
        Assert.False(overflow, "the page is wider than the phone's screen");
    }

    [BrowserFact]
    public async Task An_admin_adds_a_unit_and_sees_a_Chinese_error_for_a_duplicate_code()
    {
        var page = await app.NewPageAsync();
        await page.GotoAsync("/Login");
        await page.GetByTestId("username").FillAsync("admin");
        await page.GetByTestId("password").FillAsync(LiveApp.Password);
        await page.GetByTestId("sign-in").ClickAsync();
        await page.GotoAsync("/Admin/Units");
        var form = page.GetByTestId("unit-form");
        await form.Locator("input[name=code]").FillAsync("Q01-S99");
        await page.GetByTestId("unit-name").FillAsync("江东区新城小学");
        await form.Locator("select[name=kind]").SelectOptionAsync("school");
        await form.Locator("select[name=parentId]").SelectOptionAsync(new SelectOptionValue { Label = "江东区教育局" });
        await form.Locator("button[type=submit]").ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("已保存");
        await Assertions.Expect(page.GetByRole(AriaRole.Cell, new() { Name = "江东区新城小学" })).ToBeVisibleAsync();

        await form.Locator("input[name=code]").FillAsync("Q01-S99");
        await page.GetByTestId("unit-name").FillAsync("重复代码小学");
        await form.Locator("select[name=parentId]").SelectOptionAsync(new SelectOptionValue { Label = "江东区教育局" });
        await form.Locator("button[type=submit]").ClickAsync();
        await Assertions.Expect(page.GetByTestId("problems")).ToContainTextAsync("单位代码“Q01-S99”已被使用");
    }
}
