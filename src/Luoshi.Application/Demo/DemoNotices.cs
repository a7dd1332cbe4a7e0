using Luoshi.Domain.OrgUnits;
using Luoshi.Domain.Tasks;
using Luoshi.Domain.Supervision;
using Microsoft.EntityFrameworkCore;

namespace Luoshi.Application.Demo;

/// <summary>
/// The demo year's 督办单: every month from January to this month, each district gets one or two and half the departments
/// one, about a task of theirs, due in that month; most were answered in time, some a few days late, and the supervisor has
/// closed them all (none waits in an inbox). They give the monthly ranking's 督办按时答复率 something to measure in every
/// month of the year, January to March included, when no task is due yet.
/// </summary>
public sealed class DemoNotices(LuoshiDb db)
{
    public async Task SeedAsync(IReadOnlyList<PlanTask> tasks, int supervisor, DateOnly today, Random random, CancellationToken ct = default)
    {
        var issuer = await db.Users.Where(u => u.Id == supervisor).Select(u => u.OrgUnitId).FirstAsync(ct);
        var units = await db.OrgUnits.AsNoTracking().Where(u => u.Kind == OrgUnitKind.District || u.Kind == OrgUnitKind.Department)
            .OrderBy(u => u.Code).Select(u => new { u.Id, u.Kind, u.Name }).ToListAsync(ct);
        var sequence = await db.Notices.Where(n => n.Year == today.Year).Select(n => (int?)n.Sequence).MaxAsync(ct) ?? 0;
        var open = tasks.Where(t => !t.IsGroup).ToList();
        for (var month = 1; month <= today.Month; month++)
        {
            var days = DateTime.DaysInMonth(today.Year, month);
            foreach (var unit in units)
            {
                var count = unit.Kind == OrgUnitKind.District ? 1 + random.Next(2) : random.Next(2);
                for (var i = 0; i < count; i++)
                {
                    var respondBy = new DateOnly(today.Year, month, 1 + random.Next(days));
                    if (respondBy >= today) continue;
                    // Most are answered in time (up to three days early); about one in four a few days late.
                    var answeredOn = random.Next(4) == 0 ? respondBy.AddDays(1 + random.Next(4)) : respondBy.AddDays(-random.Next(4));
                    if (answeredOn >= today) answeredOn = respondBy;
                    var answeredAt = ChinaTime(answeredOn, 10);
                    var task = Mine(open, unit.Id, unit.Kind, random);
                    db.Notices.Add(new Notice
                    {
                        Year = today.Year, Sequence = ++sequence, Kind = NoticeKind.Supervise, Level = NoticeLevel.Supervise, TaskId = task?.Id,
                        OrgUnitId = unit.Id, IssuerUnitId = issuer, IssuedById = supervisor, IssuedAt = ChinaTime(respondBy.AddDays(-5), 9), RespondBy = respondBy,
                        Reason = task is null ? $"{unit.Name}{month}月重点工作推进情况督办" : $"“{task.Title}”推进情况督办，请报告进展并说明存在的问题",
                        Status = NoticeStatus.Closed, Response = "已按要求推进，相关情况已报督导室。", AnsweredAt = answeredAt,
                        ClosedById = supervisor, ClosedAt = answeredAt.AddDays(1),
                    });
                }
            }
        }
        await db.SaveChangesAsync(ct);
    }

    /// <summary>A task the unit answers for (responsible district, lead department), or null when it has none.</summary>
    private static PlanTask? Mine(List<PlanTask> tasks, int unit, OrgUnitKind kind, Random random)
    {
        var mine = tasks.Where(t => kind == OrgUnitKind.Department ? t.LeadDepartmentId == unit : t.ResponsibleOrgUnitIds.Contains(unit)).ToList();
        return mine.Count == 0 ? null : mine[random.Next(mine.Count)];
    }

    /// <summary>The hour of a China day, in UTC.</summary>
    private static DateTime ChinaTime(DateOnly day, int hour) => DateTime.SpecifyKind(day.ToDateTime(new TimeOnly(hour, 0)).AddHours(-8), DateTimeKind.Utc);
}
