using Luoshi.Domain.Indicators;

namespace Luoshi.Domain.Data;

/// <summary>How a rule compares its two sides: ≤ &lt; = ≥ &gt; ≠.</summary>
public enum RuleOperator
{
    LessOrEqual,
    Less,
    Equal,
    GreaterOrEqual,
    Greater,
    NotEqual,
}

/// <summary>What a broken rule does to a save or an import: an error refuses it, a warning stores and lists it.</summary>
public enum RuleSeverity
{
    Error,
    Warning,
}

/// <summary>
/// A validation rule of a data set (公办园在园幼儿数 ≤ 在园幼儿总数): a left and a right expression over the set's elements
/// (sums and differences of <c>#{CODE}</c>, <c>#{CODE.option}</c> and numbers, read as <see cref="IndicatorExpression"/>),
/// compared by <see cref="Operator"/> for one unit and period. A rule is checked only when every element it names has a
/// value for that unit and period (a missing value breaks nothing; completeness answers for missing values).
/// </summary>
public class ValidationRule
{
    public const int MaxNameLength = 200;
    public const int MaxExpressionLength = 500;
    public const int MaxMessageLength = 500;

    public int Id { get; set; }

    public int DataSetId { get; set; }

    public string Name { get; set; } = "";

    public string Left { get; set; } = "";

    public RuleOperator Operator { get; set; }

    public string Right { get; set; } = "";

    /// <summary>The Chinese message shown when the rule is broken (“公办园在园幼儿数不能超过在园幼儿总数”).</summary>
    public string Message { get; set; } = "";

    public RuleSeverity Severity { get; set; }

    public int Version { get; set; }

    /// <summary>The rule as a formula (公办 ≤ 总数), for lists.</summary>
    public string Formula => $"{Left} {RuleOperators.Symbol(Operator)} {Right}";
}

/// <summary>The symbols of <see cref="RuleOperator"/> and whether two numbers satisfy one.</summary>
public static class RuleOperators
{
    public static string Symbol(RuleOperator op) => op switch
    {
        RuleOperator.LessOrEqual => "≤",
        RuleOperator.Less => "<",
        RuleOperator.Equal => "=",
        RuleOperator.GreaterOrEqual => "≥",
        RuleOperator.Greater => ">",
        _ => "≠",
    };

    /// <summary>Reads an operator as a symbol (≤, &lt;=, ≠, !=, …) or its name (lessOrEqual); null when it is none of them.</summary>
    public static RuleOperator? Parse(string? text) => (text ?? "").Trim() switch
    {
        "≤" or "<=" or "＜＝" => RuleOperator.LessOrEqual,
        "<" or "＜" => RuleOperator.Less,
        "=" or "==" or "＝" => RuleOperator.Equal,
        "≥" or ">=" or "＞＝" => RuleOperator.GreaterOrEqual,
        ">" or "＞" => RuleOperator.Greater,
        "≠" or "!=" or "<>" => RuleOperator.NotEqual,
        var name when Enum.TryParse<RuleOperator>(name, true, out var op) && Enum.IsDefined(op) && !int.TryParse(name, out _) => op,
        _ => null,
    };

    public static bool Holds(RuleOperator op, decimal left, decimal right) => op switch
    {
        RuleOperator.LessOrEqual => left <= right,
        RuleOperator.Less => left < right,
        RuleOperator.Equal => left == right,
        RuleOperator.GreaterOrEqual => left >= right,
        RuleOperator.Greater => left > right,
        _ => left != right,
    };

    /// <summary>
    /// The value of an expression for one unit and period, each operand read by <paramref name="valueOf"/>; null when an
    /// operand has no value (the rule is then not checked).
    /// </summary>
    public static decimal? Evaluate(IndicatorExpression expression, Func<ElementOperand, decimal?> valueOf)
    {
        var sum = 0m;
        foreach (var term in expression.Terms)
        {
            if (term.Operand is null)
            {
                sum += term.Constant;
                continue;
            }
            if (valueOf(term.Operand) is not { } value) return null;
            sum += term.Sign * value;
        }
        return sum;
    }
}

/// <summary>
/// A lock on one period of a data set: while <see cref="Locked"/>, nothing of the period may be entered, imported or
/// filed. A row with <see cref="Locked"/> false is a supervisor's unlock, which overrides the set's automatic lock
/// (<see cref="DataSet.LockAfterDays"/>). Audited: who locked or unlocked and when.
/// </summary>
public class DataPeriodLock
{
    public int Id { get; set; }

    public int DataSetId { get; set; }

    public string Period { get; set; } = "";

    public bool Locked { get; set; }

    public int? ChangedById { get; set; }

    public DateTime ChangedAt { get; set; }

    public int Version { get; set; }
}
