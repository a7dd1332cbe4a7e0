using Luoshi.Domain.Targets;
using Luoshi.Domain.Tasks;

namespace Luoshi.Domain.Tests;

/// <summary>The rules that colour a task and measure a target.</summary>
public sealed class LedgerRuleTests
{
    private static readonly DateOnly Today = new(2026, 11, 23);

    private static PlanTask Task(DateOnly? due, int progress = 0, DateOnly? start = null, params DateOnly[] milestones) => new()
    {
        Title = "新建改扩建公办幼儿园12所",
        StartDate = start ?? new DateOnly(2026, 1, 1),
        DueDate = due,
        Progress = progress,
        Milestones = milestones.Select(d => new Milestone { Date = d, Title = "节点" }).ToList(),
    };

    [Fact]
    public void A_task_past_its_due_date_is_overdue_red()
    {
        var status = WorkStatusRules.Compute(Task(new DateOnly(2026, 10, 31), progress: 90), Today, 14);
        Assert.Equal(WorkStatus.Overdue, status);
        Assert.Equal("逾期", status.ToChinese());
        Assert.Equal("red", status.Light());
    }

    [Fact]
    public void A_missed_open_milestone_makes_the_task_overdue_even_before_its_due_date()
    {
        Assert.Equal(WorkStatus.Overdue, WorkStatusRules.Compute(Task(new DateOnly(2026, 12, 31), 50, null, new DateOnly(2026, 11, 1)), Today, 14));
    }

    [Fact]
    public void A_lagging_task_near_its_due_date_is_a_yellow_warning()
    {
        // 11 months of 12 have passed: 92% expected, 40% done, due in 8 days.
        var status = WorkStatusRules.Compute(Task(new DateOnly(2026, 12, 1), progress: 40), Today, 14);
        Assert.Equal(WorkStatus.Warning, status);
        Assert.Equal("yellow", status.Light());
    }

    [Fact]
    public void A_task_on_schedule_near_its_due_date_is_not_a_warning()
    {
        Assert.Equal(WorkStatus.InProgress, WorkStatusRules.Compute(Task(new DateOnly(2026, 12, 1), progress: 99), Today, 14));
    }

    [Fact]
    public void The_warning_window_is_configurable()
    {
        // Far behind (10% of 92%) would be yellow at any time under the default lag of 20 points; with the lag out of the
        // way, only the window decides.
        var task = Task(new DateOnly(2026, 12, 20), progress: 10);
        Assert.Equal(WorkStatus.InProgress, WorkStatusRules.Compute(task, Today, 14, lagPoints: 100));
        Assert.Equal(WorkStatus.Warning, WorkStatusRules.Compute(task, Today, 30, lagPoints: 100));
    }

    [Fact]
    public void A_task_not_yet_begun_is_not_started_and_people_decide_closure()
    {
        Assert.Equal(WorkStatus.NotStarted, WorkStatusRules.Compute(Task(new DateOnly(2027, 6, 30), 0, new DateOnly(2027, 1, 1)), Today, 14));
        var closed = Task(new DateOnly(2026, 1, 31));
        closed.Closure = TaskClosure.Done;
        Assert.Equal(WorkStatus.Done, WorkStatusRules.Compute(closed, Today, 14));
        closed.Closure = TaskClosure.CompletionRequested;
        Assert.Equal("申请办结", WorkStatusRules.Compute(closed, Today, 14).ToChinese());
    }

    [Theory]
    [InlineData(Comparator.AtLeast, 30, 15, 50)]
    [InlineData(Comparator.Equal, 12, 12, 100)]
    [InlineData(Comparator.Equal, 12, 20, 100)]
    [InlineData(Comparator.AtMost, 40, 30, 100)]
    [InlineData(Comparator.AtMost, 40, 50, 80)]
    public void Attainment_is_the_share_of_the_target_reached(Comparator comparator, double value, double actual, double expected)
    {
        Assert.Equal((decimal)expected, Attainments.Of(comparator, (decimal)value, null, (decimal)actual));
    }

    [Fact]
    public void Without_an_actual_value_there_is_no_attainment() =>
        Assert.Null(Attainments.Of(Comparator.AtLeast, 30, null, null));

    [Theory]
    [InlineData("创建30所中小学党建示范校", TaskCategory.PartyBuilding)]
    [InlineData("公办幼儿园在园儿童占比达到54%", TaskCategory.Preschool)]
    [InlineData("职普比不低于4:6", TaskCategory.Vocational)]
    [InlineData("深化校外培训机构治理", TaskCategory.PrivateAndTutoring)]
    [InlineData("开好年度总结会", TaskCategory.Other)]
    public void A_category_is_suggested_from_the_title(string title, TaskCategory expected) =>
        Assert.Equal(expected, TaskCategories.Suggest(title, null));

    [Fact]
    public void A_target_reads_as_an_office_writes_it()
    {
        Assert.Equal("党建示范校 不低于 30 所", new Target { Subject = "党建示范校", Comparator = Comparator.AtLeast, Value = 30.00m, Unit = "所" }.Describe());
        Assert.Equal("介于 1～2.5 个", new Target { Comparator = Comparator.Range, Value = 1, Upper = 2.5m, Unit = "个" }.Goal());
        Assert.Equal("党建品牌 达到 XX 个", new Target { Subject = "党建品牌", Placeholder = true, Unit = "个" }.Describe());
        Assert.Equal("占比 达到 54", new Target { Subject = "占比", Value = 54m }.Describe());
    }
}
