using Luoshi.Domain.Indicators;
using Luoshi.Domain.Targets;

namespace Luoshi.Domain.Tests;

public class ExpectedPathTests
{
    // 公办幼儿园在园儿童占比 from 49 % to 54 % over January–December: 5 points over 12 months, 5/12 a month.
    private static readonly ExpectedPath Share = new(49, 54, Comparator.AtLeast, new DateOnly(2026, 1, 1), new DateOnly(2026, 12, 31));
    private static readonly PathTolerance Tolerance = new(10, 50); // yellow 0.5 points under the path, red 2.5 under it
    private static readonly DateOnly June = new(2026, 6, 15);

    [Fact]
    public void The_path_runs_linearly_by_month_from_the_baseline_to_the_target()
    {
        Assert.Equal(12, Share.Months);
        Assert.Equal(49, Share.ExpectedAt(new DateOnly(2025, 11, 30)));
        Assert.Equal(Math.Round(49 + 5m / 12, 4), Share.ExpectedAt(new DateOnly(2026, 1, 31)));
        Assert.Equal(50.25m, Share.ExpectedAt(new DateOnly(2026, 3, 1)));   // 49 + 5 × 3/12: March's data is as of its end
        Assert.Equal(51.5m, Share.ExpectedAt(new DateOnly(2026, 6, 30)));
        Assert.Equal(54, Share.ExpectedAt(new DateOnly(2026, 12, 31)));
        Assert.Equal(54, Share.ExpectedAt(new DateOnly(2027, 3, 31)));
    }

    [Fact]
    public void The_verdict_compares_the_data_with_the_path_within_the_tolerance()
    {
        var may = new DateOnly(2026, 5, 31); // the path expects 49 + 5 × 5/12 = 51.0833
        Assert.Equal(DataVerdict.NoData, Share.Verdict(null, may, June, Tolerance));
        Assert.Equal(DataVerdict.OnPath, Share.Verdict(51.2m, may, June, Tolerance));   // ahead
        Assert.Equal(DataVerdict.OnPath, Share.Verdict(50.7m, may, June, Tolerance));   // 0.38 under: within 0.5
        Assert.Equal(DataVerdict.Behind, Share.Verdict(50.5m, may, June, Tolerance));   // 0.58 under
        Assert.Equal(DataVerdict.FarBehind, Share.Verdict(48.5m, may, June, Tolerance)); // 2.58 under
        Assert.Equal(DataVerdict.Met, Share.Verdict(54.2m, may, June, Tolerance));
        Assert.Equal("yellow", DataVerdict.Behind.Light());
        Assert.Equal("red", DataVerdict.FarBehind.Light());
        Assert.Equal("数据落后于预期进度", DataVerdict.Behind.ToChinese());
    }

    [Fact]
    public void Past_the_deadline_an_unmet_target_is_red()
    {
        var december = new DateOnly(2026, 12, 31);
        Assert.Equal(DataVerdict.Behind, Share.Verdict(53.9m, december, new DateOnly(2026, 12, 31), new PathTolerance(1, 50)));
        Assert.Equal(DataVerdict.FarBehind, Share.Verdict(53.9m, december, new DateOnly(2027, 1, 1), Tolerance));
        Assert.Equal(DataVerdict.Met, Share.Verdict(54m, december, new DateOnly(2027, 1, 1), Tolerance));
    }

    [Fact]
    public void A_downward_target_is_met_at_or_under_its_value()
    {
        // 大班额比例不超过 5 %, from 12 %, over January–July: 1 point a month.
        var large = new ExpectedPath(12, 5, Comparator.AtMost, new DateOnly(2026, 1, 1), new DateOnly(2026, 7, 31));
        var april = new DateOnly(2026, 4, 30); // the path expects 8
        Assert.Equal(8, large.ExpectedAt(april));
        Assert.Equal(DataVerdict.FarBehind, large.Verdict(12, april, april, Tolerance)); // 4 over: 57% of the 7-point span
        Assert.Equal(DataVerdict.Behind, large.Verdict(9, april, april, Tolerance));     // 1 over: 14% of the span
        Assert.Equal(DataVerdict.OnPath, large.Verdict(7.9m, april, april, Tolerance));
        Assert.True(large.Confirms(5));
        Assert.False(large.Confirms(5.1m));
    }

    [Fact]
    public void The_check_before_closing_says_whether_the_data_confirms_the_result()
    {
        Assert.Equal("数据核实：已达到 54.3% ≥ 54%", Share.Check(54.3m, "%"));
        Assert.Equal("数据未达到：51.2% < 54%", Share.Check(51.2m, "%"));
        Assert.Equal("暂无数据", Share.Check(null, "%"));
        var large = new ExpectedPath(12, 5, Comparator.AtMost, new DateOnly(2026, 1, 1), new DateOnly(2026, 7, 31));
        Assert.Equal("数据未达到：6.5% > 5%", large.Check(6.5m, "%"));
    }
}
