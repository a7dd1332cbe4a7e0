using System.Net;
using System.Text.Json;
using Luoshi.Domain.OrgUnits;
using Luoshi.Domain.People;
using Luoshi.Domain.Plans;
using Luoshi.Domain.Reports;
using Luoshi.Domain.Supervision;
using Luoshi.Domain.Targets;
using Luoshi.Domain.Tasks;
using Luoshi.Web.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;
using static Luoshi.Web.Tests.Infrastructure.ChinaTimes;

namespace Luoshi.Web.Tests;

/// <summary>
/// The leaders' dashboard (issue 14 item 4) through HTTP on a store of its own holding only a hand-made fixture: two districts
/// (甲区, 乙区) and a department, one published plan with a red task, a yellow one with a target far behind, a closed one and
/// a green one, a late report and an open 督办单 past its 办理时限; read on Thursday 5 November 2026 with every figure
/// worked out by hand below.
/// </summary>
public sealed class DashboardTests
{
    /// <summary>Thursday 5 November 2026, 10:00 in Beijing.</summary>
    private static readonly DateTimeOffset Now = new(2026, 11, 5, 2, 0, 0, TimeSpan.Zero);

    private sealed record Fixture(int A, int B, int Department, int Red, int Yellow, int Target, int OverdueNotice);

    private static async Task<Fixture> SeedAsync(LuoshiFactory data) => await data.WithDbAsync(async db =>
    {
        var bureau = new OrgUnit { Code = "JC", Name = "驾驶舱测试市教育局", Kind = OrgUnitKind.Bureau };
        var a = new OrgUnit { Code = "JCA", Name = "驾驶舱甲区", Kind = OrgUnitKind.District, Parent = bureau };
        var b = new OrgUnit { Code = "JCB", Name = "驾驶舱乙区", Kind = OrgUnitKind.District, Parent = bureau };
        var dept = new OrgUnit { Code = "JCD", Name = "驾驶舱基础教育处", Kind = OrgUnitKind.Department, Parent = bureau };
        db.OrgUnits.AddRange(bureau, a, b, dept);
        await db.SaveChangesAsync();
        var plan = new Plan { Title = "2026年驾驶舱测试工作要点", Year = 2026, Status = PlanStatus.Published, OrgUnitId = bureau.Id, CreatedAt = China(1, 5, 9) };
        var draft = new Plan { Title = "2026年驾驶舱测试草稿", Year = 2026, Status = PlanStatus.Draft, OrgUnitId = bureau.Id, CreatedAt = China(1, 5, 9) };
        db.Plans.AddRange(plan, draft);
        await db.SaveChangesAsync();
        PlanTask Task(Plan p, string title, TaskCategory category, int month, int day, OrgUnit unit, int progress = 0,
            TaskClosure closure = TaskClosure.Open, DateTime? closedAt = null, bool group = false)
        {
            var task = new PlanTask
            {
                PlanId = p.Id, Title = title, Number = "1.", Category = category, LeadDepartmentId = dept.Id, StartDate = new DateOnly(2026, 1, 1),
                DueDate = new DateOnly(2026, month, day), Progress = progress, Closure = closure, ClosedAt = closedAt, IsGroup = group,
                Units = [new TaskUnit { OrgUnitId = unit.Id, Role = TaskUnitRole.Responsible }],
            };
            db.Tasks.Add(task);
            return task;
        }
        var red = Task(plan, "红灯：十月底到期未办结", TaskCategory.Compulsory, 10, 31, a, progress: 60);
        var yellow = Task(plan, "黄灯：十一月十日到期、进度落后", TaskCategory.Compulsory, 11, 10, b, progress: 10);
        var target = new Target { Subject = "新建学位", Comparator = Comparator.AtLeast, Value = 100, Unit = "个", Actual = 20 };
        yellow.Targets.Add(target);
        Task(plan, "已办结：六月底到期、六月二十日办结", TaskCategory.Teachers, 6, 30, a, progress: 100, closure: TaskClosure.Done, closedAt: China(6, 20, 10));
        Task(plan, "绿灯：年底到期、进度超前", TaskCategory.Teachers, 12, 31, b, progress: 90);
        Task(plan, "已取消的任务", TaskCategory.Safety, 3, 31, a, closure: TaskClosure.Cancelled);
        Task(plan, "分组标题", TaskCategory.Safety, 3, 31, a, group: true);
        Task(draft, "草稿计划中逾期的任务", TaskCategory.Safety, 3, 31, a);
        await db.SaveChangesAsync();
        db.Reports.AddRange(
            new ProgressReport { TaskId = red.Id, OrgUnitId = a.Id, Period = "2026-10", Status = ReportStatus.Submitted, Late = true, Live = true,
                Progress = 60, SubmittedAt = China(10, 28, 9), CreatedAt = China(10, 27, 9) },
            new ProgressReport { TaskId = yellow.Id, OrgUnitId = b.Id, Period = "2026-10", Status = ReportStatus.Returned, Late = true, Live = null,
                Progress = 10, SubmittedAt = China(10, 28, 9), CreatedAt = China(10, 27, 9) });
        Notice Notice(OrgUnit unit, int sequence, PlanTask? task, int month, int day, NoticeStatus status) => new()
        {
            Year = 2026, Sequence = sequence, Kind = NoticeKind.Supervise, Level = NoticeLevel.Supervise, OrgUnitId = unit.Id, TaskId = task?.Id,
            Reason = "驾驶舱测试", IssuedAt = China(month, day, 9).AddDays(-5), RespondBy = new DateOnly(2026, month, day), Status = status,
            AnsweredAt = status == NoticeStatus.Open ? null : China(month, day, 8),
        };
        var overdue = Notice(a, 801, red, 11, 3, NoticeStatus.Open);
        db.Notices.AddRange(overdue, Notice(b, 802, null, 11, 20, NoticeStatus.Open), Notice(b, 803, yellow, 11, 4, NoticeStatus.Responded));
        await db.SaveChangesAsync();
        return new Fixture(a.Id, b.Id, dept.Id, red.Id, yellow.Id, target.Id, overdue.Id);
    });

    private static JsonElement Line(JsonElement lines, int unit) =>
        lines.EnumerateArray().Single(l => l.GetProperty("orgUnitId").GetInt32() == unit);

    private static (int, int, int, int) Figures(JsonElement line) => (line.GetProperty("tasks").GetInt32(), line.GetProperty("overdue").GetInt32(),
        line.GetProperty("reportsLate").GetInt32(), line.GetProperty("noticesOpen").GetInt32());

    private static Dictionary<string, int> Counts(JsonElement counts) => counts.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt32());

    [Theory, Databases]
    public async Task A_leader_sees_the_figures_of_a_hand_made_fixture(TestDatabase database)
    {
        await using var data = await new LuoshiFactory(database, demo: false).StartAsync();
        var f = await SeedAsync(data);
        await using var app = data.At(new FakeTimeProvider(Now));
        var leader = await app.SignedInAsync(await data.AddUserAsync(Role.Leader, "JC"));

        var d = await leader.GetJsonAsync("/api/v1/dashboard");
        // Counted: the four tasks of the published plan that are not a group and not cancelled (not the draft plan's).
        Assert.Equal(("2026-11-05", 1, 4), (d.GetProperty("asOf").GetString(), d.GetProperty("plans").GetInt32(), d.GetProperty("tasks").GetInt32()));
        Assert.Equal(new Dictionary<string, int> { ["inProgress"] = 1, ["warning"] = 1, ["overdue"] = 1, ["done"] = 1 }, Counts(d.GetProperty("statuses")));
        var categories = d.GetProperty("categories").EnumerateArray().ToDictionary(c => c.GetProperty("category").GetString()!, c => Counts(c.GetProperty("counts")));
        Assert.Equal(new Dictionary<string, int> { ["warning"] = 1, ["overdue"] = 1 }, categories["义务教育"]);
        Assert.Equal(new Dictionary<string, int> { ["inProgress"] = 1, ["done"] = 1 }, categories["教师队伍"]);
        Assert.Equal(2, categories.Count);

        // Red first, then yellow, with their units.
        Assert.Equal((1, 1), (d.GetProperty("red").GetInt32(), d.GetProperty("yellow").GetInt32()));
        var flagged = d.GetProperty("redAndYellow").EnumerateArray().ToList();
        Assert.Equal([(f.Red, "red", "驾驶舱甲区"), (f.Yellow, "yellow", "驾驶舱乙区")],
            flagged.Select(t => (t.GetProperty("taskId").GetInt32(), t.GetProperty("light").GetString(), t.GetProperty("units")[0].GetString())));
        Assert.Equal("驾驶舱基础教育处", flagged[0].GetProperty("lead").GetString());

        // The target: 20 of 100 (20%); its task runs 1 January – 10 November, so by 5 November 308 of its 313 days are gone: 98% expected, 78 behind.
        var target = Assert.Single(d.GetProperty("targetsBehind").EnumerateArray());
        Assert.Equal((f.Target, 20m, 98, 78m), (target.GetProperty("targetId").GetInt32(), target.GetProperty("attainment").GetDecimal(),
            target.GetProperty("expected").GetInt32(), target.GetProperty("gap").GetDecimal()));

        // 督办: two open (one past its 3 November deadline, listed; one due 20 November, not near yet); the answered one is not counted.
        Assert.Equal((2, 1), (d.GetProperty("noticesOpen").GetInt32(), d.GetProperty("noticesOverdue").GetInt32()));
        var notice = Assert.Single(d.GetProperty("noticesAwaiting").EnumerateArray());
        Assert.Equal((f.OverdueNotice, "督办〔2026〕第801号", "驾驶舱甲区", true, f.Red), (notice.GetProperty("noticeId").GetInt32(),
            notice.GetProperty("number").GetString(), notice.GetProperty("unit").GetString(), notice.GetProperty("overdue").GetBoolean(),
            notice.GetProperty("taskId").GetInt32()));

        // Per unit: tasks, red, late reports of the year (current versions only), open 督办单.
        Assert.Equal((2, 1, 1, 1), Figures(Line(d.GetProperty("districts"), f.A)));
        Assert.Equal((2, 0, 0, 1), Figures(Line(d.GetProperty("districts"), f.B)));
        Assert.Equal((4, 1, 0, 0), Figures(Line(d.GetProperty("departments"), f.Department)));

        // The ranking of November (as of the 5th), under the default scheme (任务 30, 目标 25, 进展反馈 15, 督办 15, 整改 15):
        // 乙区 has no task due; its target (新建学位 ≥ 100 by 10 November, no accepted figure: read as 0) is far behind the
        // 100 its path expects (0/1); it owed October reports (due 5 November) for its two open tasks and sent none (its
        // returned one is no current version) 0/2; its 督办 was answered on time (1/1): 55 points apply → 15 / 55 = 27.27, first.
        // 甲区: tasks 1 of 2 on time, its October report late 0/1, its 督办 0/1: 60 points apply → 15 / 60 = 25, second.
        // In October 甲区 was first (tasks 1/2, September's report never sent → 15 / 45) and 乙区 second (0): 乙区 up one,
        // 甲区 down one. Month by month: in January only 乙区's target counts (within the tolerance of its path, 9.09 % of the
        // way short); from February both owe reports they never sent (0 each, a tie at rank 1) and 乙区's target is behind;
        // from June 甲区's closed task counts and it is first until November.
        var ranking = d.GetProperty("ranking");
        Assert.Equal(("2026-11", 2), (ranking.GetProperty("period").GetString(), ranking.GetProperty("ranked").GetInt32()));
        static (int, decimal, int, int?, int?) Rank(JsonElement r) => (r.GetProperty("orgUnitId").GetInt32(), r.GetProperty("score").GetDecimal(),
            r.GetProperty("rank").GetInt32(), r.GetProperty("previousRank").ValueKind == JsonValueKind.Null ? null : r.GetProperty("previousRank").GetInt32(),
            r.GetProperty("movement").ValueKind == JsonValueKind.Null ? null : r.GetProperty("movement").GetInt32());
        Assert.Equal((f.B, 27.27m, 1, 2, 1), Rank(Assert.Single(ranking.GetProperty("top").EnumerateArray())));
        Assert.Equal((f.A, 25m, 2, 1, -1), Rank(Assert.Single(ranking.GetProperty("bottom").EnumerateArray())));
        Assert.Equal(11, ranking.GetProperty("months").GetArrayLength());
        var trend = ranking.GetProperty("trend").EnumerateArray().ToDictionary(t => t.GetProperty("orgUnitId").GetInt32(),
            t => t.GetProperty("ranks").EnumerateArray().Select(r => r.ValueKind == JsonValueKind.Null ? (int?)null : r.GetInt32()).ToList());
        Assert.Equal([null, 1, 1, 1, 1, 1, 1, 1, 1, 1, 2], trend[f.A]);
        Assert.Equal([1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 1], trend[f.B]);

        // The leader's home page leads with the same figures, charts included; so does /Dashboard.
        foreach (var path in new[] { "/", "/Dashboard" })
        {
            var html = await leader.GetStringAsync(path);
            Assert.Contains("data-testid=\"dashboard-red\">1<", html);
            Assert.Contains("data-testid=\"dashboard-yellow\">1<", html);
            Assert.Contains("data-testid=\"dashboard-notices-overdue\">1<", html);
            Assert.Contains($"href=\"/Tasks/{f.Red}\"", html);
            Assert.Contains("督办〔2026〕第801号", html);
            Assert.Contains("id=\"dashboard-data\"", html);
            Assert.Contains("/vendor/echarts.luoshi.", html);
        }
    }

    [Theory, Databases]
    public async Task The_dashboard_is_for_bureau_roles_and_units_keep_their_own_home(TestDatabase database)
    {
        await using var data = await new LuoshiFactory(database, demo: false).StartAsync();
        await SeedAsync(data);
        await using var app = data.At(new FakeTimeProvider(Now));
        foreach (var role in new[] { Role.Supervisor, Role.Admin })
        {
            var client = await app.SignedInAsync(await data.AddUserAsync(role, "JC"));
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/dashboard")).StatusCode);
            Assert.Contains("data-testid=\"dashboard-red\">1<", await client.GetStringAsync("/Dashboard"));
            Assert.DoesNotContain("data-testid=\"dashboard\"", await client.GetStringAsync("/"));
        }
        foreach (var (role, unit) in new[] { (Role.District, "JCA"), (Role.Department, "JCD") })
        {
            var client = await app.SignedInAsync(await data.AddUserAsync(role, unit));
            Assert.Contains("领导驾驶舱", (await (await client.GetAsync("/api/v1/dashboard")).AssertProblemAsync(403)).GetProperty("detail").GetString());
            Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/Dashboard")).StatusCode);
            var home = await client.GetStringAsync("/");
            Assert.Contains("data-testid=\"home-agenda\"", home);
            Assert.DoesNotContain("data-testid=\"dashboard\"", home);
            Assert.DoesNotContain("nav-dashboard", home);
        }
    }
}
