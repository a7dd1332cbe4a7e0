using Luoshi.Application.Rankings;
using Luoshi.Domain.OrgUnits;
using Luoshi.Domain.Rankings;
using Luoshi.Web.Auth;
using Luoshi.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Luoshi.Web.Apis;

/// <summary><c>/api/v1/rankings</c> (the live monthly ranking, bureau roles only) and <c>/api/v1/ranking-schemes</c> (the 考核方案).</summary>
public static class RankingsApi
{
    public const string TieRule = "得分相同（保留两位小数）则名次相同，其后名次顺延，按单位代码排列；无适用指标的单位不参与排名，列于表末";

    public sealed record CriterionDto(string Key, string Name, decimal Weight);

    /// <summary>A scheme's latest version; <see cref="Weights"/> gives each kind of unit's criteria (<see cref="Criteria"/>: the first kind's).</summary>
    public sealed record SchemeDto(int Id, int Version, string Name, IReadOnlyList<string> Kinds, IReadOnlyList<CriterionDto> Criteria,
        IReadOnlyDictionary<string, IReadOnlyList<CriterionDto>> Weights);

    /// <summary>
    /// A criterion's part in a unit's score: <see cref="Rule"/> says how it is measured (what is due and met, the denominator);
    /// <see cref="Notes"/> gives the figures behind some records (a target's reported value and where it should be), by record id.
    /// </summary>
    public sealed record PartDto(string Key, string Criterion, decimal Weight, decimal EffectiveWeight, bool Applicable, int Due, int Met,
        decimal? Value, decimal Points, string RecordKind, IReadOnlyList<int> Ids, string Rule, IReadOnlyDictionary<string, string> Notes);

    /// <summary>A unit's line: <see cref="Score"/> = Σ part points + <see cref="Adjustment"/> (the approved 加分/减分 listed in <see cref="Adjustments"/>).</summary>
    public sealed record ItemDto(int OrgUnitId, string Code, string Name, decimal? Score, int? Rank, int? PreviousRank, int? Movement,
        IReadOnlyList<PartDto> Parts, decimal Adjustment, IReadOnlyList<RankingAdjustmentsApi.AdjustmentDto> Adjustments);

    public sealed record RankingDto(int SchemeId, int SchemeVersion, string SchemeName, string Period, string AsOf, string Kind, string TieRule,
        IReadOnlyList<ItemDto> Items);

    public sealed record SchemesDto(IReadOnlyList<SchemeDto> Items);

    public static void MapRankingsApi(this RouteGroupBuilder api)
    {
        api.MapGet("/rankings", Get).WithTags("月度排名")
            .WithSummary("月度排名（period=YYYY-MM，默认本月；kind=district/department/school，默认 district；schemeId 默认为默认方案）：得分、名次、上月名次和各项指标的明细");
        api.MapGet("/ranking-schemes", Schemes).WithTags("月度排名").WithSummary("考核方案（各方案的最新版本）：各类单位的指标与权重（权重之和为 100）");
        api.MapPost("/ranking-schemes", Create).WithTags("月度排名")
            .WithSummary("新建考核方案（督查督导、管理员）：name，weights 按单位类别（district/department/school）列出 {key, weight}，每类权重之和为 100");
        api.MapPut("/ranking-schemes/{id:int}", Update).WithTags("月度排名")
            .WithSummary("修改考核方案的权重（督查督导、管理员）：保存为新版本，此后的排名使用新版本，旧版本保留");
    }

    private static IReadOnlyList<CriterionDto> ToDto(IEnumerable<SchemeCriterion> criteria) => [.. criteria.Select(c => new CriterionDto(c.Key, c.Name, c.Weight))];

    public static SchemeDto ToDto(AssessmentScheme s) =>
        new(s.Id, s.Version, s.Name, [.. s.Kinds.Select(k => k.ToCode())], ToDto(s.Criteria), s.Kinds.ToDictionary(k => k.ToCode(), k => ToDto(s.CriteriaFor(k))));

    public static async Task<Results<Ok<RankingDto>, ProblemHttpResult>> Get(int? schemeId, string? period, string? kind, UnitRankings rankings,
        CriterionCatalog criteria, HttpContext http, CancellationToken ct)
    {
        var outcome = await rankings.ComputeAsync(http.User.ToCaller(), schemeId, period, kind, ct);
        if (outcome.Value is not { } result) return outcome.ToProblem();
        string RecordKind(string key) => criteria.Find(key)?.RecordKind ?? "";
        string Rule(string key) => criteria.Find(key)?.Rule ?? "";
        return TypedResults.Ok(new RankingDto(result.Scheme.Id, result.Scheme.Version, result.Scheme.Name, result.Month.Period,
            result.Month.Day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), result.Month.Kind.ToCode(), TieRule,
            [.. result.Rows.Select(r => new ItemDto(r.Unit.OrgUnitId, r.Unit.Code, r.Unit.Name, r.Unit.Score, r.Unit.Rank, r.PreviousRank, r.Movement,
                [.. r.Unit.Parts.Select(p => new PartDto(p.Key, p.Criterion, p.Weight, p.EffectiveWeight, p.Applicable, p.Due, p.Met, p.Value, p.Points,
                    RecordKind(p.Key), p.Ids, Rule(p.Key),
                    p.Notes.ToDictionary(n => n.Key.ToString(System.Globalization.CultureInfo.InvariantCulture), n => n.Value)))], r.Unit.Adjustment, [.. result.AdjustmentsOf(r.Unit.OrgUnitId).Select(RankingAdjustmentsApi.ToDto)]))]));
    }

    public static async Task<Ok<SchemesDto>> Schemes(RankingSchemes schemes, CancellationToken ct) =>
        TypedResults.Ok(new SchemesDto([.. (await schemes.AllAsync(ct)).Select(ToDto)]));

    /// <summary>The body of POST and PUT: the name and, per kind of unit, the criteria's weights.</summary>
    public sealed record SchemeRequest(string? Name, Dictionary<string, List<RankingSchemes.WeightInput>>? Weights)
    {
        public RankingSchemes.SchemeInput ToInput() =>
            new(Name, Weights?.ToDictionary(kv => kv.Key, kv => (IReadOnlyList<RankingSchemes.WeightInput>)(kv.Value ?? [])));
    }

    public static async Task<Results<Created<SchemeDto>, ProblemHttpResult>> Create(SchemeRequest body, RankingSchemes schemes, HttpContext http,
        CancellationToken ct)
    {
        var outcome = await schemes.CreateAsync(http.User.ToCaller(), body.ToInput(), ct);
        return outcome.Value is { } s ? TypedResults.Created($"/api/v1/ranking-schemes/{s.Id}", ToDto(s)) : outcome.ToProblem();
    }

    public static async Task<Results<Ok<SchemeDto>, ProblemHttpResult>> Update(int id, SchemeRequest body, RankingSchemes schemes, HttpContext http,
        CancellationToken ct)
    {
        var outcome = await schemes.UpdateAsync(http.User.ToCaller(), id, body.ToInput(), ct);
        return outcome.Value is { } s ? TypedResults.Ok(ToDto(s)) : outcome.ToProblem();
    }
}
