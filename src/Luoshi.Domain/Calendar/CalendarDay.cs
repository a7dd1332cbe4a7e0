namespace Luoshi.Domain.Calendar;

/// <summary>
/// One exception to the ordinary week in the working-day calendar: a statutory holiday (<see cref="Workday"/> false, e.g.
/// 国庆节) or a weekend day worked instead (调休上班, <see cref="Workday"/> true). Days without a row follow the week:
/// Monday to Friday work, Saturday and Sunday off. The rows are data, shipped from the State Council's notices and
/// edited by administrators, never code.
/// </summary>
public class CalendarDay
{
    public const int MaxNameLength = 50;

    public int Id { get; set; }

    public DateOnly Date { get; set; }

    public bool Workday { get; set; }

    public required string Name { get; set; }

    /// <summary>Whether a day without a row of its own is worked: Monday to Friday.</summary>
    public static bool OrdinaryWorkday(DateOnly date) => date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday);
}
