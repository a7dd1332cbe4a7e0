using Luoshi.Domain.Reports;
using Luoshi.Domain.Targets;
using Luoshi.Domain.Tasks;
using Luoshi.Domain.Time;
using Microsoft.Extensions.Time.Testing;

namespace Luoshi.Domain.Tests;

/// <summary>
/// Issue 12: headings are groups, not tasks (item 2); actuals that add up (item 5); behind schedule is yellow (item 6).
/// "Today" comes from a fixed clock in China time.
/// </summary>
public sealed class LedgerSumsTests
{
    private static DateOnly TodayAt(string utc) =>
        new ChinaClock(new FakeTimeProvider(DateTimeOffset.Parse(utc, System.Globalization.CultureInfo.InvariantCulture))).Today;

    private static PlanTask Task(int id, int? parent = null, int progress = 0, decimal weight = 1, bool breakdown = false) => new()
    {
        Id = id, PlanId = 1, ParentId = parent, Title = $"任务{id}", Progress = progress, Weight = weight, IsBreakdown = breakdown,
        StartDate = new DateOnly(2026, 1, 1), DueDate = new DateOnly(2026, 12, 31),
    };

    [Fact]
    public void An_outline_heading_with_child_items_is_a_group_and_a_district_s_breakdown_does_not_make_one()
    {
        PlanTask heading = Task(1), first = Task(2, parent: 1), second = Task(3, parent: 1), leaf = Task(4), school = Task(5, parent: 4, breakdown: true);
        TaskOutline.MarkGroups([heading, first, second, leaf, school]);
        Assert.True(heading.IsGroup);
        Assert.False(first.IsGroup);
        Assert.False(leaf.IsGroup);
        Assert.Equal([2, 3], TaskOutline.LeavesOf(heading, [heading, first, second, leaf, school]).Select(t => t.Id).Order());
    }

    [Fact]
    public void A_group_shows_its_tasks_worst_light_and_their_progress_by_weight()
    {
        var rollup = TaskRollup.Of([(Task(2, 1, progress: 100, weight: 3), WorkStatus.Done), (Task(3, 1, progress: 20, weight: 1), WorkStatus.Overdue)]);
        Assert.Equal(WorkStatus.Overdue, rollup.Status);
        Assert.Equal(80, rollup.Progress);
        Assert.Equal(WorkStatus.Done, TaskRollup.Of([(Task(2, 1, 100), WorkStatus.Done), (Task(3, 1), WorkStatus.Cancelled)]).Status);
    }

    private static readonly Target Share = new() { Id = 10, TaskId = 7, Subject = "公办园在园幼儿占比", Unit = "%", Value = 54 };

    private static ProgressReport Accepted(int id, int unit, string period, params ReportValue[] values) => new()
    {
        Id = id, TaskId = 7, OrgUnitId = unit, Period = period, Progress = 50, Status = ReportStatus.Accepted,
        ReviewedAt = new DateTime(2026, 6, 8, 2, 0, 0, DateTimeKind.Utc), Values = [.. values],
    };

    [Fact]
    public void Percentages_of_units_combine_as_one_ratio_weighted_by_each_unit_s_base_not_as_a_plain_mean()
    {
        // The figures: 95, 6.8 and 6.16 made 35.99 as a plain mean. A small unit's 95% must not outweigh the large ones.
        var actual = TargetActuals.Of(Share, [
            Accepted(1, 100, "2026-05", new ReportValue { TargetId = 10, Value = 95, Denominator = 200 }),
            Accepted(2, 200, "2026-05", new ReportValue { TargetId = 10, Value = 6.8m, Numerator = 68, Denominator = 1000 }),
            Accepted(3, 300, "2026-05", new ReportValue { TargetId = 10, Value = 6.16m, Denominator = 2500 }),
        ]);
        Assert.Equal(ActualMethod.Ratio, actual.Method);
        Assert.Equal(11.14m, actual.Value); // (190 + 68 + 154) / 3700
        Assert.NotEqual(35.99m, actual.Value);
        Assert.Empty(actual.UnitsWithoutBase);
    }

    [Fact]
    public void A_unit_s_base_from_an_earlier_report_still_weighs_its_later_share_and_a_unit_without_any_base_is_named()
    {
        var actual = TargetActuals.Of(Share, [
            Accepted(1, 100, "2026-04", new ReportValue { TargetId = 10, Value = 50, Denominator = 100 }),
            Accepted(2, 100, "2026-05", new ReportValue { TargetId = 10, Value = 60 }),
            Accepted(3, 200, "2026-05", new ReportValue { TargetId = 10, Value = 20, Denominator = 300 }),
            Accepted(4, 300, "2026-05", new ReportValue { TargetId = 10, Value = 95 }),
        ]);
        Assert.Equal(30m, actual.Value); // (60 + 60) / 400
        Assert.Equal([300], actual.UnitsWithoutBase);
        Assert.Equal(100m, actual.Figures.Single(f => f.OrgUnitId == 100).Base);
    }

    [Fact]
    public void A_later_accepted_report_that_leaves_a_count_empty_keeps_the_unit_s_earlier_figure()
    {
        var schools = new Target { Id = 11, TaskId = 7, Subject = "新建幼儿园", Unit = "所", Value = 20 };
        var task = new PlanTask { Id = 7, Title = "扩大普惠资源", Targets = [schools] };
        TaskProgress.Recompute(task, [
            Accepted(1, 100, "2026-04", new ReportValue { TargetId = 11, Value = 4 }),
            Accepted(2, 200, "2026-04", new ReportValue { TargetId = 11, Value = 8 }),
            Accepted(3, 100, "2026-05"),
        ]);
        Assert.Equal(12, schools.Actual); // not 8: unit 100's May report said nothing of the count
        var figure = TargetActuals.Latest(schools, [Accepted(1, 100, "2026-04", new ReportValue { TargetId = 11, Value = 4 }), Accepted(3, 100, "2026-05")])
            .Single();
        Assert.Equal(("2026-04", 4m, 1), (figure.Period, figure.Value, figure.ReportId));
        Assert.Equal(new DateTime(2026, 6, 8, 2, 0, 0, DateTimeKind.Utc), figure.AcceptedAt);
    }

    [Fact]
    public void A_share_given_as_numerator_and_denominator_is_their_ratio_in_the_target_s_unit()
    {
        Assert.Equal(95m, TargetActuals.ShareOf(Share, 190, 200));
        Assert.Null(TargetActuals.ShareOf(Share, 5, 0));
        Assert.Equal(17.5m, TargetActuals.ShareOf(new Target { Unit = "生师比" }, 35, 2));
    }

    private static PlanTask Yearly(int progress, params Milestone[] milestones) => new()
    {
        Title = "新建改扩建公办幼儿园12所", Progress = progress, StartDate = new DateOnly(2026, 1, 1), DueDate = new DateOnly(2026, 12, 31),
        Milestones = [.. milestones],
    };

    [Fact]
    public void A_task_far_behind_the_time_elapsed_is_yellow_before_the_last_fortnight_and_says_by_how_much()
    {
        // 2026-11-29 in Beijing (16:30 UTC the day before): 91% of the year has passed, the deadline is 32 days away.
        var today = TodayAt("2026-11-28T16:30:00Z");
        var task = Yearly(progress: 40);
        Assert.Equal(WorkStatus.Warning, WorkStatusRules.Compute(task, today, 14));
        var lag = WorkStatusRules.Behind(task, today, 14);
        Assert.Equal((40, 91, 51, false), (lag!.Progress, lag.Expected, lag.Points, lag.NextIsSoon));
    }

    [Fact]
    public void The_lag_that_turns_a_task_yellow_is_a_setting()
    {
        var today = TodayAt("2026-07-01T04:00:00Z"); // half the year gone: 50% expected
        var task = Yearly(progress: 35);
        Assert.Equal(WorkStatus.InProgress, WorkStatusRules.Compute(task, today, 14, lagPoints: 20));
        Assert.Equal(WorkStatus.Warning, WorkStatusRules.Compute(task, today, 14, lagPoints: 10));
        Assert.Null(WorkStatusRules.Behind(task, today, 14, lagPoints: 20));
    }

    [Fact]
    public void The_expected_path_runs_through_the_milestones()
    {
        // A milestone on 30 April is half the way: by then 50% is expected, not the 33% a straight line to December gives.
        var today = TodayAt("2026-04-30T04:00:00Z");
        var task = Yearly(progress: 25, new Milestone { Date = new DateOnly(2026, 4, 30), Title = "完成选址", Done = true });
        Assert.Equal(50, WorkStatusRules.ExpectedProgress(task, today));
        Assert.Equal(33, WorkStatusRules.ExpectedProgress(Yearly(25), today));
        Assert.Equal(WorkStatus.Warning, WorkStatusRules.Compute(task, today, 14));
        Assert.Equal(WorkStatus.InProgress, WorkStatusRules.Compute(Yearly(25), today, 14));
    }
}
