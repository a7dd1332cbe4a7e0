using Luoshi.Application.Rankings;
using Luoshi.Web.Auth;
using Luoshi.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Luoshi.Web.Apis;

/// <summary><c>/api/v1/ranking-adjustments</c>: 加分/减分 proposed by one supervisor or administrator and approved or rejected by another (<see cref="RankingAdjustments"/>).</summary>
public static class RankingAdjustmentsApi
{
    public sealed record AdjustmentDto(int Id, int OrgUnitId, string UnitCode, string UnitName, string Period, decimal Points, string Basis,
        string Status, string StatusName, string ProposedBy, DateTime ProposedAt, string? ReviewedBy, DateTime? ReviewedAt);

    public sealed record AdjustmentsDto(IReadOnlyList<AdjustmentDto> Items);

    /// <summary>The body of a proposal: the unit, the month (YYYY-MM), the points (±) and the reason.</summary>
    public sealed record AdjustmentRequest(int? OrgUnitId, string? Period, decimal? Points, string? Basis);

    public static AdjustmentDto ToDto(RankingAdjustments.View a) => new(a.Id, a.OrgUnitId, a.UnitCode, a.UnitName, a.Period, a.Points, a.Basis,
        RankingAdjustments.StatusCode(a.Status), RankingAdjustments.StatusName(a.Status), a.ProposedBy, a.ProposedAt, a.ReviewedBy, a.ReviewedAt);

    public static void MapRankingAdjustmentsApi(this RouteGroupBuilder api)
    {
        api.MapGet("/ranking-adjustments", List).WithTags("月度排名").WithSummary("加分/减分（period=YYYY-MM 只列该月）：局领导、督查督导和管理员可查看");
        api.MapPost("/ranking-adjustments", Propose).WithTags("月度排名")
            .WithSummary($"提出加分/减分（督查督导、管理员）：orgUnitId、period、points（-{Domain.Rankings.RankingAdjustment.MaxPoints} 到 {Domain.Rankings.RankingAdjustment.MaxPoints}，不为 0）、basis（理由）；经他人审核通过后计入得分");
        api.MapPost("/ranking-adjustments/{id:int}/approve", Approve).WithTags("月度排名").WithSummary("审核通过加分/减分（提出人以外的督查督导或管理员）");
        api.MapPost("/ranking-adjustments/{id:int}/reject", Reject).WithTags("月度排名").WithSummary("驳回加分/减分（提出人以外的督查督导或管理员）");
    }

    public static async Task<Results<Ok<AdjustmentsDto>, ProblemHttpResult>> List(string? period, RankingAdjustments adjustments, HttpContext http,
        CancellationToken ct)
    {
        var outcome = await adjustments.ListAsync(http.User.ToCaller(), period, ct);
        return outcome.Value is { } items ? TypedResults.Ok(new AdjustmentsDto([.. items.Select(ToDto)])) : outcome.ToProblem();
    }

    public static async Task<Results<Created<AdjustmentDto>, ProblemHttpResult>> Propose(AdjustmentRequest body, RankingAdjustments adjustments,
        HttpContext http, CancellationToken ct)
    {
        var outcome = await adjustments.ProposeAsync(http.User.ToCaller(), new(body.OrgUnitId, body.Period, body.Points, body.Basis), ct);
        return outcome.Value is { } a ? TypedResults.Created($"/api/v1/ranking-adjustments/{a.Id}", ToDto(a)) : outcome.ToProblem();
    }

    public static Task<Results<Ok<AdjustmentDto>, ProblemHttpResult>> Approve(int id, RankingAdjustments adjustments, HttpContext http, CancellationToken ct) =>
        ReviewAsync(id, true, adjustments, http, ct);

    public static Task<Results<Ok<AdjustmentDto>, ProblemHttpResult>> Reject(int id, RankingAdjustments adjustments, HttpContext http, CancellationToken ct) =>
        ReviewAsync(id, false, adjustments, http, ct);

    private static async Task<Results<Ok<AdjustmentDto>, ProblemHttpResult>> ReviewAsync(int id, bool approve, RankingAdjustments adjustments,
        HttpContext http, CancellationToken ct)
    {
        var outcome = await adjustments.ReviewAsync(http.User.ToCaller(), id, approve, ct);
        return outcome.Value is { } a ? TypedResults.Ok(ToDto(a)) : outcome.ToProblem();
    }
}
