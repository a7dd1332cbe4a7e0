using Luoshi.Application.Access;
using Luoshi.Domain.Data;
using Luoshi.Domain.Indicators;
using Luoshi.Domain.OrgUnits;
using Luoshi.Domain.Problems;
using Microsoft.EntityFrameworkCore;

namespace Luoshi.Application.Data;

/// <summary>
/// Defining data elements and data sets (supervisors and administrators), and listing them (anyone signed in): the one
/// home of these rules for the definitions API. Codes are unique; a set's elements must exist.
/// </summary>
public sealed class DataDefinitions(LuoshiDb db)
{
    public sealed record ElementRequest(string? Code, string? Name, string? ValueType, string? Aggregation, string? Unit, string? Category, string? Options);

    public sealed record DataSetRequest(string? Code, string? Name, string? PeriodType, string? UnitKind, int? RootUnitId, int? DueWorkingDays,
        TimeOnly? DueTime, bool AllowZeroReport, IReadOnlyList<int>? DataElementIds, int? LockAfterDays = null);

    public static bool MayDefine(Caller caller) => caller.Role is Domain.People.Role.Admin or Domain.People.Role.Supervisor;

    public Task<List<DataElement>> ElementsAsync(CancellationToken ct = default) => db.DataElements.AsNoTracking().OrderBy(e => e.Code).ToListAsync(ct);

    public Task<List<DataSet>> DataSetsAsync(CancellationToken ct = default) =>
        db.DataSets.AsNoTracking().Include(s => s.Elements).OrderBy(s => s.Code).ToListAsync(ct);

    public async Task<Outcome<DataElement>> CreateElementAsync(Caller caller, ElementRequest r, CancellationToken ct = default)
    {
        if (!MayDefine(caller)) return DefinitionProblems.Forbidden;
        var problems = new List<Problem>();
        var code = Text(r.Code, "代码", DataElement.MaxCodeLength, problems);
        var name = Text(r.Name, "名称", DataElement.MaxNameLength, problems);
        if (!Enum.TryParse<DataValueType>(r.ValueType, true, out var type)) problems.Add(DefinitionProblems.ValueTypeInvalid.With(r.ValueType));
        var aggregation = PeriodAggregation.Sum;
        if (r.Aggregation is { Length: > 0 } a && !Enum.TryParse(a, true, out aggregation)) problems.Add(DefinitionProblems.AggregationInvalid.With(a));
        var category = (r.Category ?? "").Trim();
        var options = string.Join(DataElement.OptionSeparator, (r.Options ?? "").Split(DataElement.OptionSeparator,
            StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        if ((category.Length == 0) != (options.Length == 0)) problems.Add(DefinitionProblems.CategoryIncomplete);
        if (category.Length > DataElement.MaxCategoryLength || options.Length > DataElement.MaxOptionsLength || (r.Unit ?? "").Trim().Length > DataElement.MaxUnitLength)
            problems.Add(DefinitionProblems.TooLong.With("分类、选项或计量单位"));
        if (code.Length > 0 && await db.DataElements.AnyAsync(e => e.Code == code, ct)) problems.Add(DefinitionProblems.CodeTaken.With(code));
        if (problems.Count > 0) return problems;
        var element = new DataElement
        {
            Code = code, Name = name, ValueType = type, Aggregation = aggregation, Unit = (r.Unit ?? "").Trim(), Category = category, Options = options,
        };
        db.DataElements.Add(element);
        await db.SaveChangesAsync(ct);
        return element;
    }

    public async Task<Outcome<DataSet>> CreateDataSetAsync(Caller caller, DataSetRequest r, CancellationToken ct = default)
    {
        if (!MayDefine(caller)) return DefinitionProblems.Forbidden;
        var problems = new List<Problem>();
        var code = Text(r.Code, "代码", DataSet.MaxCodeLength, problems);
        var name = Text(r.Name, "名称", DataSet.MaxNameLength, problems);
        if (!Enum.TryParse<PeriodType>(r.PeriodType, true, out var periodType)) problems.Add(DefinitionProblems.PeriodTypeInvalid.With(r.PeriodType));
        var kind = OrgUnitKind.School;
        if (r.UnitKind is { Length: > 0 } k && !Enum.TryParse(k, true, out kind)) problems.Add(DefinitionProblems.UnitKindInvalid.With(k));
        if (r.DueWorkingDays is < 0 or > 60) problems.Add(DefinitionProblems.DueInvalid);
        if (r.LockAfterDays is < 0 or > 366) problems.Add(DefinitionProblems.LockInvalid);
        if (r.RootUnitId is { } root && !await db.OrgUnits.AnyAsync(u => u.Id == root, ct)) problems.Add(DataValueProblems.UnitUnknown.With(root));
        var ids = (r.DataElementIds ?? []).Distinct().ToList();
        var known = await db.DataElements.Where(e => ids.Contains(e.Id)).Select(e => e.Id).ToListAsync(ct);
        problems.AddRange(ids.Except(known).Select(id => DataValueProblems.ElementUnknown.With(id)));
        if (code.Length > 0 && await db.DataSets.AnyAsync(s => s.Code == code, ct)) problems.Add(DefinitionProblems.CodeTaken.With(code));
        if (problems.Count > 0) return problems;
        var set = new DataSet
        {
            Code = code, Name = name, PeriodType = periodType, UnitKind = kind, RootUnitId = r.RootUnitId, DueWorkingDays = r.DueWorkingDays ?? 0,
            DueTime = r.DueTime, AllowZeroReport = r.AllowZeroReport, LockAfterDays = r.LockAfterDays,
            Elements = [.. ids.Select((id, i) => new DataSetElement { DataElementId = id, SortOrder = i + 1 })],
        };
        db.DataSets.Add(set);
        await db.SaveChangesAsync(ct);
        return set;
    }

    /// <summary>
    /// 最多报一次: the elements of a data set that other data sets already collect, each with those sets (a warning when a
    /// new set asks for something already asked; its values can be reused instead of being asked again).
    /// </summary>
    public async Task<List<(DataElement Element, List<DataSet> Sets)>> AlreadyCollectedAsync(int setId, CancellationToken ct = default)
    {
        var sets = await db.DataSets.AsNoTracking().Include(s => s.Elements).ToListAsync(ct);
        if (sets.FirstOrDefault(s => s.Id == setId) is not { } set) return [];
        var ids = set.Elements.Select(e => e.DataElementId).ToList();
        var elements = await db.DataElements.AsNoTracking().Where(e => ids.Contains(e.Id)).ToDictionaryAsync(e => e.Id, ct);
        return [.. set.Elements.OrderBy(e => e.SortOrder).Where(e => elements.ContainsKey(e.DataElementId))
            .Select(e => (elements[e.DataElementId], sets.Where(o => o.Id != setId && o.Elements.Any(x => x.DataElementId == e.DataElementId)).OrderBy(o => o.Code).ToList()))
            .Where(x => x.Item2.Count > 0)];
    }

    /// <summary>
    /// 最多报一次's offer taken: removes an element from a set (it stays in the sets that already collect it, whose values
    /// the units have given once). Refused when it is the set's only element or no other set collects it.
    /// </summary>
    public async Task<Outcome<DataSet>> ReuseElementAsync(Caller caller, int setId, int elementId, CancellationToken ct = default)
    {
        if (!MayDefine(caller)) return DefinitionProblems.Forbidden;
        var set = await db.DataSets.Include(s => s.Elements).FirstOrDefaultAsync(s => s.Id == setId, ct);
        if (set is null) return DataProblems.DataSetNotFound;
        if (set.Elements.FirstOrDefault(e => e.DataElementId == elementId) is not { } asked) return DataValueProblems.ElementUnknown.With(elementId);
        if (!await db.DataSetElements.AnyAsync(e => e.DataElementId == elementId && e.DataSetId != setId, ct)) return DefinitionProblems.NotCollectedElsewhere;
        if (set.Elements.Count == 1) return DefinitionProblems.LastElement;
        set.Elements.Remove(asked);
        set.Version++;
        await db.SaveChangesAsync(ct);
        return set;
    }

    private static string Text(string? value, string what, int max, List<Problem> problems)
    {
        var text = (value ?? "").Trim();
        if (text.Length == 0) problems.Add(DefinitionProblems.Missing.With(what));
        else if (text.Length > max) problems.Add(DefinitionProblems.TooLong.With(what));
        return text;
    }
}

/// <summary>Refusals of definitions, in Chinese and English.</summary>
public static class DefinitionProblems
{
    private static readonly ProblemCatalog Catalog = new("data-definition");

    public static readonly ProblemType Forbidden = Catalog.Of(ProblemKind.Forbidden, "forbidden", "只有督导和管理员可以定义数据元和数据集",
        "Only supervisors and administrators define data elements and data sets");
    public static readonly ProblemType Missing = Catalog.Invalid("missing", "请填写{0}", "Give the {0}");
    public static readonly ProblemType TooLong = Catalog.Invalid("too-long", "{0}过长", "The {0} is too long");
    public static readonly ProblemType CodeTaken = Catalog.Of(ProblemKind.Conflict, "code-taken", "代码“{0}”已被使用", "The code “{0}” is taken");
    public static readonly ProblemType ValueTypeInvalid = Catalog.Invalid("value-type-invalid",
        "数值类型“{0}”应为 integer（整数）、number（数字）、percentage（百分比）、yesNo（是/否）或 text（文本）", "Unknown value type “{0}”");
    public static readonly ProblemType AggregationInvalid = Catalog.Invalid("aggregation-invalid", "汇总方式“{0}”应为 sum（合计）、average（平均）或 last（最后）",
        "Unknown aggregation “{0}”");
    public static readonly ProblemType CategoryIncomplete = Catalog.Invalid("category-incomplete", "分类名称和分类选项（用 / 分隔）须同时填写",
        "Give both the category and its options");
    public static readonly ProblemType PeriodTypeInvalid = Catalog.Invalid("period-type-invalid",
        "报告期类型“{0}”应为 day、week、month、quarter、year 或 schoolYear", "Unknown period type “{0}”");
    public static readonly ProblemType UnitKindInvalid = Catalog.Invalid("unit-kind-invalid", "填报单位类型“{0}”应为 school 或 district", "Unknown unit kind “{0}”");
    public static readonly ProblemType NotCollectedElsewhere = Catalog.Invalid("not-collected-elsewhere", "该数据元没有在其他数据集中采集，无法复用",
        "No other data set collects this element");
    public static readonly ProblemType LastElement = Catalog.Invalid("last-element", "这是数据集唯一的数据元，不能移除", "It is the set's only element");
    public static readonly ProblemType LockInvalid = Catalog.Invalid("lock-invalid", "截止后自动锁定天数应为 0 到 366 天（不填则不自动锁定）",
        "The automatic lock must be 0 to 366 days after the due date");
    public static readonly ProblemType DueInvalid = Catalog.Invalid("due-invalid", "报送时限应为 0 到 60 个工作日", "The due rule must be 0 to 60 working days");
}
