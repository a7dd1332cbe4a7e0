using Luoshi.Domain.Targets;

namespace Luoshi.Domain.Indicators;

/// <summary>What the data says about a target linked to an indicator at a month.</summary>
public enum DataVerdict
{
    /// <summary>No value for the unit and month: nothing is said (missing is not zero).</summary>
    NoData,

    /// <summary>The data has reached the target (as its comparator reads it).</summary>
    Met,

    /// <summary>Not yet at the target, but at or past where the path from the baseline expects it by now.</summary>
    OnPath,

    /// <summary>Short of where the path expects it by now.</summary>
    Behind,
}

/// <summary>
/// A linked target's expected path: from the baseline at the start month to the target value by the deadline's month,
/// linear by month (a 54 % target from 50 % over 12 months expects 51 % after 3). Its verdict compares the indicator's
/// value with the path; a target the data has met confirms a claimed result (办结), one it has not does not.
/// </summary>
public sealed record ExpectedPath(decimal Baseline, decimal TargetValue, Comparator Comparator, DateOnly Start, DateOnly Due)
{
    /// <summary>Months from the start month to the due month (at least 1).</summary>
    public int Months => Math.Max(1, MonthIndex(Due) - MonthIndex(Start));

    /// <summary>Where the path expects the figure at the end of <paramref name="month"/>: the baseline before the start, the target after the deadline.</summary>
    public decimal ExpectedAt(DateOnly month)
    {
        var elapsed = Math.Clamp(MonthIndex(month) - MonthIndex(Start), 0, Months);
        return Math.Round(Baseline + (TargetValue - Baseline) * elapsed / Months, 4);
    }

    /// <summary>The verdict of the data's value at <paramref name="month"/> (null when the data has none).</summary>
    public DataVerdict Verdict(decimal? actual, DateOnly month)
    {
        if (actual is not { } value) return DataVerdict.NoData;
        if (Confirms(value)) return DataVerdict.Met;
        var expected = ExpectedAt(month);
        var downward = Comparator == Comparator.AtMost || (Comparator != Comparator.AtLeast && TargetValue < Baseline);
        return (downward ? value <= expected : value >= expected) ? DataVerdict.OnPath : DataVerdict.Behind;
    }

    /// <summary>Does the value meet the target as its comparator reads it (达到/不低于 reach it, 不超过 stay at or under it)?</summary>
    public bool Confirms(decimal value) => Comparator switch
    {
        Comparator.AtMost => value <= TargetValue,
        Comparator.Equal when TargetValue < Baseline => value <= TargetValue,
        _ => value >= TargetValue,
    };

    private static int MonthIndex(DateOnly d) => d.Year * 12 + d.Month - 1;
}

public static class DataVerdicts
{
    public static string ToChinese(this DataVerdict verdict) => verdict switch
    {
        DataVerdict.Met => "数据显示已达到目标",
        DataVerdict.OnPath => "数据符合预期进度",
        DataVerdict.Behind => "数据落后于预期进度",
        _ => "暂无数据",
    };

    /// <summary>The traffic-light colour the verdict gives a task (as <c>WorkStatusRules.Light</c> names them).</summary>
    public static string Light(this DataVerdict verdict) => verdict switch
    {
        DataVerdict.Met => "green",
        DataVerdict.Behind => "yellow",
        DataVerdict.OnPath => "blue",
        _ => "grey",
    };
}
