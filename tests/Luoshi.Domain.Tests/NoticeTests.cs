using Luoshi.Domain.Calendar;
using Luoshi.Domain.Problems;
using Luoshi.Domain.Supervision;

namespace Luoshi.Domain.Tests;

/// <summary>A 督办单's number, its 办理时限 in working days over the 2026 国庆 week, and its transitions.</summary>
public sealed class NoticeTests
{
    private static readonly WorkingDays Calendar = new(
    [
        .. Enumerable.Range(1, 7).Select(d => new CalendarDay { Date = new DateOnly(2026, 10, d), Workday = false, Name = "国庆节" }),
        new CalendarDay { Date = new DateOnly(2026, 9, 20), Workday = true, Name = "国庆节调休上班" },
        new CalendarDay { Date = new DateOnly(2026, 10, 10), Workday = true, Name = "国庆节调休上班" },
    ]);

    private static readonly DateTime Noon = new(2026, 9, 30, 4, 0, 0, DateTimeKind.Utc);

    private static Notice Issue(int days = Notice.DefaultDays, int sequence = 12) =>
        Notice.Issue(NoticeKind.Supervise, orgUnitId: 5, taskId: 9, "进度滞后，请说明原因", days, Calendar, new DateOnly(2026, 9, 30),
            sequence, Noon, issuedById: 1, issuerUnitId: 2).Notice!;

    [Fact]
    public void A_notice_is_numbered_in_its_year_and_due_in_working_days_across_the_national_day_week()
    {
        var notice = Issue();
        Assert.Equal("督办〔2026〕第12号", notice.Number);
        Assert.Equal((NoticeStatus.Open, NoticeLevel.Supervise), (notice.Status, notice.Level));
        // Issued Wednesday 30 September: 1–7 October are off; Thu 8, Fri 9, then the 调休 Saturday 10 October is the third.
        Assert.Equal(new DateOnly(2026, 10, 10), notice.RespondBy);
        Assert.Equal(new DateOnly(2026, 10, 12), Issue(days: 4).RespondBy);
        Assert.False(notice.IsOverdue(new DateOnly(2026, 10, 10)));
        Assert.True(notice.IsOverdue(new DateOnly(2026, 10, 11)));
    }

    [Fact]
    public void Bad_input_issues_nothing()
    {
        Assert.Equal(NoticeProblems.ReasonMissing, Notice.Issue(NoticeKind.Urge, 5, null, "  ", 3, Calendar, new DateOnly(2026, 9, 30), 1, Noon, 1, null).Problem!.Type);
        Assert.Equal(NoticeProblems.DaysOutOfRange, Notice.Issue(NoticeKind.Urge, 5, null, "催办", 0, Calendar, new DateOnly(2026, 9, 30), 1, Noon, 1, null).Problem!.Type);
    }

    [Fact]
    public void The_unit_answers_then_the_issuer_closes_and_an_answer_after_closing_is_a_conflict()
    {
        var notice = Issue();
        var other = notice.Answer(answeringUnitId: 6, userId: 30, "不是我的", Noon);
        Assert.Equal((NoticeProblems.NotYourUnit, ProblemKind.Forbidden), (other!.Type, other.Kind));
        Assert.Equal(NoticeProblems.NotAnswered, notice.Close(1, Noon)!.Type);
        Assert.Equal(NoticeProblems.ResponseMissing, notice.Answer(5, 31, " ", Noon)!.Type);
        Assert.Equal(NoticeStatus.Open, notice.Status);

        Assert.Null(notice.Answer(5, 31, " 已完成整改。 ", Noon.AddDays(1)));
        Assert.Equal((NoticeStatus.Responded, "已完成整改。", 31, Noon.AddDays(1)), (notice.Status, notice.Response, notice.AnsweredById, notice.AnsweredAt));
        Assert.False(notice.IsOverdue(new DateOnly(2026, 12, 1)));

        Assert.Null(notice.Close(1, Noon.AddDays(2)));
        Assert.Equal(NoticeStatus.Closed, notice.Status);
        var late = notice.Answer(5, 31, "补充材料", Noon.AddDays(3));
        Assert.Equal((NoticeProblems.Closed, ProblemKind.Conflict), (late!.Type, late.Kind));
        Assert.Equal(NoticeProblems.Closed, notice.Close(1, Noon)!.Type);
    }

    [Fact]
    public void The_issuer_sends_an_answer_back_with_a_reason_and_the_notice_is_open_again()
    {
        var notice = Issue();
        notice.Answer(5, 31, "已处理", Noon);
        Assert.Equal(NoticeProblems.ReturnReasonMissing, notice.Return("")!.Type);
        Assert.Null(notice.Return("缺少佐证材料"));
        Assert.Equal((NoticeStatus.Open, "缺少佐证材料"), (notice.Status, notice.ReturnComment));
        Assert.Null(notice.Answer(5, 31, "已补充佐证材料", Noon.AddDays(1)));
        Assert.Equal("已补充佐证材料", notice.Response);
    }
}
