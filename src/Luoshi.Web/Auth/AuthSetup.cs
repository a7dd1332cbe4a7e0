using Luoshi.Application.People;
using Luoshi.Domain.People;
using Luoshi.Web.Infrastructure;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Luoshi.Web.Auth;

/// <summary>
/// Cookie sign-in for browsers and scripts alike. Every endpoint needs a signed-in user unless it says otherwise;
/// API calls get 401/403 problems instead of a redirect to the sign-in page.
/// </summary>
public static class AuthSetup
{
    public const string Scheme = CookieAuthenticationDefaults.AuthenticationScheme;
    public const string CookieName = ".luoshi.session";

    public const string AntiforgeryCookie = ".luoshi.af";

    public static void AddLuoshiAuth(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.TryAddSingleton(TimeProvider.System);
        // Failed sign-ins are counted in the database, so every instance on it counts them together.
        services.AddSingleton<ISignInCounterStore>(sp =>
            new DatabaseSignInCounters(sp.GetRequiredService<Luoshi.Data.DatabaseSettings>(), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(sp => new SignInThrottle(sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ISignInCounterStore>()));
        services.AddSingleton<SessionCache>();
        services.AddScoped<UserSessions>();
        services.AddScoped<Sessions>();
        services.AddAuthentication(Scheme).AddCookie(Scheme, _ => { });
        services.AddOptions<CookieAuthenticationOptions>(Scheme).Configure<IOptions<LuoshiOptions>>((o, luoshi) =>
        {
            o.Cookie.Name = CookieName;
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.ExpireTimeSpan = luoshi.Value.SessionIdle;
            o.SlidingExpiration = true;
            o.LoginPath = "/Login";
            o.LogoutPath = "/Logout";
            o.AccessDeniedPath = "/Error";
            o.Events.OnRedirectToLogin = context => Deny(context, StatusCodes.Status401Unauthorized);
            o.Events.OnRedirectToAccessDenied = context => Deny(context, StatusCodes.Status403Forbidden);
            o.Events.OnValidatePrincipal = ValidateAsync;
        });
        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPolicy(Policies.Admin, p => p.RequireRole(Roles.Admin))
            .AddPolicy(Policies.Oversight, p => p.RequireAssertion(c => c.User.Identity?.IsAuthenticated == true && c.User.Role().RunsLedger()));
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = AntiforgeryCookie;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });
    }

    private static Task Deny(RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        if (Problems.IsApi(context.Request))
        {
            context.Response.StatusCode = status;
            return Task.CompletedTask;
        }
        if (status == StatusCodes.Status403Forbidden)
        {
            context.Response.StatusCode = status;
            return Task.CompletedTask;
        }
        context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }

    /// <summary>
    /// Every request's cookie names a server-side session, which must still be open (see <see cref="UserSessions"/>):
    /// signing out, ending it from the session list, a new password, role or unit, or a disabled account end it.
    /// </summary>
    private static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var http = context.HttpContext;
        var token = context.Principal?.SessionToken();
        var now = http.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        // Checked in this process moments ago: no database context, no query (the common case).
        var session = UserSessions.FromCache(http.RequestServices.GetRequiredService<SessionCache>(), token, now);
        if (session is null)
        {
            var idle = http.RequestServices.GetRequiredService<IOptions<LuoshiOptions>>().Value.SessionIdle;
            session = await http.RequestServices.GetRequiredService<UserSessions>().ValidateAsync(token, idle, http.RequestAborted);
        }
        if (session is null || session.UserId != context.Principal!.UserIdOrNull())
        {
            context.RejectPrincipal();
            await http.SignOutAsync(Scheme);
        }
    }
}
