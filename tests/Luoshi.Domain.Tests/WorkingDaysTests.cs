using Luoshi.Domain.Calendar;

namespace Luoshi.Domain.Tests;

/// <summary>
/// Counting working days over the 2026 国庆 week, as the State Council's notice sets it: 1–7 October off (Thursday to
/// Wednesday), Sunday 20 September and Saturday 10 October worked (调休). Every expected date is worked out by hand below.
/// </summary>
public sealed class WorkingDaysTests
{
    private static readonly WorkingDays Calendar = new(
    [
        .. Enumerable.Range(1, 7).Select(d => new CalendarDay { Date = new DateOnly(2026, 10, d), Workday = false, Name = "国庆节" }),
        new CalendarDay { Date = new DateOnly(2026, 9, 20), Workday = true, Name = "国庆节调休上班" },
        new CalendarDay { Date = new DateOnly(2026, 10, 10), Workday = true, Name = "国庆节调休上班" },
    ]);

    private static DateOnly D(int month, int day) => new(2026, month, day);

    [Fact]
    public void Holidays_are_off_and_the_tiaoxiu_Saturday_is_worked()
    {
        Assert.False(Calendar.IsWorkday(D(10, 1)));   // Thursday, 国庆节
        Assert.False(Calendar.IsWorkday(D(10, 5)));   // Monday, 国庆节
        Assert.True(Calendar.IsWorkday(D(10, 8)));    // Thursday after the holiday
        Assert.True(Calendar.IsWorkday(D(10, 10)));   // Saturday, 调休上班
        Assert.False(Calendar.IsWorkday(D(10, 11)));  // Sunday
        Assert.True(Calendar.IsWorkday(D(9, 20)));    // Sunday, 调休上班
        Assert.False(Calendar.IsWorkday(D(9, 19)));   // an ordinary Saturday
    }

    [Fact]
    public void Adding_working_days_skips_the_national_day_week_and_counts_the_tiaoxiu_Saturday()
    {
        // From Wednesday 30 September: 1 → Thu 8 Oct (1–7 are off), 2 → Fri 9 Oct, 3 → Sat 10 Oct (调休), 4 → Mon 12 Oct.
        Assert.Equal(D(10, 8), Calendar.Add(D(9, 30), 1));
        Assert.Equal(D(10, 9), Calendar.Add(D(9, 30), 2));
        Assert.Equal(D(10, 10), Calendar.Add(D(9, 30), 3));
        Assert.Equal(D(10, 12), Calendar.Add(D(9, 30), 4));
        // From Friday 18 September: Sun 20 (调休) is the first, Mon 21 the second.
        Assert.Equal(D(9, 20), Calendar.Add(D(9, 18), 1));
        Assert.Equal(D(9, 21), Calendar.Add(D(9, 18), 2));
        // Backwards from Monday 12 October: Sat 10 (调休), Fri 9, Thu 8, then Wed 30 September.
        Assert.Equal(D(10, 10), Calendar.Add(D(10, 12), -1));
        Assert.Equal(D(9, 30), Calendar.Add(D(10, 12), -4));
        Assert.Equal(D(9, 30), Calendar.Add(D(9, 30), 0));
    }

    [Fact]
    public void Counting_working_days_between_two_dates()
    {
        // After Mon 28 Sep up to Mon 12 Oct: Tue 29, Wed 30, Thu 8, Fri 9, Sat 10 (调休), Mon 12 = 6 (a plain count of weekdays would say 10).
        Assert.Equal(6, Calendar.Between(D(9, 28), D(10, 12)));
        // After Wed 30 Sep up to Wed 7 Oct: none, the whole holiday.
        Assert.Equal(0, Calendar.Between(D(9, 30), D(10, 7)));
        Assert.Equal(0, Calendar.Between(D(10, 12), D(9, 28)));
        Assert.Equal(D(10, 12), Calendar.Add(D(9, 28), Calendar.Between(D(9, 28), D(10, 12))));
    }

    [Fact]
    public void Without_rows_the_ordinary_week_holds()
    {
        Assert.True(WorkingDays.Ordinary.IsWorkday(D(10, 1)));    // 2026-10-01 is a Thursday, and nothing here says it is a holiday
        Assert.Equal(D(10, 5), WorkingDays.Ordinary.Add(D(10, 2), 1)); // Friday + 1 → Monday
    }
}
