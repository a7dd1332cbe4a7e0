using Luoshi.Domain.Reports;

namespace Luoshi.Domain.Tests;

/// <summary>A unit's report for a period has one live version; a corrected one supersedes it and keeps it as history.</summary>
public sealed class ReportVersionTests
{
    private static ProgressReport Report(int id, string period = "2026-03") =>
        new() { Id = id, TaskId = 7, OrgUnitId = 3, Period = period, Status = ReportStatus.Returned };

    [Fact]
    public void A_new_report_is_live()
    {
        Assert.True(Report(0).Live);
    }

    [Fact]
    public void A_superseded_report_is_kept_but_no_longer_live()
    {
        var returned = Report(41);
        var corrected = Report(0);
        returned.SupersedeBy(corrected);
        Assert.Null(returned.Live);
        Assert.Equal(1, returned.Version);
        Assert.True(corrected.Live);
        Assert.Equal(41, corrected.SupersedesId);
    }

    [Fact]
    public void Only_the_live_version_of_the_same_task_unit_and_period_can_be_superseded()
    {
        var returned = Report(41);
        returned.SupersedeBy(Report(0));
        Assert.Throws<InvalidOperationException>(() => returned.SupersedeBy(Report(0)));
        Assert.Throws<InvalidOperationException>(() => Report(42).SupersedeBy(Report(0, "2026-04")));
    }
}
