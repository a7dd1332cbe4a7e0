using System.Globalization;
using Luoshi.Application.Access;
using Luoshi.Domain.Data;
using Luoshi.Domain.OrgUnits;
using Luoshi.Domain.Problems;
using Luoshi.Domain.Time;
using Microsoft.EntityFrameworkCore;

namespace Luoshi.Application.Data;

/// <summary>
/// Entering data values and filing reports (报送, 零报告) for a unit and period: the one home of these rules, called by
/// the data-values API and the entry pages. Who may enter for a unit: the unit's own people, its district for a school,
/// supervisors and administrators for any; nobody else (departments and leaders read only). A batch is checked value by
/// value — element, unit, period, option, type — and stored whole or not at all, every bad value listed with why.
/// </summary>
public sealed class DataEntry(LuoshiDb db, ChinaClock? clock = null, Analytics.AnalyticsStore? analytics = null)
{
    public const int MaxBatch = 5000;

    private ChinaClock Clock => clock ?? ChinaClock.System;

    /// <summary>One value as asked for: element, unit, period text, option ("" or null for the total) and the value as written.</summary>
    public sealed record ValueInput(int? DataElementId, int? OrgUnitId, string? Period, string? Option, string? Value);

    /// <summary>Whether the caller may enter data for (or report for) this unit.</summary>
    public static bool MayEnter(Caller caller, OrgUnit unit) =>
        caller.Role is Domain.People.Role.Admin or Domain.People.Role.Supervisor
        || caller.OrgUnitId == unit.Id
        || (caller.Role == Domain.People.Role.District && unit.Kind == OrgUnitKind.School && unit.ParentId == caller.OrgUnitId);

    /// <summary>Whether a data set asks this unit to report: the unit's kind, and under the set's root if it has one.</summary>
    public static bool Assigned(DataSet set, OrgUnit unit, IReadOnlyDictionary<int, OrgUnit> all)
    {
        if (unit.Kind != set.UnitKind) return false;
        if (set.RootUnitId is not { } root) return true;
        for (OrgUnit? u = unit; u is not null; u = u.ParentId is { } p && all.TryGetValue(p, out var parent) ? parent : null)
            if (u.Id == root) return true;
        return false;
    }

    /// <summary>One value that passed every check, ready to store.</summary>
    public sealed record CheckedValue(ValueInput Input, DataElement Element, Period Period, string Option, decimal? Number, string? Text);

    /// <summary>Checks a batch without storing it (the entry grid's checks as you type): every bad value listed with why.</summary>
    public async Task<Outcome<List<CheckedValue>>> CheckAsync(Caller caller, IReadOnlyList<ValueInput> inputs, CancellationToken ct = default)
    {
        if (inputs.Count == 0) return DataProblems.NoValues;
        if (inputs.Count > MaxBatch) return DataProblems.TooManyValues.With(MaxBatch);
        var (checkedValues, refused) = await CheckEachAsync(caller, inputs, ct);
        if (refused.FirstOrDefault(r => r.Why.Kind == ProblemKind.Forbidden) is { Why: { } forbidden }) return forbidden;
        if (refused.FirstOrDefault(r => r.Why.Type == LockProblems.Locked) is { Why: { } locked }) return locked;
        if (refused.Count > 0) return refused.Select(r => (Problem)DataProblems.ValueInvalid.With(r.Index + 1, r.Why.ToChinese())).ToList();
        return checkedValues;
    }

    /// <summary>
    /// Checks every value of a batch of any size (an import's rows): the good ones, and each bad one by its index with why.
    /// A value for a unit the caller may not enter for is refused with <see cref="DataProblems.Forbidden"/>.
    /// </summary>
    public async Task<(List<CheckedValue> Good, List<(int Index, Problem Why)> Refused)> CheckEachAsync(Caller caller, IReadOnlyList<ValueInput> inputs,
        CancellationToken ct = default)
    {
        var elementIds = inputs.Select(i => i.DataElementId ?? 0).Distinct().ToList();
        var elements = await db.DataElements.AsNoTracking().Where(e => elementIds.Contains(e.Id)).ToDictionaryAsync(e => e.Id, ct);
        var units = await db.OrgUnits.AsNoTracking().ToDictionaryAsync(u => u.Id, ct);
        var sets = await db.DataSets.AsNoTracking().Include(s => s.Elements).ToListAsync(ct);
        var locked = await new PeriodLocks(db, clock).CheckerAsync(ct);
        var refused = new List<(int, Problem)>();
        var checkedValues = new List<CheckedValue>();
        for (var i = 0; i < inputs.Count; i++)
        {
            var input = inputs[i];
            var why = Check(caller, input, elements, units, sets, locked, out var element, out var period, out var number, out var text);
            if (why is not null) refused.Add((i, why));
            else checkedValues.Add(new(input, element!, period, (input.Option ?? "").Trim(), number, text));
        }
        return (checkedValues, refused);
    }

    /// <summary>What a save stored, with the warning rules the values break (stored all the same).</summary>
    public sealed record Saved(int Count, IReadOnlyList<ValidationRules.Broken> Warnings);

    /// <summary>
    /// Checks and stores a batch whole or not at all: a bad value, a locked period or a broken error rule refuses it (every
    /// broken rule listed); broken warning rules are stored and answered.
    /// </summary>
    public async Task<Outcome<Saved>> SaveAsync(Caller caller, IReadOnlyList<ValueInput> inputs, CancellationToken ct = default)
    {
        var outcome = await CheckAsync(caller, inputs, ct);
        if (outcome.Value is not { } checkedValues) return outcome.Problems.ToList();
        var broken = await new ValidationRules(db).CheckAsync(checkedValues, ct);
        if (await RefusedByRulesAsync(broken, ct) is { Count: > 0 } refusals) return refusals;
        return new Saved(await StoreAsync(caller, checkedValues, ct), [.. broken.Where(b => b.Rule.Severity == RuleSeverity.Warning)]);
    }

    /// <summary>The refusals for the broken error rules, each naming its unit and period (none when only warnings are broken).</summary>
    public async Task<List<Problem>> RefusedByRulesAsync(IReadOnlyList<ValidationRules.Broken> broken, CancellationToken ct = default)
    {
        var errors = broken.Where(b => b.Rule.Severity == RuleSeverity.Error).ToList();
        if (errors.Count == 0) return [];
        var ids = errors.Select(b => b.OrgUnitId).Distinct().ToList();
        var names = await db.OrgUnits.AsNoTracking().Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Name, ct);
        return [.. errors.Select(b => (Problem)RuleProblems.Broken.With(names.GetValueOrDefault(b.OrgUnitId, ""), b.Period, b.Words))];
    }

    /// <summary>Stores values that have passed every check, in one transaction (an existing value is replaced).</summary>
    public async Task<int> StoreAsync(Caller caller, IReadOnlyList<CheckedValue> checkedValues, CancellationToken ct = default)
    {
        var elementIds = checkedValues.Select(v => v.Element.Id).Distinct().ToList();
        var now = Clock.UtcNow;
        var unitIds = checkedValues.Select(v => v.Input.OrgUnitId!.Value).Distinct().ToList();
        var periods = checkedValues.Select(v => v.Period.Text).Distinct().ToList();
        var existing = await db.DataValues
            .Where(v => elementIds.Contains(v.DataElementId) && unitIds.Contains(v.OrgUnitId) && periods.Contains(v.Period))
            .ToDictionaryAsync(v => (v.DataElementId, v.OrgUnitId, v.Period, v.Option), ct);
        foreach (var (input, element, period, option, number, text) in checkedValues)
        {
            var key = (element.Id, input.OrgUnitId!.Value, period.Text, option);
            if (!existing.TryGetValue(key, out var value))
            {
                value = new DataValue
                {
                    DataElementId = element.Id, OrgUnitId = key.Item2, Period = period.Text, PeriodType = period.Type,
                    StartDate = period.Start, EndDate = period.End, Option = option,
                };
                db.DataValues.Add(value);
                existing[key] = value;
            }
            value.Numeric = number;
            value.Text = text;
            value.UpdatedById = caller.UserId;
            value.UpdatedAt = now;
        }
        await db.SaveChangesAsync(ct);
        // The analytics store's one hook: the stored values reach the next analytics query.
        if (analytics is not null) await analytics.Applied(checkedValues.Select(v => (v.Element, existing[(v.Element.Id, v.Input.OrgUnitId!.Value, v.Period.Text, v.Option)])), ct);
        return checkedValues.Count;
    }

    private static Problem? Check(Caller caller, ValueInput input, Dictionary<int, DataElement> elements, Dictionary<int, OrgUnit> units,
        List<DataSet> sets, Func<DataSet, Period, bool> locked, out DataElement? element, out Period period, out decimal? number, out string? text)
    {
        (element, period, number, text) = (null, default, null, null);
        if (input.DataElementId is not { } elementId || !elements.TryGetValue(elementId, out element))
            return DataValueProblems.ElementUnknown.With(input.DataElementId);
        if (input.OrgUnitId is not { } unitId || !units.TryGetValue(unitId, out var unit)) return DataValueProblems.UnitUnknown.With(input.OrgUnitId);
        if (!MayEnter(caller, unit)) return DataProblems.Forbidden.With(unit.Name);
        if (Period.Parse(input.Period) is not { } parsed) return DataProblems.PeriodInvalid.With(input.Period);
        period = parsed;
        var id = element.Id;
        var type = period.Type;
        var all = units;
        var asking = sets.Where(s => s.Elements.Any(e => e.DataElementId == id) && s.PeriodType == type && Assigned(s, unit, all)).ToList();
        if (asking.Count == 0) return DataValueProblems.NotCollected.With(element.Name, unit.Name, period.Text);
        var p = period;
        if (asking.FirstOrDefault(s => locked(s, p)) is { } closed) return LockProblems.Locked.With(closed.Name, period.Text);
        var option = (input.Option ?? "").Trim();
        if (!element.Allows(option)) return DataValueProblems.OptionUnknown.With(option, element.Name, element.Options);
        return DataValueTypes.Read(element, input.Value, out number, out text);
    }

    /// <summary>Files a unit's report of a data set for a period (with its values, or “无情况” as a zero report); late when after the due time.</summary>
    public async Task<Outcome<DataSetReport>> SubmitAsync(Caller caller, int dataSetId, int orgUnitId, string? periodText, bool zeroReport,
        Domain.Calendar.WorkingDays days, CancellationToken ct = default)
    {
        var set = await db.DataSets.AsNoTracking().FirstOrDefaultAsync(s => s.Id == dataSetId, ct);
        if (set is null) return DataProblems.DataSetNotFound;
        var units = await db.OrgUnits.AsNoTracking().ToDictionaryAsync(u => u.Id, ct);
        if (!units.TryGetValue(orgUnitId, out var unit)) return DataValueProblems.UnitUnknown.With(orgUnitId);
        if (!MayEnter(caller, unit)) return DataProblems.Forbidden.With(unit.Name);
        if (!Assigned(set, unit, units)) return DataProblems.UnitNotAssigned.With(unit.Name, set.Name);
        if (Period.Parse(periodText) is not { } period) return DataProblems.PeriodInvalid.With(periodText);
        if (period.Type != set.PeriodType) return DataProblems.PeriodWrongType.With(period.Text, PeriodTypes.ToChinese(set.PeriodType));
        if (period.Start > Clock.Today) return DataProblems.FuturePeriod.With(period.Text);
        if (zeroReport && !set.AllowZeroReport) return DataProblems.ZeroNotAllowed.With(set.Name);
        if ((await new PeriodLocks(db, clock).CheckerAsync(ct))(set, period)) return LockProblems.Locked.With(set.Name, period.Text);
        if (await db.DataSetReports.AnyAsync(r => r.DataSetId == set.Id && r.OrgUnitId == unit.Id && r.Period == period.Text, ct))
            return DataProblems.AlreadyReported.With(unit.Name, period.Text);
        var report = new DataSetReport
        {
            DataSetId = set.Id, OrgUnitId = unit.Id, Period = period.Text, StartDate = period.Start, EndDate = period.End,
            SubmittedAt = Clock.UtcNow, SubmittedById = caller.UserId, IsZeroReport = zeroReport, IsLate = Clock.Now > set.DueAt(period, days),
        };
        db.DataSetReports.Add(report);
        await db.SaveChangesAsync(ct);
        return report;
    }
}

/// <summary>Why one value was refused (worded for the batch list: “第 N 项：…”).</summary>
public static class DataValueProblems
{
    private static readonly ProblemCatalog Catalog = new("data-value");

    public static readonly ProblemType ElementUnknown = Catalog.Invalid("element-unknown", "找不到数据元素 {0}", "No data element {0}");
    public static readonly ProblemType UnitUnknown = Catalog.Invalid("unit-unknown", "找不到单位 {0}", "No unit {0}");
    public static readonly ProblemType NotCollected = Catalog.Invalid("not-collected", "“{0}”不在“{1}”{2} 应填报的数据集中",
        "“{0}” is not collected from “{1}” for {2}");
    public static readonly ProblemType OptionUnknown = Catalog.Invalid("option-unknown", "“{0}”不是“{1}”的分类选项（可选：{2}）",
        "“{0}” is not an option of “{1}” ({2})");
    public static readonly ProblemType Missing = Catalog.Invalid("missing", "“{0}”未填写数值", "No value for “{0}”");
    public static readonly ProblemType NotInteger = Catalog.Invalid("not-integer", "“{0}”应为整数，“{1}”不是", "“{0}” takes a whole number, not “{1}”");
    public static readonly ProblemType NotNumber = Catalog.Invalid("not-number", "“{0}”应为数字，“{1}”不是", "“{0}” takes a number, not “{1}”");
    public static readonly ProblemType NotPercentage = Catalog.Invalid("not-percentage", "“{0}”应为 0 到 100 之间的百分数，“{1}”不是",
        "“{0}” takes a percentage from 0 to 100, not “{1}”");
    public static readonly ProblemType NotYesNo = Catalog.Invalid("not-yes-no", "“{0}”应填 是 或 否，“{1}”不是", "“{0}” takes yes or no, not “{1}”");
    public static readonly ProblemType Negative = Catalog.Invalid("negative", "“{0}”不能为负数", "“{0}” cannot be negative");
    public static readonly ProblemType TextTooLong = Catalog.Invalid("text-too-long", "“{0}”不能超过 {1} 个字符", "“{0}” is longer than {1} characters");
}

/// <summary>Reading a value as written into its stored form by the element's value type.</summary>
public static class DataValueTypes
{
    private const decimal MaxNumber = 1_000_000_000_000m;

    public static Problem? Read(DataElement element, string? written, out decimal? number, out string? text)
    {
        (number, text) = (null, null);
        var value = (written ?? "").Trim();
        if (value.Length == 0) return DataValueProblems.Missing.With(element.Name);
        switch (element.ValueType)
        {
            case DataValueType.Text:
                if (value.Length > DataValue.MaxTextLength) return DataValueProblems.TextTooLong.With(element.Name, DataValue.MaxTextLength);
                text = value;
                return null;
            case DataValueType.YesNo:
                number = value switch { "是" or "1" or "true" => 1, "否" or "0" or "false" => 0, _ => null };
                return number is null ? DataValueProblems.NotYesNo.With(element.Name, value) : null;
        }
        var percent = element.ValueType == DataValueType.Percentage && value.EndsWith('%');
        if (!decimal.TryParse(percent ? value[..^1] : value, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint,
                CultureInfo.InvariantCulture, out var parsed) || Math.Abs(parsed) >= MaxNumber)
            return element.ValueType switch
            {
                DataValueType.Integer => DataValueProblems.NotInteger.With(element.Name, value),
                DataValueType.Percentage => DataValueProblems.NotPercentage.With(element.Name, value),
                _ => DataValueProblems.NotNumber.With(element.Name, value),
            };
        if (element.ValueType == DataValueType.Integer && parsed != decimal.Truncate(parsed)) return DataValueProblems.NotInteger.With(element.Name, value);
        if (element.ValueType == DataValueType.Percentage && parsed is < 0 or > 100) return DataValueProblems.NotPercentage.With(element.Name, value);
        if (parsed < 0 && element.ValueType == DataValueType.Integer) return DataValueProblems.Negative.With(element.Name);
        number = parsed;
        return null;
    }
}

/// <summary>Chinese names of period types.</summary>
public static class PeriodTypes
{
    public static string ToChinese(PeriodType type) => type switch
    {
        PeriodType.Day => "日",
        PeriodType.Week => "周",
        PeriodType.Month => "月",
        PeriodType.Quarter => "季度",
        PeriodType.Year => "年",
        _ => "学年",
    };
}
