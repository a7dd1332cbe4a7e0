using Luoshi.Application.Access;
using Luoshi.Domain.OrgUnits;
using Luoshi.Domain.Problems;
using Luoshi.Domain.Rankings;
using Luoshi.Domain.Time;
using Microsoft.EntityFrameworkCore;

namespace Luoshi.Application.Rankings;

/// <summary>
/// 加分/减分: a supervisor or administrator proposes points (±, at most <see cref="RankingAdjustment.MaxPoints"/>, with a
/// reason) for a unit's month; another supervisor or administrator — never the proposer — approves or rejects them. Only
/// approved points count in the unit's score (<see cref="UnitRankings"/>). The one home of these rules: the
/// ranking-adjustments API and the /Rankings/Adjustments page both call it. Bureau roles read the list.
/// </summary>
public sealed class RankingAdjustments(LuoshiDb db, ChinaClock? clock = null)
{
    private ChinaClock Clock => clock ?? ChinaClock.System;

    /// <summary>An adjustment as typed: the unit, the month (YYYY-MM), the points (±) and the reason.</summary>
    public sealed record Input(int? OrgUnitId, string? Period, decimal? Points, string? Basis);

    /// <summary>An adjustment as read: with the unit's and the people's names.</summary>
    public sealed record View(int Id, int OrgUnitId, string UnitCode, string UnitName, string Period, decimal Points, string Basis,
        AdjustmentStatus Status, string ProposedBy, int ProposedById, DateTime ProposedAt, string? ReviewedBy, DateTime? ReviewedAt);

    /// <summary>May the caller propose, approve and reject (supervisors and administrators)?</summary>
    public static bool Edits(Caller caller) => caller.RunsLedger;

    /// <summary>The adjustments of a month (or of every month: <paramref name="period"/> empty), newest first; bureau roles only.</summary>
    public async Task<Outcome<IReadOnlyList<View>>> ListAsync(Caller caller, string? period, CancellationToken ct = default)
    {
        if (!caller.SeesEverything) return AdjustmentProblems.Forbidden;
        string? month = null;
        if (!string.IsNullOrWhiteSpace(period))
        {
            if (RankingMonth.ParseMonth(period, Clock.Today) is not { } p) return RankingProblems.PeriodInvalid;
            month = $"{p.Year:0000}-{p.Month:00}";
        }
        var query = db.RankingAdjustments.AsNoTracking();
        if (month is not null) query = query.Where(a => a.Period == month);
        return new Outcome<IReadOnlyList<View>>([.. (await ViewsAsync(query, ct)).OrderByDescending(a => a.Id)], []);
    }

    /// <summary>The approved adjustments of the months <paramref name="periods"/>, by unit: what the ranking adds. One query.</summary>
    public async Task<ILookup<(int OrgUnitId, string Period), View>> ApprovedAsync(IEnumerable<string> periods, CancellationToken ct = default)
    {
        var months = periods.Distinct().ToArray();
        return (await ViewsAsync(db.RankingAdjustments.AsNoTracking().Where(a => a.Status == AdjustmentStatus.Approved && months.Contains(a.Period)), ct))
            .OrderBy(a => a.Id).ToLookup(a => (a.OrgUnitId, a.Period));
    }

    /// <summary>A unit an adjustment may be for.</summary>
    public sealed record Unit(int Id, string Code, string Name, OrgUnitKind Kind);

    /// <summary>The units that are ranked (districts, departments, schools), by kind and code: the choices of the proposal form.</summary>
    public async Task<IReadOnlyList<Unit>> UnitsAsync(CancellationToken ct = default) =>
        [.. (await db.OrgUnits.AsNoTracking().Where(u => u.Kind != OrgUnitKind.Bureau).Select(u => new Unit(u.Id, u.Code, u.Name, u.Kind)).ToListAsync(ct))
            .OrderBy(u => u.Kind).ThenBy(u => u.Code, StringComparer.Ordinal)];

    /// <summary>Proposes an adjustment (status 待审核); it counts only once another person approves it.</summary>
    public async Task<Outcome<View>> ProposeAsync(Caller caller, Input input, CancellationToken ct = default)
    {
        if (!Edits(caller)) return AdjustmentProblems.Forbidden;
        var problems = new List<Problem>();
        var month = RankingMonth.ParseMonth(input.Period, Clock.Today);
        if (month is null) problems.Add(AdjustmentProblems.PeriodInvalid);
        if (input.Points is not { } points || points == 0 || Math.Abs(points) > RankingAdjustment.MaxPoints || decimal.Round(points, 2) != points)
            problems.Add(AdjustmentProblems.PointsInvalid.With(RankingAdjustment.MaxPoints));
        var basis = input.Basis?.Trim() ?? "";
        if (basis.Length == 0 || basis.Length > RankingAdjustment.MaxBasisLength) problems.Add(AdjustmentProblems.BasisRequired.With(RankingAdjustment.MaxBasisLength));
        var unitKind = input.OrgUnitId is { } unitId ? await db.OrgUnits.AsNoTracking().Where(u => u.Id == unitId).Select(u => (OrgUnitKind?)u.Kind).FirstOrDefaultAsync(ct) : null;
        if (unitKind is null or OrgUnitKind.Bureau) problems.Add(AdjustmentProblems.UnitInvalid);
        if (problems.Count > 0) return problems;
        var adjustment = new RankingAdjustment
        {
            OrgUnitId = input.OrgUnitId!.Value, Period = $"{month!.Value.Year:0000}-{month.Value.Month:00}", Points = input.Points!.Value, Basis = basis,
            Status = AdjustmentStatus.Proposed, ProposedById = caller.UserId, ProposedAt = Clock.UtcNow,
        };
        db.RankingAdjustments.Add(adjustment);
        await db.SaveChangesAsync(ct);
        return (await ViewsAsync(db.RankingAdjustments.AsNoTracking().Where(a => a.Id == adjustment.Id), ct)).Single();
    }

    /// <summary>Approves (<paramref name="approve"/>) or rejects a proposed adjustment: a supervisor or administrator other than its proposer, once.</summary>
    public async Task<Outcome<View>> ReviewAsync(Caller caller, int id, bool approve, CancellationToken ct = default)
    {
        if (!Edits(caller)) return AdjustmentProblems.Forbidden;
        var adjustment = await db.RankingAdjustments.FirstOrDefaultAsync(a => a.Id == id, ct);
        if (adjustment is null) return AdjustmentProblems.NotFound;
        if (adjustment.ProposedById == caller.UserId) return AdjustmentProblems.OwnProposal;
        if (adjustment.Status != AdjustmentStatus.Proposed) return AdjustmentProblems.AlreadyReviewed.With(StatusName(adjustment.Status));
        adjustment.Status = approve ? AdjustmentStatus.Approved : AdjustmentStatus.Rejected;
        adjustment.ReviewedById = caller.UserId;
        adjustment.ReviewedAt = Clock.UtcNow;
        adjustment.Version++;
        if (await db.SaveOrStaleAsync(AdjustmentProblems.ReviewedMeanwhile, ct) is { } stale) return stale;
        return (await ViewsAsync(db.RankingAdjustments.AsNoTracking().Where(a => a.Id == id), ct)).Single();
    }

    /// <summary>待审核, 已通过, 已驳回.</summary>
    public static string StatusName(AdjustmentStatus status) => status switch
    {
        AdjustmentStatus.Approved => "已通过",
        AdjustmentStatus.Rejected => "已驳回",
        _ => "待审核",
    };

    /// <summary>The API's word for a status: proposed, approved, rejected.</summary>
    public static string StatusCode(AdjustmentStatus status) => status.ToString().ToLowerInvariant();

    private async Task<IReadOnlyList<View>> ViewsAsync(IQueryable<RankingAdjustment> query, CancellationToken ct) =>
        await (from a in query
               join u in db.OrgUnits on a.OrgUnitId equals u.Id
               join p in db.Users on a.ProposedById equals p.Id
               join r in db.Users on a.ReviewedById equals (int?)r.Id into reviewers
               from r in reviewers.DefaultIfEmpty()
               select new View(a.Id, a.OrgUnitId, u.Code, u.Name, a.Period, a.Points, a.Basis, a.Status, p.DisplayName, a.ProposedById, a.ProposedAt,
                   r == null ? null : r.DisplayName, a.ReviewedAt)).ToListAsync(ct);
}
