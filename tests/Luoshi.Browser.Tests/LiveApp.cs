using Luoshi.Data;
using Luoshi.Data.People;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Builder;
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
