using Luoshi.Application.Access;
using Luoshi.Domain.Data;
using Luoshi.Domain.Indicators;
using Luoshi.Domain.OrgUnits;
using Luoshi.Domain.Problems;
using Microsoft.EntityFrameworkCore;

namespace Luoshi.Application.Data;

/// <summary>
/// Validation rules of data sets (公办园在园幼儿数 ≤ 在园幼儿总数): defined by supervisors and administrators, checked when
/// values are saved or imported (<see cref="CheckAsync"/>: an error rule refuses, a warning rule stores and lists) and in
/// bulk for a set and period (<see cref="ViolationsAsync"/>). The one home of these rules for the API and the pages.
/// </summary>
public sealed class ValidationRules(LuoshiDb db)
{
    public sealed record RuleRequest(int? DataSetId, string? Name, string? Left, string? Operator, string? Right, string? Message, string? Severity);

    /// <summary>A rule broken by one unit's values for one period, with both sides' values.</summary>
    public sealed record Broken(ValidationRule Rule, int OrgUnitId, string Period, decimal Left, decimal Right)
    {
        /// <summary>“规则名：提示语（左 320 ≤ 右 300 不成立）”.</summary>
        public string Words => $"{Rule.Name}：{Rule.Message}（{Number(Left)} {RuleOperators.Symbol(Rule.Operator)} {Number(Right)} 不成立）";
    }

    /// <summary>One broken rule on the violations list, with the unit's name.</summary>
    public sealed record Violation(Broken Broken, OrgUnit Unit);

    private static string Number(decimal value) => value.ToString("0.####", System.Globalization.CultureInfo.InvariantCulture);

    public Task<List<ValidationRule>> ListAsync(int? dataSetId, CancellationToken ct = default) =>
        db.ValidationRules.AsNoTracking().Where(r => dataSetId == null || r.DataSetId == dataSetId).OrderBy(r => r.DataSetId).ThenBy(r => r.Id).ToListAsync(ct);

    public async Task<Outcome<ValidationRule>> CreateAsync(Caller caller, RuleRequest request, CancellationToken ct = default)
    {
        if (!DataDefinitions.MayDefine(caller)) return RuleProblems.Forbidden;
        var rule = new ValidationRule();
        var problems = await FillAsync(rule, request, ct);
        if (problems.Count > 0) return problems;
        db.ValidationRules.Add(rule);
        await db.SaveChangesAsync(ct);
        return rule;
    }

    public async Task<Outcome<ValidationRule>> UpdateAsync(Caller caller, int id, RuleRequest request, CancellationToken ct = default)
    {
        if (!DataDefinitions.MayDefine(caller)) return RuleProblems.Forbidden;
        if (await db.ValidationRules.FirstOrDefaultAsync(r => r.Id == id, ct) is not { } rule) return RuleProblems.NotFound;
        var problems = await FillAsync(rule, request with { DataSetId = request.DataSetId ?? rule.DataSetId }, ct);
        if (problems.Count > 0) return problems;
        rule.Version++;
        await db.SaveChangesAsync(ct);
        return rule;
    }

    public async Task<Outcome<int>> DeleteAsync(Caller caller, int id, CancellationToken ct = default)
    {
        if (!DataDefinitions.MayDefine(caller)) return RuleProblems.Forbidden;
        if (await db.ValidationRules.FirstOrDefaultAsync(r => r.Id == id, ct) is not { } rule) return RuleProblems.NotFound;
        db.ValidationRules.Remove(rule);
        await db.SaveChangesAsync(ct);
        return id;
    }

    /// <summary>Checks a request and writes it into the rule: every problem listed, nothing written when there is one.</summary>
    private async Task<List<Problem>> FillAsync(ValidationRule rule, RuleRequest r, CancellationToken ct)
    {
        var problems = new List<Problem>();
        var set = r.DataSetId is { } setId ? await db.DataSets.AsNoTracking().Include(s => s.Elements).FirstOrDefaultAsync(s => s.Id == setId, ct) : null;
        if (set is null) problems.Add(DataProblems.DataSetNotFound);
        var name = Required(r.Name, "规则名称", ValidationRule.MaxNameLength, problems);
        var message = Required(r.Message, "提示语", ValidationRule.MaxMessageLength, problems);
        var op = RuleOperators.Parse(r.Operator);
        if (op is null) problems.Add(RuleProblems.OperatorInvalid.With(r.Operator));
        var severity = RuleSeverity.Error;
        if (r.Severity is { Length: > 0 } s && (!Enum.TryParse(s, true, out severity) || !Enum.IsDefined(severity) || int.TryParse(s, out _)))
            problems.Add(RuleProblems.SeverityInvalid.With(s));
        var elements = set is null ? [] : await ElementsOfAsync(set, ct);
        var left = Side(r.Left, "左侧表达式", elements, set, problems);
        var right = Side(r.Right, "右侧表达式", elements, set, problems);
        if (problems.Count > 0) return problems;
        (rule.DataSetId, rule.Name, rule.Message, rule.Operator, rule.Severity, rule.Left, rule.Right) =
            (set!.Id, name, message, op!.Value, severity, left!.Text, right!.Text);
        return problems;
    }

    private async Task<Dictionary<string, DataElement>> ElementsOfAsync(DataSet set, CancellationToken ct)
    {
        var ids = set.Elements.Select(e => e.DataElementId).ToList();
        return await db.DataElements.AsNoTracking().Where(e => ids.Contains(e.Id)).ToDictionaryAsync(e => e.Code, ct);
    }

    private static IndicatorExpression? Side(string? text, string what, Dictionary<string, DataElement> elements, DataSet? set, List<Problem> problems)
    {
        if ((text ?? "").Length > ValidationRule.MaxExpressionLength)
        {
            problems.Add(DefinitionProblems.TooLong.With(what));
            return null;
        }
        var parsed = IndicatorExpression.Parse(text, what, constantAllowed: true);
        if (parsed.Problem is { } p)
        {
            problems.Add(RuleProblems.ExpressionInvalid.With(p.ToChinese()));
            return null;
        }
        if (set is null) return null;
        foreach (var operand in parsed.Expression!.Operands)
        {
            if (!elements.TryGetValue(operand.ElementCode, out var element)) problems.Add(RuleProblems.NotInSet.With(what, operand.ElementCode, set.Name));
            else if (operand.Option is { } option && !element.OptionList.Contains(option))
                problems.Add(DataValueProblems.OptionUnknown.With(option, element.Name, element.Options));
        }
        return parsed.Expression;
    }

    private static string Required(string? value, string what, int max, List<Problem> problems)
    {
        var text = (value ?? "").Trim();
        if (text.Length == 0) problems.Add(DefinitionProblems.Missing.With(what));
        else if (text.Length > max) problems.Add(DefinitionProblems.TooLong.With(what));
        return text;
    }

    /// <summary>
    /// The rules broken by values about to be stored, read together with the values already stored for the same units
    /// and periods (a value in the batch replaces the stored one). The rules are those of every data set that collects
    /// one of the values' elements for that unit and kind of period.
    /// </summary>
    public async Task<List<Broken>> CheckAsync(IReadOnlyList<DataEntry.CheckedValue> values, CancellationToken ct = default)
    {
        if (values.Count == 0) return [];
        var book = await RuleBook.LoadAsync(db, ct);
        if (book.IsEmpty) return [];
        var units = await db.OrgUnits.AsNoTracking().ToDictionaryAsync(u => u.Id, ct);
        var groups = values.GroupBy(v => (Unit: v.Input.OrgUnitId!.Value, v.Period)).ToList();
        var elementIds = values.Select(v => v.Element.Id).ToHashSet();
        var wanted = groups.Select(g => (g.Key, Rules: book.RulesFor(g.Key.Period.Type, units[g.Key.Unit], units, elementIds))).Where(x => x.Rules.Count > 0).ToList();
        if (wanted.Count == 0) return [];
        var stored = await book.StoredAsync(db, wanted.SelectMany(w => w.Rules), wanted.Select(w => w.Key.Unit).Distinct().ToList(),
            wanted.Min(w => w.Key.Period.Start), wanted.Max(w => w.Key.Period.Start), ct);
        foreach (var v in values) stored[(v.Input.OrgUnitId!.Value, v.Period.Text, v.Element.Id, v.Option)] = v.Number;
        return [.. wanted.SelectMany(w => book.Check(w.Rules, w.Key.Unit, w.Key.Period.Text, stored))];
    }

    /// <summary>The rules of a data set that one unit's stored values for a period break (the entry grid shows them).</summary>
    public async Task<List<Broken>> OfUnitAsync(int dataSetId, int unitId, Period period, CancellationToken ct = default)
    {
        var book = await RuleBook.LoadAsync(db, ct);
        var rules = book.RulesOf(dataSetId);
        if (rules.Count == 0) return [];
        var stored = await book.StoredAsync(db, rules, [unitId], period.Start, period.Start, ct);
        return [.. book.Check(rules, unitId, period.Text, stored)];
    }

    /// <summary>Every broken rule of a data set for a period, by unit (those in the caller's view), with both sides' values.</summary>
    public async Task<Outcome<List<Violation>>> ViolationsAsync(Caller caller, int dataSetId, string? periodText, CancellationToken ct = default)
    {
        var set = await db.DataSets.AsNoTracking().Include(s => s.Elements).FirstOrDefaultAsync(s => s.Id == dataSetId, ct);
        if (set is null) return DataProblems.DataSetNotFound;
        if (Period.Parse(periodText) is not { } period) return DataProblems.PeriodInvalid.With(periodText);
        if (period.Type != set.PeriodType) return DataProblems.PeriodWrongType.With(period.Text, PeriodTypes.ToChinese(set.PeriodType));
        var book = await RuleBook.LoadAsync(db, ct);
        var rules = book.RulesOf(set.Id);
        if (rules.Count == 0) return new List<Violation>();
        var units = await db.OrgUnits.AsNoTracking().ToDictionaryAsync(u => u.Id, ct);
        var mine = units.Values.Where(u => DataEntry.Assigned(set, u, units) && (caller.SeesEverything || DataEntry.MayEnter(caller, u))).ToList();
        var stored = await book.StoredAsync(db, rules, null, period.Start, period.Start, ct);
        return mine.OrderBy(u => u.SortOrder).ThenBy(u => u.Code)
            .SelectMany(u => book.Check(rules, u.Id, period.Text, stored).Select(b => new Violation(b, u))).ToList();
    }
}

/// <summary>The rules of every data set, read once, with the elements their expressions name.</summary>
internal sealed class RuleBook
{
    /// <summary>A rule with its sides read.</summary>
    internal sealed record Parsed(ValidationRule Rule, DataSet Set, IndicatorExpression Left, IndicatorExpression Right, IReadOnlySet<int> ElementIds);

    private readonly List<Parsed> rules;
    private readonly Dictionary<string, DataElement> elements;

    private RuleBook(List<Parsed> rules, Dictionary<string, DataElement> elements) => (this.rules, this.elements) = (rules, elements);

    public bool IsEmpty => rules.Count == 0;

    public static async Task<RuleBook> LoadAsync(LuoshiDb db, CancellationToken ct)
    {
        var stored = await db.ValidationRules.AsNoTracking().ToListAsync(ct);
        if (stored.Count == 0) return new([], []);
        var sets = await db.DataSets.AsNoTracking().Include(s => s.Elements).ToDictionaryAsync(s => s.Id, ct);
        var elements = await db.DataElements.AsNoTracking().ToDictionaryAsync(e => e.Code, ct);
        var parsed = new List<Parsed>();
        foreach (var rule in stored.OrderBy(r => r.Id))
        {
            // A rule whose element was removed from its set since is not checked.
            if (IndicatorExpression.Parse(rule.Left, "", constantAllowed: true).Expression is not { } left
                || IndicatorExpression.Parse(rule.Right, "", constantAllowed: true).Expression is not { } right) continue;
            var operands = left.Operands.Concat(right.Operands).ToList();
            if (!operands.All(o => elements.ContainsKey(o.ElementCode)) || !sets.TryGetValue(rule.DataSetId, out var set)) continue;
            parsed.Add(new(rule, set, left, right, operands.Select(o => elements[o.ElementCode].Id).ToHashSet()));
        }
        return new(parsed, elements);
    }

    public List<Parsed> RulesOf(int setId) => [.. rules.Where(r => r.Set.Id == setId)];

    /// <summary>The rules touched by values of these elements for a unit and kind of period: of the sets asking the unit for them.</summary>
    public List<Parsed> RulesFor(PeriodType type, OrgUnit unit, IReadOnlyDictionary<int, OrgUnit> units, IReadOnlySet<int> elementIds) =>
        [.. rules.Where(r => r.Set.PeriodType == type && r.ElementIds.Overlaps(elementIds) && DataEntry.Assigned(r.Set, unit, units))];

    /// <summary>The stored numbers of the rules' elements for periods starting in a range (of some units, or all), by unit, period, element and option.</summary>
    public async Task<Dictionary<(int Unit, string Period, int Element, string Option), decimal?>> StoredAsync(LuoshiDb db, IEnumerable<Parsed> of,
        IReadOnlyList<int>? unitIds, DateOnly from, DateOnly to, CancellationToken ct)
    {
        var ids = of.SelectMany(r => r.ElementIds).Distinct().ToList();
        var query = db.DataValues.AsNoTracking().Where(v => ids.Contains(v.DataElementId) && v.StartDate >= from && v.StartDate <= to);
        if (unitIds is not null) query = query.Where(v => unitIds.Contains(v.OrgUnitId));
        var rows = await query.Select(v => new { v.OrgUnitId, v.Period, v.DataElementId, v.Option, v.Numeric }).ToListAsync(ct);
        return rows.ToDictionary(v => (v.OrgUnitId, v.Period, v.DataElementId, v.Option), v => v.Numeric);
    }

    /// <summary>The rules a unit's values for a period break; a rule with an element without a value is not checked.</summary>
    public IEnumerable<ValidationRules.Broken> Check(IEnumerable<Parsed> of, int unit, string period,
        IReadOnlyDictionary<(int Unit, string Period, int Element, string Option), decimal?> values)
    {
        decimal? ValueOf(ElementOperand operand)
        {
            var element = elements[operand.ElementCode];
            if (values.GetValueOrDefault((unit, period, element.Id, operand.Option ?? "")) is { } given) return given;
            if (operand.Option is not null || element.OptionList.Count == 0) return null;
            // An element by options without its total: the total is the sum of the options given.
            var parts = element.OptionList.Select(o => values.GetValueOrDefault((unit, period, element.Id, o))).Where(n => n is not null).ToList();
            return parts.Count == 0 ? null : parts.Sum();
        }
        foreach (var r in of)
        {
            if (RuleOperators.Evaluate(r.Left, ValueOf) is not { } left || RuleOperators.Evaluate(r.Right, ValueOf) is not { } right) continue;
            if (!RuleOperators.Holds(r.Rule.Operator, left, right)) yield return new(r.Rule, unit, period, left, right);
        }
    }
}

/// <summary>Refusals about validation rules and broken rules, in Chinese and English.</summary>
public static class RuleProblems
{
    private static readonly ProblemCatalog Catalog = new("validation-rule");

    public static readonly ProblemType Forbidden = Catalog.Of(ProblemKind.Forbidden, "forbidden", "只有督导和管理员可以定义校验规则",
        "Only supervisors and administrators define validation rules");
    public static readonly ProblemType NotFound = Catalog.Of(ProblemKind.NotFound, "not-found", "找不到该校验规则", "No such validation rule");
    public static readonly ProblemType OperatorInvalid = Catalog.Invalid("operator-invalid", "比较符“{0}”应为 ≤、<、=、≥、> 或 ≠",
        "The operator “{0}” must be ≤, <, =, ≥, > or ≠");
    public static readonly ProblemType SeverityInvalid = Catalog.Invalid("severity-invalid", "严重程度“{0}”应为 error（错误，拒绝保存）或 warning（警告，保存并提示）",
        "The severity “{0}” must be error or warning");
    public static readonly ProblemType ExpressionInvalid = Catalog.Invalid("expression-invalid", "{0}", "{0}");
    public static readonly ProblemType NotInSet = Catalog.Invalid("not-in-set", "{0}中的数据元“{1}”不在数据集“{2}”中",
        "The {0} names “{1}”, which is not an element of “{2}”");
    public static readonly ProblemType Broken = Catalog.Of(ProblemKind.Unreadable, "broken", "“{0}”{1}：{2}，未保存任何数据",
        "“{0}” {1}: {2}; nothing was stored");
}
