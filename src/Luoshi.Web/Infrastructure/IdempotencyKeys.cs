using System.Text;
using System.Text.Json;
using Luoshi.Application.Idempotency;
using Luoshi.Data.Idempotency;
using Luoshi.Web.Auth;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace Luoshi.Web.Infrastructure;

/// <summary>
/// Idempotency keys of the web app (see <see cref="IdempotentRequests"/>): the API's <c>Idempotency-Key</c> header and
/// the report form's one-time key. A key is bound to the caller and to the request (method, path, query, and the body
/// as read), and a kept API answer is sent back byte for byte.
/// </summary>
public static class IdempotencyKeys
{
    public const string Header = "Idempotency-Key";

    /// <summary>The key sent with the request, or null without one (a blank header counts as none).</summary>
    public static string? KeyOf(HttpContext http) =>
        http.Request.Headers[Header].ToString() is { } key && !string.IsNullOrWhiteSpace(key) ? key.Trim() : null;

    /// <summary>
    /// The request bound to the caller and to what it asks: method, path and query, and <paramref name="body"/> (the body as
    /// bound, or what a form says), hashed in its JSON form.
    /// </summary>
    public static IdempotentRequests.Request For(HttpContext http, string key, object? body) =>
        IdempotentRequests.Request.Of(http.User.ToCaller().UserId, key, http.Request.Method, http.Request.Path + http.Request.QueryString,
            JsonSerializer.Serialize(body, JsonSerializerOptions.Web));

    /// <summary>A JSON answer to keep and send, serialized as the API serializes everything else.</summary>
    public static IdempotentRequests.Answer Json<T>(HttpContext http, int status, T body, string? location = null) =>
        new(status, JsonSerializer.Serialize(body, http.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions),
            location);

    /// <summary>Sends a kept (or just made) answer exactly as it was stored.</summary>
    public static ContentHttpResult Send(HttpContext http, IdempotentRequests.Answer answer)
    {
        if (answer.Location is not null) http.Response.Headers.Location = answer.Location;
        return TypedResults.Content(answer.Body, "application/json; charset=utf-8", Encoding.UTF8, answer.StatusCode);
    }
}
