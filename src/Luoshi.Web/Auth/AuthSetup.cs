using Luoshi.Data;
using Luoshi.Domain.People;
using Luoshi.Web.Infrastructure;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
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

    public static void AddLuoshiAuth(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton<SignInThrottle>();
        services.AddScoped<Sessions>();
        services.AddAuthentication(Scheme).AddCookie(Scheme, _ => { });
        services.AddOptions<CookieAuthenticationOptions>(Scheme).Configure<IOptions<LuoshiOptions>>((o, luoshi) =>
        {
            o.Cookie.Name = CookieName;
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.ExpireTimeSpan = TimeSpan.FromMinutes(luoshi.Value.SessionMinutes);
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
            .AddPolicy(Policies.Oversight, p => p.RequireRole(Roles.Admin, Roles.Supervisor));
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = ".luoshi.af";
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

    /// <summary>A session ends when its user is disabled, changes password or signs out everywhere (the security stamp changes).</summary>
    private static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var id = context.Principal?.UserIdOrNull();
        var stamp = context.Principal?.FindFirst(SignedInUser.StampClaim)?.Value;
        var db = context.HttpContext.RequestServices.GetRequiredService<LuoshiDb>();
        var current = id is null ? null : await db.Users.AsNoTracking()
            .Where(u => u.Id == id)
            .Select(u => new { u.SecurityStamp, u.Disabled, u.Role, u.OrgUnitId })
            .FirstOrDefaultAsync(context.HttpContext.RequestAborted);
        if (current is null || current.Disabled || current.SecurityStamp != stamp
            || current.Role != context.Principal!.Role() || current.OrgUnitId != context.Principal!.OrgUnitId())
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(Scheme);
        }
    }
}
