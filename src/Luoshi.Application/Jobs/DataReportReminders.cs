using Luoshi.Application.Calendar;
using Luoshi.Application.Data;
using Luoshi.Application.Notifications;
using Luoshi.Domain.Calendar;
using Luoshi.Domain.Data;
using Microsoft.EntityFrameworkCore;

namespace Luoshi.Application.Jobs;

/// <summary>
/// 催办 of data set reports (日报告/零报告 and every other data set), a step of the daily jobs: on a working day, for each
/// data set, the latest period whose due time has passed by the start of the day (a daily set: the last working day
/// before; a monthly set with 5 working days: last month once those days are over) — each assigned unit without a report
/// (a zero report counts as a report) gets one message to its people, with a link to its form. A unit is urged once per
/// set and period (the message's key names both), so a second run, or the next day's, sends nothing again.
/// </summary>
public sealed class DataReportReminders(LuoshiDb db, Notifier notifier, WorkCalendar calendar) : IDailyStep
{
    public const string Kind = "dataReportLate";

    /// <summary>How far back a set's periods are looked at for the latest one past due (a daily set over a long holiday).</summary>
    private const int MaxStepsBack = 15;

    public string Name => "data-reminders";

    public bool OncePerDay => true;

    public async Task<string> RunAsync(DateOnly day, CancellationToken ct)
    {
        var days = await calendar.WorkingDaysAsync(ct);
        if (!days.IsWorkday(day)) return $"{day:yyyy-MM-dd} 不是工作日，不催办数据报送";
        var sets = await db.DataSets.AsNoTracking().OrderBy(s => s.Code).ToListAsync(ct);
        var units = await db.OrgUnits.AsNoTracking().ToDictionaryAsync(u => u.Id, ct);
        var urged = 0;
        foreach (var set in sets)
        {
            if (LatestPastDue(set, day, days) is not { } period) continue;
            var reported = await db.DataSetReports.AsNoTracking().Where(r => r.DataSetId == set.Id && r.Period == period.Text)
                .Select(r => r.OrgUnitId).ToListAsync(ct);
            urged += await UrgeAsync(set, period, units.Values.Where(u => DataEntry.Assigned(set, u, units) && !reported.Contains(u.Id)).OrderBy(u => u.Code), ct);
        }
        return $"{day:yyyy-MM-dd} 数据报送催办：{(urged == 0 ? "无逾期未报" : $"{urged} 个单位")}";
    }

    /// <summary>
    /// Urges units that have not filed a set's period (the daily step, and 催报 on the completeness page): one message to
    /// each unit's people with a link to its form, once per set, unit and period (the message's key names all three).
    /// </summary>
    public async Task<int> UrgeAsync(DataSet set, Period period, IEnumerable<Domain.OrgUnits.OrgUnit> missing, CancellationToken ct)
    {
        var urged = 0;
        foreach (var unit in missing)
        {
            await notifier.ToUnitsAsync([unit.Id], Kind, $"催办：{set.Name} {period.Text} 尚未报送，请尽快填报（无情况的可报零报告）",
                $"/Data/Entry/{set.Id}?unit={unit.Id}&period={Uri.EscapeDataString(period.Text)}", $"data-late:{set.Id}:{unit.Id}:{period.Text}", ct);
            urged++;
        }
        return urged;
    }

    /// <summary>The latest period of the set due before the day begins; a daily set's non-working days are not asked for.</summary>
    public static Period? LatestPastDue(DataSet set, DateOnly day, WorkingDays days)
    {
        var period = Period.Of(set.PeriodType, day.AddDays(-1));
        for (var i = 0; i < MaxStepsBack; i++, period = Period.Of(set.PeriodType, period.Start.AddDays(-1)))
        {
            if (set.PeriodType == PeriodType.Day && !days.IsWorkday(period.Start)) continue;
            if (set.DueAt(period, days) < day.ToDateTime(TimeOnly.MinValue)) return period;
        }
        return null;
    }
}
