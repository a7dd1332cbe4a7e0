using Microsoft.AspNetCore.Http.Features;

namespace Luoshi.Web.Infrastructure;

/// <summary>
/// Refuses, before anything reads them, JSON bodies over 1 MB (413; plan documents and evidence files are not JSON and
/// have their own limits).
/// </summary>
public sealed class JsonBodyLimit(RequestDelegate next)
{
    public const long MaxBytes = 1024 * 1024;

    public async Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (!IsJson(request.ContentType))
        {
            await next(context);
            return;
        }
        if (request.ContentLength > MaxBytes)
        {
            await Problems.RefuseAsync(context, StatusCodes.Status413PayloadTooLarge, "JSON 请求体不能超过 1 MB");
            return;
        }
        // Bodies sent without a length are cut off by the server while they are read (a 413 as well).
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
            limit.MaxRequestBodySize = MaxBytes;
        await ReadWholeAsync(context);
        await next(context);
    }

    /// <summary>
    /// Reads the (small) JSON body into memory before the endpoint does. When the server begins to stop, Kestrel wakes every
    /// connection's reader with a cancelled read; the JSON reader took that for the end of the request and answered 500 to a
    /// request still being sent. Here a cancelled read is simply read again, so a request in flight at SIGTERM is answered.
    /// </summary>
    private static async Task ReadWholeAsync(HttpContext context)
    {
        var reader = context.Request.BodyReader;
        var body = new MemoryStream();
        while (true)
        {
            var read = await reader.ReadAsync(context.RequestAborted);
            foreach (var segment in read.Buffer) body.Write(segment.Span);
            reader.AdvanceTo(read.Buffer.End);
            if (read.IsCompleted) break;
        }
        await reader.CompleteAsync();
        body.Position = 0;
        context.Request.Body = body;
        context.Response.RegisterForDispose(body);
    }

    private static bool IsJson(string? contentType) =>
        contentType is not null && Microsoft.Net.Http.Headers.MediaTypeHeaderValue.TryParse(contentType, out var type)
        && (type.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase) || type.MediaType.EndsWith("+json",
            StringComparison.OrdinalIgnoreCase));
}

/// <summary>
/// Refuses requests that change something when the browser says they come from another site (<c>Sec-Fetch-Site</c>,
/// or, from older browsers, an <c>Origin</c> that is not this host). So a signed-in user's cookie cannot be used by a
/// form or script on another site, not even on a sibling subdomain that <c>SameSite=Lax</c> lets through. Scripts and
/// other programs send neither header and are not affected.
/// </summary>
public sealed class CrossSiteRequests(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        var method = context.Request.Method;
        if (HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method) || !IsCrossSite(context.Request))
            return next(context);
        return Problems.RefuseAsync(context, StatusCodes.Status403Forbidden, "不接受来自其他网站的修改请求，请在落实系统的页面中操作");
    }

    public static bool IsCrossSite(HttpRequest request)
    {
        var site = request.Headers["Sec-Fetch-Site"].ToString();
        if (site.Length > 0) return site is not ("same-origin" or "none");
        var origin = request.Headers.Origin.ToString();
        if (origin.Length == 0) return false;
        return !Uri.TryCreate(origin, UriKind.Absolute, out var uri)
            || !string.Equals(uri.Authority, request.Host.Value, StringComparison.OrdinalIgnoreCase);
    }
}
