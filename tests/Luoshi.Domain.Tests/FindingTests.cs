using Luoshi.Domain.Calendar;
using Luoshi.Domain.Problems;
using Luoshi.Domain.Supervision;

namespace Luoshi.Domain.Tests;

/// <summary>A 整改 item's deadline in working days over the 2026 国庆 week, its transitions, and when it counts as overdue or closed on time.</summary>
public sealed class FindingTests
{
    private static readonly WorkingDays Calendar = new(
    [
        .. Enumerable.Range(1, 7).Select(d => new CalendarDay { Date = new DateOnly(2026, 10, d), Workday = false, Name = "国庆节" }),
        new CalendarDay { Date = new DateOnly(2026, 10, 10), Workday = true, Name = "国庆节调休上班" },
    ]);

    private static readonly DateOnly Found = new(2026, 9, 30);

    /// <summary>10:00 in Beijing on <paramref name="day"/>.</summary>
    private static DateTime Beijing(DateOnly day) => day.ToDateTime(new TimeOnly(2, 0), DateTimeKind.Utc);

    private static Finding Find(int days = 5) =>
        Finding.Find(orgUnitId: 7, "消防通道堆放杂物", "较重", "立即清理", null, days, Calendar, Found, Beijing(Found)).Finding!;

    [Fact]
    public void A_deadline_in_working_days_skips_the_national_day_week_and_counts_the_adjusted_saturday()
    {
        // Thu 8, Fri 9, Sat 10 (调休), Mon 12, Tue 13 October.
        Assert.Equal(new DateOnly(2026, 10, 13), Find(5).Deadline);
        Assert.Equal(FindingSeverity.Serious, Find().Severity);
        var (none, problems) = Finding.Find(7, " ", "很严重", null, new DateOnly(2026, 10, 9), 3, Calendar, Found, Beijing(Found));
        Assert.Null(none);
        Assert.Equal(["inspection.description-missing", "inspection.severity-invalid", "inspection.deadline-twice"], problems.Select(p => p.Code));
        Assert.Equal("inspection.deadline-past",
            Finding.Find(7, "问题", null, null, new DateOnly(2026, 9, 29), null, Calendar, Found, Beijing(Found)).Problems.Single().Code);
    }

    [Fact]
    public void Submitted_returned_resubmitted_and_closed_and_nothing_after_closing()
    {
        var finding = Find();
        Assert.Equal(ProblemKind.Forbidden, finding.Submit(unitId: 8, userId: 1, "代为整改", Beijing(Found))!.Kind);
        Assert.Equal(ProblemKind.Conflict, finding.Close(2, Beijing(Found))!.Kind);
        Assert.Null(finding.Submit(7, 1, "已清理", Beijing(new DateOnly(2026, 10, 9))));
        Assert.Equal("inspection.already-submitted", finding.Submit(7, 1, "再次", Beijing(Found))!.Code);
        Assert.Equal("inspection.return-reason-missing", finding.Return(" ")!.Code);
        Assert.Null(finding.Return("请附照片"));
        Assert.Equal((FindingStatus.Open, "请附照片"), (finding.Status, finding.ReturnComment));
        Assert.Null(finding.Submit(7, 1, "已清理并附照片", Beijing(new DateOnly(2026, 10, 14))));
        Assert.Null(finding.Close(2, Beijing(new DateOnly(2026, 10, 15))));
        Assert.Equal(ProblemKind.Conflict, finding.Submit(7, 1, "补充", Beijing(Found))!.Kind);
        Assert.Equal(ProblemKind.Conflict, finding.Return("再退回")!.Kind);
        // The accepted rectification came in on 14 October, after the deadline of the 13th: closed, but not on time.
        Assert.False(finding.ClosedOnTime);
    }

    [Fact]
    public void Overdue_only_while_open_after_the_last_day()
    {
        var finding = Find();
        Assert.False(finding.IsOverdue(new DateOnly(2026, 10, 13)));
        Assert.True(finding.IsOverdue(new DateOnly(2026, 10, 14)));
        finding.Submit(7, 1, "已清理", Beijing(new DateOnly(2026, 10, 13)));
        Assert.False(finding.IsOverdue(new DateOnly(2026, 10, 20)));
        finding.Close(2, Beijing(new DateOnly(2026, 10, 20)));
        Assert.True(finding.ClosedOnTime);
    }
}
