using System.Globalization;
using Luoshi.Application.Access;
using Luoshi.Domain.OrgUnits;
using Luoshi.Domain.Problems;
using Luoshi.Domain.Rankings;
using Luoshi.Domain.Time;
using Microsoft.EntityFrameworkCore;

namespace Luoshi.Application.Rankings;

/// <summary>
/// The monthly ranking (月度排名) of the units of one kind under a 考核方案: each criterion measured per unit
/// (<see cref="ICriterion"/>), scored and ranked by <see cref="RankingRules"/>, with the previous month's rank. The one
/// home of the ranking: the API, pages and the bulletin call it. The live ranking is for bureau roles (局领导, 督查督导,
/// 管理员); units see the published bulletin.
/// </summary>
public sealed class UnitRankings(LuoshiDb db, CriterionCatalog criteria, ChinaClock? clock = null)
{
    private ChinaClock Clock => clock ?? ChinaClock.System;

    /// <summary>A unit's line: its rank this month, last month's (null when it was not ranked), and the movement (up is positive).</summary>
    public sealed record Row(RankedUnit Unit, int? PreviousRank)
    {
        public int? Movement => Unit.Rank is { } now && PreviousRank is { } before ? before - now : null;
    }

    /// <summary>
    /// The ranking of <see cref="Kind"/> units for <see cref="Month"/> (read as of <see cref="RankingMonth.Day"/>) under <see cref="Scheme"/>;
    /// <see cref="Adjustments"/>: the month's approved 加分/减分 of the ranked units (each row's <see cref="RankedUnit.Adjustment"/> is their sum).
    /// </summary>
    public sealed record Result(AssessmentScheme Scheme, RankingMonth Month, IReadOnlyList<Row> Rows)
    {
        public IReadOnlyList<RankingAdjustments.View> Adjustments { get; init; } = [];

        /// <summary>The approved 加分/减分 behind a unit's <see cref="RankedUnit.Adjustment"/>.</summary>
        public IEnumerable<RankingAdjustments.View> AdjustmentsOf(int orgUnitId) => Adjustments.Where(a => a.OrgUnitId == orgUnitId);
    }

    /// <summary>
    /// The ranking as a caller asks for it: <paramref name="period"/> <c>YYYY-MM</c> (default: this month), not after this
    /// month; <paramref name="kind"/> a unit kind code (default district); <paramref name="schemeId"/> (default: the default scheme).
    /// </summary>
    public async Task<Outcome<Result>> ComputeAsync(Caller caller, int? schemeId, string? period, string? kind, CancellationToken ct = default)
    {
        if (!caller.SeesEverything) return RankingProblems.Forbidden;
        var problems = new List<Problem>();
        var today = Clock.Today;
        var month = ParsePeriod(period, today);
        if (month is null) problems.Add(RankingProblems.PeriodInvalid);
        OrgUnitKind unitKind = OrgUnitKind.District;
        if (!string.IsNullOrWhiteSpace(kind) && (!OrgUnitKinds.TryParse(kind, out unitKind) || unitKind == OrgUnitKind.Bureau))
            problems.Add(RankingProblems.KindInvalid);
        var scheme = await new RankingSchemes(db, criteria, clock).FindAsync(schemeId, ct);
        if (scheme is null) return RankingProblems.SchemeNotFound;
        if (problems.Count > 0) return problems;
        if (!scheme.Kinds.Contains(unitKind)) return RankingProblems.KindNotInScheme.With(scheme.Name, unitKind.ToChinese());
        return await ComputeAsync(scheme, RankingMonth.Of(month!.Value.Year, month.Value.Month, today, unitKind), ct);
    }

    /// <summary>
    /// The scheme that ranks when none is named: the latest version of the default scheme (scheme 1), as stored, else the
    /// code's default. The one home of that choice: /Rankings, the API, the bulletin, the dashboard and the annual report use it.
    /// </summary>
    public async Task<AssessmentScheme> CurrentSchemeAsync(CancellationToken ct = default) =>
        (await new RankingSchemes(db, criteria, clock).FindAsync(null, ct))!;

    /// <summary>The ranking for <paramref name="month"/> under <paramref name="scheme"/>, with last month's ranks; no access check.</summary>
    public async Task<Result> ComputeAsync(AssessmentScheme scheme, RankingMonth month, CancellationToken ct = default) =>
        (await ComputeMonthsAsync(scheme, [month], ct))[0];

    /// <summary>
    /// The rankings of <paramref name="kind"/> units for every month of <paramref name="year"/> up to this one (none for a
    /// year to come), each with last month's ranks: every month is ranked once, its result serving as the next month's
    /// previous ranks (January's previous is the December before). The same results as <see cref="ComputeAsync(AssessmentScheme, RankingMonth, CancellationToken)"/>
    /// month by month; no access check.
    /// </summary>
    public async Task<IReadOnlyList<Result>> YearAsync(AssessmentScheme scheme, int year, OrgUnitKind kind, CancellationToken ct = default)
    {
        var today = Clock.Today;
        var last = year < today.Year ? 12 : year == today.Year ? today.Month : 0;
        return await ComputeMonthsAsync(scheme, [.. Enumerable.Range(1, last).Select(m => RankingMonth.Of(year, m, today, kind))], ct);
    }

    /// <summary>Consecutive months of one kind, each with its previous month's ranks, each month ranked once.</summary>
    private async Task<IReadOnlyList<Result>> ComputeMonthsAsync(AssessmentScheme scheme, IReadOnlyList<RankingMonth> months, CancellationToken ct)
    {
        if (months.Count == 0) return [];
        var units = await UnitsAsync(months[0].Kind, ct);
        var all = new List<RankingMonth> { months[0].Previous() };
        all.AddRange(months);
        var adjustments = await Adjustments.ApprovedAsync(all.Select(m => m.Period), ct);
        var ranked = new List<IReadOnlyList<RankedUnit>>();
        foreach (var month in all) ranked.Add(await RankAsync(scheme, month, units, adjustments, ct));
        return [.. months.Select((month, i) =>
        {
            var before = ranked[i].ToDictionary(u => u.OrgUnitId, u => u.Rank);
            return new Result(scheme, month, [.. ranked[i + 1].Select(u => new Row(u, before.GetValueOrDefault(u.OrgUnitId)))])
            {
                Adjustments = [.. units.SelectMany(u => adjustments[(u.Id, month.Period)])],
            };
        })];
    }

    /// <summary>One month of a unit's trend: its score and rank (null when not ranked) among <see cref="Ranked"/> ranked units.</summary>
    public sealed record TrendPoint(string Period, decimal? Score, int? Rank, int Ranked);

    /// <summary>A unit's trend: its score and rank in each month of <paramref name="year"/> up to this month, each read as of the month's last day.</summary>
    public async Task<Outcome<IReadOnlyList<TrendPoint>>> TrendAsync(Caller caller, int? schemeId, int orgUnitId, int year, CancellationToken ct = default)
    {
        if (!caller.SeesEverything) return RankingProblems.Forbidden;
        var scheme = await new RankingSchemes(db, criteria, clock).FindAsync(schemeId, ct);
        if (scheme is null) return RankingProblems.SchemeNotFound;
        var unit = await db.OrgUnits.AsNoTracking().Where(u => u.Id == orgUnitId).Select(u => new { u.Kind }).FirstOrDefaultAsync(ct);
        if (unit is null || !scheme.Kinds.Contains(unit.Kind)) return RankingProblems.UnitNotRanked;
        var today = Clock.Today;
        if (year < 2000 || year > today.Year) return RankingProblems.PeriodInvalid;
        var units = await UnitsAsync(unit.Kind, ct);
        var months = Enumerable.Range(1, year == today.Year ? today.Month : 12).Select(m => RankingMonth.Of(year, m, today, unit.Kind)).ToList();
        var adjustments = await Adjustments.ApprovedAsync(months.Select(m => m.Period), ct);
        var points = new List<TrendPoint>();
        foreach (var month in months)
        {
            var ranked = await RankAsync(scheme, month, units, adjustments, ct);
            var mine = ranked.First(u => u.OrgUnitId == orgUnitId);
            points.Add(new TrendPoint(month.Period, mine.Score, mine.Rank, ranked.Count(u => u.Rank is not null)));
        }
        return new Outcome<IReadOnlyList<TrendPoint>>(points, []);
    }

    private sealed record UnitName(int Id, string Code, string Name);

    private async Task<List<UnitName>> UnitsAsync(OrgUnitKind kind, CancellationToken ct) =>
        await db.OrgUnits.AsNoTracking().Where(u => u.Kind == kind).Select(u => new UnitName(u.Id, u.Code, u.Name)).ToListAsync(ct);

    private RankingAdjustments Adjustments => new(db, clock);

    private async Task<IReadOnlyList<RankedUnit>> RankAsync(AssessmentScheme scheme, RankingMonth month, List<UnitName> units,
        ILookup<(int OrgUnitId, string Period), RankingAdjustments.View> adjustments, CancellationToken ct)
    {
        var measured = new Dictionary<string, IReadOnlyDictionary<int, Measure>>();
        var weights = scheme.CriteriaFor(month.Kind);
        foreach (var c in weights)
            measured[c.Key] = criteria.Find(c.Key) is { } criterion ? await criterion.MeasureAsync(month, ct) : new Dictionary<int, Measure>();
        return RankingRules.Rank(weights, units.Select(u => new RankingInput(u.Id, u.Code, u.Name,
            measured.Where(kv => kv.Value.ContainsKey(u.Id)).ToDictionary(kv => kv.Key, kv => kv.Value[u.Id]))
        {
            Adjustment = adjustments[(u.Id, month.Period)].Sum(a => a.Points),
        }));
    }

    private static (int Year, int Month)? ParsePeriod(string? period, DateOnly today) =>
        string.IsNullOrWhiteSpace(period) ? (today.Year, today.Month) : RankingMonth.ParseMonth(period, today);
}
