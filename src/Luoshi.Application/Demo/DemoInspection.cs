using Luoshi.Application.Calendar;
using Luoshi.Domain.OrgUnits;
using Luoshi.Domain.People;
using Luoshi.Domain.Supervision;
using Microsoft.EntityFrameworkCore;

namespace Luoshi.Application.Demo;

/// <summary>
/// The demo city's 专项督导: a 校园安全 inspection a month ago of two 江东区 schools and one 城南区 school, its findings in
/// every state — closed on time, rectified and waiting for the supervisor, returned, open past its deadline, not yet due —
/// moved through the same domain transitions as real ones, so every role's 专项督导 page has something true to show.
/// </summary>
public sealed class DemoInspection(LuoshiDb db)
{
    public static string Title(int year) => $"江州市{year}年秋季学期校园安全专项督导";

    /// <summary>Records the inspection as of China's <paramref name="today"/>; false when the city lacks the units or the supervisor.</summary>
    public async Task<bool> SeedAsync(DateOnly today, CancellationToken ct = default)
    {
        var units = await db.OrgUnits.AsNoTracking().Where(u => u.Kind == OrgUnitKind.School || u.Kind == OrgUnitKind.District)
            .OrderBy(u => u.SortOrder).ThenBy(u => u.Code).ToListAsync(ct);
        var districts = units.Where(u => u.Kind == OrgUnitKind.District).ToList();
        if (districts.Count < 2) return false;
        var schools = units.Where(u => u.ParentId == districts[0].Id && u.Kind == OrgUnitKind.School).Take(2)
            .Concat(units.Where(u => u.ParentId == districts[1].Id && u.Kind == OrgUnitKind.School).Take(1)).ToList();
        var supervisor = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Role == Role.Supervisor, ct);
        if (schools.Count < 3 || supervisor is null) return false;
        var reporters = await db.Users.AsNoTracking().Where(u => schools.Select(s => s.Id).Contains(u.OrgUnitId))
            .GroupBy(u => u.OrgUnitId).Select(g => new { g.Key, Id = g.Min(u => u.Id) }).ToDictionaryAsync(g => g.Key, g => g.Id, ct);

        var working = await new WorkCalendar(db).WorkingDaysAsync(ct);
        var day = working.Add(today, -22);
        static DateTime At(DateOnly date, int hour) => TimeZoneInfo.ConvertTimeToUtc(date.ToDateTime(new TimeOnly(hour, 0)), Domain.Time.ChinaClock.Zone);
        var (inspection, _) = Inspection.Record(Title(today.Year), "校园安全专项督导", day.AddDays(-1), day,
            "督导组采取听取汇报、查阅资料、实地查看的方式，检查了消防、食堂、校车、宿舍和实验室安全，发现问题 5 项，已当场反馈。",
            [.. schools.Select(s => s.Id)], supervisor.Id, supervisor.OrgUnitId, At(day, 17));
        var items = new (OrgUnit Unit, string What, string Severity, string Must, int Days)[]
        {
            (schools[0], "消防通道堆放杂物，部分灭火器过期", "较重", "立即清理通道、更换灭火器，建立每日巡查制度", 5),
            (schools[0], "食堂留样记录不全，部分菜品留样不足 48 小时", "一般", "补齐留样记录，落实专人负责", 10),
            (schools[0], "学生宿舍应急照明损坏 3 处", "一般", "修复应急照明并每月检测", 10),
            (schools[1], "校车随车安全员未全程随车", "严重", "配齐随车安全员，逐车签到", 5),
            (schools[2], "实验室危化品台账与实物不符", "较重", "重新盘点建账，实行双人双锁", 40),
        };
        foreach (var (unit, what, severity, must, days) in items)
        {
            var (finding, _) = Finding.Find(unit.Id, what, severity, must, null, days, working, day, At(day, 17));
            inspection!.Findings.Add(finding!);
        }
        var f = inspection!.Findings;
        var school = reporters.GetValueOrDefault(schools[0].Id, supervisor.Id);
        // Closed on time; rectified and waiting; returned and open again. The bus and the laboratory are still open.
        f[0].Submit(schools[0].Id, school, "已清理消防通道，更换过期灭火器 12 具，建立每日巡查登记表。", At(working.Add(day, 3), 10));
        f[0].Close(supervisor.Id, At(working.Add(day, 4), 15));
        f[1].Submit(schools[0].Id, school, "已补齐 9 月以来的留样记录，食堂主任为留样责任人。", At(working.Add(day, 8), 10));
        f[2].Submit(schools[0].Id, school, "已报修。", At(working.Add(day, 6), 10));
        f[2].Return("请说明修复完成情况并附检测记录。");
        db.Inspections.Add(inspection);
        await db.SaveChangesAsync(ct);
        return true;
    }
}
