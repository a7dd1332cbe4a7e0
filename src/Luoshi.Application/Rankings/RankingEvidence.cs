using Microsoft.EntityFrameworkCore;

namespace Luoshi.Application.Rankings;

/// <summary>
/// The drill-down of a ranking: what each record id behind a part is, in words (a task's title, a report's task and
/// period, a 督办单's number, a 整改 item's description, a target with its task, a data set's name) and the page that shows it. One query per kind of record.
/// </summary>
public sealed class RankingEvidence(LuoshiDb db, CriterionCatalog criteria)
{
    /// <summary>A record behind a part: its kind (<see cref="ICriterion.RecordKind"/>), id, title and the page that shows it.</summary>
    public sealed record Record(string Kind, int Id, string Title, string Href);

    public async Task<IReadOnlyDictionary<(string Kind, int Id), Record>> DescribeAsync(UnitRankings.Result result, CancellationToken ct = default)
    {
        var wanted = result.Rows.SelectMany(r => r.Unit.Parts).SelectMany(p => p.Ids.Select(id => (Kind: RecordKindOf(p.Key), Id: id)))
            .Distinct().ToLookup(x => x.Kind, x => x.Id);
        var records = new List<Record>();
        if (wanted["task"].ToList() is { Count: > 0 } tasks)
            records.AddRange(await db.Tasks.AsNoTracking().Where(t => tasks.Contains(t.Id)).Select(t => new Record("task", t.Id, t.Title, "/Tasks/" + t.Id)).ToListAsync(ct));
        if (wanted["notice"].ToList() is { Count: > 0 } notices)
            records.AddRange((await db.Notices.AsNoTracking().Where(n => notices.Contains(n.Id)).Select(n => new { n.Id, n.Year, n.Sequence, n.Reason, n.TaskId })
                .ToListAsync(ct)).Select(n => new Record("notice", n.Id, $"{Domain.Supervision.Notice.NumberOf(n.Year, n.Sequence)} {n.Reason}",
                    n.TaskId is { } task ? $"/Tasks/{task}" : $"/Notices#notice-{n.Id}")));
        if (wanted["finding"].ToList() is { Count: > 0 } findings)
            records.AddRange((await db.Findings.AsNoTracking().Where(f => findings.Contains(f.Id)).Select(f => new { f.Id, f.Description, f.InspectionId })
                .ToListAsync(ct)).Select(f => new Record("finding", f.Id, f.Description, $"/Inspections/{f.InspectionId}#finding-{f.Id}")));
        if (wanted["target"].ToList() is { Count: > 0 } targets)
            records.AddRange((await db.Targets.AsNoTracking().Where(g => targets.Contains(g.Id))
                .Join(db.Tasks, g => g.TaskId, t => t.Id, (g, t) => new { Target = g, t.Title }).ToListAsync(ct))
                .Select(x => new Record("target", x.Target.Id, $"{x.Title}：{x.Target.Describe()}", $"/Tasks/{x.Target.TaskId}")));
        if (wanted["dataset"].ToList() is { Count: > 0 } sets)
            records.AddRange(await db.DataSets.AsNoTracking().Where(d => sets.Contains(d.Id)).Select(d => new Record("dataset", d.Id, d.Name + "（" + d.Code + "）", "")).ToListAsync(ct));
        return records.ToDictionary(r => (r.Kind, r.Id));
    }

    /// <summary>The kind of record behind a criterion's part.</summary>
    public string RecordKindOf(string criterionKey) => criteria.Find(criterionKey)?.RecordKind ?? "";
}
