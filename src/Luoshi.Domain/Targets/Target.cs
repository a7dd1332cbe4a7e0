namespace Luoshi.Domain.Targets;

/// <summary>A measured target of a task ("创建30所党建示范校", "占比达到54%"), with its breakdown per unit and what has been reached.</summary>
public class Target
{
    public const int MaxSubjectLength = 200;
    public const int MaxUnitLength = 40;
    public const int MaxSourceTextLength = 1000;

    public int Id { get; set; }

    public int TaskId { get; set; }

    /// <summary>What is counted (党建示范校, 公办幼儿园在园儿童占比).</summary>
    public string Subject { get; set; } = "";

    public Comparator Comparator { get; set; }

    public decimal? Value { get; set; }

    /// <summary>The upper end of a range (1~2), or the second part of a ratio.</summary>
    public decimal? Upper { get; set; }

    public string Unit { get; set; } = "";

    /// <summary>The plan wrote XX instead of a number: it must be filled or dropped before publishing.</summary>
    public bool Placeholder { get; set; }

    public decimal? Baseline { get; set; }

    /// <summary>The target's own deadline, when one was set for it; null means it follows its task's (<see cref="DueBy"/>).</summary>
    public DateOnly? DueDate { get; set; }

    /// <summary>The target's deadline: its own if set, else its task's, so changing the task's deadline moves it.</summary>
    public DateOnly? DueBy(DateOnly? taskDue) => DueDate ?? taskDue;

    /// <summary>The words of the plan the target was read from.</summary>
    public string SourceText { get; set; } = "";

    /// <summary>The value reached so far, from accepted progress reports.</summary>
    public decimal? Actual { get; set; }

    public int? IndicatorId { get; set; }

    /// <summary>
    /// Of a breakdown child's target: the target of the task it was broken down from, whose share (the district's) this
    /// target is a part of (a school's part).
    /// </summary>
    public int? ParentTargetId { get; set; }

    public List<TargetShare> Breakdown { get; set; } = [];

    public int Version { get; set; }

    /// <summary>Does the breakdown add up to the value? Percentages are not summed across units, so they always do.</summary>
    public bool BreakdownAddsUp => Breakdown.Count == 0 || IsShareUnit(Unit) || Value is not { } total || Breakdown.Sum(s => s.Value) == total;

    /// <summary>What the target asks for, as an office writes it: 达到 30 所, 介于 1～2 个; an unfilled placeholder says XX.</summary>
    public string Goal()
    {
        var value = Placeholder || Value is null ? "XX" : Figure(Value.Value);
        if (Comparator == Comparator.Range && Upper is { } upper) value += "～" + Figure(upper);
        return $"{Comparator.ToChinese()} {value} {Unit}".TrimEnd();
    }

    /// <summary>The target as a sentence: 党建示范校 不低于 30 所.</summary>
    public string Describe() => $"{Subject} {Goal()}".Trim();

    /// <summary>A figure without trailing zeros (30, 54, 1.5), never in exponent form.</summary>
    public static string Figure(decimal value) => value.ToString("0.####", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Targets in percent or as a ratio (占比、比例、生师比) are shares: each unit's part is a rate, not a piece of the total.</summary>
    public static bool IsShareUnit(string unit) => unit.Contains('%') || unit.Contains('％') || unit.Contains('比');

    /// <summary>What a share is written in: numerator ÷ denominator × 100 for percentages, × 1 for ratios (比).</summary>
    public static decimal ShareScale(string unit) => unit.Contains('%') || unit.Contains('％') ? 100 : 1;

    /// <summary>Units' figures combine as ratios (shares and rates) rather than adding up (counts).</summary>
    public bool IsShare => IsShareUnit(Unit);

    /// <summary>Attainment in percent of the target reached (capped at 100 for "at most" targets met), or null without data.</summary>
    public decimal? Attainment => Attainments.Of(Comparator, Value, Upper, Actual);
}

/// <summary>One unit's share of a target (the city's 85 schools as each district's part).</summary>
public class TargetShare
{
    public int TargetId { get; set; }

    public int OrgUnitId { get; set; }

    public decimal Value { get; set; }
}

/// <summary>How the actual value is compared with the target.</summary>
public enum Comparator
{
    Equal,
    AtLeast,
    AtMost,
    Range,
}

public static class Comparators
{
    public static string ToCode(this Comparator c) => c switch
    {
        Comparator.AtLeast => ">=",
        Comparator.AtMost => "<=",
        Comparator.Range => "range",
        _ => "=",
    };

    public static string ToChinese(this Comparator c) => c switch
    {
        Comparator.AtLeast => "不低于",
        Comparator.AtMost => "不超过",
        Comparator.Range => "介于",
        _ => "达到",
    };

    public static bool TryParse(string? code, out Comparator comparator)
    {
        switch (code?.Trim())
        {
            case "=" or "==" or "达到": comparator = Comparator.Equal; return true;
            case ">=" or "≥" or "不低于" or "至少": comparator = Comparator.AtLeast; return true;
            case "<=" or "≤" or "不超过" or "以内": comparator = Comparator.AtMost; return true;
            case "range" or "介于": comparator = Comparator.Range; return true;
            default: comparator = Comparator.Equal; return false;
        }
    }
}

/// <summary>Attainment: how much of a target has been reached.</summary>
public static class Attainments
{
    public static decimal? Of(Comparator comparator, decimal? value, decimal? upper, decimal? actual)
    {
        if (actual is not { } a || value is not { } v) return null;
        if (comparator == Comparator.AtMost)
            return a <= v ? 100 : v == 0 ? 0 : Math.Round(Math.Max(0, 100 * v / a), 1);
        if (v == 0) return a >= 0 ? 100 : 0;
        return Math.Round(Math.Clamp(100 * a / v, 0, 100), 1);
    }
}
