using Luoshi.Domain.OrgUnits;
using Microsoft.EntityFrameworkCore;

namespace Luoshi.Application.OrgUnits;

/// <summary>Adding and changing org units under the rules of the hierarchy; problems are reported in Chinese.</summary>
public sealed class OrgUnitDirectory(LuoshiDb db)
{
    /// <summary>What a user typed for a unit, before it is checked.</summary>
    public sealed record Draft(string? Code, string? Name, string? Kind, int? ParentId);

    public sealed record Result(OrgUnit? Unit, IReadOnlyList<string> Problems)
    {
        public bool Succeeded => Unit is not null && Problems.Count == 0;
    }

    public static IReadOnlyList<string> CheckCode(string? code)
    {
        if (string.IsNullOrWhiteSpace(code)) return ["单位代码不能为空"];
        var c = code.Trim();
        if (c.Length > 64) return ["单位代码不能超过 64 个字符"];
        if (!c.All(ch => char.IsAsciiLetterOrDigit(ch) || ch is '-' or '_' or '.'))
            return [$"单位代码“{c}”只能包含英文字母、数字、连字符、下划线和点"];
        return [];
    }

    /// <summary>
    /// Checks a draft against the units already stored (and, during an import, those about to be added);
    /// <paramref name="unknownParent"/> is how a parent that does not exist is worded (an import names the code it looked for).
    /// </summary>
    public static List<string> Check(Draft draft, OrgUnitKind? parentKind, bool parentExists, out OrgUnitKind kind, string unknownParent = "上级单位不存在")
    {
        var problems = new List<string>(CheckCode(draft.Code));
        if (string.IsNullOrWhiteSpace(draft.Name)) problems.Add("单位名称不能为空");
        else if (draft.Name.Trim().Length > 200) problems.Add("单位名称不能超过 200 个字符");
        if (!OrgUnitKinds.TryParse(draft.Kind, out kind))
        {
            problems.Add($"单位类型“{draft.Kind}”无效，应为 bureau/department/district/school（教育局/处室/区县/学校）");
            return problems;
        }
        if (draft.ParentId is null && kind != OrgUnitKind.Bureau)
            problems.Add("除教育局外，每个单位都必须有上级单位");
        else if (draft.ParentId is not null && !parentExists)
            problems.Add(unknownParent);
        else if (parentKind is { } pk && !pk.MayContain(kind))
            problems.Add($"{pk.ToChinese()}下不能设立{kind.ToChinese()}");
        return problems;
    }

    public async Task<Result> CreateAsync(Draft draft, CancellationToken ct = default)
    {
        var parent = draft.ParentId is null ? null : await db.OrgUnits.FindAsync([draft.ParentId], ct);
        var problems = Check(draft, parent?.Kind, parent is not null, out var kind);
        var code = draft.Code?.Trim() ?? "";
        if (problems.Count == 0 && await db.OrgUnits.AnyAsync(u => u.Code == code, ct))
            problems.Add($"单位代码“{code}”已被使用");
        if (problems.Count == 0 && kind == OrgUnitKind.Bureau && draft.ParentId is null && await db.OrgUnits.AnyAsync(u => u.ParentId == null, ct))
            problems.Add("已有一个市教育局，不能再添加顶级单位");
        if (problems.Count > 0) return new(null, problems);

        var unit = new OrgUnit { Code = code, Name = draft.Name!.Trim(), Kind = kind, ParentId = draft.ParentId };
        db.OrgUnits.Add(unit);
        await db.SaveChangesAsync(ct);
        return new(unit, []);
    }

    public async Task<Result> UpdateAsync(OrgUnit unit, Draft draft, CancellationToken ct = default)
    {
        var parent = draft.ParentId is null ? null : await db.OrgUnits.FindAsync([draft.ParentId], ct);
        var problems = Check(draft, parent?.Kind, parent is not null, out var kind);
        var code = draft.Code?.Trim() ?? "";
        if (problems.Count == 0 && await db.OrgUnits.AnyAsync(u => u.Code == code && u.Id != unit.Id, ct))
            problems.Add($"单位代码“{code}”已被使用");
        if (problems.Count == 0 && draft.ParentId is not null)
        {
            var below = await OrgScope.SubtreeAsync(db, unit.Id, ct);
            if (below.Contains(draft.ParentId.Value)) problems.Add("不能把单位移到它自己或它的下级单位之下");
        }
        if (problems.Count == 0 && kind != unit.Kind && await db.Users.AnyAsync(u => u.OrgUnitId == unit.Id, ct))
            problems.Add("该单位已有用户，不能更改单位类型");
        if (problems.Count > 0) return new(null, problems);

        unit.Code = code;
        unit.Name = draft.Name!.Trim();
        unit.Kind = kind;
        unit.ParentId = draft.ParentId;
        unit.Version++;
        await db.SaveChangesAsync(ct);
        return new(unit, []);
    }
}
