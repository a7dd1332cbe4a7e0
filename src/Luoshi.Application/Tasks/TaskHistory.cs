using System.Globalization;
using System.Text.Json;
using Luoshi.Domain.Tasks;
using Microsoft.EntityFrameworkCore;

namespace Luoshi.Application.Tasks;

/// <summary>A task's changes as people read them, from the audit trail: who changed which field from what to what.</summary>
public sealed class TaskHistory(LuoshiDb db, Caching.ReferenceData reference)
{
    /// <summary>One field's change; a null side means the value was added or removed.</summary>
    public sealed record Change(string Field, string? Before, string? After);

    /// <summary>The changes saved together at one moment by one person.</summary>
    public sealed record Entry(DateTime At, string? UserName, IReadOnlyList<Change> Changes);

    private static readonly (string Property, string Field)[] Fields =
    [
        ("title", "任务名称"), ("text", "任务内容"), ("category", "类别"), ("leadDepartmentId", "牵头处室"), ("leaderUserId", "包保局领导"),
        ("startDate", "开始日期"), ("dueDate", "完成时限"), ("weight", "权重"), ("progress", "进度（%）"), ("closure", "办结状态"),
        ("completionSummary", "办结情况"),
    ];

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
        var rows = own.Concat(milestoneRows).OrderBy(a => a.Id).ToList();
        // Names of only the units and people the rows mention.
        var parsed = rows.ToDictionary(r => r.Id, r => (Before: Read(r.Before), After: Read(r.After)));
        var mentioned = parsed.Values.SelectMany(p => new[] { p.Before, p.After })
            .SelectMany(d => new[] { d.GetValueOrDefault("leadDepartmentId"), d.GetValueOrDefault("orgUnitId"), d.GetValueOrDefault("leaderUserId") })
            .Select(v => int.TryParse(v, CultureInfo.InvariantCulture, out var n) ? n : 0).Where(n => n > 0).Distinct().ToList();
        var people = rows.Select(r => r.UserId).OfType<int>().Concat(mentioned).Distinct().ToList();
        var names = await reference.GetAsync(db, ct);
        var units = mentioned.Where(names.Units.ContainsKey).ToDictionary(id => id, id => names.Units[id].Name);
        var users = people.Where(names.People.ContainsKey).ToDictionary(id => id, id => names.People[id].DisplayName);
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
                    if (!Same(b, a)) changes.Add(new(field, Show(property, b, units, users), Show(property, a, units, users)));
                }
            }
            foreach (var role in new[] { TaskUnitRole.Responsible, TaskUnitRole.CoDepartment })
            {
                var field = role == TaskUnitRole.Responsible ? "责任单位" : "配合处室";
                var rowsOfRole = save.Where(r => r.Entity == nameof(TaskUnit)).Select(r => (r.Action, parsed[r.Id].Before, parsed[r.Id].After))
                    .Where(r => (r.Action == "delete" ? r.Before : r.After).GetValueOrDefault("role") == role.ToString()).ToList();
                var removed = rowsOfRole.Where(r => r.Action == "delete").Select(r => r.Before["orgUnitId"]).ToList();
                var added = rowsOfRole.Where(r => r.Action == "create").Select(r => r.After["orgUnitId"]).ToList();
                foreach (var unit in removed.Except(added)) changes.Add(new(field, Name(unit, units), null));
                foreach (var unit in added.Except(removed)) changes.Add(new(field, null, Name(unit, units)));
            }
            var milestones = save.Where(r => r.Entity == nameof(Milestone)).ToList();
            var old = milestones.Where(r => r.Action != "create").Select(r => Milestone(parsed[r.Id].Before)).ToList();
            var now = milestones.Where(r => r.Action != "delete").Select(r => Milestone(parsed[r.Id].After)).ToList();
            foreach (var m in old.Except(now)) changes.Add(new("节点", m, null));
            foreach (var m in now.Except(old)) changes.Add(new("节点", null, m));
            var who = save.Key.UserId is { } uid && users.TryGetValue(uid, out var name) ? name : save.Key.UserName;
            if (changes.Count > 0) entries.Add(new(save.Key.At, who, changes));
        }
        entries.Reverse();
        return entries;
    }

    private static Dictionary<string, string?> Read(string? json)
    {
        if (string.IsNullOrEmpty(json)) return [];
        using var doc = JsonDocument.Parse(json);
        return doc.RootElement.EnumerateObject().ToDictionary(p => p.Name,
            p => p.Value.ValueKind switch { JsonValueKind.Null => null, JsonValueKind.String => p.Value.GetString(), _ => p.Value.GetRawText() });
    }

    /// <summary>Equal values, counting 1.0 and 1 as the same number (the database and the code write decimals differently).</summary>
    private static bool Same(string? a, string? b) =>
        a == b || (decimal.TryParse(a, NumberStyles.Number, CultureInfo.InvariantCulture, out var x)
                   && decimal.TryParse(b, NumberStyles.Number, CultureInfo.InvariantCulture, out var y) && x == y);

    private static string Milestone(Dictionary<string, string?> m) =>
        $"{m.GetValueOrDefault("date")} {m.GetValueOrDefault("title")}{(m.GetValueOrDefault("done") == "true" ? "（已完成）" : "")}";

    private static string Name(string? id, Dictionary<int, string> units) =>
        int.TryParse(id, CultureInfo.InvariantCulture, out var n) && units.TryGetValue(n, out var name) ? name : id ?? "";

    private static string? Show(string property, string? value, Dictionary<int, string> units, Dictionary<int, string> users)
    {
        if (value is null) return null;
        return property switch
        {
            "leadDepartmentId" => Name(value, units),
            "leaderUserId" => int.TryParse(value, CultureInfo.InvariantCulture, out var u) && users.TryGetValue(u, out var name) ? name : value,
            "startDate" or "dueDate" when DateOnly.TryParse(value, CultureInfo.InvariantCulture, out var d) => $"{d.Year}年{d.Month}月{d.Day}日",
            "category" => Enum.TryParse<TaskCategory>(value, out var c) ? c.ToChinese() : value,
            "closure" => value switch
            {
                nameof(TaskClosure.Open) => "进行中",
                nameof(TaskClosure.CompletionRequested) => "申请办结",
                nameof(TaskClosure.Done) => "已办结",
                _ => "已取消",
            },
            _ => value.Length > 80 ? value[..80] + "…" : value,
        };
    }
}
