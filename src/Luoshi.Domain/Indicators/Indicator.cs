namespace Luoshi.Domain.Indicators;

/// <summary>
/// An indicator (公办园在园幼儿占比): numerator ÷ denominator × factor, each an expression over data elements. It is
/// worked out for any unit and period from the sums of its parts, so a district's figure is the ratio of its schools'
/// sums, never the mean of their ratios. Without a denominator it is the numerator × factor (a count).
/// </summary>
public class Indicator
{
    public const int MaxCodeLength = 50;
    public const int MaxNameLength = 200;
    public const int MaxExpressionLength = 1000;
    public const int MaxUnitLength = 20;

    public int Id { get; set; }

    public string Code { get; set; } = "";

    public string Name { get; set; } = "";

    public string Numerator { get; set; } = "";

    /// <summary>Empty for a count indicator.</summary>
    public string Denominator { get; set; } = "";

    /// <summary>100 for a percentage, 1 for a ratio or count, 1000 for 每千人.</summary>
    public decimal Factor { get; set; } = 1;

    /// <summary>How the figure is written: %, 人, 所.</summary>
    public string Unit { get; set; } = "";

    public int Version { get; set; }

    public List<IndicatorTarget> Targets { get; set; } = [];
}

/// <summary>What an indicator should reach for one unit in one year (江东区 2026 年公办园占比 54%).</summary>
public class IndicatorTarget
{
    public int Id { get; set; }

    public int IndicatorId { get; set; }

    public int OrgUnitId { get; set; }

    public int Year { get; set; }

    public decimal Value { get; set; }
}

/// <summary>How an element's values combine over time (over units they always add up).</summary>
public enum PeriodAggregation
{
    /// <summary>Counts that add up over months (新增学位).</summary>
    Sum,

    /// <summary>The mean over the periods with a value (月均在园幼儿数).</summary>
    Average,

    /// <summary>The latest period's value (在园幼儿数 at the end of the year).</summary>
    Last,
}
