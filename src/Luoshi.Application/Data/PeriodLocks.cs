using Luoshi.Application.Access;
using Luoshi.Application.Calendar;
using Luoshi.Domain.Data;
using Luoshi.Domain.Problems;
using Luoshi.Domain.Time;
using Microsoft.EntityFrameworkCore;

namespace Luoshi.Application.Data;

/// <summary>
/// Locked periods of data sets: a supervisor or administrator locks a set's period (or unlocks it, also overriding the
/// set's automatic lock <see cref="DataSet.LockAfterDays"/> days after the due date); while locked, no value of the
/// period may be entered, imported or filed (<see cref="DataEntry"/> asks <see cref="CheckerAsync"/>). Every lock and
/// unlock is a <see cref="DataPeriodLock"/> row change, so the audit trail says who did it and when.
/// </summary>
public sealed class PeriodLocks(LuoshiDb db, ChinaClock? clock = null)
{
    private ChinaClock Clock => clock ?? ChinaClock.System;

    /// <summary>A set's period and whether it is locked now, and whether by hand (a supervisor's lock or unlock) or by the set's rule.</summary>
    public sealed record State(int DataSetId, string Period, bool Locked, bool ByHand);

    /// <summary>Locks (or with <paramref name="locked"/> false unlocks) a set's period.</summary>
    public async Task<Outcome<State>> SetAsync(Caller caller, int dataSetId, string? periodText, bool locked, CancellationToken ct = default)
    {
        if (!DataDefinitions.MayDefine(caller)) return LockProblems.Forbidden;
        var set = await db.DataSets.AsNoTracking().FirstOrDefaultAsync(s => s.Id == dataSetId, ct);
        if (set is null) return DataProblems.DataSetNotFound;
        if (Period.Parse(periodText) is not { } period) return DataProblems.PeriodInvalid.With(periodText);
        if (period.Type != set.PeriodType) return DataProblems.PeriodWrongType.With(period.Text, PeriodTypes.ToChinese(set.PeriodType));
        var row = await db.DataPeriodLocks.FirstOrDefaultAsync(l => l.DataSetId == set.Id && l.Period == period.Text, ct);
        if (row is null) db.DataPeriodLocks.Add(row = new DataPeriodLock { DataSetId = set.Id, Period = period.Text });
        else row.Version++;
        (row.Locked, row.ChangedById, row.ChangedAt) = (locked, caller.UserId, Clock.UtcNow);
        await db.SaveChangesAsync(ct);
        return new State(set.Id, period.Text, locked, true);
    }

    /// <summary>Whether a set's period is locked now.</summary>
    public async Task<Outcome<State>> StateAsync(int dataSetId, string? periodText, CancellationToken ct = default)
    {
        var set = await db.DataSets.AsNoTracking().FirstOrDefaultAsync(s => s.Id == dataSetId, ct);
        if (set is null) return DataProblems.DataSetNotFound;
        if (Period.Parse(periodText) is not { } period) return DataProblems.PeriodInvalid.With(periodText);
        if (period.Type != set.PeriodType) return DataProblems.PeriodWrongType.With(period.Text, PeriodTypes.ToChinese(set.PeriodType));
        var row = await db.DataPeriodLocks.AsNoTracking().FirstOrDefaultAsync(l => l.DataSetId == set.Id && l.Period == period.Text, ct);
        var locked = (await CheckerAsync(ct))(set, period);
        return new State(set.Id, period.Text, locked, row is not null);
    }

    /// <summary>
    /// A test of whether a set's period is locked now, reading every lock row once (a few per set and period) and the
    /// working-day calendar only when a set locks itself.
    /// </summary>
    public async Task<Func<DataSet, Period, bool>> CheckerAsync(CancellationToken ct = default)
    {
        var rows = await db.DataPeriodLocks.AsNoTracking().Select(l => new { l.DataSetId, l.Period, l.Locked }).ToListAsync(ct);
        var byHand = rows.ToDictionary(l => (l.DataSetId, l.Period), l => l.Locked);
        var automatic = await db.DataSets.AnyAsync(s => s.LockAfterDays != null, ct);
        var days = automatic ? await new WorkCalendar(db).WorkingDaysAsync(ct) : null;
        var now = Clock.Now;
        return (set, period) => byHand.TryGetValue((set.Id, period.Text), out var locked)
            ? locked
            : days is not null && set.IsLocked(period, days, now, null);
    }
}

/// <summary>Refusals about locked periods, in Chinese and English.</summary>
public static class LockProblems
{
    private static readonly ProblemCatalog Catalog = new("data-lock");

    public static readonly ProblemType Forbidden = Catalog.Of(ProblemKind.Forbidden, "forbidden", "只有督导和管理员可以锁定或解锁报告期",
        "Only supervisors and administrators lock or unlock periods");
    public static readonly ProblemType Locked = Catalog.Of(ProblemKind.Conflict, "locked", "数据集“{0}”的报告期 {1} 已锁定，不能再填报、导入或报送；如需修改请联系督导室解锁",
        "The period {1} of “{0}” is locked");
}
