using System.Globalization;
using Luoshi.Domain.Targets;

namespace Luoshi.Domain.Indicators;

/// <summary>What the data says about a target linked to an indicator, as of the latest month with data.</summary>
public enum DataVerdict
{
    /// <summary>No value for the unit's subtree: nothing is said (missing is not zero).</summary>
    NoData,

    /// <summary>The data has reached the target (as its comparator reads it).</summary>
    Met,

    /// <summary>Not yet at the target, but at, above or within the tolerance of where the path expects it by now.</summary>
    OnPath,

    /// <summary>Short of the path by more than the tolerance (yellow).</summary>
    Behind,

    /// <summary>Short of the path by more than the far limit, or the deadline has passed unmet (red).</summary>
    FarBehind,
}

/// <summary>
/// How far a linked target may lag its expected path, in percent of the path's whole span |target − baseline|: more
/// than <see cref="YellowPercent"/> is behind (yellow), more than <see cref="RedPercent"/> far behind (red). A 49 % → 54 %
/// path has a span of 5 points: with 10 and 50 it turns yellow 0.5 points under the path and red 2.5 points under it.
/// </summary>
public sealed record PathTolerance(decimal YellowPercent = PathTolerance.DefaultYellowPercent, decimal RedPercent = PathTolerance.DefaultRedPercent)
{
    public const decimal DefaultYellowPercent = 10;
    public const decimal DefaultRedPercent = 50;
}

/// <summary>
/// A linked target's expected path: from the baseline at the start of the start month to the target value at the end of
/// the deadline's month, linear by month. A month's data is read as of the month's end, so after k of the path's n months
/// the path expects baseline + (target − baseline) × k / n: a 49 % → 54 % target over January–December expects 49 +
/// 5 × 3 / 12 = 50.25 % of March's data. Before the start it expects the baseline, after the deadline the target.
/// </summary>
public sealed record ExpectedPath(decimal Baseline, decimal TargetValue, Comparator Comparator, DateOnly Start, DateOnly Due)
{
    /// <summary>Months of the path, the start's and the deadline's both counted (at least 1).</summary>
    public int Months => Math.Max(1, MonthIndex(Due) - MonthIndex(Start) + 1);

    /// <summary>Where the path expects the figure of <paramref name="month"/> (read as of its end).</summary>
    public decimal ExpectedAt(DateOnly month)
    {
        var elapsed = Math.Clamp(MonthIndex(month) - MonthIndex(Start) + 1, 0, Months);
        return Math.Round(Baseline + (TargetValue - Baseline) * elapsed / Months, 4);
    }

    /// <summary>Whether the target falls (不超过, or 达到 a value under the baseline): then lower is better.</summary>
    public bool Downward => Comparator == Comparator.AtMost || (Comparator == Comparator.Equal && TargetValue < Baseline);

    /// <summary>How far <paramref name="actual"/> lags the path at <paramref name="month"/>, in the target's unit (0 when at or ahead of it).</summary>
    public decimal LagAt(decimal actual, DateOnly month)
    {
        var expected = ExpectedAt(month);
        return Math.Max(0, Downward ? actual - expected : expected - actual);
    }

    /// <summary>
    /// The verdict on the data's value of <paramref name="month"/> (null when the data has none) on <paramref name="today"/>:
    /// met; past the deadline unmet → far behind; else by the lag against the tolerance (<see cref="PathTolerance"/>).
    /// A path with no span (baseline = target) has no tolerance: any lag is behind.
    /// </summary>
    public DataVerdict Verdict(decimal? actual, DateOnly month, DateOnly today, PathTolerance tolerance)
    {
        if (actual is not { } value) return DataVerdict.NoData;
        if (Confirms(value)) return DataVerdict.Met;
        if (today > Due) return DataVerdict.FarBehind;
        var lag = LagAt(value, month);
        if (lag == 0) return DataVerdict.OnPath;
        var span = Math.Abs(TargetValue - Baseline);
        if (span == 0) return DataVerdict.Behind;
        var percent = 100 * lag / span;
        return percent > tolerance.RedPercent ? DataVerdict.FarBehind
            : percent > tolerance.YellowPercent ? DataVerdict.Behind
            : DataVerdict.OnPath;
    }

    /// <summary>Does the value meet the target as its comparator reads it (达到/不低于 reach it, 不超过 stay at or under it)?</summary>
    public bool Confirms(decimal value) => Downward ? value <= TargetValue : value >= TargetValue;

    /// <summary>
    /// Whether the data confirms a claimed result, in words shown before 办结 is approved: “数据核实：已达到 54.3% ≥ 54%”,
    /// “数据未达到：51.2% &lt; 54%”, or “暂无数据”.
    /// </summary>
    public string Check(decimal? actual, string unit)
    {
        if (actual is not { } value) return "暂无数据";
        var shown = Figure(value, unit);
        var goal = Figure(TargetValue, unit);
        return Confirms(value)
            ? $"数据核实：已达到 {shown} {(Downward ? "≤" : "≥")} {goal}"
            : $"数据未达到：{shown} {(Downward ? ">" : "<")} {goal}";
    }

    private static string Figure(decimal value, string unit)
    {
        var number = Math.Round(value, 2, MidpointRounding.AwayFromZero).ToString("0.##", CultureInfo.InvariantCulture);
        return unit.Length == 0 ? number : unit is "%" or "％" ? number + unit : number + " " + unit;
    }

    private static int MonthIndex(DateOnly d) => d.Year * 12 + d.Month - 1;
}

public static class DataVerdicts
{
    public static string ToChinese(this DataVerdict verdict) => verdict switch
    {
        DataVerdict.Met => "数据显示已达到目标",
        DataVerdict.OnPath => "数据符合预期进度",
        DataVerdict.Behind => "数据落后于预期进度",
        DataVerdict.FarBehind => "数据严重落后于预期进度",
        _ => "暂无数据",
    };

    /// <summary>The traffic-light colour the verdict gives a task (as <c>WorkStatusRules.Light</c> names them).</summary>
    public static string Light(this DataVerdict verdict) => verdict switch
    {
        DataVerdict.Met => "green",
        DataVerdict.Behind => "yellow",
        DataVerdict.FarBehind => "red",
        DataVerdict.OnPath => "blue",
        _ => "grey",
    };

    public static string ToCode(this DataVerdict verdict) => verdict switch
    {
        DataVerdict.Met => "met",
        DataVerdict.OnPath => "onPath",
        DataVerdict.Behind => "behind",
        DataVerdict.FarBehind => "farBehind",
        _ => "noData",
    };
}
