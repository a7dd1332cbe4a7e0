using Luoshi.Application.Analytics;
using Luoshi.Domain.Indicators;
using Luoshi.Web.Auth;
using Luoshi.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Luoshi.Web.Apis;

/// <summary><c>/api/v1/indicators</c> (definitions and targets) and <c>/api/v1/analytics</c> (figures), each an <see cref="IndicatorDefinitions"/> or <see cref="AnalyticsQueries"/> use case.</summary>
public static class IndicatorsApi
{
    public sealed record TargetDto(int OrgUnitId, int Year, decimal Value);

    public sealed record IndicatorDto(int Id, string Code, string Name, string Numerator, string Denominator, decimal Factor, string Unit,
        IReadOnlyList<TargetDto> Targets, int Version);

    public sealed record ItemDto(int OrgUnitId, string Period, decimal? Value, decimal? Target);

    public sealed record AnalyticsDto(int IndicatorId, int OrgUnitId, string Period, IReadOnlyList<ItemDto> Items);

    public static IndicatorDto ToDto(Indicator i) => new(i.Id, i.Code, i.Name, i.Numerator, i.Denominator, i.Factor, i.Unit,
        [.. i.Targets.OrderBy(t => t.Year).ThenBy(t => t.OrgUnitId).Select(t => new TargetDto(t.OrgUnitId, t.Year, t.Value))], i.Version);

    public static void MapIndicatorsApi(this RouteGroupBuilder api)
    {
        api.MapGet("/indicators", async (IndicatorDefinitions d, CancellationToken ct) => TypedResults.Ok((await d.ListAsync(ct)).Select(ToDto).ToList()))
            .WithTags("指标").WithSummary("指标列表（含各单位各年度目标值）");
        api.MapGet("/indicators/{id:int}", Get).WithTags("指标").WithSummary("一个指标");
        api.MapPost("/indicators", Create).WithTags("指标")
            .WithSummary("定义指标（督导、管理员）：分子、分母写成 #{数据元代码} 或 #{代码.分类} 的加减；表达式有误返回 422");
        api.MapPut("/indicators/{id:int}", Update).WithTags("指标").WithSummary("修改指标及其目标值（督导、管理员；目标值整体替换）");
        api.MapGet("/analytics", Analytics).WithTags("指标")
            .WithSummary("指标数值：indicatorId、period（2026、2026Q1、2026-03），可选 orgUnitId 与 level（向下的层数，0 为本单位）");
    }

    public static async Task<Results<Ok<IndicatorDto>, ProblemHttpResult>> Get(int id, IndicatorDefinitions definitions, CancellationToken ct)
    {
        var outcome = await definitions.FindAsync(id, ct);
        return outcome.Value is { } i ? TypedResults.Ok(ToDto(i)) : outcome.ToProblem();
    }

    public static async Task<Results<Created<IndicatorDto>, ProblemHttpResult>> Create(IndicatorDefinitions.IndicatorRequest request,
        IndicatorDefinitions definitions, HttpContext http, CancellationToken ct)
    {
        var outcome = await definitions.CreateAsync(http.User.ToCaller(), request, ct);
        return outcome.Value is { } i ? TypedResults.Created($"/api/v1/indicators/{i.Id}", ToDto(i)) : outcome.ToProblem();
    }

    public static async Task<Results<Ok<IndicatorDto>, ProblemHttpResult>> Update(int id, IndicatorDefinitions.IndicatorRequest request,
        IndicatorDefinitions definitions, HttpContext http, CancellationToken ct)
    {
        var outcome = await definitions.UpdateAsync(http.User.ToCaller(), id, request, ct);
        return outcome.Value is { } i ? TypedResults.Ok(ToDto(i)) : outcome.ToProblem();
    }

    public static async Task<Results<Ok<AnalyticsDto>, ProblemHttpResult>> Analytics(int? indicatorId, int? orgUnitId, string? period, int? level,
        AnalyticsQueries queries, HttpContext http, CancellationToken ct)
    {
        var outcome = await queries.ForAsync(http.User.ToCaller(), indicatorId, orgUnitId, period, level, ct);
        if (outcome.Value is not { } a) return outcome.ToProblem();
        return TypedResults.Ok(new AnalyticsDto(a.Indicator.Id, a.OrgUnitId, (period ?? "").Trim(),
            [.. a.Items.Select(i => new ItemDto(i.OrgUnitId, i.Period, i.Value, i.Target))]));
    }
}
