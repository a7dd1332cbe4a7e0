using Luoshi.Application.Analytics;
using Luoshi.Domain.Indicators;

namespace Luoshi.Web.Tests.Analytics;

/// <summary>
/// The DuckDB engine against figures worked out by hand: ratios of sums (not means of ratios) up the tree, a
/// disaggregation option, an average and a "last" element over a quarter, missing values and zero reports.
/// City 1 → district 10 (schools 100, 101), district 11 (schools 110, 111).
/// </summary>
public sealed class AnalyticsEngineTests : IDisposable
{
    private const int Jan = 202601, Feb = 202602, Mar = 202603;
    private readonly AnalyticsEngine engine = new();

    public AnalyticsEngineTests()
    {
        engine.SetUnits([new(1, null), new(10, 1), new(11, 1), new(100, 10), new(101, 10), new(110, 11), new(111, 11)]);
        engine.SetElements([new("GY", PeriodAggregation.Sum), new("ZS", PeriodAggregation.Sum), new("YE", PeriodAggregation.Sum),
            new("AVGE", PeriodAggregation.Average), new("LST", PeriodAggregation.Last)]);
        engine.SetIndicators([
            Indicator(1, "#{GY}", "#{ZS}", 100), Indicator(2, "#{YE.公办}", "#{YE}", 100),
            Indicator(3, "#{AVGE}", null, 1), Indicator(4, "#{LST}", null, 1), Indicator(5, "#{GY}", null, 1)]);
        engine.Load([
            new(100, Jan, "GY", "", 1), new(100, Jan, "ZS", "", 10),    // 10 %
            new(101, Jan, "GY", "", 90), new(101, Jan, "ZS", "", 100),  // 90 %
            new(110, Jan, "GY", "", 0), new(110, Jan, "ZS", "", 50),    // a zero report: 0 %
            new(100, Feb, "GY", "", 4), new(100, Feb, "ZS", "", 20),
            new(100, Jan, "YE", "公办", 30), new(100, Jan, "YE", "民办", 10),
            new(101, Jan, "YE", "公办", 20), new(101, Jan, "YE", "民办", 20),
            new(110, Jan, "YE", "公办", 0), new(110, Jan, "YE", "民办", 0),
            new(100, Jan, "AVGE", "", 10), new(100, Feb, "AVGE", "", 20),
            new(101, Jan, "AVGE", "", 30), new(101, Feb, "AVGE", "", 30), new(101, Mar, "AVGE", "", 30),
            new(100, Jan, "LST", "", 5), new(100, Mar, "LST", "", 7),
        ]);
    }

    private static IndicatorRow Indicator(int id, string numerator, string? denominator, decimal factor) =>
        new(id, IndicatorExpression.Parse(numerator, "分子").Expression!,
            denominator is null ? null : IndicatorExpression.Parse(denominator, "分母").Expression!, factor);

    private double? Value(int indicator, int unit, PeriodGrain grain, int from = Jan, int to = Mar, string? period = null)
    {
        var figures = engine.Query(indicator, unit, from, to, grain);
        var figure = figures.SingleOrDefault(f => f.OrgUnitId == unit && (period is null || f.Period == period));
        return figure?.Value is { } v ? Math.Round(v, 4) : figure is null ? -1 : null;
    }

    [Fact]
    public void A_district_is_the_ratio_of_its_schools_sums_not_the_mean_of_their_ratios()
    {
        Assert.Equal(10, Value(1, 100, PeriodGrain.Month, Jan, Jan));
        Assert.Equal(90, Value(1, 101, PeriodGrain.Month, Jan, Jan));
        Assert.Equal(Math.Round(91.0 / 110 * 100, 4), Value(1, 10, PeriodGrain.Month, Jan, Jan)); // not (10 + 90) / 2 = 50
        Assert.Equal(Math.Round(91.0 / 160 * 100, 4), Value(1, 1, PeriodGrain.Month, Jan, Jan));
    }

    [Fact]
    public void A_disaggregation_option_is_its_share_of_the_element()
    {
        Assert.Equal(75, Value(2, 100, PeriodGrain.Month, Jan, Jan));
        Assert.Equal(62.5, Value(2, 10, PeriodGrain.Month, Jan, Jan)); // 50 of 80, not the mean of 75 % and 50 %
    }

    [Fact]
    public void Months_roll_up_to_a_quarter_and_a_year_as_the_element_says()
    {
        Assert.Equal(Math.Round(5.0 / 30 * 100, 4), Value(1, 100, PeriodGrain.Quarter, period: "2026Q1")); // (1+4)/(10+20)
        Assert.Equal(Math.Round(95.0 / 130 * 100, 4), Value(1, 10, PeriodGrain.Year, period: "2026"));
        Assert.Equal(15, Value(3, 100, PeriodGrain.Quarter));  // average of the months with a value: (10+20)/2
        Assert.Equal(45, Value(3, 10, PeriodGrain.Quarter));   // the schools' averages add up: 15 + 30
        Assert.Equal(7, Value(4, 100, PeriodGrain.Quarter));   // the last month's value, not 5 + 7
    }

    [Fact]
    public void Missing_values_stay_missing_and_zero_reports_count()
    {
        Assert.Equal(-1, Value(1, 111, PeriodGrain.Month, Jan, Jan));  // no row at all: missing, not 0
        Assert.Equal(0, Value(1, 110, PeriodGrain.Month, Jan, Jan));   // reported 0 of 50
        Assert.Equal(0, Value(1, 11, PeriodGrain.Month, Jan, Jan));    // the district has the zero report only
        Assert.Null(Value(2, 110, PeriodGrain.Month, Jan, Jan));       // 0 of 0: no figure to give, not 0 %
        Assert.Equal(0, Value(5, 110, PeriodGrain.Month, Jan, Jan));   // a zero report of a count is 0
        Assert.Equal(-1, Value(1, 101, PeriodGrain.Month, Feb, Feb));  // school 101 did not report February
    }

    [Fact]
    public void A_write_is_seen_by_the_next_query()
    {
        Assert.Equal(10, Value(1, 100, PeriodGrain.Month, Jan, Jan));
        engine.Apply([(100, Jan, "GY", "", 5)]);
        Assert.Equal(50, Value(1, 100, PeriodGrain.Month, Jan, Jan));
        engine.Apply([(100, Jan, "GY", "", null)]);
        Assert.Null(Value(1, 100, PeriodGrain.Month, Jan, Jan)); // removed: the numerator is missing again, so is the figure
    }

    [Fact]
    public void Levels_below_list_the_children()
    {
        var figures = engine.Query(1, 10, Jan, Jan, PeriodGrain.Month, levelsBelow: 1);
        Assert.Equal([10, 100, 101], figures.Select(f => f.OrgUnitId).Order());
    }

    [Fact]
    public void A_full_recompute_covers_every_indicator_unit_and_month()
    {
        var check = engine.RecomputeAll().ToDictionary(r => Convert.ToInt32(r[0]), r => r);
        // Indicator 1 has figures for 3 schools, 2 districts and the city in January, and school 100, district 10 and the city in February.
        Assert.Equal(9L, Convert.ToInt64(check[1][1]));
        Assert.Equal(Math.Round(10 + 90 + 0 + 91.0 / 110 * 100 + 0 + 91.0 / 160 * 100 + 20 + 20 + 20, 6),
            Math.Round(Convert.ToDouble(check[1][3]), 6));
    }

    /// <summary>The recompute (over the pivot kept on every write) against the same figures worked out by SQL over the values themselves.</summary>
    private void AssertRecomputeMatchesTheValues()
    {
        var fromPivot = engine.RecomputeAll();
        var fromValues = engine.Rows(AnalyticsEngine.AllMonthlyFiguresCheckSql);
        Assert.Equal(fromValues.Count, fromPivot.Count);
        foreach (var (a, b) in fromValues.Zip(fromPivot))
            for (var i = 0; i < a.Length; i++)
                Assert.Equal(Math.Round(Convert.ToDouble(a[i] ?? 0.0), 6), Math.Round(Convert.ToDouble(b[i] ?? 0.0), 6));
    }

    [Fact]
    public void The_recompute_stays_exact_through_writes_removals_own_district_values_and_new_definitions()
    {
        AssertRecomputeMatchesTheValues();
        // A changed value, a removed one (missing again), a new school-month, a disaggregation option and a district's own value.
        engine.Apply([(100, Jan, "GY", "", 7), (101, Jan, "ZS", "", null), (111, Mar, "GY", "", 3), (111, Mar, "ZS", "", 0),
            (110, Jan, "YE", "公办", 5), (10, Feb, "GY", "", 2), (10, Feb, "ZS", "", 8)]);
        AssertRecomputeMatchesTheValues();
        var check = engine.RecomputeAll().ToDictionary(r => Convert.ToInt32(r[0]), r => r);
        // Indicator 5 (GY, a count) in January: schools 100 (7), 101 (90), 110 (0); districts 10 (97), 11 (0); the city (97).
        // February: school 100 (4), district 10 (4 + its own 2), city (6). March: school 111 (3), district 11, city (3 each).
        Assert.Equal(12L, Convert.ToInt64(check[5][1]));
        Assert.Equal(7 + 90 + 0 + 97 + 0 + 97 + 4 + 6 + 6 + 3 + 3 + 3, Convert.ToDouble(check[5][3]));
        // Every value of school 101 in January removed: its figures go, and the district's are the other school's alone.
        engine.Apply([(101, Jan, "GY", "", null), (101, Jan, "YE", "公办", null), (101, Jan, "YE", "民办", null), (101, Jan, "AVGE", "", null)]);
        AssertRecomputeMatchesTheValues();
        // New definitions: the pivot follows them.
        engine.SetIndicators([Indicator(7, "#{YE.民办} + #{GY} - 1", "#{ZS} + 10", 100), Indicator(8, "#{LST}", null, 2)]);
        AssertRecomputeMatchesTheValues();
        Assert.Equal([7, 8], engine.RecomputeAll().Select(r => Convert.ToInt32(r[0])));
        engine.ClearValues();
        Assert.All(engine.RecomputeAll(), r => Assert.Equal(0L, Convert.ToInt64(r[1])));
    }

    public void Dispose() => engine.Dispose();
}

public sealed class AnalyticsPeriodTests
{
    [Theory]
    [InlineData("2026", 202601, 202612, PeriodGrain.Year)]
    [InlineData("2026Q2", 202604, 202606, PeriodGrain.Quarter)]
    [InlineData("2026-03", 202603, 202603, PeriodGrain.Month)]
    public void Reads_a_year_a_quarter_and_a_month(string text, int from, int to, PeriodGrain grain)
    {
        var outcome = AnalyticsPeriod.Parse(text);
        Assert.Equal(new AnalyticsPeriod(from, to, grain), outcome.Value);
    }

    [Theory]
    [InlineData("")]
    [InlineData("2026Q5")]
    [InlineData("2026-13")]
    [InlineData("26-03")]
    [InlineData("1999")]
    public void Refuses_anything_else_in_Chinese(string text)
    {
        var outcome = AnalyticsPeriod.Parse(text);
        Assert.Null(outcome.Value);
        Assert.Contains("请写成 2026（年）、2026Q1（季度）或 2026-03（月）", outcome.Problems.Single().ToChinese());
    }
}
