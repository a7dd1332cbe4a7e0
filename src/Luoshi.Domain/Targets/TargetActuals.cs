using Luoshi.Domain.Reports;

namespace Luoshi.Domain.Targets;

/// <summary>A unit's latest accepted figure for a target: the value, its parts when given, and when it was reported and accepted.</summary>
public sealed record UnitFigure(int OrgUnitId, decimal Value, decimal? Numerator, decimal? Denominator, string Period, DateTime? AcceptedAt,
    int ReportId)
{
    /// <summary>The base the unit's share is weighted by: the denominator it gave with this figure or, failing that, earlier.</summary>
    public decimal? Base { get; init; }
}

/// <summary>How the units' figures were combined into the target's actual value.</summary>
public enum ActualMethod
{
    /// <summary>No unit has a figure yet.</summary>
    None,

    /// <summary>Counts add up.</summary>
    Sum,

    /// <summary>Shares combine as one ratio: all numerators over all bases.</summary>
    Ratio,

    /// <summary>Shares without any unit's base: their plain mean, for want of weights (the page says so).</summary>
    Mean,
}

/// <summary>
/// The target's actual value, how it was reached, each unit's figure, and the units left out for want of a base; of a
/// ratio, also its parts (Σ numerators and Σ bases), which a district reports upwards as its own numerator and denominator.
/// </summary>
public sealed record TargetActual(decimal? Value, ActualMethod Method, IReadOnlyList<UnitFigure> Figures, IReadOnlyList<int> UnitsWithoutBase)
{
    public decimal? Numerator { get; init; }

    public decimal? Denominator { get; init; }
}

/// <summary>
/// The one home of how units' reports add up to a target's actual value. Each unit counts with its latest accepted figure
/// for the target: a later accepted report that leaves the target empty keeps the unit's earlier figure. Counts add;
/// percentages and rates combine as ratios, Σ numerators ÷ Σ bases (a unit's base is the denominator it reported), so a
/// small unit's 95% does not outweigh a large unit's 6.8%; a range of counts per unit (1～2 名/校) is averaged.
/// </summary>
public static class TargetActuals
{
    /// <summary>Each unit's latest accepted figure for the target, with the latest base it has given (for shares).</summary>
    public static List<UnitFigure> Latest(Target target, IEnumerable<ProgressReport> reports)
    {
        var figures = new List<UnitFigure>();
        var byUnit = reports.Where(r => r.Status == ReportStatus.Accepted).GroupBy(r => r.OrgUnitId);
        foreach (var unit in byUnit)
        {
            var newestFirst = unit.OrderByDescending(r => r.Period, StringComparer.Ordinal).ThenByDescending(r => r.Id)
                .Select(r => (Report: r, Value: r.Values.FirstOrDefault(v => v.TargetId == target.Id))).Where(x => x.Value is not null).ToList();
            if (newestFirst.Count == 0) continue;
            var (report, value) = newestFirst[0];
            var baseGiven = newestFirst.Select(x => x.Value!.Denominator).FirstOrDefault(d => d is > 0);
            figures.Add(new UnitFigure(unit.Key, value!.Value, value.Numerator, value.Denominator, report.Period, report.ReviewedAt, report.Id)
            {
                Base = baseGiven,
            });
        }
        return figures.OrderBy(f => f.OrgUnitId).ToList();
    }

    /// <summary>The units' figures combined into the target's actual value (<see cref="TargetActuals"/> says how).</summary>
    public static TargetActual Combine(Target target, IReadOnlyList<UnitFigure> figures)
    {
        if (figures.Count == 0) return new TargetActual(null, ActualMethod.None, figures, []);
        if (!target.IsShare)
        {
            return target.Comparator == Comparator.Range
                ? new TargetActual(Math.Round(figures.Average(f => f.Value), 2), ActualMethod.Mean, figures, [])
                : new TargetActual(figures.Sum(f => f.Value), ActualMethod.Sum, figures, []);
        }
        var weighted = figures.Where(f => f.Base is > 0).ToList();
        if (weighted.Count == 0) return new TargetActual(Math.Round(figures.Average(f => f.Value), 2), ActualMethod.Mean, figures, []);
        var scale = Target.ShareScale(target.Unit);
        var numerators = weighted.Sum(f => f.Numerator is { } n && f.Denominator is > 0 ? n : f.Value * f.Base!.Value / scale);
        var bases = weighted.Sum(f => f.Base!.Value);
        var missing = figures.Where(f => f.Base is not > 0).Select(f => f.OrgUnitId).ToList();
        return new TargetActual(Math.Round(numerators / bases * scale, 2), ActualMethod.Ratio, figures, missing)
        {
            Numerator = numerators,
            Denominator = bases,
        };
    }

    /// <summary>The target's actual value from the task's reports.</summary>
    public static TargetActual Of(Target target, IEnumerable<ProgressReport> reports) => Combine(target, Latest(target, reports));

    /// <summary>
    /// A share given as its parts: numerator ÷ denominator in the target's unit (× 100 for percent); null when the parts are
    /// not a share (no denominator above zero, or a negative numerator).
    /// </summary>
    public static decimal? ShareOf(Target target, decimal numerator, decimal denominator) =>
        denominator > 0 && numerator >= 0 ? Math.Round(numerator / denominator * Target.ShareScale(target.Unit), 4) : null;
}
