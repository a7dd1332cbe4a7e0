using Luoshi.Domain.Data;

namespace Luoshi.Domain.Tests.Data;

/// <summary>Reporting periods in each written form, their first and last days, and which contain which (analytics rolls months up with it).</summary>
public sealed class PeriodTests
{
    [Theory]
    [InlineData("2026-03-05", PeriodType.Day, "2026-03-05", "2026-03-05")]
    [InlineData("2026-W10", PeriodType.Week, "2026-03-02", "2026-03-08")]
    [InlineData("2026-02", PeriodType.Month, "2026-02-01", "2026-02-28")]
    [InlineData("2024-02", PeriodType.Month, "2024-02-01", "2024-02-29")]
    [InlineData("2026-Q4", PeriodType.Quarter, "2026-10-01", "2026-12-31")]
    [InlineData("2026", PeriodType.Year, "2026-01-01", "2026-12-31")]
    [InlineData("2026-2027学年", PeriodType.SchoolYear, "2026-09-01", "2027-08-31")]
    public void A_period_is_read_with_its_first_and_last_day_and_written_back_the_same(string text, PeriodType type, string start, string end)
    {
        var period = Assert.NotNull(Period.Parse(text));
        Assert.Equal((type, DateOnly.Parse(start), DateOnly.Parse(end), text), (period.Type, period.Start, period.End, period.Text));
    }

    [Theory]
    [InlineData("2026-13")]
    [InlineData("2026-02-30")]
    [InlineData("2026-Q5")]
    [InlineData("2026-W54")]
    [InlineData("2026-2028学年")]
    [InlineData("三月")]
    [InlineData("")]
    public void Anything_else_is_not_a_period(string text) => Assert.Null(Period.Parse(text));

    [Fact]
    public void A_month_lies_in_its_quarter_year_and_school_year()
    {
        var march = Period.Month(2026, 3);
        Assert.True(Period.Parse("2026-Q1")!.Value.Contains(march));
        Assert.True(Period.Parse("2026")!.Value.Contains(march));
        Assert.True(Period.Parse("2025-2026学年")!.Value.Contains(march));
        Assert.False(Period.Parse("2026-2027学年")!.Value.Contains(march));
        Assert.False(Period.Parse("2026-Q2")!.Value.Contains(march));
        Assert.Equal("2026-2027学年", Period.Of(PeriodType.SchoolYear, new DateOnly(2026, 9, 1)).Text);
    }
}
