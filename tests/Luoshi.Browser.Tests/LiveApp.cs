using Luoshi.Application.People;
using Luoshi.Data;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Luoshi.Browser.Tests;

/// <summary>
/// The real Luoshi web app on Kestrel at a free loopback port, with the demo city on a fresh embedded database,
/// and a headless Chromium to drive it.
/// </summary>
public sealed class LiveApp : IAsyncLifetime
{
    public const string Password = "Browser-Test-2026!";

    private WebApplication? app;
    private IPlaywright? playwright;
    private readonly string data = Path.Combine(Path.GetTempPath(), "luoshi-browser", Guid.NewGuid().ToString("N"));

    public string BaseUrl { get; private set; } = "";

    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        app = Web.LuoshiApp.Build(["--urls=http://127.0.0.1:0", $"--Luoshi:Data={data}", "--Luoshi:Demo=true", "--Luoshi:DemoPlans=none", "--Luoshi:Database="]);
        await Web.LuoshiApp.PrepareAsync(app);
        await app.StartAsync();
        BaseUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        using (var scope = app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<LuoshiDb>();
            foreach (var user in await db.Users.ToListAsync()) UserAccounts.SetPassword(user, Password);
            await db.SaveChangesAsync();
        }
        if (Chromium.Path is null) return;
        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = Chromium.Path,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
        });
    }

    /// <summary>A fresh browser context (own cookies) with a page, Chinese locale and laptop or phone size.</summary>
    public async Task<IPage> NewPageAsync(bool phone = false)
    {
        var context = await Browser.NewContextAsync(new()
        {
            BaseURL = BaseUrl,
            Locale = "zh-CN",
            ViewportSize = phone ? new() { Width = 390, Height = 844 } : new() { Width = 1366, Height = 800 },
        });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(15000);
        return page;
    }

    /// <summary>A page signed in as the user that records every console error and uncaught script error (CSP violations show there).</summary>
    public async Task<(IPage Page, List<string> Errors)> SignedInPageAsync(string user)
    {
        var page = await NewPageAsync();
        var errors = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error") errors.Add($"{page.Url}: {message.Text} ({message.Location})");
        };
        page.PageError += (_, error) => errors.Add(error);
        await page.GotoAsync("/Login");
        await page.GetByTestId("username").FillAsync(user);
        await page.GetByTestId("password").FillAsync(Password);
        await page.GetByTestId("sign-in").ClickAsync();
        await Assertions.Expect(page.GetByTestId("welcome")).ToBeVisibleAsync();
        return (page, errors);
    }

    /// <summary>A client of the live app's JSON API, signed in as the user; for setting up what a browser test starts from.</summary>
    public async Task<HttpClient> ApiAsync(string user)
    {
        var client = new HttpClient(new HttpClientHandler { CookieContainer = new System.Net.CookieContainer() }) { BaseAddress = new Uri(BaseUrl) };
        var response = await System.Net.Http.Json.HttpClientJsonExtensions.PostAsJsonAsync(client, "/api/v1/session", new { username = user, password = Password });
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        return client;
    }

    /// <summary>Works on the live app's database directly: for fixtures no API makes (a record dated in the past).</summary>
    public async Task<T> WithDbAsync<T>(Func<LuoshiDb, Task<T>> work)
    {
        using var scope = app!.Services.CreateScope();
        return await work(scope.ServiceProvider.GetRequiredService<LuoshiDb>());
    }

    /// <summary>The JSON of a successful response; a failure shows the problem the app sent.</summary>
    public static async Task<System.Text.Json.JsonElement> JsonAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {body}");
        return System.Text.Json.JsonDocument.Parse(body).RootElement;
    }

    public async Task DisposeAsync()
    {
        if (playwright is not null)
        {
            await Browser.DisposeAsync();
            playwright.Dispose();
        }
        if (app is not null)
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(data, recursive: true); } catch (IOException) { }
    }
}
