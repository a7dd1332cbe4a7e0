using System.Globalization;

namespace Luoshi.Domain.Data;

/// <summary>
/// When a value is an outlier (异常值) — a mark with the reason, never a refusal. Against the unit's own history: more than
/// <see cref="MadFactor"/> × the median absolute deviation (MAD) from the median of its last <see cref="HistoryPeriods"/>
/// periods (with at least <see cref="MinHistory"/> of them), or a change of more than <see cref="JumpShare"/> (50%) from
/// the last period. Against its peers (units of the same kind asked the same set, same period): more than
/// <see cref="MadFactor"/> × MAD from their median (with at least <see cref="MinPeers"/> peers). A MAD of zero (all equal)
/// flags nothing by itself.
/// </summary>
public static class OutlierRule
{
    public const int HistoryPeriods = 12;
    public const int MinHistory = 4;
    public const int MinPeers = 5;
    public const decimal MadFactor = 3m;
    public const decimal JumpShare = 0.5m;

    public const string Description = "异常值规则：与本单位最近 12 期的中位数相差超过 3 倍中位数绝对偏差（至少有 4 期数据），或比上一期增减超过 50%；"
        + "或与同类单位同期的中位数相差超过 3 倍中位数绝对偏差（至少 5 个单位）。异常值只作提示，不拒绝保存。";

    /// <summary>Why a value is an outlier against the unit's history (oldest first, the last is the previous period), or null.</summary>
    public static string? AgainstHistory(decimal value, IReadOnlyList<decimal> history, bool lastIsPrevious)
    {
        if (lastIsPrevious && history.Count > 0 && history[^1] is var previous && previous != 0
            && Math.Abs(value - previous) > JumpShare * Math.Abs(previous))
            return $"比上一期（{N(previous)}）{(value > previous ? "增加" : "减少")} {N(Math.Round(100 * Math.Abs(value - previous) / Math.Abs(previous), 1))}%，超过 50%";
        if (history.Count >= MinHistory && Far(value, history) is { } far)
            return $"与本单位最近 {history.Count} 期的中位数 {N(far.Median)} 相差 {N(far.Distance)}，超过中位数绝对偏差（{N(far.Mad)}）的 3 倍";
        return null;
    }

    /// <summary>Why a value is an outlier against its peers' values for the same period, or null.</summary>
    public static string? AgainstPeers(decimal value, IReadOnlyList<decimal> peers) =>
        peers.Count >= MinPeers && Far(value, peers) is { } far
            ? $"与同类 {peers.Count} 个单位同期的中位数 {N(far.Median)} 相差 {N(far.Distance)}，超过中位数绝对偏差（{N(far.Mad)}）的 3 倍"
            : null;

    private static (decimal Median, decimal Mad, decimal Distance)? Far(decimal value, IReadOnlyList<decimal> values)
    {
        var median = Median(values);
        var mad = Median([.. values.Select(v => Math.Abs(v - median))]);
        var distance = Math.Abs(value - median);
        return mad > 0 && distance > MadFactor * mad ? (median, mad, distance) : null;
    }

    public static decimal Median(IReadOnlyList<decimal> values)
    {
        var sorted = values.Order().ToList();
        var middle = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    private static string N(decimal value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}
