using System.Globalization;
using System.Text;
using Luoshi.Domain.Problems;

namespace Luoshi.Domain.Indicators;

/// <summary>One operand of an expression: a data element by code, optionally one disaggregation option of it (<c>#{YE.公办}</c>).</summary>
public sealed record ElementOperand(string ElementCode, string? Option)
{
    public override string ToString() => Option is null ? $"#{{{ElementCode}}}" : $"#{{{ElementCode}.{Option}}}";
}

/// <summary>A signed term of an expression: an element operand (sign ±1) or a constant.</summary>
public sealed record ExpressionTerm(int Sign, ElementOperand? Operand, decimal Constant)
{
    public override string ToString() => Operand?.ToString() ?? Constant.ToString(CultureInfo.InvariantCulture);
}

/// <summary>
/// The numerator or denominator of an indicator: a sum and difference of data elements and constants,
/// <c>#{GYYE} + #{PHYE.民办}</c>. Kept small on purpose (no products, no brackets): each term adds up over units and
/// periods, so the indicator rolls up as a ratio of sums.
/// </summary>
public sealed class IndicatorExpression
{
    private IndicatorExpression(string text, IReadOnlyList<ExpressionTerm> terms)
    {
        Text = text;
        Terms = terms;
    }

    public string Text { get; }

    public IReadOnlyList<ExpressionTerm> Terms { get; }

    public IEnumerable<ElementOperand> Operands => Terms.Where(t => t.Operand is not null).Select(t => t.Operand!);

    /// <summary>
    /// Reads an expression; <paramref name="what"/> names it in errors (分子, 分母). With <paramref name="constantAllowed"/>
    /// a number alone is an expression too (a validation rule's right side: 农村公办园在园幼儿数 &gt; 0).
    /// </summary>
    public static Outcome Parse(string? text, string what, bool constantAllowed = false)
    {
        var source = (text ?? "").Trim();
        if (source.Length == 0) return new(null, IndicatorProblems.ExpressionEmpty.With(what));
        var terms = new List<ExpressionTerm>();
        var i = 0;
        var expectTerm = true;
        var sign = 1;
        var unary = false;
        while (i < source.Length)
        {
            var c = source[i];
            if (char.IsWhiteSpace(c)) { i++; continue; }
            if (expectTerm)
            {
                if (IsSign(c))
                {
                    // A leading sign (-#{A}) is allowed once; two operators in a row are not.
                    if (terms.Count > 0 || unary) return Error(source, what, i, "运算符后缺少数据元");
                    unary = true;
                    if (c is '-' or '－') sign = -1;
                    i++;
                    continue;
                }
                if (c == '#')
                {
                    if (i + 1 >= source.Length || source[i + 1] != '{') return Error(source, what, i, "# 后面应是 {");
                    var close = source.IndexOf('}', i + 2);
                    if (close < 0) return Error(source, what, i, "缺少 }");
                    var inner = source[(i + 2)..close].Trim();
                    var dot = inner.IndexOf('.');
                    var code = (dot < 0 ? inner : inner[..dot]).Trim();
                    var option = dot < 0 ? null : inner[(dot + 1)..].Trim();
                    if (code.Length == 0) return Error(source, what, i, "#{} 中缺少数据元代码");
                    if (option is { Length: 0 }) return Error(source, what, i, "“.”后缺少分类名称");
                    terms.Add(new ExpressionTerm(sign, new ElementOperand(code, option), 0));
                    i = close + 1;
                }
                else if (char.IsAsciiDigit(c))
                {
                    var start = i;
                    while (i < source.Length && (char.IsAsciiDigit(source[i]) || source[i] == '.')) i++;
                    if (!decimal.TryParse(source[start..i], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
                        return Error(source, what, start, "不是有效的数字");
                    terms.Add(new ExpressionTerm(sign, null, sign * number));
                }
                else return Error(source, what, i, "应是 #{数据元代码} 或数字");
                expectTerm = false;
                sign = 1;
            }
            else
            {
                if (!IsSign(c)) return Error(source, what, i, "两项之间只能用 + 或 -");
                sign = c is '-' or '－' ? -1 : 1;
                expectTerm = true;
                i++;
            }
        }
        if (expectTerm) return Error(source, what, source.Length, "末尾缺少数据元");
        if (!constantAllowed && !terms.Any(t => t.Operand is not null)) return Error(source, what, 0, "至少要有一个数据元");
        return new(new IndicatorExpression(Normalise(terms), terms), null);
    }

    private static bool IsSign(char c) => c is '+' or '-' or '＋' or '－';

    private static Outcome Error(string source, string what, int at, string why) =>
        new(null, IndicatorProblems.ExpressionSyntax.With(what, source, at + 1, why));

    private static string Normalise(IReadOnlyList<ExpressionTerm> terms)
    {
        var text = new StringBuilder();
        foreach (var term in terms)
        {
            var sign = term.Operand is null ? Math.Sign(term.Constant) : term.Sign;
            if (text.Length > 0) text.Append(sign < 0 ? " - " : " + ");
            else if (sign < 0) text.Append('-');
            text.Append(term.Operand?.ToString() ?? Math.Abs(term.Constant).ToString(CultureInfo.InvariantCulture));
        }
        return text.ToString();
    }

    public override string ToString() => Text;

    /// <summary>A parsed expression or why it could not be read.</summary>
    public sealed record Outcome(IndicatorExpression? Expression, Problem? Problem);
}
