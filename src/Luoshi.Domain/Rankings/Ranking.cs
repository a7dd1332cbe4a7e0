namespace Luoshi.Domain.Rankings;

/// <summary>
/// What one criterion measured for one unit: how many items were due (the denominator: a rate, not a count, so a big
/// unit is not favoured) and how many of them were met, with the ids of the records behind the figure. Nothing due →
/// the criterion is not applicable to the unit.
/// </summary>
public sealed record Measure(int Due, int Met, IReadOnlyList<int> Ids)
{
    public bool Applicable => Due > 0;

    /// <summary>Met ÷ Due, 0–1.</summary>
    public decimal Rate => Due == 0 ? 0 : (decimal)Met / Due;

    /// <summary>What the figures behind some records were (a target's reported value against where it should be), by record id.</summary>
    public IReadOnlyDictionary<int, string> Notes { get; init; } = new Dictionary<int, string>();
}

/// <summary>
/// A unit to rank and what every criterion measured for it (a missing key: nothing to measure); <see cref="Adjustment"/> is
/// the sum of its approved 加分/减分 for the month.
/// </summary>
public sealed record RankingInput(int OrgUnitId, string Code, string Name, IReadOnlyDictionary<string, Measure> Measures)
{
    public decimal Adjustment { get; init; }
}

/// <summary>
/// One criterion's part in a unit's score. <see cref="Weight"/> is the scheme's; <see cref="EffectiveWeight"/> is that
/// weight after the weights of not-applicable criteria have been shared out; <see cref="Value"/> is the rate in percent;
/// <see cref="Points"/> = EffectiveWeight × rate.
/// </summary>
public sealed record RankingPart(string Key, string Criterion, decimal Weight, decimal EffectiveWeight, bool Applicable, int Due, int Met,
    decimal? Value, decimal Points, IReadOnlyList<int> Ids)
{
    /// <summary>The measure's notes on its records (<see cref="Measure.Notes"/>), by record id.</summary>
    public IReadOnlyDictionary<int, string> Notes { get; init; } = new Dictionary<int, string>();
}

/// <summary>
/// A unit's line in the ranking; <see cref="Rank"/> and <see cref="Score"/> are null when no criterion applied to it.
/// <see cref="Score"/> = Σ part points + <see cref="Adjustment"/> (the approved 加分/减分 of the month).
/// </summary>
public sealed record RankedUnit(int OrgUnitId, string Code, string Name, decimal? Score, int? Rank, IReadOnlyList<RankingPart> Parts)
{
    public decimal Adjustment { get; init; }
}

/// <summary>
/// The scoring rules of a ranking, in one place:
/// <list type="bullet">
/// <item>each criterion's value is a rate (met ÷ due, 0–1);</item>
/// <item>a criterion with nothing due for a unit is not applicable, and its weight is shared among the unit's applicable
/// criteria in proportion to their weights (effective weight = weight × 100 ÷ the sum of the applicable weights), so the
/// unit is neither rewarded nor punished for it;</item>
/// <item>score = Σ effective weight × rate (0–100) + the approved 加分/减分 of the month, rounded to two decimals; a unit
/// with no applicable criterion stays unscored whatever its 加分/减分;</item>
/// <item>rank: higher score first; an equal score (to two decimals) gets an equal rank and the next rank is skipped
/// (1, 1, 3), equal scores listed by unit code; a unit with no applicable criterion has no score and no rank and is listed
/// after the ranked ones (by code), never "last" by accident.</item>
/// </list>
/// </summary>
public static class RankingRules
{
    public static IReadOnlyList<RankedUnit> Rank(IReadOnlyList<SchemeCriterion> criteria, IEnumerable<RankingInput> units)
    {
        var scored = units.Select(u => Score(criteria, u)).ToList();
        var ranked = scored.Where(u => u.Score is not null).OrderByDescending(u => u.Score).ThenBy(u => u.Code, StringComparer.Ordinal).ToList();
        var result = new List<RankedUnit>(scored.Count);
        for (var i = 0; i < ranked.Count; i++)
        {
            var rank = i > 0 && ranked[i].Score == ranked[i - 1].Score ? result[i - 1].Rank : i + 1;
            result.Add(ranked[i] with { Rank = rank });
        }
        result.AddRange(scored.Where(u => u.Score is null).OrderBy(u => u.Code, StringComparer.Ordinal));
        return result;
    }

    private static RankedUnit Score(IReadOnlyList<SchemeCriterion> criteria, RankingInput unit)
    {
        Measure? MeasureOf(SchemeCriterion c) => unit.Measures.TryGetValue(c.Key, out var m) && m.Applicable ? m : null;
        var applicableWeight = criteria.Where(c => MeasureOf(c) is not null).Sum(c => c.Weight);
        var parts = criteria.Select(c =>
        {
            if (MeasureOf(c) is not { } m) return new RankingPart(c.Key, c.Name, c.Weight, 0, false, 0, 0, null, 0, []);
            var effective = c.Weight * AssessmentScheme.TotalWeight / applicableWeight;
            return new RankingPart(c.Key, c.Name, c.Weight, Math.Round(effective, 2), true, m.Due, m.Met, Math.Round(m.Rate * 100, 2),
                effective * m.Rate, m.Ids) { Notes = m.Notes };
        }).ToList();
        decimal? score = applicableWeight == 0 ? null : Math.Round(parts.Sum(p => p.Points) + unit.Adjustment, 2);
        return new RankedUnit(unit.OrgUnitId, unit.Code, unit.Name, score, null, [.. parts.Select(p => p with { Points = Math.Round(p.Points, 2) })])
        {
            Adjustment = unit.Adjustment,
        };
    }
}
