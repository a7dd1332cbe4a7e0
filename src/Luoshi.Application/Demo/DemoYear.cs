using Luoshi.Application.People;
using Luoshi.Application.Plans;
using Luoshi.Application.Reports;
using Luoshi.Application.Tasks;
using Luoshi.Domain.OrgUnits;
using Luoshi.Domain.People;
using Luoshi.Domain.Plans;
using Luoshi.Domain.Reports;
using Luoshi.Domain.Targets;
using Luoshi.Domain.Tasks;
using Luoshi.Parsing;
using Microsoft.EntityFrameworkCore;

namespace Luoshi.Application.Demo;

/// <summary>
/// A year of believable work in the demo city: its own work plan for this year (江州市教育局{year}年教育工作要点, written for
/// the demo, so its title and year are true) read by the parser, assigned by category to departments and districts,
/// published, and reported on month by month up to last month — some reports late, some returned and corrected, most
/// accepted, some tasks closed; and one district's task broken down to two of its schools, which report to it.
/// </summary>
public sealed class DemoYear(LuoshiDb db, PlanWorkflow plans)
{
    /// <summary>Which department leads each category of work.</summary>
    private static readonly Dictionary<TaskCategory, string> Leads = new()
    {
        [TaskCategory.PartyBuilding] = "组织人事处",
        [TaskCategory.MoralEducation] = "基础教育处",
        [TaskCategory.Preschool] = "学前教育处",
        [TaskCategory.Compulsory] = "基础教育处",
        [TaskCategory.HighSchool] = "基础教育处",
        [TaskCategory.Vocational] = "职业教育处",
        [TaskCategory.SpecialEducation] = "基础教育处",
        [TaskCategory.PrivateAndTutoring] = "基础教育处",
        [TaskCategory.Teachers] = "组织人事处",
        [TaskCategory.HealthArtsLabour] = "体卫艺处",
        [TaskCategory.Safety] = "安全稳定处",
        [TaskCategory.Informatization] = "教育信息化处",
        [TaskCategory.Reform] = "办公室",
        [TaskCategory.Inspection] = "督导室",
        [TaskCategory.PublicService] = "计划财务处",
        [TaskCategory.Other] = "办公室",
    };

    private static readonly string[] Narratives =
    [
        "已召开专题部署会，制定实施方案，明确责任人和时间表。",
        "按计划推进，本月完成阶段性工作，相关材料已归档。",
        "组织开展专项督查，发现问题已督促整改。",
        "完成数据摸底和统计，形成工作台账。",
        "协调财政资金落实到位，项目进入实施阶段。",
        "开展培训和经验交流，典型做法已在全区推广。",
        "完成年度目标任务的大部分，剩余工作正在收尾。",
    ];

    /// <summary>The kinds of work a school reports on itself, not only through its district.</summary>
    private static readonly HashSet<TaskCategory> SchoolWork =
        [TaskCategory.MoralEducation, TaskCategory.Compulsory, TaskCategory.HighSchool, TaskCategory.HealthArtsLabour, TaskCategory.Safety,
            TaskCategory.Informatization];

    /// <summary>The title of the demo city's plan of a year.</summary>
    public static string PlanTitle(int year) => $"江州市教育局{year}年教育工作要点";

    /// <summary>The demo city's work plan of a year, as its bureau would have written it.</summary>
    public static string PlanText(int year)
    {
        using var stream = typeof(DemoYear).Assembly.GetManifestResourceStream("Luoshi.Demo.jiangzhou-work-plan.txt")
            ?? throw new InvalidOperationException("演示计划缺失");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd().Replace("{year}", year.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }

    /// <summary>Creates, assigns, publishes and reports on the demo city's plan of this year; returns the number of plans made.</summary>
    public async Task<int> SeedAsync(string password, DateOnly today, CancellationToken ct = default)
    {
        var random = new Random(2026);
        var bureau = await db.OrgUnits.FirstAsync(u => u.ParentId == null, ct);
        var units = await db.OrgUnits.AsNoTracking().ToListAsync(ct);
        var departments = units.Where(u => u.Kind == OrgUnitKind.Department).ToDictionary(u => u.Name, u => u.Id);
        var districts = units.Where(u => u.Kind == OrgUnitKind.District).OrderBy(u => u.SortOrder).ToList();
        // The first district's first two schools get accounts: that district breaks a task down to them.
        var breakdownSchools = units.Where(u => u.Kind == OrgUnitKind.School && u.ParentId == districts[0].Id).OrderBy(u => u.Code).Take(2).ToList();
        var hadAccounts = (await db.Users.Select(u => u.OrgUnitId).Distinct().ToListAsync(ct)).ToHashSet();
        var reporters = await EnsureUnitUsersAsync(units, breakdownSchools, password, ct);
        // Schools with an account (the demo school) carry some of the classroom-level work themselves.
        var staffedSchools = units.Where(u => u.Kind == OrgUnitKind.School && hadAccounts.Contains(u.Id)).ToList();
        var leader = await db.Users.Where(u => u.Role == Role.Leader).Select(u => (int?)u.Id).FirstOrDefaultAsync(ct);
        var supervisor = await db.Users.Where(u => u.Role == Role.Supervisor).Select(u => u.Id).FirstAsync(ct);
        var intake = new PlanIntake(db);
        var imported = 0;
        {
            var text = PlanText(today.Year);
            var fileName = PlanTitle(today.Year) + ".txt";
            var document = PlanParser.Parse(text, fileName);
            var plan = await intake.CreateDraftAsync(document, text, fileName, bureau.Id, null, ct);
            var tasks = await db.Tasks.Include(t => t.Units).Include(t => t.Targets).Include(t => t.Milestones)
                .Where(t => t.PlanId == plan.Id).OrderBy(t => t.Ordinal).ToListAsync(ct);
            foreach (var task in tasks)
            {
                task.StartDate = new DateOnly(today.Year, 1, 1);
                task.DueDate = task.DueDate is { } d ? new DateOnly(today.Year, d.Month, Math.Min(d.Day, DateTime.DaysInMonth(today.Year, d.Month)))
                    : new DateOnly(today.Year, 12, 31);
                if (task.Level > 1 && task.DueDate.Value is { Month: 12, Day: 31 })
                {
                    // Tasks the plan gave no date get one through the year, as a ledger's 倒排工期 would.
                    var month = random.Next(4, 13);
                    task.DueDate = new DateOnly(today.Year, month, DateTime.DaysInMonth(today.Year, month));
                }
                task.LeadDepartmentId ??= departments.GetValueOrDefault(Leads[task.Category], departments["办公室"]);
                if (task.Level > 1 && !task.ResponsibleOrgUnitIds.Any())
                {
                    foreach (var district in districts.OrderBy(_ => random.Next()).Take(random.Next(1, 4)))
                        task.Units.Add(new TaskUnit { OrgUnitId = district.Id, Role = TaskUnitRole.Responsible });
                    if (SchoolWork.Contains(task.Category) && random.Next(3) == 0)
                        foreach (var school in staffedSchools)
                            task.Units.Add(new TaskUnit { OrgUnitId = school.Id, Role = TaskUnitRole.Responsible });
                }
                if (task.Level == 1) task.LeaderUserId = leader;
                if (task.DueDate.Value.Month > 6 && random.Next(3) == 0)
                    task.Milestones.Add(new Milestone { Date = new DateOnly(today.Year, 6, 30), Title = "完成年中阶段性目标", Done = today.Month > 7 });
                foreach (var target in task.Targets.Where(g => g.Placeholder))
                {
                    target.Value = random.Next(3, 20);
                    target.Placeholder = false;
                }
            }
            await db.SaveChangesAsync(ct);
            // Published by the supervisor as any plan is (every unit is told of its tasks), dated as if in January.
            if (!(await plans.PublishAsync(new Access.Caller(supervisor, Role.Supervisor, bureau.Id), plan.Id, ct)).Succeeded) return imported;
            plan.PublishedAt = new DateTime(today.Year, 1, 15, 2, 0, 0, DateTimeKind.Utc);
            await db.SaveChangesAsync(ct);
            await ReportAsync(tasks, reporters, supervisor, today, random, ct);
            await new DemoNotices(db).SeedAsync(tasks, supervisor, today, random, ct);
            if (breakdownSchools.Count == 2) await BreakDownAsync(tasks, districts[0].Id, breakdownSchools, reporters, today, random, ct);
            imported++;
        }
        return imported;
    }

    /// <summary>
    /// The district breaks one of its count tasks down to its two schools, half each, as 清单式 work does; the schools
    /// report on their parts every month and the district accepts.
    /// </summary>
    private async Task BreakDownAsync(List<PlanTask> tasks, int districtId, List<OrgUnit> schools, Dictionary<int, int> reporters, DateOnly today,
        Random random, CancellationToken ct)
    {
        var task = tasks.FirstOrDefault(t => !t.IsGroup && t.ResponsibleOrgUnitIds.Contains(districtId) && t.Closure == TaskClosure.Open
            && t.Targets.Any(g => g.Value is >= 2 && !g.IsShare)) ?? tasks.FirstOrDefault(t => !t.IsGroup && t.Closure == TaskClosure.Open);
        if (task is null) return;
        if (!task.ResponsibleOrgUnitIds.Contains(districtId))
            task.Units.Add(new TaskUnit { TaskId = task.Id, OrgUnitId = districtId, Role = TaskUnitRole.Responsible });
        foreach (var (school, index) in schools.Select((s, i) => (s, i)))
        {
            var child = task.PartFor([school.Id], districtId, task.Targets.Where(g => g.Value is not null).Select(target => (target,
                target.IsShare ? target.Value!.Value
                    : Math.Floor(target.Value!.Value / Math.Max(1, task.ResponsibleOrgUnitIds.Count()) / 2) + (index == 0 ? 1 : 0))),
                task.Title, "", task.StartDate, task.DueDate, dueByHand: false);
            db.Tasks.Add(child);
            await db.SaveChangesAsync(ct);
            for (var month = 3; month < today.Month; month++)
            {
                var period = $"{today.Year}-{month:00}";
                var progress = Math.Min(100, 10 * month + 5 * index);
                var submittedOn = new DateTime(today.Year, month, 1).AddMonths(1).AddDays(random.Next(0, 5));
                var report = NewReport(child, school.Id, period, progress, reporters, submittedOn, false, random);
                report.ReviewedById = reporters.GetValueOrDefault(districtId);
                db.Reports.Add(report);
            }
            await db.SaveChangesAsync(ct);
            TaskProgress.Recompute(child, await db.Reports.AsNoTracking().Include(r => r.Values).Where(r => r.TaskId == child.Id).ToListAsync(ct));
            await db.SaveChangesAsync(ct);
        }
    }

    /// <summary>One reporting account for each district and department that has none yet.</summary>
    private async Task<Dictionary<int, int>> EnsureUnitUsersAsync(List<OrgUnit> units, List<OrgUnit> schools, string password, CancellationToken ct)
    {
        var existing = await db.Users.GroupBy(u => u.OrgUnitId).Select(g => new { g.Key, Id = g.Min(u => u.Id) }).ToDictionaryAsync(x => x.Key, x
            => x.Id, ct);
        var added = new List<User>();
        foreach (var unit in units.Where(u => (u.Kind is OrgUnitKind.District or OrgUnitKind.Department || schools.Contains(u)) && !existing.ContainsKey(u.Id)))
        {
            var role = unit.Kind switch { OrgUnitKind.District => Role.District, OrgUnitKind.School => Role.School, _ => Role.Department };
            var user = UserAccounts.New(unit.Code.ToLowerInvariant(), $"{unit.Name}联络员", role, unit.Id, password);
            db.Users.Add(user);
            added.Add(user);
        }
        await db.SaveChangesAsync(ct);
        foreach (var user in added) existing[user.OrgUnitId] = user.Id;
        return existing;
    }

    private async Task ReportAsync(List<PlanTask> tasks, Dictionary<int, int> reporters, int supervisor, DateOnly today, Random random,
        CancellationToken ct)
    {
        var lastMonth = today.Month - 1;
        // Groups (the outline's headings) are not reported on: their tasks are.
        foreach (var task in tasks.Where(t => !t.IsGroup && t.ResponsibleOrgUnitIds.Any()))
        {
            var pace = 0.6 + random.NextDouble() * 0.6;
            foreach (var unit in task.ResponsibleOrgUnitIds)
            {
                for (var month = 1; month <= lastMonth; month++) // from January: each month's ranking reads the reports due in it
                {
                    if (random.Next(10) == 0) continue; // a month skipped
                    var share = Math.Min(1.0, pace * month / Math.Max(1, task.DueDate!.Value.Month));
                    var progress = (int)Math.Round(100 * share);
                    var period = $"{today.Year}-{month:00}";
                    var submittedOn = new DateTime(today.Year, month, 1).AddMonths(1).AddDays(random.Next(0, 9));
                    var late = DateOnly.FromDateTime(submittedOn) > ReportStatuses.DueDate(period);
                    var returned = random.Next(12) == 0;
                    var first = NewReport(task, unit, period, progress, reporters, submittedOn, late, random);
                    db.Reports.Add(first);
                    if (month == lastMonth && random.Next(3) == 0)
                    {
                        // Last month's report still waits for the lead department's review.
                        first.Status = ReportStatus.Submitted;
                        first.ReviewedById = null;
                        first.ReviewedAt = null;
                        continue;
                    }
                    if (returned)
                    {
                        first.Status = ReportStatus.Returned;
                        first.ReviewComment = "请补充佐证材料和具体数据";
                        await db.SaveChangesAsync(ct);
                        var second = NewReport(task, unit, period, progress, reporters, submittedOn.AddDays(3), true, random);
                        first.SupersedeBy(second);
                        db.Reports.Add(second);
                    }
                }
            }
            await db.SaveChangesAsync(ct);
            TaskProgress.Recompute(task, await db.Reports.AsNoTracking().Include(r => r.Values).Where(r => r.TaskId == task.Id).ToListAsync(ct));
            await db.SaveChangesAsync(ct);
            if (task.Progress >= 100 && random.Next(2) == 0)
            {
                task.Closure = TaskClosure.Done;
                task.CompletionSummary = "各项目标已全部完成，佐证材料齐全。";
                task.ClosedAt = ClosedAt(task.DueDate!.Value, today, random);
                task.ClosedById = supervisor;
                task.Version++;
                await db.SaveChangesAsync(ct);
            }
        }
    }

    /// <summary>
    /// When a finished task was closed: around its deadline when that has passed — mostly in the ten days before it, one in
    /// four up to three weeks after (so the ranking's 任务按时完成率 differs between units) — else in the last weeks; never today or later.
    /// </summary>
    private static DateTime ClosedAt(DateOnly due, DateOnly today, Random random)
    {
        var day = due < today ? (random.Next(4) == 0 ? due.AddDays(1 + random.Next(21)) : due.AddDays(-random.Next(11))) : today.AddDays(-random.Next(3, 40));
        if (day >= today) day = today.AddDays(-1);
        return DateTime.SpecifyKind(day.ToDateTime(new TimeOnly(8, 0)), DateTimeKind.Utc);
    }

    private static ProgressReport NewReport(PlanTask task, int unit, string period, int progress, Dictionary<int, int> reporters,
        DateTime submittedOn, bool late, Random random)
    {
        var report = new ProgressReport
        {
            TaskId = task.Id,
            OrgUnitId = unit,
            Period = period,
            Progress = progress,
            Narrative = Narratives[random.Next(Narratives.Length)],
            Status = ReportStatus.Accepted,
            Late = late,
            SubmittedById = reporters.GetValueOrDefault(unit),
            SubmittedAt = submittedOn.ToUniversalTime(),
            ReviewedById = task.LeadDepartmentId is { } lead ? reporters.GetValueOrDefault(lead) : null,
            ReviewedAt = submittedOn.AddDays(2).ToUniversalTime(),
            CreatedAt = submittedOn.ToUniversalTime(),
        };
        foreach (var target in task.Targets.Where(g => g.Value is not null))
        {
            var units = Math.Max(1, task.ResponsibleOrgUnitIds.Count());
            var isShare = Target.IsShareUnit(target.Unit);
            var value = isShare ? target.Value!.Value * progress / 100m : Math.Round(target.Value!.Value * progress / 100m / units, 0);
            // A share comes with the unit's base (its pupils, its schools), so the units' shares combine as one ratio.
            report.Values.Add(new ReportValue { TargetId = target.Id, Value = value, Denominator = isShare ? 500 + (unit * 137 % 2500) : null });
        }
        return report;
    }
}
