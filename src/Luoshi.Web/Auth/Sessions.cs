using System.Globalization;
using Luoshi.Application.People;
using Luoshi.Data;
using Luoshi.Domain.People;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Luoshi.Web.Auth;

/// <summary>Signing in and out, for the sign-in page and the session API alike: throttled, audited, and kept as server-side sessions.</summary>
public sealed class Sessions(UserAccounts accounts, UserSessions sessions, SignInThrottle throttle, LuoshiDb db, IOptions<LuoshiOptions> options,
    TimeProvider clock)
{
    public enum Outcome { Succeeded, WrongPassword, LockedOut }

    public sealed record Result(Outcome Outcome, User? User = null, DateTimeOffset? RetryAfter = null);

    public async Task<Result> SignInAsync(HttpContext http, string? userName, string? password)
    {
        var name = userName?.Trim() ?? "";
        var address = http.Connection.RemoteIpAddress?.ToString();
        var verdict = throttle.Check(name, address);
        if (verdict.Refused) return new(Outcome.LockedOut, RetryAfter: verdict.RetryAfter);
        if (verdict.Delayed) await Task.Delay(verdict.Delay, clock, http.RequestAborted);

        var user = await accounts.VerifyAsync(name, password, http.RequestAborted);
        if (user is null)
        {
            throttle.Failed(name, address);
            db.Audit("signInFailed", "Session", null, new { userName = name });
            await db.SaveChangesAsync(http.RequestAborted);
            return verdict.Delayed ? new(Outcome.LockedOut, RetryAfter: verdict.RetryAfter) : new(Outcome.WrongPassword);
        }
        throttle.Succeeded(name, verdict);
        var token = sessions.Start(user.Id, http.Request.Headers.UserAgent.ToString(), address, options.Value.SessionIdle);
        var principal = SignedInUser.ToPrincipal(user, token);
        await http.SignInAsync(AuthSetup.Scheme, principal, new AuthenticationProperties { IsPersistent = false, AllowRefresh = true });
        http.User = principal; // the audit row names who signed in
        db.Audit("signIn", "User", user.Id.ToString(CultureInfo.InvariantCulture));
        await db.SaveChangesAsync(http.RequestAborted);
        return new(Outcome.Succeeded, user);
    }

    public async Task SignOutAsync(HttpContext http)
    {
        if (http.User.UserIdOrNull() is { } id)
        {
            await sessions.EndAsync(http.User.SessionToken(), http.RequestAborted);
            db.Audit("signOut", "User", id.ToString(CultureInfo.InvariantCulture));
            await db.SaveChangesAsync(http.RequestAborted);
        }
        await http.SignOutAsync(AuthSetup.Scheme);
    }

    /// <summary>Ends every session of the user on every device, this one included.</summary>
    public async Task SignOutEverywhereAsync(HttpContext http)
    {
        var id = http.User.UserId();
        await sessions.EndAllAsync(id, SessionEndings.SignedOutEverywhere, http.RequestAborted);
        db.Audit("signOutEverywhere", "User", id.ToString(CultureInfo.InvariantCulture));
        await db.SaveChangesAsync(http.RequestAborted);
        await http.SignOutAsync(AuthSetup.Scheme);
    }

    /// <summary>The caller's sessions that may still be used, the current one marked.</summary>
    public async Task<List<(SessionSummary Session, bool Current)>> ListAsync(HttpContext http)
    {
        var current = await sessions.IdOfAsync(http.User.SessionToken(), http.RequestAborted);
        return (await sessions.ListAsync(http.User.UserId(), http.RequestAborted)).Select(s => (s, s.Id == current)).ToList();
    }

    /// <summary>Ends one of the caller's own sessions; false when they have none with this id. Ending the current one signs out here too.</summary>
    public async Task<bool> EndAsync(HttpContext http, long sessionId)
    {
        var current = await sessions.IdOfAsync(http.User.SessionToken(), http.RequestAborted);
        if (!await sessions.EndOwnAsync(http.User.UserId(), sessionId, http.RequestAborted)) return false;
        if (sessionId == current) await http.SignOutAsync(AuthSetup.Scheme);
        return true;
    }
}
