using Luoshi.Application.Demo;
using Luoshi.Application.People;
using Luoshi.Data;
using Luoshi.Data.Auditing;
using Luoshi.Web.Apis;
using Luoshi.Web.Auth;
using Luoshi.Web.Infrastructure;
using Luoshi.Web.Localization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Luoshi.Web;

/// <summary>Builds the Luoshi web app: the same wiring for <c>luoshi serve</c>, the web project's own entry point and the tests.</summary>
public static class LuoshiApp
{
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ApplicationName = typeof(LuoshiApp).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
            WebRootPath = Path.Combine(AppContext.BaseDirectory, "wwwroot"),
        });
        builder.AddLuoshiServices();
        configure?.Invoke(builder);
        var app = builder.Build();
        app.UseLuoshi();
        return app;
    }

    public static void AddLuoshiServices(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<LuoshiOptions>().BindConfiguration(LuoshiOptions.Section);
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<LuoshiOptions>>().Value.DatabaseSettings);
        // The options are built once for the process: building them per request (provider, connection string, data folder) was
        // a measurable part of every signed-in request.
        services.AddDbContext<LuoshiDb>((sp, options) => sp.GetRequiredService<DatabaseSettings>().Configure(options),
            ServiceLifetime.Scoped, ServiceLifetime.Singleton);
        services.AddOptions<HostOptions>().Configure<IOptions<LuoshiOptions>>((host, luoshi) =>
            host.ShutdownTimeout = TimeSpan.FromSeconds(Math.Max(1, luoshi.Value.ShutdownSeconds)));
        services.AddHttpContextAccessor();
        services.AddScoped<IAuditActor, HttpAuditActor>();
        services.AddSingleton<Luoshi.Application.Caching.ReferenceData>();
        // Cross-instance invalidation: saves announce what they changed, the listener hears the other instances (PostgreSQL only).
        services.AddSingleton<Luoshi.Data.Caching.ChangeFeed>();
        services.AddSingleton<Luoshi.Data.Caching.DataVersionReads>();
        services.AddHostedService<Infrastructure.ChangeListener>();
        services.AddScoped<UserAccounts>();
        services.AddScoped<Luoshi.Application.OrgUnits.OrgUnitDirectory>();
        services.AddScoped<Luoshi.Application.OrgUnits.CityImport>();
        services.AddLedger();

        builder.AddLuoshiProblems();
        builder.AddLuoshiAuth();
        builder.AddLuoshiText();
        services.AddRazorPages(o =>
        {
            o.Conventions.AllowAnonymousToPage("/Login");
            o.Conventions.AllowAnonymousToPage("/Error");
            o.Conventions.AuthorizeFolder("/Admin", Policies.Admin);
        }).AddViewLocalization();
        services.AddLuoshiOpenApi();
        // Pages, JSON, scripts and styles are compressed (br, else gzip) at the fastest level: most of the gain for little CPU. Not over HTTPS (the
        // framework's default), where compressing pages that hold secrets beside user input would allow BREACH.
        services.AddResponseCompression(o =>
        {
            o.Providers.Add<Microsoft.AspNetCore.ResponseCompression.BrotliCompressionProvider>();
            o.Providers.Add<Microsoft.AspNetCore.ResponseCompression.GzipCompressionProvider>();
            o.MimeTypes = ["text/html", "application/json", "application/problem+json", "text/plain", "text/css", "text/javascript",
                "application/javascript", "image/svg+xml"];
        });
        services.Configure<Microsoft.AspNetCore.ResponseCompression.BrotliCompressionProviderOptions>(o =>
            o.Level = System.IO.Compression.CompressionLevel.Fastest);
        services.Configure<Microsoft.AspNetCore.ResponseCompression.GzipCompressionProviderOptions>(o =>
            o.Level = System.IO.Compression.CompressionLevel.Fastest);
        services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Create(System.Text.Unicode.UnicodeRanges.All);
            // Ids and numbers are JSON numbers: "5" is not accepted for 5, and the document says integer, not integer-or-string.
            o.SerializerOptions.NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.Strict;
        });
        services.Configure<Microsoft.Extensions.WebEncoders.WebEncoderOptions>(o =>
            o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        // Keys that protect session cookies live in the database, so sessions survive a restart and every instance on the same
        // database reads the cookies the others issued.
        services.AddDataProtection().SetApplicationName("luoshi").PersistKeysToDbContext<LuoshiDb>();
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.EntityFrameworkCore", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.AspNetCore.DataProtection", LogLevel.Error);
        builder.Logging.AddFilter("Microsoft.Hosting.Lifetime", LogLevel.Warning);
        builder.Logging.AddFilter("Quartz", LogLevel.Warning);
    }

    public static void UseLuoshi(this WebApplication app)
    {
        app.UseLuoshiProxies();
        app.UseResponseCompression();
        app.UseLuoshiProblems();
        app.UseMiddleware<SecurityHeaders>();
        app.UseInstanceHeader();
        app.UseMiddleware<CrossSiteRequests>();
        app.UseMiddleware<JsonBodyLimit>();
        app.UseMiddleware<QueryGuard>();
        app.UseLuoshiText();
        app.UseRouting();
        app.UseMiddleware<ImmutableAssets>();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();
        app.UseMiddleware<PageCache>();

        // Fingerprinted and cached for good (Cache-Control: immutable, see ImmutableAssets) by the build's asset manifest
        // (Luoshi.Web.staticwebassets.endpoints.json beside the dll); open to everyone, like the sign-in page that uses them.
        app.MapStaticAssets().AllowAnonymous();
        app.MapGet("/healthz", HealthApi.Check).AllowAnonymous().ExcludeFromDescription();
        app.MapGet("/readyz", HealthApi.Ready).AllowAnonymous().ExcludeFromDescription();
        app.MapLuoshiOpenApi();
        var api = app.MapGroup("/api/v1");
        api.AddEndpointFilter<PagingGuard>();
        api.AddEndpointFilter<ConditionalGet>();
        api.MapSessionApi();
        api.MapOrgUnitsApi();
        api.MapUsersApi();
        api.MapPlansApi();
        api.MapTasksApi();
        api.MapTargetsApi();
        api.MapReportsApi();
        api.MapNotificationsApi();
        api.MapSearchApi();
        api.MapAuditApi();
        api.MapCalendarApi();
        api.MapMessagingApi();
        api.MapNoticesApi();
        api.MapInspectionsApi();
        api.MapDataApi();
        api.MapValidationRulesApi();
        api.MapIndicatorsApi();
        api.MapRankingsApi();
        api.MapRankingAdjustmentsApi();
        api.MapBulletinsApi();
        api.MapDashboardApi();
        api.MapAnnualReportApi();
        app.MapRazorPages().WithStaticAssets();
        app.MapLuoshiTextSwitch();
    }

    /// <summary>The demo city's own plan of this year with a year of activity, unless the demo year is turned off (<c>DemoPlans=none</c>).</summary>
    private static async Task SeedDemoYearAsync(WebApplication app, LuoshiDb db, LuoshiOptions options, string password)
    {
        if (string.Equals(options.DemoPlans, "none", StringComparison.OrdinalIgnoreCase)) return;
        var clock = app.Services.GetRequiredService<Domain.Time.ChinaClock>();
        var plans = new Application.Plans.PlanWorkflow(db, new Application.Access.TaskScope(db), new Application.Notifications.Notifier(db), clock);
        var count = await new DemoYear(db, plans).SeedAsync(password, clock.Today);
        await new DemoInspection(db).SeedAsync(clock.Today);
        await new DemoData(db).SeedAsync(clock.Today);
        Console.WriteLine(count > 0
            ? $"  已发布“{DemoYear.PlanTitle(clock.Today.Year)}”，生成了今年以来的进展反馈；各区县、处室另有联络员账号（用户名为单位代码，如 q02、d05，密码同上）。"
            : "  演示计划未能发布，演示城市中暂无计划。");
    }

    /// <summary>Brings the database to the current schema and, on an empty one, creates the demo city or the first administrator.</summary>
    public static async Task PrepareAsync(WebApplication app)
    {
        using var scope = app.Services.CreateScope();
        var settings = scope.ServiceProvider.GetRequiredService<DatabaseSettings>();
        var options = scope.ServiceProvider.GetRequiredService<IOptions<LuoshiOptions>>().Value;
        // Instances starting together (an upgrade, a restart of all) take turns: the first migrates and seeds, the others then find it done.
        await using var startup = await StartupLock.AcquireAsync(settings,
            () => app.Logger.LogWarning("另一实例正在升级数据库，等待其完成……"));
        await using var db = new LuoshiDb(settings.BuildOptions(), FixedAuditActor.CommandLine);
        await DatabaseSetup.UpgradeAsync(db);
        await DataProtectionKeyImport.ImportAsync(db, Path.Combine(Path.GetFullPath(options.Data), "keys"));
        // The first key is made now, before requests, so instances starting together do not each make one of their own.
        app.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("luoshi.startup").Protect([1]);
        app.Logger.LogInformation("数据库：{Database}，已升级到最新结构", settings.Describe());
        if (options.Demo && await DatabaseSetup.IsEmptyAsync(db))
        {
            var password = await new DemoCity(db).SeedAsync();
            if (password is not null)
            {
                Console.WriteLine();
                Console.WriteLine($"已创建演示城市“{DemoCity.CityName}”。演示账号（密码相同，只显示这一次）：");
                foreach (var (userName, displayName, role, _) in DemoCity.Accounts)
                    Console.WriteLine($"  {userName,-12} {Domain.People.Roles.ToChinese(role),-8} {displayName}");
                Console.WriteLine($"  密码：{password}");
                await SeedDemoYearAsync(app, db, options, password);
                Console.WriteLine();
            }
        }
        var adminPassword = await new UserAccounts(db).EnsureFirstAdminAsync();
        if (adminPassword is not null)
        {
            Console.WriteLine();
            Console.WriteLine("已创建管理员账号 admin，初始密码（只显示这一次，请登录后修改）：");
            Console.WriteLine($"  {adminPassword}");
            Console.WriteLine();
        }
    }
}
