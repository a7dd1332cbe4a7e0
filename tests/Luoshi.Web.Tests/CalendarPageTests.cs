using System.Text.RegularExpressions;
using Luoshi.Web.Tests.Infrastructure;

namespace Luoshi.Web.Tests;

/// <summary>
/// The 工作日历 page's year view (<c>/Calendar?year=</c>): read-only for every signed-in user, each month with weekends,
/// statutory holidays (named) and 调休 working days marked, a year picker; the admin page links to it. Checked on the
/// shipped 2026 table: 国庆 1–7 October off, Sunday 20 September and Saturday 10 October working.
/// </summary>
public sealed partial class CalendarPageTests(DemoCopies demo) : IClassFixture<DemoCopies>
{
    /// <summary>The class of the grid's cell of <paramref name="date"/>.</summary>
    private static string CellClass(string page, string date) =>
        Cell().Matches(page).Single(m => m.Groups["date"].Value == date).Groups["class"].Value;

    [GeneratedRegex("<td class=\"(?<class>[^\"]*)\" title=\"[^\"]*\" data-date=\"(?<date>[0-9-]+)\"")]
    private static partial Regex Cell();

    [Theory, Databases]
    public async Task Every_user_sees_the_2026_calendar_with_the_national_day_week_off_and_its_tiaoxiu_days_worked(TestDatabase database)
    {
        var app = await demo.For(database);
        var school = await app.SignedInAsync("school");
        var page = await school.GetStringAsync("/Calendar?year=2026");

        for (var day = 1; day <= 7; day++) Assert.Equal("holiday", CellClass(page, $"2026-10-0{day}"));
        Assert.Equal("tiaoxiu", CellClass(page, "2026-09-20"));   // a Sunday worked
        Assert.Equal("tiaoxiu", CellClass(page, "2026-10-10"));   // a Saturday worked
        Assert.Equal("weekend", CellClass(page, "2026-10-11"));   // an ordinary Sunday
        Assert.Equal("", CellClass(page, "2026-10-12"));          // an ordinary Monday
        Assert.Equal("holiday", CellClass(page, "2026-09-25"));   // 中秋节, a Friday
        Assert.Equal(365, Cell().Matches(page).Count);
        Assert.Contains("title=\"国庆节\" data-date=\"2026-10-01\"", page);
        // The named days, listed.
        Assert.Matches("data-testid=\"holiday-2026-10-10\">.*10月10日 周六.*调休上班.*国庆节调休上班", Regex.Replace(page, @"\s+", " "));
        Assert.Matches("data-testid=\"holiday-2026-10-01\">.*10月1日 周四.*放假.*国庆节", Regex.Replace(page, @"\s+", " "));
        // The year picker; read-only: no form that writes.
        Assert.Contains("href=\"/Calendar?year=2027\"", page);
        Assert.Contains("href=\"/Calendar?year=2025\"", page);
        Assert.Contains("name=\"year\" value=\"2026\"", page);
        Assert.DoesNotContain("method=\"post\"", page[page.IndexOf("<main", StringComparison.Ordinal)..]);
        // A year without a table: only weekends; an impossible year shows this year instead of failing.
        Assert.Contains("data-testid=\"no-holidays\"", await school.GetStringAsync("/Calendar?year=2090"));
        var impossible = await school.GetAsync("/Calendar?year=99999");
        Assert.Equal(System.Net.HttpStatusCode.OK, impossible.StatusCode);

        // The admin page links to it; the month view too.
        Assert.Contains("href=\"/Calendar?year=2026\"", await (await app.SignedInAsync("admin")).GetStringAsync("/Admin/WorkCalendar?year=2026"));
        Assert.Contains("href=\"/Calendar?year=2026\"", await school.GetStringAsync("/Calendar?month=2026-10"));
    }
}
