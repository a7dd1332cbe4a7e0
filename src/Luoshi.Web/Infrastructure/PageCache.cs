using System.Text;
using Luoshi.Application.Caching;
using Luoshi.Data;
using Luoshi.Data.Caching;
using Luoshi.Domain.Time;
using Luoshi.Web.Auth;

namespace Luoshi.Web.Infrastructure;

/// <summary>
/// Marks a page or endpoint whose GET answer may be kept and sent again (see <see cref="PageCache"/>): it depends only on the
/// signed-in browser (its cookies), the address, today's date and the data in the database.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method)]
public sealed class CachedPerBrowserAttribute : Attribute;

/// <summary>
/// Keeps the answers of the busiest pages and calls (<see cref="CachedPerBrowserAttribute"/>) in memory and sends them again while
/// nothing they show has changed. An answer is kept under the signed-in user, the browser's cookies (its session, its
/// antiforgery token's cookie and its language), the address, the htmx headers, today in China and the data version read from
/// the database (<see cref="DataVersion"/>); every stored change moves the version on, so the very next request after a change
/// renders afresh, on every instance behind the same database. Another user, another session or another browser never gets
/// a copy made for someone else: their cookies differ. Only complete 200 answers that set no cookie are kept; one-time
/// values in them (<see cref="OneTimeKey"/>) are replaced by new ones each time a copy is sent.
/// </summary>
public sealed class PageCache(RequestDelegate next, TimeProvider clock)
{
    /// <summary>The longest a copy is kept (the version already retires it at the first change).</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(1);

    /// <summary>How many copies are kept at most, and how large one may be: at most 1,000 × 256 KB.</summary>
    private const int Capacity = 1_000;

    private const int MaxBytes = 256 * 1024;

    private static readonly object OneTimeKeys = new();

    private static readonly HashSet<string> NotReplayed = new(StringComparer.OrdinalIgnoreCase)
    {
        "Set-Cookie", "Content-Length", "Date", "Server", "Transfer-Encoding",
    };

    private sealed record Copy(byte[] Body, KeyValuePair<string, string[]>[] Headers, string[] OneTimeKeys);

    private readonly ExpiringCache<string, Copy> copies = new(Capacity, clock);

    /// <summary>
    /// A new one-time key (32 hex digits) for a form in the answer; a copy of the answer sent again carries a new one in its place,
    /// so two loads of a page never share one.
    /// </summary>
    public static string OneTimeKey(HttpContext context)
    {
        var key = Guid.NewGuid().ToString("N");
        if (context.Items[OneTimeKeys] is not List<string> keys) context.Items[OneTimeKeys] = keys = [];
        keys.Add(key);
        return key;
    }

    public async Task InvokeAsync(HttpContext context, LuoshiDb db, ChinaClock china)
    {
        var request = context.Request;
        if (!HttpMethods.IsGet(request.Method) || context.GetEndpoint()?.Metadata.GetMetadata<CachedPerBrowserAttribute>() is null
            || context.User.UserIdOrNull() is not { } userId || request.Headers.IfNoneMatch.Count > 0 || request.Headers.IfModifiedSince.Count > 0)
        {
            await next(context);
            return;
        }
        // Read before the page reads anything: a change stored meanwhile leaves this copy under the older version.
        var version = await DataVersion.ReadAsync(db, context.RequestAborted);
        var key = string.Join('\n', userId, version, china.Today.DayNumber, request.Path.Value, request.QueryString.Value,
            request.Headers.Cookie.ToString(), request.Headers.AcceptLanguage.ToString(), request.Headers.Accept.ToString(),
            request.Headers["HX-Request"].ToString(), request.Headers["HX-Target"].ToString());
        if (copies.TryGet(key, out var copy))
        {
            await SendAsync(context, copy);
            return;
        }

        var body = context.Response.Body;
        using var buffer = new MemoryStream();
        context.Response.Body = buffer;
        try
        {
            await next(context);
        }
        finally
        {
            context.Response.Body = body;
        }
        var response = context.Response;
        if (response.StatusCode == StatusCodes.Status200OK && buffer.Length <= MaxBytes && response.Headers.SetCookie.Count == 0)
        {
            var headers = response.Headers.Where(h => !NotReplayed.Contains(h.Key)).Select(h => KeyValuePair.Create(h.Key, h.Value.ToArray()!))
                .ToArray();
            copies.Set(key, new Copy(buffer.ToArray(), headers!, context.Items[OneTimeKeys] is List<string> keys ? [.. keys] : []), Lifetime);
        }
        buffer.Position = 0;
        await buffer.CopyToAsync(body, context.RequestAborted);
    }

    private static async Task SendAsync(HttpContext context, Copy copy)
    {
        var response = context.Response;
        response.StatusCode = StatusCodes.Status200OK;
        foreach (var (name, values) in copy.Headers) response.Headers[name] = values;
        var body = copy.Body;
        if (copy.OneTimeKeys.Length > 0)
        {
            var text = Encoding.UTF8.GetString(body);
            foreach (var old in copy.OneTimeKeys) text = text.Replace(old, Guid.NewGuid().ToString("N"), StringComparison.Ordinal);
            body = Encoding.UTF8.GetBytes(text);
        }
        response.ContentLength = body.Length;
        await response.Body.WriteAsync(body, context.RequestAborted);
    }
}
