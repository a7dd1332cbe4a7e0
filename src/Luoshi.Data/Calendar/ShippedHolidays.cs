using System.Globalization;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Luoshi.Data.Calendar;

/// <summary>
/// The statutory holidays and 调休 working days shipped with Luoshi, copied from the State Council's notices
/// (国务院办公厅关于20XX年部分节假日安排的通知: 国办发明电〔2023〕7号 for 2024, 〔2024〕12号 for 2025, and the notice of
/// 4 November 2025 for 2026). The notice for 2027 had not been published when this was written, so 2027 is not shipped:
/// administrators add it on the 工作日历 page (or import it) once it is out. A migration inserts these rows once;
/// afterwards they are the administrators' data. Holiday ranges are listed as the notices give them; weekend days a
/// notice only says are "与周末连休" need no row (they are off anyway).
/// </summary>
public static class ShippedHolidays
{
    public static readonly int[] Years = [2024, 2025, 2026];

    /// <summary>First day, last day, 放假 or 上班, name.</summary>
    private const string Table = """
        2024-01-01 2024-01-01 放假 元旦
        2024-02-04 2024-02-04 上班 春节调休上班
        2024-02-10 2024-02-17 放假 春节
        2024-02-18 2024-02-18 上班 春节调休上班
        2024-04-04 2024-04-06 放假 清明节
        2024-04-07 2024-04-07 上班 清明节调休上班
        2024-04-28 2024-04-28 上班 劳动节调休上班
        2024-05-01 2024-05-05 放假 劳动节
        2024-05-11 2024-05-11 上班 劳动节调休上班
        2024-06-10 2024-06-10 放假 端午节
        2024-09-14 2024-09-14 上班 中秋节调休上班
        2024-09-15 2024-09-17 放假 中秋节
        2024-09-29 2024-09-29 上班 国庆节调休上班
        2024-10-01 2024-10-07 放假 国庆节
        2024-10-12 2024-10-12 上班 国庆节调休上班
        2025-01-01 2025-01-01 放假 元旦
        2025-01-26 2025-01-26 上班 春节调休上班
        2025-01-28 2025-02-04 放假 春节
        2025-02-08 2025-02-08 上班 春节调休上班
        2025-04-04 2025-04-06 放假 清明节
        2025-04-27 2025-04-27 上班 劳动节调休上班
        2025-05-01 2025-05-05 放假 劳动节
        2025-05-31 2025-06-02 放假 端午节
        2025-09-28 2025-09-28 上班 国庆节、中秋节调休上班
        2025-10-01 2025-10-08 放假 国庆节、中秋节
        2025-10-11 2025-10-11 上班 国庆节、中秋节调休上班
        2026-01-01 2026-01-03 放假 元旦
        2026-01-04 2026-01-04 上班 元旦调休上班
        2026-02-14 2026-02-14 上班 春节调休上班
        2026-02-15 2026-02-23 放假 春节
        2026-02-28 2026-02-28 上班 春节调休上班
        2026-04-04 2026-04-06 放假 清明节
        2026-05-01 2026-05-05 放假 劳动节
        2026-05-09 2026-05-09 上班 劳动节调休上班
        2026-06-19 2026-06-21 放假 端午节
        2026-09-20 2026-09-20 上班 国庆节调休上班
        2026-09-25 2026-09-27 放假 中秋节
        2026-10-01 2026-10-07 放假 国庆节
        2026-10-10 2026-10-10 上班 国庆节调休上班
        """;

    /// <summary>Every shipped day: (date, worked, name).</summary>
    public static IEnumerable<(DateOnly Date, bool Workday, string Name)> Days()
    {
        foreach (var line in Table.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = line.Split(' ', 4);
            var first = DateOnly.ParseExact(parts[0], "yyyy-MM-dd", CultureInfo.InvariantCulture);
            var last = DateOnly.ParseExact(parts[1], "yyyy-MM-dd", CultureInfo.InvariantCulture);
            for (var day = first; day <= last; day = day.AddDays(1))
                yield return (day, parts[2] == "上班", parts[3]);
        }
    }

    /// <summary>Inserts the shipped days (called by the migration that creates the calendar table, on both providers).</summary>
    public static void Insert(MigrationBuilder migration)
    {
        var days = Days().ToList();
        var values = new object[days.Count, 3];
        for (var i = 0; i < days.Count; i++)
        {
            values[i, 0] = days[i].Date;
            values[i, 1] = days[i].Workday;
            values[i, 2] = days[i].Name;
        }
        migration.InsertData("calendar_days", ["Date", "Workday", "Name"], values);
    }
}
