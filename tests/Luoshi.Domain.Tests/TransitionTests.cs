using Luoshi.Domain.Problems;
using Luoshi.Domain.Reports;
using Luoshi.Domain.Targets;
using Luoshi.Domain.Tasks;
using Luoshi.Domain.Time;
using Microsoft.Extensions.Time.Testing;

namespace Luoshi.Domain.Tests;

/// <summary>The domain's transitions (办结 and review) and its clock, without a database.</summary>
public sealed class TransitionTests
{
    private static readonly DateTime Noon = new(2026, 6, 1, 4, 0, 0, DateTimeKind.Utc);

    private static PlanTask OpenTask() => new() { Id = 7, Title = "扩大普惠资源", Version = 3 };

    [Fact]
    public void Closing_a_task_goes_request_then_approve_and_records_who_and_when()
    {
        var task = OpenTask();
        Assert.Equal(TaskProblems.SummaryRequired, task.RequestCompletion("  ", Noon)!.Type);
        Assert.Equal(TaskClosure.Open, task.Closure);
        Assert.Equal(3, task.Version);

        Assert.Null(task.RequestCompletion(" 12所幼儿园已建成。 ", Noon));
        Assert.Equal((TaskClosure.CompletionRequested, "12所幼儿园已建成。", Noon, 4), (task.Closure, task.CompletionSummary, task.CompletionRequestedAt, task.Version));
        Assert.Equal(TaskProblems.NotOpen, task.RequestCompletion("再次申请", Noon)!.Type);

        Assert.Null(task.ApproveCompletion(userId: 11, Noon.AddDays(1)));
        Assert.Equal((TaskClosure.Done, 11, Noon.AddDays(1)), (task.Closure, task.ClosedById, task.ClosedAt));
        Assert.Equal(TaskProblems.NoPendingRequest, task.ApproveCompletion(11, Noon)!.Type);
        Assert.Equal(TaskProblems.DoneCannotCancel, task.Cancel("不做了")!.Type);
    }

    [Fact]
    public void A_refusal_needs_a_reason_and_leaves_the_task_open_with_the_reason_kept()
    {
        var task = OpenTask();
        task.RequestCompletion("已完成", Noon);
        var before = task.Version;
        Assert.Equal(TaskProblems.RefusalReasonRequired, task.RefuseCompletion("")!.Type);
        Assert.Equal((TaskClosure.CompletionRequested, before), (task.Closure, task.Version));

        Assert.Null(task.RefuseCompletion("缺少验收材料"));
        Assert.Equal(TaskClosure.Open, task.Closure);
        Assert.Contains("不同意办结：缺少验收材料", task.CompletionSummary);
    }

    [Fact]
    public void Only_a_closed_or_cancelled_task_reopens_and_a_cancelled_one_cannot_be_cancelled_again()
    {
        var task = OpenTask();
        Assert.Equal(TaskProblems.NotClosed, task.Reopen("重新部署")!.Type);
        Assert.Equal(TaskProblems.CancelReasonRequired, task.Cancel(null)!.Type);
        Assert.Null(task.Cancel("上级调整"));
        Assert.Equal((TaskClosure.Cancelled, "取消：上级调整"), (task.Closure, task.CompletionSummary));
        Assert.Equal(TaskProblems.AlreadyCancelled, task.Cancel("再取消")!.Type);
        Assert.Equal(TaskProblems.ReopenReasonRequired, task.Reopen(" ")!.Type);
        Assert.Null(task.Reopen("恢复实施"));
        Assert.Equal(TaskClosure.Open, task.Closure);
        Assert.Null(task.ClosedAt);
    }

    [Fact]
    public void A_report_is_reviewed_once_and_returning_it_needs_a_reason()
    {
        var report = new ProgressReport { Period = "2026-05", Status = ReportStatus.Draft };
        Assert.Equal(ReportProblems.NotSubmitted, report.Accept(5, null, Noon)!.Type);
        report.Submit(Noon, new DateOnly(2026, 6, 1));
        Assert.False(report.Late);
        Assert.Equal(ReportProblems.ReturnReasonRequired, report.Return(5, "", Noon)!.Type);
        Assert.Equal(ReportProblems.CommentTooLong, report.Accept(5, new string('好', ProgressReport.MaxCommentLength + 1), Noon)!.Type);
        Assert.Equal(ReportStatus.Submitted, report.Status);

        Assert.Null(report.Return(5, " 请补充佐证 ", Noon));
        Assert.Equal((ReportStatus.Returned, "请补充佐证", 5), (report.Status, report.ReviewComment, report.ReviewedById));
        Assert.Equal("该报告已退回，只能审核已报送的报告", report.Accept(5, null, Noon)!.ToChinese());
    }

    [Fact]
    public void A_report_submitted_after_the_fifth_of_the_next_month_is_late()
    {
        var report = new ProgressReport { Period = "2026-05" };
        report.Submit(Noon, new DateOnly(2026, 6, 6));
        Assert.True(report.Late);
    }

    [Fact]
    public void Accepted_reports_set_progress_to_the_mean_and_counts_to_the_sum_of_each_unit_s_latest()
    {
        var schools = new Target { Id = 1, Unit = "所", Value = 12 };
        var share = new Target { Id = 2, Unit = "%", Value = 54 };
        var task = new PlanTask { Id = 7, Title = "扩大普惠资源", Targets = [schools, share] };
        ProgressReport Accepted(int id, int unit, string period, int progress, decimal count, decimal percent) => new()
        {
            Id = id, TaskId = 7, OrgUnitId = unit, Period = period, Progress = progress, Status = ReportStatus.Accepted,
            Values = [new() { TargetId = 1, Value = count }, new() { TargetId = 2, Value = percent }],
        };
        TaskProgress.Recompute(task, [
            Accepted(1, 100, "2026-04", 10, 1, 40),
            Accepted(2, 100, "2026-05", 40, 3, 50),
            Accepted(3, 200, "2026-05", 60, 4, 56),
            new ProgressReport { Id = 4, TaskId = 7, OrgUnitId = 300, Period = "2026-05", Progress = 100, Status = ReportStatus.Returned },
        ]);
        Assert.Equal(50, task.Progress);
        Assert.Equal(7, schools.Actual);
        Assert.Equal(53, share.Actual);
    }

    [Theory]
    [InlineData("2026-11-27T15:29:59Z", "2026-11-27", "2026-11")]
    [InlineData("2026-11-27T15:30:00Z", "2026-11-27", "2026-11")]
    [InlineData("2026-11-27T16:30:00Z", "2026-11-28", "2026-11")]
    [InlineData("2026-11-30T16:00:00Z", "2026-12-01", "2026-12")]
    public void The_clock_reads_the_day_and_the_report_month_in_China_whatever_the_host_s_zone(string utc, string today, string period)
    {
        var clock = new ChinaClock(new FakeTimeProvider(DateTimeOffset.Parse(utc, System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal(DateOnly.Parse(today, System.Globalization.CultureInfo.InvariantCulture), clock.Today);
        Assert.Equal(period, clock.CurrentPeriod);
        Assert.Equal(DateTimeKind.Utc, clock.UtcNow.Kind);
    }

    [Fact]
    public void A_problem_is_worded_in_Chinese_or_English_with_its_arguments()
    {
        var problem = TargetProblems.SharesDisagree.With(11.50m, 12m);
        Assert.Equal("各单位分解数之和（11.5）与目标值（12）不一致", problem.ToChinese());
        Assert.Equal("The shares add up to 11.5, not to the target 12", problem.ToEnglish());
        Assert.Equal(("target.shares-disagree", ProblemKind.Invalid), (problem.Code, problem.Kind));
        Assert.Equal(ProblemKind.NotFound, new Problem[] { TaskProblems.TitleEmpty, TaskProblems.NotFound, TaskProblems.EditForbidden }.Leading());
    }
}
