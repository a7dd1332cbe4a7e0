using Luoshi.Domain.Indicators;
using Luoshi.Domain.Targets;

namespace Luoshi.Domain.Tests;

public class ExpectedPathTests
{
    // 公办幼儿园在园儿童占比 from 50 % (January) to 54 % by December: 4 points over 11 months.
    private static readonly ExpectedPath Share = new(50, 54, Comparator.AtLeast, new DateOnly(2026, 1, 1), new DateOnly(2026, 12, 31));

    [Fact]
    public void The_path_runs_linearly_by_month_from_the_baseline_to_the_target()
    {
        Assert.Equal(50, Share.ExpectedAt(new DateOnly(2025, 11, 30)));
        Assert.Equal(50, Share.ExpectedAt(new DateOnly(2026, 1, 31)));
        Assert.Equal(Math.Round(50 + 4m * 4 / 11, 4), Share.ExpectedAt(new DateOnly(2026, 5, 31)));
        Assert.Equal(54, Share.ExpectedAt(new DateOnly(2026, 12, 31)));
        Assert.Equal(54, Share.ExpectedAt(new DateOnly(2027, 3, 31)));
    }

    [Fact]
    public void The_verdict_compares_the_data_with_the_path()
    {
        var may = new DateOnly(2026, 5, 31);
        Assert.Equal(DataVerdict.NoData, Share.Verdict(null, may));
        Assert.Equal(DataVerdict.Behind, Share.Verdict(51, may));   // the path expects 51.45 by May
        Assert.Equal(DataVerdict.OnPath, Share.Verdict(52, may));
        Assert.Equal(DataVerdict.Met, Share.Verdict(54.2m, may));
        Assert.Equal("yellow", Share.Verdict(51, may).Light());
        Assert.Equal("数据落后于预期进度", Share.Verdict(51, may).ToChinese());
    }

    [Fact]
    public void A_downward_target_is_met_at_or_under_its_value()
    {
        // 大班额比例不超过 5 %, from 12 %.
        var large = new ExpectedPath(12, 5, Comparator.AtMost, new DateOnly(2026, 1, 1), new DateOnly(2026, 7, 31));
        Assert.Equal(DataVerdict.Behind, large.Verdict(11, new DateOnly(2026, 4, 30))); // the path expects 8.5
        Assert.Equal(DataVerdict.OnPath, large.Verdict(8, new DateOnly(2026, 4, 30)));
        Assert.True(large.Confirms(5));
        Assert.False(large.Confirms(5.1m));
    }
}
