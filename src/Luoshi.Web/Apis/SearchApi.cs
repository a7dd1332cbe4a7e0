using Luoshi.Application.Search;
using Luoshi.Web.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Luoshi.Web.Apis;

/// <summary><c>GET /api/v1/search?q=</c>: one box for plans, tasks and reports, scoped to what the caller may see.</summary>
public static class SearchApi
{
    public static void MapSearchApi(this RouteGroupBuilder api) =>
        api.MapGet("/search", Search).WithTags("搜索").WithSummary("按中文搜索计划、任务和进展反馈");

    public static async Task<Results<Ok<Infrastructure.PagedList<LedgerSearch.Hit>>, ProblemHttpResult>> Search(string? q, LedgerSearch search,
        HttpContext http, int? page, int? pageSize, CancellationToken ct)
    {
        var hits = await search.FindAsync(http.User.ToCaller(), q, ct);
        if (hits is null) return TypedResults.Problem(statusCode: 400, detail: LedgerSearch.Problem(q));
        return TypedResults.Ok(Infrastructure.PagedList<LedgerSearch.Hit>.Of(hits, new Infrastructure.Paging(page, pageSize)));
    }
}
