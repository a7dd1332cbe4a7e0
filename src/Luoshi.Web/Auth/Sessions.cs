using Luoshi.Data;
using Luoshi.Data.People;
using Luoshi.Domain.People;
using Microsoft.AspNetCore.Authentication;

namespace Luoshi.Web.Auth;

/// <summary>Signing in and out, for the sign-in page and the session API alike: throttled and audited.</summary>
public sealed class Sessions(UserAccounts accounts, SignInThrottle throttle, LuoshiDb db)
{
    public enum Outcome { Succeeded, WrongPassword, LockedOut }

    public sealed record Result(Outcome Outcome, User? User = null, DateTimeOffset? RetryAfter = null);

    public async Task<Result> SignInAsync(HttpContext http, string? userName, string? password)
    {
        var name = userName?.Trim() ?? "";
        var address = http.Connection.RemoteIpAddress?.ToString();
        if (throttle.LockedUntil(name, address) is { } until)
            return new(Outcome.LockedOut, RetryAfter: until);

        var user = await accounts.VerifyAsync(name, password, http.RequestAborted);
        if (user is null)
        {
            throttle.Failed(name, address);
            db.Audit("signInFailed", "Session", null, new { userName = name });
            await db.SaveChangesAsync(http.RequestAborted);
            return new(Outcome.WrongPassword);
        }
        throttle.Succeeded(name);
        await http.SignInAsync(AuthSetup.Scheme, SignedInUser.ToPrincipal(user),
            new AuthenticationProperties { IsPersistent = false, AllowRefresh = true });
        db.Audit("signIn", "User", user.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await db.SaveChangesAsync(http.RequestAborted);
        return new(Outcome.Succeeded, user);
    }

    public async Task SignOutAsync(HttpContext http)
    {
        if (http.User.UserIdOrNull() is { } id)
        {
            db.Audit("signOut", "User", id.ToString(System.Globalization.CultureInfo.InvariantCulture));
            await db.SaveChangesAsync(http.RequestAborted);
        }
        await http.SignOutAsync(AuthSetup.Scheme);
    }

    /// <summary>Ends every session of the user on every device, by changing the stamp their cookies carry.</summary>
    public async Task SignOutEverywhereAsync(HttpContext http)
    {
        var user = await db.Users.FindAsync([http.User.UserId()], http.RequestAborted);
        if (user is not null)
        {
            user.SecurityStamp = Guid.NewGuid().ToString("N");
            user.Version++;
            await db.SaveChangesAsync(http.RequestAborted);
        }
        await http.SignOutAsync(AuthSetup.Scheme);
    }
}
