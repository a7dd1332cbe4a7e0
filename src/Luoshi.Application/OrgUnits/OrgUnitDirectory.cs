using Luoshi.Domain.OrgUnits;
using Luoshi.Domain.Problems;
using Microsoft.EntityFrameworkCore;

namespace Luoshi.Application.OrgUnits;

/// <summary>Adding and changing org units under the rules of the hierarchy; problems are reported in Chinese.</summary>
public sealed class OrgUnitDirectory(LuoshiDb db)
{
    /// <summary>What a user typed for a unit, before it is checked.</summary>
    public sealed record Draft(string? Code, string? Name, string? Kind, int? ParentId);

    public sealed record Result(OrgUnit? Unit, IReadOnlyList<Problem> Problems)
    {
        public bool Succeeded => Unit is not null && Problems.Count == 0;
    }

    public const int MaxCodeLength = 64;
    public const int MaxNameLength = 200;

    public static IReadOnlyList<Problem> CheckCode(string? code)
    {
        if (string.IsNullOrWhiteSpace(code)) return [OrgUnitProblems.CodeEmpty];
        var c = code.Trim();
        if (c.Length > MaxCodeLength) return [OrgUnitProblems.CodeTooLong.With(MaxCodeLength)];
        if (!c.All(ch => char.IsAsciiLetterOrDigit(ch) || ch is '-' or '_' or '.'))
            return [OrgUnitProblems.CodeChars.With(c)];
        return [];
    }

    /// <summary>
    /// Checks a draft against the units already stored (and, during an import, those about to be added);
    /// <paramref name="unknownParent"/> is how a parent that does not exist is worded (an import names the code it looked for).
    /// </summary>
    public static List<Problem> Check(Draft draft, OrgUnitKind? parentKind, bool parentExists, out OrgUnitKind kind, Problem? unknownParent = null)
    {
        var problems = new List<Problem>(CheckCode(draft.Code));
        if (string.IsNullOrWhiteSpace(draft.Name)) problems.Add(OrgUnitProblems.NameEmpty);
        else if (draft.Name.Trim().Length > MaxNameLength) problems.Add(OrgUnitProblems.NameTooLong.With(MaxNameLength));
        if (!OrgUnitKinds.TryParse(draft.Kind, out kind))
        {
            problems.Add(OrgUnitProblems.KindInvalid.With(draft.Kind));
            return problems;
        }
        if (draft.ParentId is null && kind != OrgUnitKind.Bureau)
            problems.Add(OrgUnitProblems.ParentRequired);
        else if (draft.ParentId is not null && !parentExists)
            problems.Add(unknownParent ?? OrgUnitProblems.ParentMissing);
        else if (parentKind is { } pk && !pk.MayContain(kind))
            problems.Add(OrgUnitProblems.KindNotUnder.With(pk.ToChinese(), kind.ToChinese()));
        return problems;
    }

    public async Task<Result> CreateAsync(Draft draft, CancellationToken ct = default)
    {
        var parent = draft.ParentId is null ? null : await db.OrgUnits.FindAsync([draft.ParentId], ct);
        var problems = Check(draft, parent?.Kind, parent is not null, out var kind);
        var code = draft.Code?.Trim() ?? "";
        if (problems.Count == 0 && await db.OrgUnits.AnyAsync(u => u.Code == code, ct))
            problems.Add(OrgUnitProblems.CodeTaken.With(code));
        if (problems.Count == 0 && kind == OrgUnitKind.Bureau && draft.ParentId is null && await db.OrgUnits.AnyAsync(u => u.ParentId == null, ct))
            problems.Add(OrgUnitProblems.SecondBureau);
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
            problems.Add(OrgUnitProblems.CodeTaken.With(code));
        if (problems.Count == 0 && draft.ParentId is not null)
        {
            var below = await OrgScope.SubtreeAsync(db, unit.Id, ct);
            if (below.Contains(draft.ParentId.Value)) problems.Add(OrgUnitProblems.UnderItself);
        }
        if (problems.Count == 0 && kind != unit.Kind && await db.Users.AnyAsync(u => u.OrgUnitId == unit.Id, ct))
            problems.Add(OrgUnitProblems.KindLocked);
        if (problems.Count > 0) return new(null, problems);

        unit.Code = code;
        unit.Name = draft.Name!.Trim();
        unit.Kind = kind;
        unit.ParentId = draft.ParentId;
        unit.Version++;
        if (await db.SaveOrStaleAsync(OrgUnitProblems.Stale, ct) is { } stale) return new(null, [stale]);
        return new(unit, []);
    }

    /// <summary>
    /// Sets (or with null clears) the 局领导 who 包保 the unit: an escalated 督办 about the unit reaches them when its task
    /// has no leader of its own. The leader must be an active user with the leader role.
    /// </summary>
    public async Task<Result> SetLeaderAsync(OrgUnit unit, int? leaderUserId, CancellationToken ct = default)
    {
        if (leaderUserId is { } id && !await db.Users.AnyAsync(u => u.Id == id && u.Role == Domain.People.Role.Leader && !u.Disabled, ct))
            return new(null, [OrgUnitProblems.LeaderInvalid]);
        if (unit.LeaderUserId == leaderUserId) return new(unit, []);
        unit.LeaderUserId = leaderUserId;
        unit.Version++;
        if (await db.SaveOrStaleAsync(OrgUnitProblems.Stale, ct) is { } stale) return new(null, [stale]);
        return new(unit, []);
    }
}
