using System.Text.Json;
using Luoshi.Application.Rankings;
using Luoshi.Domain.Data;
using Luoshi.Domain.OrgUnits;
using Luoshi.Domain.People;
using Luoshi.Domain.Plans;
using Luoshi.Domain.Reports;
using Luoshi.Domain.Supervision;
using Luoshi.Domain.Tasks;
using Luoshi.Web.Tests.Infrastructure;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using static Luoshi.Web.Tests.Infrastructure.ChinaTimes;

namespace Luoshi.Web.Tests;

/// <summary>
/// The monthly ranking (issue 14 item 2) through HTTP on a store of its own holding only a hand-made fixture: four
/// districts, a published plan, reports and 督办单, ranked for October 2026 under the default scheme (任务 30, 目标 25, 进展反馈 15,
/// 督办 15, 整改 15: the fixture has no targets, so the other four weigh as 40, 20, 20, 20) with every figure worked out by hand below; September's ranking gives the previous ranks and a tie.
/// </summary>
public sealed class RankingsTests
{
    /// <summary>Thursday 5 November 2026, 10:00 in Beijing.</summary>
    private static readonly DateTimeOffset Now = new(2026, 11, 5, 2, 0, 0, TimeSpan.Zero);

    /// <summary>A moment of a China day, in UTC (China is UTC+8).</summary>

    private sealed record Fixture(int A, int B, int C, int D, int T1, int T2, int T3);

    private static async Task<Fixture> SeedAsync(LuoshiFactory data) => await data.WithDbAsync(async db =>
    {
        var bureau = new OrgUnit { Code = "RK", Name = "排名测试市教育局", Kind = OrgUnitKind.Bureau };
        OrgUnit District(string code, string name) => new() { Code = code, Name = name, Kind = OrgUnitKind.District, Parent = bureau };
        var (a, b, c, d) = (District("RKA", "甲区"), District("RKB", "乙区"), District("RKC", "丙区"), District("RKD", "丁区"));
        db.OrgUnits.AddRange(bureau, a, b, c, d);
        await db.SaveChangesAsync();
        var plan = new Plan { Title = "2026年排名测试工作要点", Year = 2026, Status = PlanStatus.Published, OrgUnitId = bureau.Id, CreatedAt = China(1, 5, 9) };
        db.Plans.Add(plan);
        await db.SaveChangesAsync();
        PlanTask Task(string title, int month, int day, TaskClosure closure, DateTime? closedAt, params OrgUnit[] units)
        {
            var task = new PlanTask
            {
                PlanId = plan.Id, Title = title, DueDate = new DateOnly(2026, month, day), Closure = closure, ClosedAt = closedAt,
                Units = [.. units.Select(u => new TaskUnit { OrgUnitId = u.Id, Role = TaskUnitRole.Responsible })],
            };
            db.Tasks.Add(task);
            return task;
        }
        var t1 = Task("T1 三月底前办结", 3, 31, TaskClosure.Done, China(3, 20, 10), a, b);
        var t2 = Task("T2 九月底到期、十月才办结", 9, 30, TaskClosure.Done, China(10, 10, 10), a, b, c);
        var t3 = Task("T3 十月底到期、未办结", 10, 31, TaskClosure.Open, null, a, c);
        Task("T4 年底到期", 12, 31, TaskClosure.Open, null, b);
        Task("T5 已取消", 6, 30, TaskClosure.Cancelled, null, c);
        Task("T6 到期当天 23 时办结", 5, 31, TaskClosure.Done, China(5, 31, 23), c);
        await db.SaveChangesAsync();
        ProgressReport Report(PlanTask task, OrgUnit unit, ReportStatus status, bool late, bool? live = true) => new()
        {
            // September's reports, due 5 October: October's 进展反馈按时率 reads the reports due in October.
            TaskId = task.Id, OrgUnitId = unit.Id, Period = "2026-09", Status = status, Late = late, Live = live,
            SubmittedAt = status == ReportStatus.Draft ? null : China(10, 28, 9), CreatedAt = China(10, 27, 9),
        };
        db.Reports.AddRange(Report(t3, a, ReportStatus.Accepted, late: false), Report(t2, a, ReportStatus.Submitted, late: true),
            Report(t3, a, ReportStatus.Returned, late: true, live: null), Report(t1, b, ReportStatus.Accepted, late: false),
            Report(t2, c, ReportStatus.Draft, late: false));
        var sequence = 900;
        Notice Notice(OrgUnit unit, int month, int day, DateTime? answeredAt) => new()
        {
            Year = 2026, Sequence = ++sequence, Kind = NoticeKind.Supervise, Level = NoticeLevel.Supervise, OrgUnitId = unit.Id, Reason = "排名测试",
            IssuedAt = China(month, day, 9).AddDays(-5), RespondBy = new DateOnly(2026, month, day),
            Status = answeredAt is null ? NoticeStatus.Open : NoticeStatus.Responded, AnsweredAt = answeredAt,
        };
        db.Notices.AddRange(Notice(a, 10, 15, China(10, 14, 10)), Notice(b, 10, 20, China(10, 22, 10)), Notice(b, 10, 9, China(10, 9, 23)),
            Notice(c, 10, 28, null), Notice(a, 11, 3, null));
        await db.SaveChangesAsync();
        return new Fixture(a.Id, b.Id, c.Id, d.Id, t1.Id, t2.Id, t3.Id);
    });

    private static JsonElement Item(JsonElement ranking, int unit) =>
        ranking.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("orgUnitId").GetInt32() == unit);

    private static JsonElement Part(JsonElement item, string key) =>
        item.GetProperty("parts").EnumerateArray().Single(p => p.GetProperty("key").GetString() == key);

    private static decimal? Score(JsonElement item) => item.GetProperty("score").ValueKind == JsonValueKind.Null ? null : item.GetProperty("score").GetDecimal();

    private static int? Rank(JsonElement item, string name = "rank") => item.GetProperty(name).ValueKind == JsonValueKind.Null ? null : item.GetProperty(name).GetInt32();

    [Theory, Databases]
    public async Task October_ranking_of_a_hand_made_fixture_matches_the_figures_worked_out_by_hand(TestDatabase database)
    {
        await using var data = await new LuoshiFactory(database, demo: false).StartAsync();
        var f = await SeedAsync(data);
        var supervisor = await data.AddUserAsync(Role.Supervisor, "RK");
        await using var app = data.At(new FakeTimeProvider(Now));
        var client = await app.SignedInAsync(supervisor);

        var october = await client.GetJsonAsync("/api/v1/rankings?period=2026-10&kind=district");
        Assert.Equal(("2026-10", "2026-10-31", "district", 1, 1), (october.GetProperty("period").GetString(), october.GetProperty("asOf").GetString(),
            october.GetProperty("kind").GetString(), october.GetProperty("schemeId").GetInt32(), october.GetProperty("schemeVersion").GetInt32()));

        // 任务 (due 1 Jan – 31 Oct, closed by the end of its deadline): 甲 T1 met, T2 late, T3 open → 1/3; 乙 T1, T2 → 1/2
        // (T4 not due yet); 丙 T2, T3, T6 (closed 23:00 on its due day: on time) → 1/3 (T5 cancelled).
        // 进展反馈 (September's, due 5 October: one from each responsible unit of each task still open on 30 September — T2, T3,
        // T4 — and any other sent): 甲 T3 on time, T2 late (its superseded version does not count) → 1/2; 乙 T1 on time (sent
        // though T1 was closed), T2 and T4 never sent → 1/3; 丙 T2 only a draft, T3 never sent → 0/2.
        // 督办 (办理时限 in October): 甲 1/1 (its November one is not due); 乙 one late, one answered 23:00 on its last day → 1/2;
        // 丙 0/1. 整改: nothing due anywhere → not applicable.
        // 甲, 乙, 丙: 60 points apply → tasks 50, reports 25, notices 25. 甲 = 50/3 + 12.5 + 25 = 54.17; 乙 = 25 + 25/3 + 12.5 = 45.83;
        // 丙 = 50/3 + 0 + 0 = 16.67. 丁: nothing applies → no score, no rank, listed last.
        var (a, b, c, d) = (Item(october, f.A), Item(october, f.B), Item(october, f.C), Item(october, f.D));
        Assert.Equal([f.A, f.B, f.C, f.D], october.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("orgUnitId").GetInt32()));
        Assert.Equal([(54.17m, 1), (45.83m, 2), (16.67m, 3)], new[] { a, b, c }.Select(i => (Score(i)!.Value, Rank(i)!.Value)));
        Assert.Equal((null, null), (Score(d), Rank(d)));
        Assert.Equal((50m, 1, 3, 33.33m, 16.67m), Measured(Part(a, "tasks")));
        Assert.Equal((25m, 1, 2, 50m, 12.5m), Measured(Part(a, "reports")));
        Assert.Equal((25m, 1, 1, 100m, 25m), Measured(Part(a, "notices")));
        Assert.Equal((25m, 1, 2, 50m, 12.5m), Measured(Part(b, "notices")));
        Assert.Equal((25m, 1, 3, 33.33m, 8.33m), Measured(Part(b, "reports")));
        Assert.Equal((50m, 1, 3, 33.33m, 16.67m), Measured(Part(c, "tasks")));
        Assert.Equal((25m, 0, 1, 0m, 0m), Measured(Part(c, "notices")));
        // A unit that sends nothing scores no better than one that sends late: 丙's reports apply, at 0.
        Assert.Equal((25m, 0, 2, 0m, 0m), Measured(Part(c, "reports")));
        Assert.False(Part(a, "rectification").GetProperty("applicable").GetBoolean());
        Assert.Equal(15m, Part(a, "rectification").GetProperty("weight").GetDecimal());
        // 目标达成率: the fixture's tasks have no targets → not applicable to anyone (its 25 shared out as the others' are).
        Assert.False(Part(a, "targets").GetProperty("applicable").GetBoolean());
        Assert.Contains("比率而非件数", Part(a, "notices").GetProperty("rule").GetString());

        // The drill-down: exactly the tasks behind 甲's task part.
        Assert.Equal("task", Part(a, "tasks").GetProperty("recordKind").GetString());
        Assert.Equal([f.T1, f.T2, f.T3], Part(a, "tasks").GetProperty("ids").EnumerateArray().Select(i => i.GetInt32()).Order());

        // September (as of 30 September): tasks — 甲 T1 met, T2 not yet closed → 1/2; 乙 the same; 丙 T2, T6 → 1/2; August's
        // reports (due 5 September) were owed for T2, T3, T4 and none came → 0 each. Tasks 66.67 × 1/2 = 33.33 each, a tie:
        // equal rank 1, listed by code. They are October's previous ranks: 甲 0, 乙 down 1, 丙 down 2.
        var september = await client.GetJsonAsync("/api/v1/rankings?period=2026-09");
        Assert.Equal([("RKA", 33.33m, 1), ("RKB", 33.33m, 1), ("RKC", 33.33m, 1)], september.GetProperty("items").EnumerateArray().Where(i => Rank(i) is not null)
            .Select(i => (i.GetProperty("code").GetString()!, Score(i)!.Value, Rank(i)!.Value)));
        Assert.Equal([(1, 0), (1, -1), (1, -2)], new[] { a, b, c }.Select(i => (Rank(i, "previousRank")!.Value, i.GetProperty("movement").GetInt32())));
        Assert.Null(Rank(d, "previousRank"));

        // The page shows the same table, and 甲's task part drills down to exactly its three tasks, by title, linked.
        var page = await client.GetStringAsync("/Rankings?period=2026-10&kind=district");
        Assert.Contains("54.17", page);
        var part = page[page.IndexOf("data-testid=\"part-RKA-tasks\"", StringComparison.Ordinal)..];
        part = part[..part.IndexOf("</details>", StringComparison.Ordinal)];
        Assert.Equal([f.T1, f.T2, f.T3],
            System.Text.RegularExpressions.Regex.Matches(part, "href=\"/Tasks/(\\d+)\"").Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).Order());
        Assert.Contains("T3 十月底到期、未办结", part);
        Assert.DoesNotContain("T4", part);
        Assert.Contains("↓1", Between(page, "data-testid=\"previous-RKB\"", "</td>"));
        Assert.DoesNotContain("↓", Between(page, "data-testid=\"previous-RKA\"", "</td>"));
        // 乙's report part names each task whose report was owed, with what became of it.
        var owed = Between(page, "data-testid=\"part-RKB-reports\"", "</details>");
        var owedTasks = System.Text.RegularExpressions.Regex.Matches(owed, "href=\"/Tasks/(\\d+)\"")
            .Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(3, owedTasks.Count);
        Assert.Contains(f.T1, owedTasks);
        Assert.Contains(f.T2, owedTasks);
        Assert.Contains("2026-09 按时报送", owed);
        Assert.Contains("2026-09 未报送", owed);
        var notices = Between(page, "data-testid=\"part-RKB-notices\"", "</details>");
        Assert.Equal(2, System.Text.RegularExpressions.Regex.Matches(notices, "href=\"/Notices#notice-\\d+\"").Count);

        // 甲's trend over the year: each month's score and rank among the ranked districts, as of the month's end.
        var trend = await client.GetStringAsync($"/Rankings?period=2026-10&kind=district&unit={f.A}");
        Assert.Contains("<td>54.17</td><td>1 / 3</td>", Between(trend, "data-testid=\"trend-2026-10\"", "</tr>"));
        Assert.Contains("<td>33.33</td><td>1 / 3</td>", Between(trend, "data-testid=\"trend-2026-09\"", "</tr>"));
        Assert.Contains("<td>—</td><td>—</td>", Between(trend, "data-testid=\"trend-2026-01\"", "</tr>"));
        Assert.DoesNotContain("trend-2026-12", trend);
        var unknown = await client.GetAsync("/Rankings?period=2026-10&unit=99999999");
        Assert.Equal(System.Net.HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Contains("不参加", await unknown.Content.ReadAsStringAsync());
    }

    /// <summary>
    /// 目标达成率 on a fixture of its own, worked out by hand for October 2026 (as of 31 October; a linear path from the
    /// baseline in January to the value in December expects 10/12 of the way):
    /// X 占比不低于 60 % from 40 (E, F each measured on their own figure): expects 56.67 — E reported 58 → on track; F 45 →
    /// 11.67 short, 58 % of the span → far behind. Y 不低于 10 所 (E alone): expects 8.33 — E's 8 is within the tolerance (3 %)
    /// → on track; its 2 accepted on 2 November is not read for October. Z 不低于 12 所 shared by E and F without a breakdown:
    /// the task's sum 4 + 3 = 7 against 10 expected → behind, for both. W 不低于 5 个 due in June (G): 5 → met. V 不低于 20 人
    /// (G) with no accepted figure reads as its baseline 0 while 16.67 is expected → far behind. H's only target is a placeholder → not applicable.
    /// E 2/3, F 0/2, G 1/2.
    /// </summary>
    [Theory, Databases]
    public async Task Target_attainment_reads_each_units_reviewed_figures_against_where_its_targets_should_be_by_the_months_end(TestDatabase database)
    {
        await using var data = await new LuoshiFactory(database, demo: false).StartAsync();
        var (e, f, g, h, x) = await data.WithDbAsync(async db =>
        {
            var bureau = new OrgUnit { Code = "RT", Name = "目标测试市教育局", Kind = OrgUnitKind.Bureau };
            OrgUnit District(string code, string name) => new() { Code = code, Name = name, Kind = OrgUnitKind.District, Parent = bureau };
            var (e, f, g, h) = (District("RTE", "戊区"), District("RTF", "己区"), District("RTG", "庚区"), District("RTH", "辛区"));
            db.OrgUnits.AddRange(bureau, e, f, g, h);
            await db.SaveChangesAsync();
            var plan = new Plan { Title = "2026年目标测试工作要点", Year = 2026, Status = PlanStatus.Published, OrgUnitId = bureau.Id, CreatedAt = China(1, 5, 9) };
            db.Plans.Add(plan);
            await db.SaveChangesAsync();
            PlanTask Task(string title, int month, int day, Luoshi.Domain.Targets.Target target, params OrgUnit[] units)
            {
                var task = new PlanTask
                {
                    PlanId = plan.Id, Title = title, DueDate = new DateOnly(2026, month, day), Targets = [target],
                    Units = [.. units.Select(u => new TaskUnit { OrgUnitId = u.Id, Role = TaskUnitRole.Responsible })],
                };
                db.Tasks.Add(task);
                return task;
            }
            Luoshi.Domain.Targets.Target Target(string subject, decimal? value, string unit, decimal? baseline = null) => new()
            {
                Subject = subject, Comparator = Luoshi.Domain.Targets.Comparator.AtLeast, Value = value, Unit = unit, Baseline = baseline, Placeholder = value is null,
            };
            var tx = Task("X 提高公办园占比", 12, 31, Target("公办园在园幼儿占比", 60, "%", 40), e, f);
            var ty = Task("Y 建设标准化食堂", 12, 31, Target("标准化食堂", 10, "所"), e);
            var tz = Task("Z 建设智慧教室", 12, 31, Target("智慧教室", 12, "所"), e, f);
            var tw = Task("W 校舍改造", 6, 30, Target("校舍改造项目", 5, "个"), g);
            var tv = Task("V 教师培训", 12, 31, Target("培训骨干教师", 20, "人"), g);
            Task("U 待定目标", 12, 31, Target("待定事项", null, "项"), h);
            await db.SaveChangesAsync();
            void Report(PlanTask task, OrgUnit unit, string period, decimal value, DateTime reviewedAt) => db.Reports.Add(new ProgressReport
            {
                TaskId = task.Id, OrgUnitId = unit.Id, Period = period, Status = ReportStatus.Accepted, CreatedAt = reviewedAt.AddDays(-2),
                ReviewedAt = reviewedAt, Values = [new ReportValue { TargetId = task.Targets[0].Id, Value = value }],
            });
            Report(tx, e, "2026-09", 58, China(10, 12, 9));
            Report(tx, f, "2026-09", 45, China(10, 12, 9));
            Report(ty, e, "2026-09", 8, China(10, 20, 9));
            Report(ty, e, "2026-10", 2, China(11, 2, 9));
            Report(tz, e, "2026-09", 4, China(10, 12, 9));
            Report(tz, f, "2026-09", 3, China(10, 12, 9));
            Report(tw, g, "2026-06", 5, China(7, 8, 9));
            await db.SaveChangesAsync();
            return (e.Id, f.Id, g.Id, h.Id, tx.Targets[0].Id);
        });
        var supervisor = await data.AddUserAsync(Role.Supervisor, "RT");
        await using var app = data.At(new FakeTimeProvider(Now));
        var client = await app.SignedInAsync(supervisor);
        var october = await client.GetJsonAsync("/api/v1/rankings?period=2026-10&kind=district");
        (int, int, decimal) Targets(int unit)
        {
            var part = Part(Item(october, unit), "targets");
            return (part.GetProperty("met").GetInt32(), part.GetProperty("due").GetInt32(), part.GetProperty("value").GetDecimal());
        }
        Assert.Equal((2, 3, 66.67m), Targets(e));
        Assert.Equal((0, 2, 0m), Targets(f));
        Assert.Equal((1, 2, 50m), Targets(g));
        Assert.False(Part(Item(october, h), "targets").GetProperty("applicable").GetBoolean());
        var eTargets = Part(Item(october, e), "targets");
        Assert.Equal("target", eTargets.GetProperty("recordKind").GetString());
        Assert.Equal("公办园在园幼儿占比 不低于 60 %：本单位报送 58，目标 60，应达 56.67，符合预期进度",
            eTargets.GetProperty("notes").GetProperty(x.ToString(System.Globalization.CultureInfo.InvariantCulture)).GetString());
        Assert.Contains("比率而非件数", eTargets.GetProperty("rule").GetString());
        var fNote = Part(Item(october, f), "targets").GetProperty("notes").EnumerateObject().Select(n => n.Value.GetString()).ToList();
        Assert.Contains("智慧教室 不低于 12 所：任务合计报送 7，目标 12，应达 10，落后于预期进度", fNote);
        Assert.Contains("公办园在园幼儿占比 不低于 60 %：本单位报送 45，目标 60，应达 56.67，严重落后于预期进度", fNote);

        // The page's drill-down lists the targets with their task and figures, and states the rule.
        var page = System.Net.WebUtility.HtmlDecode(await client.GetStringAsync("/Rankings?period=2026-10&kind=district"));
        var drill = Between(page, "data-testid=\"part-RTG-targets\"", "</details>");
        Assert.Contains("V 教师培训：培训骨干教师 不低于 20 人", drill);
        Assert.Contains("培训骨干教师 不低于 20 人：本单位尚无审核通过的报送数（按基线 0 计），目标 20，应达 16.67，严重落后于预期进度", drill);
        Assert.Contains("校舍改造项目 不低于 5 个：本单位报送 5，目标 5，应达 5，已达到目标", drill);
        Assert.Contains("分母是本单位可考核的目标数", drill);
        Assert.DoesNotContain("待定事项", page);
    }

    private static object Weights(params (string Key, decimal Weight)[] district) =>
        new Dictionary<string, object[]> { ["district"] = [.. district.Select(w => new { key = w.Key, weight = w.Weight })] };

    [Theory, Databases]
    public async Task Editing_a_scheme_checks_the_weights_and_makes_a_new_version_that_the_ranking_uses(TestDatabase database)
    {
        await using var data = await new LuoshiFactory(database, demo: false).StartAsync();
        var f = await SeedAsync(data);
        await using var app = data.At(new FakeTimeProvider(Now));
        var supervisor = await app.SignedInAsync(await data.AddUserAsync(Role.Supervisor, "RK"));
        var leader = await app.SignedInAsync(await data.AddUserAsync(Role.Leader, "RK"));

        // Weights that sum to 90, or name a criterion that does not exist: a Chinese 422, and nothing is stored.
        var ninety = await (await supervisor.PutAsJsonAsync("/api/v1/ranking-schemes/1", new { name = "督查考核默认方案", weights = Weights(("tasks", 50), ("notices", 40)) }))
            .AssertProblemAsync(422);
        Assert.Contains("权重之和应为 100，现为 90", ninety.GetProperty("detail").GetString());
        Assert.Contains("没有名为“speed”的考核指标", (await (await supervisor.PutAsJsonAsync("/api/v1/ranking-schemes/1",
            new { name = "督查考核默认方案", weights = Weights(("speed", 100)) })).AssertProblemAsync(422)).GetProperty("detail").GetString());
        await (await leader.PutAsJsonAsync("/api/v1/ranking-schemes/1", new { name = "督查考核默认方案", weights = Weights(("tasks", 100)) })).AssertProblemAsync(403);
        Assert.Equal(0, await data.WithDbAsync(db => db.RankingSchemeVersions.CountAsync()));
        Assert.Equal(1, (await supervisor.GetJsonAsync("/api/v1/rankings?period=2026-10")).GetProperty("schemeVersion").GetInt32());

        // 任务 50, 督办 50 for districts: version 2 (the code-defined default is kept as version 1). October, by hand:
        // 甲 50 × 1/3 + 50 × 1/1 = 66.67; 乙 50 × 1/2 + 50 × 1/2 = 50; 丙 50 × 1/3 + 50 × 0/1 = 16.67.
        var edited = await (await supervisor.PutAsJsonAsync("/api/v1/ranking-schemes/1",
            new { name = "督查考核方案（调整）", weights = Weights(("tasks", 50), ("notices", 50)) })).ReadJsonAsync();
        Assert.Equal((1, 2), (edited.GetProperty("id").GetInt32(), edited.GetProperty("version").GetInt32()));
        Assert.Equal([1, 2], await data.WithDbAsync(db => db.RankingSchemeVersions.Where(v => v.SchemeId == 1).OrderBy(v => v.Version).Select(v => v.Version).ToListAsync()));
        var october = await supervisor.GetJsonAsync("/api/v1/rankings?period=2026-10");
        Assert.Equal((2, "督查考核方案（调整）"), (october.GetProperty("schemeVersion").GetInt32(), october.GetProperty("schemeName").GetString()));
        Assert.Equal([(66.67m, 1), (50m, 2), (16.67m, 3)], new[] { f.A, f.B, f.C }.Select(u => Item(october, u)).Select(i => (Score(i)!.Value, Rank(i)!.Value)));
        Assert.Equal(["tasks", "notices"], Item(october, f.A).GetProperty("parts").EnumerateArray().Select(p => p.GetProperty("key").GetString()));
        // Departments and schools were not given: version 2 keeps their weights (the default's), so their rankings go on.
        var departments = await supervisor.GetJsonAsync("/api/v1/rankings?period=2026-10&kind=department");
        Assert.Equal(2, departments.GetProperty("schemeVersion").GetInt32());
        var latest = (await supervisor.GetJsonAsync("/api/v1/ranking-schemes")).GetProperty("items").EnumerateArray().Single(s => s.GetProperty("id").GetInt32() == 1);
        Assert.Equal([("tasks", 30m), ("targets", 25m), ("reports", 15m), ("notices", 15m), ("rectification", 15m)], latest.GetProperty("weights").GetProperty("school").EnumerateArray()
            .Select(c => (c.GetProperty("key").GetString(), c.GetProperty("weight").GetDecimal())));
        Assert.Equal([("tasks", 50m), ("notices", 50m)], latest.GetProperty("weights").GetProperty("district").EnumerateArray()
            .Select(c => (c.GetProperty("key").GetString(), c.GetProperty("weight").GetDecimal())));

        // The page says which version ranked, and its form refuses a bad sum in Chinese, naming the kind of unit.
        Assert.Contains("督查考核方案（调整）（第2版）", System.Net.WebUtility.HtmlDecode(await supervisor.GetStringAsync("/Rankings?period=2026-10")));
        var token = await supervisor.TokenAsync("/Rankings/Schemes");
        var refused = await supervisor.PostAsync("/Rankings/Schemes?handler=Save", Forms.Form(token, ("schemeId", "1"), ("name", "督查考核方案（调整）"),
            ("w.school.tasks", "70"), ("w.school.reports", "20")));
        Assert.Equal(System.Net.HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Contains("学校：各项考核指标的权重之和应为 100，现为 90", System.Net.WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync()));
        Assert.Equal(2, await data.WithDbAsync(db => db.RankingSchemeVersions.CountAsync()));

        // A new scheme (任务 100 for districts) is scheme 2, version 1; it ranks districts only.
        var created = await supervisor.PostAsJsonAsync("/api/v1/ranking-schemes", new { name = "任务专项考核", weights = Weights(("tasks", 100)) });
        Assert.Equal(System.Net.HttpStatusCode.Created, created.StatusCode);
        var scheme = (await created.ReadJsonAsync()).GetProperty("id").GetInt32();
        Assert.Equal(33.33m, Score(Item(await supervisor.GetJsonAsync($"/api/v1/rankings?period=2026-10&schemeId={scheme}"), f.A)));
        await (await supervisor.GetAsync($"/api/v1/rankings?period=2026-10&schemeId={scheme}&kind=school")).AssertProblemAsync(400);
        var all = await supervisor.GetJsonAsync("/api/v1/ranking-schemes");
        Assert.Equal([(1, 2), (scheme, 1)], all.GetProperty("items").EnumerateArray().Select(s => (s.GetProperty("id").GetInt32(), s.GetProperty("version").GetInt32())));
    }

    [Theory, Databases]
    public async Task An_adjustment_counts_by_exactly_its_points_once_another_supervisor_approves_it_and_never_unapproved_rejected_or_self_approved(TestDatabase database)
    {
        await using var data = await new LuoshiFactory(database, demo: false).StartAsync();
        var f = await SeedAsync(data);
        await using var app = data.At(new FakeTimeProvider(Now));
        var proposerName = await data.AddUserAsync(Role.Supervisor, "RK");
        var approverName = await data.AddUserAsync(Role.Supervisor, "RK");
        var proposer = await app.SignedInAsync(proposerName);
        var approver = await app.SignedInAsync(approverName);
        var leader = await app.SignedInAsync(await data.AddUserAsync(Role.Leader, "RK"));
        async Task<int> ProposeAsync(int unit, decimal points, string basis)
        {
            var created = await proposer.PostAsJsonAsync("/api/v1/ranking-adjustments", new { orgUnitId = unit, period = "2026-10", points, basis });
            Assert.Equal(System.Net.HttpStatusCode.Created, created.StatusCode);
            var body = await created.ReadJsonAsync();
            Assert.Equal("proposed", body.GetProperty("status").GetString());
            return body.GetProperty("id").GetInt32();
        }
        async Task<JsonElement> OctoberAsync() => await proposer.GetJsonAsync("/api/v1/rankings?period=2026-10");

        // Bad input: a Chinese 422 naming the bound, and nothing stored.
        var bureau = await data.WithDbAsync(db => db.OrgUnits.Where(u => u.Code == "RK").Select(u => u.Id).FirstAsync());
        foreach (var (body, words) in new (object, string)[]
        {
            (new { orgUnitId = f.A, period = "2026-10", points = 10.5m, basis = "过多" }, "-10 到 10 之间"),
            (new { orgUnitId = f.A, period = "2026-10", points = 0m, basis = "为零" }, "不为 0"),
            (new { orgUnitId = f.A, period = "2026-10", points = 2m, basis = "  " }, "请填写加减分理由"),
            (new { orgUnitId = bureau, period = "2026-10", points = 2m, basis = "市局" }, "参加排名的单位"),
            (new { orgUnitId = f.A, period = "2026-12", points = 2m, basis = "未到的月份" }, "不晚于本月"),
        })
            Assert.Contains(words, (await (await proposer.PostAsJsonAsync("/api/v1/ranking-adjustments", body)).AssertProblemAsync(422)).GetProperty("detail").GetString());
        await (await leader.PostAsJsonAsync("/api/v1/ranking-adjustments", new { orgUnitId = f.A, period = "2026-10", points = 2m, basis = "局领导" })).AssertProblemAsync(403);
        Assert.Equal(0, await data.WithDbAsync(db => db.RankingAdjustments.CountAsync()));

        // 甲 +10 (proposed, then approved by another supervisor), 乙 -3 (rejected), 丙 +5 (left proposed).
        var plus = await ProposeAsync(f.A, 10, "承办全市教育督导现场会");
        var minus = await ProposeAsync(f.B, -3, "校园安全事故通报");
        var pending = await ProposeAsync(f.C, 5, "待审核的加分");
        var before = await OctoberAsync();
        Assert.Equal([54.17m, 45.83m, 16.67m], new[] { f.A, f.B, f.C }.Select(u => Score(Item(before, u))!.Value));

        // The proposer may not approve their own; a leader may not approve; the approver does, once.
        Assert.Contains("提出人以外", (await (await proposer.PostAsync($"/api/v1/ranking-adjustments/{plus}/approve", null)).AssertProblemAsync(403))
            .GetProperty("detail").GetString());
        await (await leader.PostAsync($"/api/v1/ranking-adjustments/{plus}/approve", null)).AssertProblemAsync(403);
        var approved = await (await approver.PostAsync($"/api/v1/ranking-adjustments/{plus}/approve", null)).ReadJsonAsync();
        Assert.Equal(("approved", "测试" + approverName), (approved.GetProperty("status").GetString(), approved.GetProperty("reviewedBy").GetString()));
        Assert.Contains("已审核（已通过）", (await (await approver.PostAsync($"/api/v1/ranking-adjustments/{plus}/reject", null)).AssertProblemAsync(409))
            .GetProperty("detail").GetString());
        await (await approver.PostAsync($"/api/v1/ranking-adjustments/{minus}/reject", null)).ReadJsonAsync();
        await (await approver.PostAsync("/api/v1/ranking-adjustments/99999999/approve", null)).AssertProblemAsync(404);

        // 甲 54.17 + 10 = 64.17: first, further ahead of 乙 (45.83, its rejected -3 not counted); 丙's unapproved +5 not counted.
        var after = await OctoberAsync();
        var (a, b, c) = (Item(after, f.A), Item(after, f.B), Item(after, f.C));
        Assert.Equal([(64.17m, 1, 10m), (45.83m, 2, 0m), (16.67m, 3, 0m)],
            new[] { a, b, c }.Select(i => (Score(i)!.Value, Rank(i)!.Value, i.GetProperty("adjustment").GetDecimal())));
        var line = Assert.Single(a.GetProperty("adjustments").EnumerateArray());
        Assert.Equal(("承办全市教育督导现场会", "测试" + proposerName, "测试" + approverName), (line.GetProperty("basis").GetString(),
            line.GetProperty("proposedBy").GetString(), line.GetProperty("reviewedBy").GetString()));
        Assert.Empty(b.GetProperty("adjustments").EnumerateArray());
        Assert.Equal(54.17m, a.GetProperty("parts").EnumerateArray().Sum(p => p.GetProperty("points").GetDecimal()));
        // November: October's adjustment does not carry over into another month.
        Assert.Equal(0m, Item(await proposer.GetJsonAsync("/api/v1/rankings?period=2026-11"), f.A).GetProperty("adjustment").GetDecimal());

        // The list, the page's 加减分 column with the reason and approver, and the audit trail in Chinese.
        var list = await leader.GetJsonAsync("/api/v1/ranking-adjustments?period=2026-10");
        Assert.Equal([(plus, "approved"), (minus, "rejected"), (pending, "proposed")], list.GetProperty("items").EnumerateArray()
            .Select(i => (i.GetProperty("id").GetInt32(), i.GetProperty("status").GetString())).OrderBy(i => i.Item1));
        var page = System.Net.WebUtility.HtmlDecode(await proposer.GetStringAsync("/Rankings?period=2026-10"));
        var cell = Between(page, "data-testid=\"adjustment-RKA\"", "</td>");
        Assert.Contains("+10分", cell);
        Assert.Contains("承办全市教育督导现场会", cell);
        Assert.Contains("测试" + approverName, cell);
        Assert.Contains("—", Between(page, "data-testid=\"adjustment-RKB\"", "</td>"));
        var trail = await approver.GetJsonAsync($"/api/v1/audit?entity=RankingAdjustment&entityId={plus}");
        Assert.Equal(["create", "update"], trail.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("action").GetString()).Order());
        var html = System.Net.WebUtility.HtmlDecode(await approver.GetStringAsync($"/Audit?entity=RankingAdjustment&entityId={plus}"));
        Assert.Contains("加减分理由", html);
        Assert.Contains("审核人", html);
    }

    [Theory, Databases]
    public async Task The_adjustments_page_proposes_and_another_supervisor_approves_while_the_proposer_is_refused(TestDatabase database)
    {
        await using var data = await new LuoshiFactory(database, demo: false).StartAsync();
        var f = await SeedAsync(data);
        await using var app = data.At(new FakeTimeProvider(Now));
        var proposer = await app.SignedInAsync(await data.AddUserAsync(Role.Supervisor, "RK"));
        var approver = await app.SignedInAsync(await data.AddUserAsync(Role.Admin, "RK"));

        var token = await proposer.TokenAsync("/Rankings/Adjustments");
        var refused = await proposer.PostAsync("/Rankings/Adjustments?handler=Propose", Forms.Form(token,
            ("orgUnitId", f.C.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("period", "2026-10"), ("points", "12"), ("basis", "超出上限")));
        Assert.Equal(System.Net.HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Contains("-10 到 10 之间", System.Net.WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync()));
        var proposed = await proposer.PostAsync("/Rankings/Adjustments?handler=Propose", Forms.Form(token,
            ("orgUnitId", f.C.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("period", "2026-10"), ("points", "-1.5"), ("basis", "迟报专项数据")));
        Assert.Equal(System.Net.HttpStatusCode.Redirect, proposed.StatusCode);
        var id = await data.WithDbAsync(db => db.RankingAdjustments.Where(a => a.OrgUnitId == f.C).Select(a => a.Id).SingleAsync());
        var own = await proposer.PostAsync($"/Rankings/Adjustments?handler=Approve&id={id}", Forms.Form(token));
        Assert.Equal(System.Net.HttpStatusCode.Forbidden, own.StatusCode);
        Assert.Contains("提出人以外", System.Net.WebUtility.HtmlDecode(await own.Content.ReadAsStringAsync()));
        var approverToken = await approver.TokenAsync("/Rankings/Adjustments?period=2026-10");
        Assert.Equal(System.Net.HttpStatusCode.Redirect,
            (await approver.PostAsync($"/Rankings/Adjustments?handler=Approve&id={id}", Forms.Form(approverToken))).StatusCode);
        // 丙 16.67 − 1.5 = 15.17.
        Assert.Equal(15.17m, Score(Item(await approver.GetJsonAsync("/api/v1/rankings?period=2026-10"), f.C)));
        Assert.Contains("已通过", await approver.GetStringAsync("/Rankings/Adjustments?period=2026-10"));
    }

    [Theory, Databases]
    public async Task Data_completeness_counts_the_returns_due_in_the_month_from_the_units_a_district_answers_for(TestDatabase database)
    {
        await using var data = await new LuoshiFactory(database, demo: false).StartAsync();
        var (x, y, z) = await data.WithDbAsync(async db =>
        {
            var bureau = new OrgUnit { Code = "DC", Name = "完整率测试市教育局", Kind = OrgUnitKind.Bureau };
            OrgUnit Unit(string code, OrgUnitKind kind, OrgUnit parent) => new() { Code = code, Name = code, Kind = kind, Parent = parent };
            var (x, y, z) = (Unit("DCX", OrgUnitKind.District, bureau), Unit("DCY", OrgUnitKind.District, bureau), Unit("DCZ", OrgUnitKind.District, bureau));
            var (x1, x2, y1) = (Unit("DCX1", OrgUnitKind.School, x), Unit("DCX2", OrgUnitKind.School, x), Unit("DCY1", OrgUnitKind.School, y));
            db.OrgUnits.AddRange(bureau, x, y, z, x1, x2, y1);
            var monthly = new DataSet { Code = "DCM", Name = "学校月报", PeriodType = Luoshi.Domain.Data.PeriodType.Month, UnitKind = OrgUnitKind.School, DueWorkingDays = 5 };
            var daily = new DataSet { Code = "DCD", Name = "安全日报", PeriodType = Luoshi.Domain.Data.PeriodType.Day, UnitKind = OrgUnitKind.School, DueTime = new TimeOnly(16, 0) };
            db.DataSets.AddRange(monthly, daily);
            await db.SaveChangesAsync();
            // September's return (due early October): DCX1 filed it; DCX2 and DCY1 did not. The daily set is never counted.
            db.DataSetReports.Add(new DataSetReport
            {
                DataSetId = monthly.Id, OrgUnitId = x1.Id, Period = "2026-09", StartDate = new(2026, 9, 1), EndDate = new(2026, 9, 30), SubmittedAt = China(10, 8, 9),
            });
            await db.SaveChangesAsync();
            return (x.Id, y.Id, z.Id);
        });
        var measured = await data.WithDbAsync(async db =>
        {
            var criterion = new DataCompletenessCriterion(db, new Luoshi.Application.Data.Completeness(db));
            var today = new DateOnly(2026, 11, 5);
            return (October: await criterion.MeasureAsync(RankingMonth.Of(2026, 10, today, OrgUnitKind.District), default),
                November: await criterion.MeasureAsync(RankingMonth.Of(2026, 11, today, OrgUnitKind.District), default));
        });

        // October: DCX answers for two schools, one filed → 1/2; DCY 0/1; DCZ has no school: not applicable.
        Assert.Equal((2, 1), (measured.October[x].Due, measured.October[x].Met));
        Assert.Equal((1, 0), (measured.October[y].Due, measured.October[y].Met));
        Assert.False(measured.October.ContainsKey(z));
        // As of 5 November, October's return is not due yet: nothing applies to anyone.
        Assert.Empty(measured.November);
    }

    private static string Between(string page, string start, string end)
    {
        var from = page[page.IndexOf(start, StringComparison.Ordinal)..];
        return from[..from.IndexOf(end, StringComparison.Ordinal)];
    }

    private static (decimal, int, int, decimal, decimal) Measured(JsonElement part) => (part.GetProperty("effectiveWeight").GetDecimal(),
        part.GetProperty("met").GetInt32(), part.GetProperty("due").GetInt32(), part.GetProperty("value").GetDecimal(), part.GetProperty("points").GetDecimal());

    [Theory, Databases]
    public async Task The_live_ranking_is_for_bureau_roles_and_bad_queries_get_a_chinese_answer(TestDatabase database)
    {
        await using var data = await new LuoshiFactory(database, demo: false).StartAsync();
        await SeedAsync(data);
        await using var app = data.At(new FakeTimeProvider(Now));
        var leader = await app.SignedInAsync(await data.AddUserAsync(Role.Leader, "RK"));
        Assert.Equal("2026-11", (await leader.GetJsonAsync("/api/v1/rankings")).GetProperty("period").GetString());

        var district = await app.SignedInAsync(await data.AddUserAsync(Role.District, "RKA"));
        Assert.Equal(System.Net.HttpStatusCode.Forbidden, (await district.GetAsync("/Rankings")).StatusCode);
        Assert.Contains("排名月份", await (await leader.GetAsync("/Rankings?period=2026-13")).Content.ReadAsStringAsync());
        Assert.Contains("督查通报", (await (await district.GetAsync("/api/v1/rankings?period=2026-10")).AssertProblemAsync(403)).GetProperty("detail").GetString());
        foreach (var query in new[] { "period=2026-12", "period=2026-13", "period=十月", "kind=bureau", "kind=city" })
            Assert.Contains("排名", (await (await leader.GetAsync($"/api/v1/rankings?{query}")).AssertProblemAsync(400)).GetProperty("detail").GetString());
        Assert.Contains("考核方案", (await (await leader.GetAsync("/api/v1/rankings?schemeId=99")).AssertProblemAsync(404)).GetProperty("detail").GetString());

        // The scheme: five criteria whose weights sum to 100; districts see it too.
        var schemes = await district.GetJsonAsync("/api/v1/ranking-schemes");
        var criteria = schemes.GetProperty("items")[0].GetProperty("criteria").EnumerateArray().ToList();
        Assert.Equal(100m, criteria.Sum(c => c.GetProperty("weight").GetDecimal()));
        Assert.Equal(["tasks", "targets", "reports", "notices", "rectification"], criteria.Select(c => c.GetProperty("key").GetString()));
    }
}
