using Luoshi.Domain.Indicators;

namespace Luoshi.Domain.Data;

/// <summary>What a value is: a whole number, a number, a percentage (0–100), 是/否, or text.</summary>
public enum DataValueType
{
    Integer,
    Number,
    Percentage,
    YesNo,
    Text,
}

/// <summary>
/// A data element (在园幼儿总数): its code (used in indicator expressions as <c>#{CODE}</c>), value type, how its values
/// combine over time (<see cref="PeriodAggregation"/>), its 计量单位, and optionally one disaggregation — a named category
/// with options (办学性质: 公办/民办), whose values are read as <c>#{CODE.option}</c>.
/// </summary>
public class DataElement
{
    public const int MaxCodeLength = 50;
    public const int MaxNameLength = 200;
    public const int MaxUnitLength = 20;
    public const int MaxCategoryLength = 50;
    public const int MaxOptionsLength = 500;
    public const char OptionSeparator = '/';

    public int Id { get; set; }

    public string Code { get; set; } = "";

    public string Name { get; set; } = "";

    public DataValueType ValueType { get; set; }

    public PeriodAggregation Aggregation { get; set; }

    /// <summary>计量单位 (人, 所, %).</summary>
    public string Unit { get; set; } = "";

    /// <summary>The disaggregation's name (办学性质), empty when values are totals only.</summary>
    public string Category { get; set; } = "";

    /// <summary>The category's options separated by '/' (公办/民办), empty without a category.</summary>
    public string Options { get; set; } = "";

    public int Version { get; set; }

    public IReadOnlyList<string> OptionList =>
        [.. Options.Split(OptionSeparator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];

    /// <summary>Whether a value may be stored under this option ("" is the total, always allowed).</summary>
    public bool Allows(string option) => option.Length == 0 || OptionList.Contains(option);
}
