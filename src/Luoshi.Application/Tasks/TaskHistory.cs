using System.Globalization;
using Luoshi.Application.Auditing;
using Luoshi.Domain.Supervision;
using Luoshi.Domain.Targets;
using Luoshi.Domain.Tasks;
using Microsoft.EntityFrameworkCore;

namespace Luoshi.Application.Tasks;

/// <summary>
/// A task's changes as people read them, from the audit trail: who changed which field of the task or of its targets
/// from what to what (values shown as <see cref="AuditReader"/> shows them everywhere).
/// </summary>
public sealed class TaskHistory(LuoshiDb db, Caching.ReferenceData reference)
{
    /// <summary>One field's change; a null side means the value was added or removed.</summary>
    public sealed record Change(string Field, string? Before, string? After);

    /// <summary>One step of a 督办单 about the task: issued, escalated to the leader, answered, returned or closed.</summary>
    /// <param name="Level">The notice's level after the step (催办, 督办, 报包保领导).</param>
    /// <param name="What">The step in words (发出, 报包保领导, 反馈办理情况, 退回, 办结).</param>
    public sealed record NoticeStep(int NoticeId, string Number, string Level, string What, string UnitName, DateOnly RespondBy);

    /// <summary>The changes saved together at one moment by one person, or one step of a 督办单 (<see cref="Notice"/> set, no changes).</summary>
    public sealed record Entry(DateTime At, string? UserName, IReadOnlyList<Change> Changes, NoticeStep? Notice = null);

    private static readonly (string Property, string Field)[] Fields =
    [
        ("title", "任务名称"), ("text", "任务内容"), ("category", "类别"), ("leadDepartmentId", "牵头处室"), ("leaderUserId", "包保局领导"),
        ("startDate", "开始日期"), ("dueDate", "完成时限"), ("weight", "权重"), ("progress", "进度（%）"), ("closure", "办结状态"),
        ("completionSummary", "办结情况"),
    ];

    /// <summary>A target's fields whose changes the task's history shows (its actual moves with every accepted report: not shown).</summary>
    private static readonly string[] TargetFields = ["subject", "comparator", "value", "upper", "unit", "baseline", "dueDate"];

    public async Task<List<Entry>> OfAsync(PlanTask task, CancellationToken ct = default)
    {
        var id = task.Id.ToString(CultureInfo.InvariantCulture);
        var unitKey = id + ",";
        var milestoneMark = $"\"taskId\":{id},";
        // The task's own rows and its units' rows come by index; milestone rows only name their task inside their JSON,
        // so they are looked for only among the saves that changed the task (every milestone change bumps its version).
        var own = await db.AuditEntries.AsNoTracking()
            .Where(a => (a.Entity == nameof(PlanTask) && a.EntityId == id) || (a.Entity == nameof(TaskUnit) && a.EntityId!.StartsWith(unitKey)))
            .OrderBy(a => a.Id).Take(2000).ToListAsync(ct);
        var saves = own.Where(a => a.Entity == nameof(PlanTask)).Select(a => a.At).Distinct().ToList();
        var milestoneRows = await db.AuditEntries.AsNoTracking()
            .Where(a => saves.Contains(a.At) && a.Entity == nameof(Milestone)
                && ((a.After != null && a.After.Contains(milestoneMark)) || (a.Before != null && a.Before.Contains(milestoneMark))))
            .ToListAsync(ct);
        var targetIds = task.Targets.Select(g => g.Id.ToString(CultureInfo.InvariantCulture)).ToList();
        var targetRows = targetIds.Count == 0 ? [] : await db.AuditEntries.AsNoTracking()
            .Where(a => a.Entity == nameof(Target) && targetIds.Contains(a.EntityId!) && a.Action == "update").OrderBy(a => a.Id).Take(2000)
            .ToListAsync(ct);
        var rows = own.Concat(milestoneRows).Concat(targetRows).OrderBy(a => a.Id).ToList();
        // Names of only the units and people the rows mention.
        var parsed = rows.ToDictionary(r => r.Id, r => (Before: AuditReader.Values(r.Before), After: AuditReader.Values(r.After)));
        var names = new AuditReader.Names();
        names.WantAll(parsed.Values.SelectMany(p => p.Before.Concat(p.After)));
        foreach (var user in rows.Select(r => r.UserId).OfType<int>()) names.Want("User", user);
        await names.LoadAsync(db, ct, await reference.GetAsync(db, ct));
        var entries = new List<Entry>();
        // One save writes its rows with the same time; EF replaces a task's units and milestones wholesale, so the
        // rows of one save are netted out: what was there before against what is there after.
        foreach (var save in rows.GroupBy(r => (r.At, r.UserId, r.UserName)))
        {
            var changes = new List<Change>();
            foreach (var row in save.Where(r => r.Entity == nameof(PlanTask)))
            {
                if (row.Action == "create")
                {
                    changes.Add(new("任务", null, "创建"));
                    continue;
                }
                var (before, after) = parsed[row.Id];
                foreach (var (property, field) in Fields)
                {
                    var b = before.GetValueOrDefault(property);
                    var a = after.GetValueOrDefault(property);
                    if (!Same(b, a)) changes.Add(new(field, Shown(names, property, b), Shown(names, property, a)));
                }
            }
            foreach (var row in save.Where(r => r.Entity == nameof(Target)))
            {
                var (before, after) = parsed[row.Id];
                var subject = after.GetValueOrDefault("subject") ?? before.GetValueOrDefault("subject");
                foreach (var property in TargetFields)
                {
                    var b = before.GetValueOrDefault(property);
                    var a = after.GetValueOrDefault(property);
                    if (!Same(b, a))
                        changes.Add(new($"目标“{subject}”的{AuditReader.FieldName(property)}", Shown(names, property, b), Shown(names, property, a)));
                }
            }
            foreach (var role in new[] { TaskUnitRole.Responsible, TaskUnitRole.CoDepartment })
            {
                var field = role == TaskUnitRole.Responsible ? "责任单位" : "配合处室";
                var rowsOfRole = save.Where(r => r.Entity == nameof(TaskUnit)).Select(r => (r.Action, parsed[r.Id].Before, parsed[r.Id].After))
                    .Where(r => (r.Action == "delete" ? r.Before : r.After).GetValueOrDefault("role") == role.ToString()).ToList();
                var removed = rowsOfRole.Where(r => r.Action == "delete").Select(r => r.Before["orgUnitId"]).ToList();
                var added = rowsOfRole.Where(r => r.Action == "create").Select(r => r.After["orgUnitId"]).ToList();
                foreach (var unit in removed.Except(added)) changes.Add(new(field, names.Show("orgUnitId", unit), null));
                foreach (var unit in added.Except(removed)) changes.Add(new(field, null, names.Show("orgUnitId", unit)));
            }
            var milestones = save.Where(r => r.Entity == nameof(Milestone)).ToList();
            var old = milestones.Where(r => r.Action != "create").Select(r => Milestone(parsed[r.Id].Before)).ToList();
            var now = milestones.Where(r => r.Action != "delete").Select(r => Milestone(parsed[r.Id].After)).ToList();
            foreach (var m in old.Except(now)) changes.Add(new("节点", m, null));
            foreach (var m in now.Except(old)) changes.Add(new("节点", null, m));
            var who = save.Key.UserId is { } uid && names.Of("User", uid) is { } name ? name : save.Key.UserName;
            if (changes.Count > 0) entries.Add(new(save.Key.At, who, changes));
        }
        entries.AddRange(await NoticeStepsAsync(task.Id, ct));
        entries.Reverse();
        return [.. entries.OrderByDescending(e => e.At)];
    }

    /// <summary>
    /// Every step of the 督办单 about the task — 催办, 督办 and the leader escalation, automatic or issued by a person — read from
    /// the notices' audit rows, so a notice answered, sent back and answered again shows each time.
    /// </summary>
    private async Task<List<Entry>> NoticeStepsAsync(int taskId, CancellationToken ct)
    {
        var notices = await db.Notices.AsNoTracking().Where(n => n.TaskId == taskId).ToDictionaryAsync(n => n.Id.ToString(CultureInfo.InvariantCulture), ct);
        if (notices.Count == 0) return [];
        var keys = notices.Keys.ToList();
        var rows = await db.AuditEntries.AsNoTracking().Where(a => a.Entity == nameof(Notice) && keys.Contains(a.EntityId!))
            .OrderBy(a => a.Id).Take(2000).ToListAsync(ct);
        var unitIds = notices.Values.Select(n => n.OrgUnitId).Distinct().ToList();
        var units = await db.OrgUnits.AsNoTracking().Where(u => unitIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Name, ct);
        var userIds = rows.Select(r => r.UserId).OfType<int>().Distinct().ToList();
        var people = await db.Users.AsNoTracking().Where(u => userIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
        var steps = new List<Entry>();
        foreach (var row in rows)
        {
            var notice = notices[row.EntityId!];
            var before = AuditReader.Values(row.Before);
            var after = AuditReader.Values(row.After);
            var level = Enum.TryParse<NoticeLevel>(after.GetValueOrDefault("level"), out var l) ? l : notice.Level;
            var who = row.UserId is { } uid && people.TryGetValue(uid, out var name) ? name : row.UserName;
            foreach (var what in StepsOf(row.Action, before, after, notice))
                steps.Add(new(row.At, who, [], new(notice.Id, notice.Number, level.ToChinese(), what,
                    units.GetValueOrDefault(notice.OrgUnitId, ""), notice.RespondBy)));
        }
        return steps;
    }

    /// <summary>What one audit row of a notice did, in words; an edit that is none of the steps (a stale save) gives nothing.</summary>
    private static IEnumerable<string> StepsOf(string action, Dictionary<string, string> before, Dictionary<string, string> after, Notice notice)
    {
        if (action == "create")
        {
            yield return notice.EscalationKey is null ? "发出" : "系统自动发出";
            yield break;
        }
        if (action != "update") yield break;
        if (before.GetValueOrDefault("level") != after.GetValueOrDefault("level") && after.GetValueOrDefault("level") == nameof(NoticeLevel.Leader))
            yield return "逾期未反馈，报包保领导";
        var (was, now) = (before.GetValueOrDefault("status"), after.GetValueOrDefault("status"));
        if (was == now) yield break;
        if (now == nameof(NoticeStatus.Responded)) yield return "反馈办理情况";
        else if (now == nameof(NoticeStatus.Closed)) yield return "办结";
        else if (now == nameof(NoticeStatus.Open)) yield return "退回重办";
    }

    /// <summary>Equal values, counting 1.0 and 1 as the same number (the database and the code write decimals differently).</summary>
    private static bool Same(string? a, string? b) =>
        a == b || (decimal.TryParse(a, NumberStyles.Number, CultureInfo.InvariantCulture, out var x)
                   && decimal.TryParse(b, NumberStyles.Number, CultureInfo.InvariantCulture, out var y) && x == y);

    private static string Milestone(Dictionary<string, string> m) =>
        $"{m.GetValueOrDefault("date")} {m.GetValueOrDefault("title")}{(m.GetValueOrDefault("done") == "true" ? "（已完成）" : "")}";

    /// <summary>A value as the history shows it; null when there was none (added or removed).</summary>
    private static string? Shown(AuditReader.Names names, string property, string? value) =>
        string.IsNullOrEmpty(value) ? null : names.Show(property, value) is { Length: > 80 } shown ? shown[..80] + "…" : names.Show(property, value);
}
