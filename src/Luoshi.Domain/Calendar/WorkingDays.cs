namespace Luoshi.Domain.Calendar;

/// <summary>
/// Counting in working days (“3个工作日内”): weekends off, statutory holidays off, 调休 weekends worked, as the calendar's
/// rows say; a day without a row follows the ordinary week.
/// </summary>
public sealed class WorkingDays
{
    private readonly IReadOnlyDictionary<DateOnly, bool> exceptions;

    public WorkingDays(IEnumerable<CalendarDay> days)
    {
        exceptions = days.ToDictionary(d => d.Date, d => d.Workday);
    }

    /// <summary>A calendar of ordinary weeks only (no holidays known).</summary>
    public static WorkingDays Ordinary { get; } = new([]);

    public bool IsWorkday(DateOnly date) =>
        exceptions.TryGetValue(date, out var workday) ? workday : CalendarDay.OrdinaryWorkday(date);

    /// <summary>
    /// The day <paramref name="count"/> working days after <paramref name="from"/> (before it when negative); 0 gives
    /// <paramref name="from"/> itself. “3个工作日内” from Wednesday 30 September 2026 ends on Saturday 10 October (the
    /// 国庆 week off, Thursday 8th and Friday 9th, then the 调休 Saturday).
    /// </summary>
    public DateOnly Add(DateOnly from, int count)
    {
        var step = Math.Sign(count);
        var day = from;
        for (var left = Math.Abs(count); left > 0;)
        {
            day = day.AddDays(step);
            if (IsWorkday(day)) left--;
        }
        return day;
    }

    /// <summary>
    /// How many working days come after <paramref name="from"/> up to and including <paramref name="to"/>: 0 when
    /// <paramref name="to"/> is not later; so <c>Add(from, Between(from, to))</c> is the last working day up to <paramref name="to"/>.
    /// </summary>
    public int Between(DateOnly from, DateOnly to)
    {
        var count = 0;
        for (var day = from.AddDays(1); day <= to; day = day.AddDays(1))
            if (IsWorkday(day)) count++;
        return count;
    }
}
