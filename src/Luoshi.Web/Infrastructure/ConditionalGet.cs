using Microsoft.Net.Http.Headers;

namespace Luoshi.Web.Infrastructure;

/// <summary>
/// A GET whose answer carries an <c>ETag</c> (a record's version) answers 304 Not Modified without a body when the request's
/// <c>If-None-Match</c> names that ETag: a client that keeps the record need not download it again.
/// </summary>
public sealed class ConditionalGet : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var result = await next(context);
        var http = context.HttpContext;
        if (!HttpMethods.IsGet(http.Request.Method) || http.Request.Headers.IfNoneMatch.Count == 0) return result;
        var etag = http.Response.Headers.ETag.ToString();
        if (etag.Length == 0 || !EntityTagHeaderValue.TryParse(etag, out var current)) return result;
        if (!EntityTagHeaderValue.TryParseList(http.Request.Headers.IfNoneMatch, out var asked)) return result;
        return asked.Any(tag => tag.Tag == "*" || tag.Compare(current, useStrongComparison: false))
            ? TypedResults.StatusCode(StatusCodes.Status304NotModified) : result;
    }
}
