using Luoshi.Domain.Indicators;

namespace Luoshi.Application.Analytics;

/// <summary>One unit of the org tree as the engine sees it: its id and its parent's (null at the top).</summary>
public readonly record struct UnitRow(int Id, int? ParentId);

/// <summary>A data element as the engine sees it: its code and how its values combine over time.</summary>
public readonly record struct ElementRow(string Code, PeriodAggregation Aggregation);

/// <summary>
/// One stored value: unit, month (<c>yyyymm</c>), element code, disaggregation option ("" for none) and the number.
/// A zero is a value (a zero report); a value that was never given has no row.
/// </summary>
public readonly record struct ValueRow(int UnitId, int Month, string ElementCode, string Option, double Value);

/// <summary>An indicator as the engine computes it: its parsed numerator, denominator (null for a count) and factor.</summary>
public sealed record IndicatorRow(int Id, IndicatorExpression Numerator, IndicatorExpression? Denominator, decimal Factor);

/// <summary>How periods are grouped in an answer.</summary>
public enum PeriodGrain
{
    Month,
    Quarter,
    Year,
}

/// <summary>One figure of an indicator: unit, period key (2026-03, 2026Q1, 2026), its value (null when missing) and parts.</summary>
public sealed record AnalyticsFigure(int IndicatorId, int OrgUnitId, string Period, double? Value, double? Numerator, double? Denominator);

/// <summary>Month keys as the engine stores them (<c>yyyymm</c>) and their period names.</summary>
public static class Months
{
    public static int Key(int year, int month) => year * 100 + month;

    public static string Name(int key, PeriodGrain grain) => grain switch
    {
        PeriodGrain.Month => $"{key / 100:D4}-{key % 100:D2}",
        PeriodGrain.Quarter => $"{key / 100:D4}Q{(key % 100 + 2) / 3}",
        _ => $"{key / 100:D4}",
    };
}
