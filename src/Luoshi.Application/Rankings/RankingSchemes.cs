using Luoshi.Application.Access;
using Luoshi.Domain.OrgUnits;
using Luoshi.Domain.People;
using Luoshi.Domain.Problems;
using Luoshi.Domain.Rankings;
using Luoshi.Domain.Time;
using Microsoft.EntityFrameworkCore;

namespace Luoshi.Application.Rankings;

/// <summary>
/// The 考核方案 as stored, each edit a new version (<see cref="RankingSchemeVersion"/>): the latest version of each scheme
/// ranks. Scheme 1 is the default: until it is first edited it is <see cref="AssessmentSchemes.Default"/> (version 1),
/// which the first edit stores as version 1 before adding version 2. Supervisors and administrators edit; the weights of
/// each kind of unit must pass <see cref="AssessmentScheme.Check"/> (sum to 100).
/// </summary>
public sealed class RankingSchemes(LuoshiDb db, CriterionCatalog criteria, ChinaClock? clock = null)
{
    /// <summary>A criterion's weight as typed: the criterion's key and its weight.</summary>
    public sealed record WeightInput(string? Key, decimal? Weight);

    /// <summary>A scheme as typed: its name and, per kind of unit (district/department/school), the weights.</summary>
    public sealed record SchemeInput(string? Name, IReadOnlyDictionary<string, IReadOnlyList<WeightInput>>? Weights);

    /// <summary>The latest version of a scheme (null: the default), or null when there is no such scheme.</summary>
    public async Task<AssessmentScheme?> FindAsync(int? schemeId, CancellationToken ct = default)
    {
        var id = schemeId ?? AssessmentSchemes.Default.Id;
        var stored = await db.RankingSchemeVersions.AsNoTracking().Include(v => v.Weights).Where(v => v.SchemeId == id)
            .OrderByDescending(v => v.Version).FirstOrDefaultAsync(ct);
        return stored is not null ? ToScheme(stored) : id == AssessmentSchemes.Default.Id ? AssessmentSchemes.Default : null;
    }

    /// <summary>The latest version of every scheme, the default first.</summary>
    public async Task<IReadOnlyList<AssessmentScheme>> AllAsync(CancellationToken ct = default)
    {
        var versions = await db.RankingSchemeVersions.AsNoTracking().Include(v => v.Weights).ToListAsync(ct);
        var latest = versions.GroupBy(v => v.SchemeId).Select(g => ToScheme(g.MaxBy(v => v.Version)!)).ToList();
        if (latest.All(s => s.Id != AssessmentSchemes.Default.Id)) latest.Add(AssessmentSchemes.Default);
        return [.. latest.OrderBy(s => s.Id)];
    }

    /// <summary>A new scheme, stored as its version 1.</summary>
    public async Task<Outcome<AssessmentScheme>> CreateAsync(Caller caller, SchemeInput input, CancellationToken ct = default)
    {
        if (Refusal(caller, input, out var weights) is { } refused) return refused;
        var last = await db.RankingSchemeVersions.Select(v => (int?)v.SchemeId).MaxAsync(ct) ?? AssessmentSchemes.Default.Id;
        return await SaveAsync(caller, Math.Max(last, AssessmentSchemes.Default.Id) + 1, 1, input.Name!.Trim(), weights, ct);
    }

    /// <summary>
    /// Edits a scheme: its next version, with the weights given; a kind of unit not given keeps its current weights (the
    /// earlier versions stay as they were).
    /// </summary>
    public async Task<Outcome<AssessmentScheme>> UpdateAsync(Caller caller, int schemeId, SchemeInput input, CancellationToken ct = default)
    {
        if (!Edits(caller)) return RankingProblems.EditForbidden;
        if (await FindAsync(schemeId, ct) is not { } current) return RankingProblems.SchemeNotFound;
        if (Refusal(caller, input, out var weights) is { } refused) return refused;
        foreach (var kind in current.Kinds) weights.TryAdd(kind, current.CriteriaFor(kind)); // a kind not given keeps its weights
        if (ReferenceEquals(current, AssessmentSchemes.Default) && !await db.RankingSchemeVersions.AnyAsync(v => v.SchemeId == current.Id, ct))
            db.RankingSchemeVersions.Add(ToStored(current.Id, current.Version, current.Name, null,
                current.Kinds.ToDictionary(k => k, current.CriteriaFor)));
        return await SaveAsync(caller, schemeId, current.Version + 1, input.Name!.Trim(), weights, ct);
    }

    private static bool Edits(Caller caller) => caller.Role is Role.Supervisor or Role.Admin;

    private List<Problem>? Refusal(Caller caller, SchemeInput input, out Dictionary<OrgUnitKind, IReadOnlyList<SchemeCriterion>> weights)
    {
        weights = [];
        if (!Edits(caller)) return [RankingProblems.EditForbidden];
        var problems = new List<Problem>();
        if (string.IsNullOrWhiteSpace(input.Name) || input.Name.Trim().Length > RankingSchemeVersion.MaxNameLength) problems.Add(RankingProblems.NameRequired);
        if (input.Weights is not { Count: > 0 }) problems.Add(RankingProblems.NoKinds);
        foreach (var (code, typed) in input.Weights ?? new Dictionary<string, IReadOnlyList<WeightInput>>())
        {
            if (!OrgUnitKinds.TryParse(code, out var kind) || kind == OrgUnitKind.Bureau || weights.ContainsKey(kind))
            {
                problems.Add(RankingProblems.KindInvalid);
                continue;
            }
            var list = new List<SchemeCriterion>();
            foreach (var w in typed ?? [])
            {
                if (criteria.Find(w.Key?.Trim() ?? "") is not { } criterion) problems.Add(RankingProblems.CriterionUnknown.With(w.Key));
                else list.Add(new SchemeCriterion(criterion.Key, criterion.Name, w.Weight ?? 0));
            }
            if (AssessmentScheme.Check(list) is { } problem) problems.Add(RankingProblems.KindWeights.With(kind.ToChinese(), problem));
            weights[kind] = list;
        }
        return problems.Count > 0 ? problems : null;
    }

    private async Task<Outcome<AssessmentScheme>> SaveAsync(Caller caller, int schemeId, int version, string name,
        Dictionary<OrgUnitKind, IReadOnlyList<SchemeCriterion>> weights, CancellationToken ct)
    {
        var stored = ToStored(schemeId, version, name, caller.UserId, weights);
        db.RankingSchemeVersions.Add(stored);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e.IsLostRace())
        {
            db.ChangeTracker.Clear();
            return RankingProblems.SchemeEditedMeanwhile;
        }
        return ToScheme(stored);
    }

    private RankingSchemeVersion ToStored(int schemeId, int version, string name, int? by, IReadOnlyDictionary<OrgUnitKind, IReadOnlyList<SchemeCriterion>> weights) => new()
    {
        SchemeId = schemeId, Version = version, Name = name, CreatedById = by, CreatedAt = (clock ?? ChinaClock.System).UtcNow,
        Weights = [.. weights.SelectMany(kv => kv.Value.Select(c => new RankingWeight { Kind = kv.Key, CriterionKey = c.Key, Weight = c.Weight }))],
    };

    private AssessmentScheme ToScheme(RankingSchemeVersion stored)
    {
        var byKind = stored.Weights.GroupBy(w => w.Kind).OrderBy(g => g.Key).ToDictionary(g => g.Key, g => (IReadOnlyList<SchemeCriterion>)[.. g.OrderBy(w => w.Id)
            .Select(w => new SchemeCriterion(w.CriterionKey, criteria.Find(w.CriterionKey)?.Name ?? w.CriterionKey, w.Weight))]);
        var kinds = byKind.Keys.ToList();
        return new AssessmentScheme(stored.SchemeId, stored.Version, stored.Name, kinds, kinds.Count > 0 ? byKind[kinds[0]] : []) { ByKind = byKind };
    }
}
