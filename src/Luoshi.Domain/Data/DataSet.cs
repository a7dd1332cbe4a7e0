using Luoshi.Domain.Calendar;
using Luoshi.Domain.OrgUnits;

namespace Luoshi.Domain.Data;

/// <summary>
/// A data set (报表, 校园安全日报): the elements asked of units of one kind (schools) under a subtree root (the city or
/// one district, none = all), each period of <see cref="PeriodType"/>. It is due <see cref="DueWorkingDays"/> working
/// days after the period ends, or — for a daily set with <see cref="DueTime"/> — at that time on the day itself (16:00).
/// With <see cref="AllowZeroReport"/> a unit may file “无情况” (a zero report) instead of values.
/// </summary>
public class DataSet
{
    public const int MaxCodeLength = 50;
    public const int MaxNameLength = 200;

    public int Id { get; set; }

    public string Code { get; set; } = "";

    public string Name { get; set; } = "";

    public PeriodType PeriodType { get; set; }

    /// <summary>The kind of unit that reports (学校).</summary>
    public OrgUnitKind UnitKind { get; set; } = OrgUnitKind.School;

    /// <summary>Only units under this one report (a district's own set); null for the whole city.</summary>
    public int? RootUnitId { get; set; }

    public int DueWorkingDays { get; set; }

    /// <summary>For a daily set: due at this time (Beijing) on the day reported.</summary>
    public TimeOnly? DueTime { get; set; }

    public bool AllowZeroReport { get; set; }

    /// <summary>A period locks itself this many days after it is due (null: only a supervisor locks it).</summary>
    public int? LockAfterDays { get; set; }

    public int Version { get; set; }

    public List<DataSetElement> Elements { get; set; } = [];

    /// <summary>When a period's report is due, in Beijing time: at <see cref="DueTime"/> on the day, or the end of the N-th working day after the period.</summary>
    public DateTime DueAt(Period period, WorkingDays days) => DueTime is { } time
        ? period.End.ToDateTime(time)
        : days.Add(period.End, DueWorkingDays).ToDateTime(new TimeOnly(23, 59, 59));

    /// <summary>
    /// Whether a period is closed to entry at <paramref name="now"/> (Beijing): by a supervisor's lock or unlock when there
    /// is one (<paramref name="explicitLock"/>), else <see cref="LockAfterDays"/> days after the period is due.
    /// </summary>
    public bool IsLocked(Period period, WorkingDays days, DateTime now, bool? explicitLock) =>
        explicitLock ?? (LockAfterDays is { } after && now > DueAt(period, days).AddDays(after));
}

/// <summary>An element of a data set, in the order the form shows it.</summary>
public class DataSetElement
{
    public int DataSetId { get; set; }

    public int DataElementId { get; set; }

    public int SortOrder { get; set; }
}

/// <summary>
/// One unit's report of a data set for a period: when (server time) and by whom it was submitted, whether it was a
/// zero report (“无情况”), and whether it came after the due time. A zero report is a report; a missing report is no row.
/// </summary>
public class DataSetReport
{
    public long Id { get; set; }

    public int DataSetId { get; set; }

    public int OrgUnitId { get; set; }

    public string Period { get; set; } = "";

    public DateOnly StartDate { get; set; }

    public DateOnly EndDate { get; set; }

    public DateTime SubmittedAt { get; set; }

    public int? SubmittedById { get; set; }

    public bool IsZeroReport { get; set; }

    public bool IsLate { get; set; }
}
