using Luoshi.Application.Access;
using Luoshi.Domain.Indicators;
using Luoshi.Domain.Problems;
using Microsoft.EntityFrameworkCore;

namespace Luoshi.Application.Analytics;

/// <summary>
/// Defining indicators (督导、管理员) and their targets per unit and year, and listing them (anyone signed in): the one
/// home of these rules for the indicators API and page. The numerator and denominator are read by
/// <see cref="IndicatorExpression"/>, and every element and option they name must exist; a saved indicator reaches the
/// analytics store at once.
/// </summary>
public sealed class IndicatorDefinitions(LuoshiDb db, AnalyticsStore store)
{
    public sealed record TargetInput(int? OrgUnitId, int? Year, decimal? Value);

    public sealed record IndicatorRequest(string? Code, string? Name, string? Numerator, string? Denominator, decimal? Factor, string? Unit,
        IReadOnlyList<TargetInput>? Targets);

    public static bool MayDefine(Caller caller) => caller.Role is Domain.People.Role.Admin or Domain.People.Role.Supervisor;

    public Task<List<Indicator>> ListAsync(CancellationToken ct = default) =>
        db.Indicators.AsNoTracking().Include(i => i.Targets).OrderBy(i => i.Code).ToListAsync(ct);

    public async Task<Outcome<Indicator>> FindAsync(int id, CancellationToken ct = default) =>
        await db.Indicators.AsNoTracking().Include(i => i.Targets).SingleOrDefaultAsync(i => i.Id == id, ct) is { } found
            ? found
            : IndicatorProblems.NotFound;

    public Task<Outcome<Indicator>> CreateAsync(Caller caller, IndicatorRequest request, CancellationToken ct = default) =>
        SaveAsync(caller, null, request, ct);

    public Task<Outcome<Indicator>> UpdateAsync(Caller caller, int id, IndicatorRequest request, CancellationToken ct = default) =>
        SaveAsync(caller, id, request, ct);

    private async Task<Outcome<Indicator>> SaveAsync(Caller caller, int? id, IndicatorRequest r, CancellationToken ct)
    {
        if (!MayDefine(caller)) return IndicatorProblems.Forbidden;
        Indicator? indicator = null;
        if (id is { } existing && (indicator = await db.Indicators.Include(i => i.Targets).SingleOrDefaultAsync(i => i.Id == existing, ct)) is null)
            return IndicatorProblems.NotFound;
        var problems = new List<Problem>();
        var code = (r.Code ?? "").Trim();
        var name = (r.Name ?? "").Trim();
        if (code.Length == 0) problems.Add(IndicatorProblems.CodeMissing);
        else if (code.Length > Indicator.MaxCodeLength) problems.Add(IndicatorProblems.TooLong.With("指标代码", Indicator.MaxCodeLength));
        if (name.Length == 0) problems.Add(IndicatorProblems.NameMissing);
        else if (name.Length > Indicator.MaxNameLength) problems.Add(IndicatorProblems.TooLong.With("指标名称", Indicator.MaxNameLength));
        var unit = (r.Unit ?? "").Trim();
        if (unit.Length > Indicator.MaxUnitLength) problems.Add(IndicatorProblems.TooLong.With("计量单位", Indicator.MaxUnitLength));
        var factor = r.Factor ?? 1;
        if (factor <= 0 || factor > 1_000_000) problems.Add(IndicatorProblems.FactorInvalid);
        var numerator = await ExpressionAsync(r.Numerator, "分子", problems, ct);
        var denominator = string.IsNullOrWhiteSpace(r.Denominator) ? null : await ExpressionAsync(r.Denominator, "分母", problems, ct);
        var targets = await TargetsAsync(r.Targets ?? [], problems, ct);
        if (code.Length > 0 && await db.Indicators.AnyAsync(i => i.Code == code && i.Id != (id ?? 0), ct))
            problems.Add(IndicatorProblems.CodeTaken.With(code));
        if (problems.Count > 0) return problems;
        if (indicator is null) db.Indicators.Add(indicator = new Indicator());
        indicator.Code = code;
        indicator.Name = name;
        indicator.Numerator = numerator!.Text;
        indicator.Denominator = denominator?.Text ?? "";
        indicator.Factor = factor;
        indicator.Unit = unit;
        // Targets are replaced as a whole: one per unit and year, the last given wins.
        db.IndicatorTargets.RemoveRange(indicator.Targets.Where(t => !targets.Any(n => n.OrgUnitId == t.OrgUnitId && n.Year == t.Year)));
        foreach (var target in targets)
        {
            var kept = indicator.Targets.FirstOrDefault(t => t.OrgUnitId == target.OrgUnitId && t.Year == target.Year);
            if (kept is null) indicator.Targets.Add(target);
            else kept.Value = target.Value;
        }
        if (id is not null) indicator.Version++;
        await db.SaveChangesAsync(ct);
        store.DefinitionsChanged();
        return indicator;
    }

    private async Task<IndicatorExpression?> ExpressionAsync(string? text, string what, List<Problem> problems, CancellationToken ct)
    {
        if ((text ?? "").Length > Indicator.MaxExpressionLength)
        {
            problems.Add(IndicatorProblems.TooLong.With(what, Indicator.MaxExpressionLength));
            return null;
        }
        var parsed = IndicatorExpression.Parse(text, what);
        if (parsed.Problem is { } problem)
        {
            problems.Add(problem);
            return null;
        }
        var expression = parsed.Expression!;
        var codes = expression.Operands.Select(o => o.ElementCode).Distinct().ToList();
        var elements = await db.DataElements.AsNoTracking().Where(e => codes.Contains(e.Code)).ToDictionaryAsync(e => e.Code, ct);
        foreach (var operand in expression.Operands.Distinct())
        {
            if (!elements.TryGetValue(operand.ElementCode, out var element)) problems.Add(IndicatorProblems.UnknownElement.With(what, operand.ElementCode));
            else if (operand.Option is { } option && !element.OptionList.Contains(option))
                problems.Add(IndicatorProblems.UnknownOption.With(what, operand.ElementCode, option));
        }
        return expression;
    }

    private async Task<List<IndicatorTarget>> TargetsAsync(IReadOnlyList<TargetInput> inputs, List<Problem> problems, CancellationToken ct)
    {
        var ids = inputs.Select(t => t.OrgUnitId ?? 0).Distinct().ToList();
        var known = await db.OrgUnits.Where(u => ids.Contains(u.Id)).Select(u => u.Id).ToListAsync(ct);
        var targets = new Dictionary<(int, int), IndicatorTarget>();
        foreach (var input in inputs)
        {
            if (input.OrgUnitId is not { } unit || !known.Contains(unit)) problems.Add(IndicatorProblems.TargetUnitUnknown.With(input.OrgUnitId));
            else if (input.Year is not (>= 2000 and <= 2100) || input.Year is not { } year) problems.Add(IndicatorProblems.TargetYearInvalid);
            else if (input.Value is not { } value) problems.Add(IndicatorProblems.TargetValueMissing.With(year));
            else targets[(unit, year)] = new IndicatorTarget { OrgUnitId = unit, Year = year, Value = value };
        }
        return [.. targets.Values];
    }
}
