using System.Globalization;

namespace Luoshi.Web.Infrastructure;

/// <summary>One page of a list, as every list endpoint returns it: <c>{"items": [...], "total": N}</c>.</summary>
public sealed record PagedList<T>(IReadOnlyList<T> Items, int Total)
{
    /// <summary>The page that <paramref name="paging"/> asks for out of the whole list.</summary>
    public static PagedList<T> Of(IReadOnlyList<T> all, Paging paging) => new(all.Skip(paging.Skip).Take(paging.Size).ToList(), all.Count);
}

/// <summary>The <c>?page=&amp;pageSize=</c> of a list request; values outside the ranges are refused before a handler runs (<see cref="PagingGuard"/>).</summary>
public readonly record struct Paging(int? Page, int? PageSize)
{
    public const int MaxPageSize = 500;
    public const int DefaultPageSize = 50;

    public int Skip => (Number - 1) * Size;

    public int Size => Math.Clamp(PageSize ?? DefaultPageSize, 1, MaxPageSize);

    public int Number => Math.Max(Page ?? 1, 1);
}

/// <summary>
/// One pagination convention on every list: <c>page</c> from 1, <c>pageSize</c> from 1 to <see cref="Paging.MaxPageSize"/>; anything else is a
/// 400 with a Chinese explanation instead of being quietly turned into another page.
/// </summary>
public sealed class PagingGuard : IEndpointFilter
{
    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var query = context.HttpContext.Request.Query;
        if ((Problem(query["page"], "page", 1, int.MaxValue) ?? Problem(query["pageSize"], "pageSize", 1, Paging.MaxPageSize)) is { } detail)
            return ValueTask.FromResult<object?>(TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, detail: detail));
        return next(context);
    }

    private static string? Problem(Microsoft.Extensions.Primitives.StringValues values, string name, int min, int max)
    {
        if (values.Count == 0) return null;
        return int.TryParse(values.ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max ? null
            : $"{name} 必须是 {min} 到 {max.ToString(CultureInfo.InvariantCulture)} 之间的整数";
    }
}
