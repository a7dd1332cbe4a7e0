using Luoshi.Domain.Supervision;
using Luoshi.Domain.Time;
using Microsoft.EntityFrameworkCore;

namespace Luoshi.Application.Supervision;

/// <summary>
/// 整改完成率 per unit and month, for the ranking: of the 整改 items due in the month (deadline in it), how many were
/// closed on time (the accepted rectification came in by the deadline, and was accepted by the month's end or <c>asOf</c>,
/// if earlier) and how many are open past their deadline (not rectified, or sent back; what is waiting for the inspector's
/// review is not the unit's delay). Open is read as the items stand now: the figures of a past month are meant to be read
/// at its end, as the ranking does. A unit with nothing due that month is absent: not applicable.
/// </summary>
public sealed class RectificationStats(LuoshiDb db)
{
    /// <summary>One unit's month. <see cref="Rate"/> is ClosedOnTime ÷ Due (0–1).</summary>
    public sealed record UnitMonth(int OrgUnitId, int Due, int ClosedOnTime, int OpenOverdue, IReadOnlyList<int> FindingIds)
    {
        public decimal Rate => Due == 0 ? 0 : (decimal)ClosedOnTime / Due;
    }

    /// <summary>
    /// Every unit with items due in <paramref name="year"/>-<paramref name="month"/>, as of the end of that month (China
    /// time) or <paramref name="asOf"/> when earlier; <see cref="UnitMonth.FindingIds"/> are the items behind the figures.
    /// </summary>
    public async Task<IReadOnlyList<UnitMonth>> ForMonthAsync(int year, int month, DateOnly? asOf = null, CancellationToken ct = default)
    {
        var first = new DateOnly(year, month, 1);
        var last = first.AddMonths(1).AddDays(-1);
        var day = asOf is { } a && a < last ? a : last;
        // The end of the China day `day`, in UTC: what was closed by then counts.
        var cutoff = TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(day.AddDays(1).ToDateTime(TimeOnly.MinValue), DateTimeKind.Unspecified), ChinaClock.Zone);
        var due = await db.Findings.AsNoTracking().Where(f => f.Deadline >= first && f.Deadline <= last).ToListAsync(ct);
        return due.GroupBy(f => f.OrgUnitId).OrderBy(g => g.Key).Select(g => new UnitMonth(g.Key, g.Count(),
            g.Count(f => f.ClosedOnTime && f.ClosedAt < cutoff),
            g.Count(f => f.Status == FindingStatus.Open && f.Deadline < day),
            [.. g.Select(f => f.Id).Order()])).ToList();
    }
}
