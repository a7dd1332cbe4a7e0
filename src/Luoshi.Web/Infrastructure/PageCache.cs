using System.Text;
using Luoshi.Application.Caching;
using Luoshi.Data.Caching;
using Luoshi.Domain.Time;
using Luoshi.Web.Auth;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.ResponseCompression;
using Microsoft.Net.Http.Headers;

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
/// the database (<see cref="DataVersion"/>; requests that come at once share a read, <see cref="DataVersionReads"/>); every
/// stored change moves the version on, so the very next request after a change renders afresh, on every instance behind the
/// same database. Another user, another session or another browser never gets
/// a copy made for someone else: their cookies differ. Only complete 200 answers that set no cookie are kept; one-time
/// values in them (<see cref="OneTimeKey"/>) are replaced by new ones each time a copy is sent.
/// </summary>
public sealed class PageCache(RequestDelegate next, TimeProvider clock)
{
    /// <summary>
    /// How long a copy is sent as it is (the version already retires it at the first change, the day at midnight): after
    /// that the next request renders the page again, while the others meanwhile still get the copy (for at most
    /// <see cref="KeptFor"/>), instead of all of them waiting for that one render.
    /// </summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(1);

    /// <summary>How long a copy is kept at most: past its <see cref="Lifetime"/> it only bridges the render that replaces it.</summary>
    public static readonly TimeSpan KeptFor = TimeSpan.FromMinutes(5);

    /// <summary>How many copies are kept at most, and how large one may be: at most 1,000 × 256 KB.</summary>
    private const int Capacity = 1_000;

    private const int MaxBytes = 256 * 1024;

    private static readonly object OneTimeKeys = new();

    private static readonly HashSet<string> NotReplayed = new(StringComparer.OrdinalIgnoreCase)
    {
        "Set-Cookie", "Content-Length", "Date", "Server", "Transfer-Encoding",
    };

    /// <summary>
    /// A kept answer: its bytes, headers and where in the bytes values stand that each send replaces: one-time keys (32 ASCII
    /// bytes) and, for an answer made for a browser without an antiforgery cookie, the form token that goes with the new cookie.
    /// An answer with nothing to replace also keeps its compressed bytes, made at the first send that asked for them.
    /// </summary>
    private sealed class Copy(byte[] body, KeyValuePair<string, string[]>[] headers, int[] keyOffsets, int[] tokenOffsets, int tokenLength,
        DateTimeOffset freshUntil)
    {
        public byte[] Body { get; } = body;

        /// <summary>Until when the copy is sent without a new render being started.</summary>
        public DateTimeOffset FreshUntil { get; } = freshUntil;

        public KeyValuePair<string, string[]>[] Headers { get; } = headers;

        public int[] KeyOffsets { get; } = keyOffsets;

        /// <summary>Where the antiforgery form token stands; empty when the answer set no antiforgery cookie.</summary>
        public int[] TokenOffsets { get; } = tokenOffsets;

        public int TokenLength { get; } = tokenLength;

        public bool IssuesAntiforgeryCookie => TokenLength > 0;

        /// <summary>Compressed bodies by encoding (br, gzip); two first sends at once may both compress, the last one stays.</summary>
        public (string Encoding, byte[] Body)[] Compressed { get; set; } = [];
    }

    private readonly ExpiringCache<string, Copy> copies = new(Capacity, clock);

    /// <summary>The renders under way, by key; a request for the same key waits for the render's copy.</summary>
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, TaskCompletionSource> rendering = new();

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

    public async Task InvokeAsync(HttpContext context, DataVersionReads versions, ChinaClock china, IResponseCompressionProvider compression,
        IAntiforgery antiforgery)
    {
        var request = context.Request;
        if (!HttpMethods.IsGet(request.Method) || context.GetEndpoint()?.Metadata.GetMetadata<CachedPerBrowserAttribute>() is null
            || context.User.UserIdOrNull() is not { } userId || request.Headers.IfNoneMatch.Count > 0 || request.Headers.IfModifiedSince.Count > 0)
        {
            await next(context);
            return;
        }
        // Read after the request came and before the page reads anything: a change committed before the request shows, and one
        // stored meanwhile leaves this copy under the older version.
        var version = await versions.ReadAsync(context.RequestAborted);
        var key = string.Join('\n', userId, version, china.Today.DayNumber, request.Path.Value, request.QueryString.Value,
            request.Headers.Cookie.ToString(), request.Headers.AcceptLanguage.ToString(), request.Headers.Accept.ToString(),
            request.Headers["HX-Request"].ToString(), request.Headers["HX-Target"].ToString());
        var kept = copies.TryGet(key, out var copy);
        if (kept && copy.FreshUntil > clock.GetUtcNow() && await SendAsync(context, copy, compression, antiforgery))
            return;
        // One render per key at a time: the same request arriving meanwhile (64 connections of one browser, everyone right after a
        // change) waits for that render's copy instead of rendering the same page again beside it — or, when only the copy's
        // lifetime ran out (same data, same day), gets that copy at once.
        var rendered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!rendering.TryAdd(key, rendered))
        {
            if (kept && await SendAsync(context, copy, compression, antiforgery))
                return;
            if (rendering.TryGetValue(key, out var other)) await other.Task.WaitAsync(context.RequestAborted);
            if (copies.TryGet(key, out copy) && await SendAsync(context, copy, compression, antiforgery))
                return;
            await RenderAsync(context, key, antiforgery);
            return;
        }
        try
        {
            await RenderAsync(context, key, antiforgery);
        }
        finally
        {
            rendering.TryRemove(key, out _);
            rendered.SetResult();
        }
    }

    private async Task RenderAsync(HttpContext context, string key, IAntiforgery antiforgery)
    {
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
        if (response.StatusCode == StatusCodes.Status200OK && buffer.Length <= MaxBytes && Keepable(context, antiforgery) is { } token)
        {
            var headers = response.Headers.Where(h => !NotReplayed.Contains(h.Key)).Select(h => KeyValuePair.Create(h.Key, h.Value.ToArray()!))
                .ToArray();
            var bytes = buffer.ToArray();
            copies.Set(key, new Copy(bytes, headers!, context.Items[OneTimeKeys] is List<string> keys ? Offsets(bytes, keys) : [],
                token.Length > 0 ? Offsets(bytes, [token]) : [], token.Length, clock.GetUtcNow() + Lifetime), KeptFor);
        }
        buffer.Position = 0;
        await buffer.CopyToAsync(body, context.RequestAborted);
    }

    /// <summary>
    /// Whether the answer may be kept: it sets no cookie ("" then), or only the antiforgery cookie of a browser that came
    /// without one (its form token is returned: each send of the copy issues a new cookie and puts the matching token in).
    /// </summary>
    private static string? Keepable(HttpContext context, IAntiforgery antiforgery)
    {
        var cookies = context.Response.Headers.SetCookie;
        if (cookies.Count == 0) return "";
        if (cookies.Count > 1 || cookies[0]?.StartsWith(AuthSetup.AntiforgeryCookie + "=", StringComparison.Ordinal) != true
            || context.Request.Cookies.ContainsKey(AuthSetup.AntiforgeryCookie))
            return null;
        // The tokens this request made (kept for the request: no second cookie is set).
        var token = antiforgery.GetAndStoreTokens(context).RequestToken;
        return string.IsNullOrEmpty(token) || context.Response.Headers.SetCookie.Count != 1 ? null : token;
    }

    /// <summary>Where each value stands in the answer's bytes, in order.</summary>
    private static int[] Offsets(byte[] body, List<string> values)
    {
        var offsets = new List<int>();
        foreach (var value in values)
        {
            var needle = Encoding.ASCII.GetBytes(value);
            for (var from = 0; from < body.Length;)
            {
                var at = body.AsSpan(from).IndexOf(needle);
                if (at < 0) break;
                offsets.Add(from + at);
                from += at + needle.Length;
            }
        }
        offsets.Sort();
        return [.. offsets];
    }

    /// <summary>Sends the copy; false (nothing sent) when its antiforgery token cannot be replaced in place.</summary>
    private static async Task<bool> SendAsync(HttpContext context, Copy copy, IResponseCompressionProvider compression, IAntiforgery antiforgery)
    {
        var response = context.Response;
        string? token = null;
        if (copy.IssuesAntiforgeryCookie)
        {
            // A new cookie for this browser, as the page would have set; its form token must fit where the old one stood.
            token = antiforgery.GetAndStoreTokens(context).RequestToken;
            if (token is null || token.Length != copy.TokenLength) return false;
        }
        response.StatusCode = StatusCodes.Status200OK;
        foreach (var (name, values) in copy.Headers) response.Headers[name] = values;
        if (copy.KeyOffsets.Length == 0 && token is null)
        {
            var body = Compressed(context, copy, compression) ?? copy.Body;
            response.ContentLength = body.Length;
            await response.Body.WriteAsync(body, context.RequestAborted);
            return true;
        }
        // New values written over the old ones in a copy of the bytes: no decoding, no re-encoding of the page.
        var fresh = GC.AllocateUninitializedArray<byte>(copy.Body.Length);
        copy.Body.CopyTo(fresh, 0);
        foreach (var offset in copy.KeyOffsets) Guid.NewGuid().TryFormat(fresh.AsSpan(offset, KeyLength), out _, "N");
        if (token is not null)
            foreach (var offset in copy.TokenOffsets) Encoding.ASCII.GetBytes(token, fresh.AsSpan(offset, token.Length));
        response.ContentLength = fresh.Length;
        await response.Body.WriteAsync(fresh, context.RequestAborted);
        return true;
    }

    private const int KeyLength = 32;

    /// <summary>
    /// The copy's bytes compressed as the response compression would compress them for this request (its Accept-Encoding,
    /// the answer's type, not over HTTPS), made once per encoding and kept with the copy; null when it would not compress.
    /// </summary>
    private static byte[]? Compressed(HttpContext context, Copy copy, IResponseCompressionProvider compression)
    {
        if (!compression.CheckRequestAcceptsCompression(context) || !compression.ShouldCompressResponse(context)
            || compression.GetCompressionProvider(context) is not { } provider)
            return null;
        var headers = context.Response.Headers;
        headers.Append(HeaderNames.Vary, HeaderNames.AcceptEncoding);
        headers.ContentEncoding = provider.EncodingName;
        foreach (var (encoding, kept) in copy.Compressed)
            if (encoding == provider.EncodingName)
                return kept;
        using var packed = new MemoryStream(copy.Body.Length / 4);
        using (var stream = provider.CreateStream(packed)) stream.Write(copy.Body);
        var bytes = packed.ToArray();
        copy.Compressed = [.. copy.Compressed.Where(c => c.Encoding != provider.EncodingName), (provider.EncodingName, bytes)];
        return bytes;
    }
}
