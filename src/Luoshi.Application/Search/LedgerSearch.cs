using Luoshi.Application.Access;
using Luoshi.Application.Tasks;
using Luoshi.Data.Search;
using Luoshi.Domain.Reports;
using Microsoft.EntityFrameworkCore;

namespace Luoshi.Application.Search;

/// <summary>One search over plans, tasks and reports, limited to what the caller may see; used by the search API and page.</summary>
public sealed class LedgerSearch(LuoshiDb db, TaskScope scope, TextSearch text)
{
    public const int MaxQueryLength = 100;

    /// <summary>A found plan, task or report: <c>Kind</c> is <c>plan</c>, <c>task</c> or <c>report</c>.</summary>
    /// <summary>One thing found; <paramref name="Plan"/> names the plan a task or report belongs to.</summary>
    public sealed record Hit(string Kind, int Id, string Title, string Snippet, string Link, string? Plan = null);

    /// <summary>What is wrong with the search words, in Chinese, or null when they can be searched for.</summary>
    public static string? Problem(string? words)
    {
        var q = words?.Trim() ?? "";
        if (q.Length is 0 or > MaxQueryLength) return $"请输入 1–{MaxQueryLength} 个字的搜索词";
        // No one types a control character (NUL, line break, tab…) into a search box; SQLite FTS and PostgreSQL refuse NUL.
        if (q.Any(char.IsControl)) return "搜索词不能包含控制字符（如换行、制表符）";
        return null;
    }

    /// <summary>The hits for the words, or null when they have a <see cref="Problem"/>.</summary>
    public async Task<List<Hit>?> FindAsync(Caller caller, string? words, CancellationToken ct = default)
    {
        if (Problem(words) is not null) return null;
        var q = words!.Trim();
        // LIKE '%词%' (escaped) rather than Contains: PostgreSQL's trigram indexes serve LIKE.
        var pattern = "%" + q.Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_") + "%";
        var hits = new List<Hit>();
        var matched = text.Match(q);
        var planQuery = scope.VisiblePlans(caller).AsNoTracking();
        planQuery = matched is { } m1 ? planQuery.Where(p => m1.Plans.Contains(p.Id)) : planQuery.Where(p => EF.Functions.Like(p.Title, pattern,
            "\\"));
        var plans = await planQuery.OrderByDescending(p => p.Year).Take(10)
            .Select(p => new { p.Id, p.Title, p.Year }).ToListAsync(ct);
        hits.AddRange(plans.Select(p => new Hit("plan", p.Id, p.Title, $"{p.Year}年", $"/Plans/{p.Id}")));
        var visible = scope.Visible(caller);
        var taskQuery = matched is { } m2 ? visible.Where(t => m2.Tasks.Contains(t.Id))
            : visible.Where(t => EF.Functions.Like(t.Title, pattern, "\\") || EF.Functions.Like(t.Text, pattern, "\\"));
        var tasks = await taskQuery.AsNoTracking().OrderBy(t => t.Ordinal).Take(30)
            .Select(t => new { t.Id, t.Number, t.Title, t.Text, t.PlanId }).ToListAsync(ct);
        var reportQuery = scope.ReadableReports(caller).AsNoTracking().Where(r => r.Status != ReportStatus.Draft);
        reportQuery = matched is { } m3 ? reportQuery.Where(r => m3.Reports.Contains(r.Id)) : reportQuery.Where(r => EF.Functions.Like(r.Narrative,
            pattern, "\\"));
        var reports = await reportQuery.Join(db.Tasks, r => r.TaskId, t => t.Id, (r, t) => new { r.Id, r.TaskId, t.Title, t.PlanId, r.Period, r.Narrative })
            .OrderByDescending(r => r.Id).Take(20).ToListAsync(ct);
        var planIds = tasks.Select(t => t.PlanId).Concat(reports.Select(r => r.PlanId)).Distinct().ToList();
        var planTitles = await db.Plans.AsNoTracking().Where(p => planIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Title, ct);
        hits.AddRange(tasks.Select(t => new Hit("task", t.Id, t.Number + t.Title, Snippet(t.Text, q), $"/Tasks/{t.Id}", planTitles[t.PlanId])));
        hits.AddRange(reports.Select(r => new Hit("report", r.Id, $"{r.Title}（{r.Period}）", Snippet(r.Narrative, q),
            $"/Tasks/{r.TaskId}#report-{r.Id}", planTitles[r.PlanId])));
        return hits;
    }

    private static string Snippet(string text, string q)
    {
        var i = text.IndexOf(q, StringComparison.Ordinal);
        if (i < 0) return text.Length > 80 ? text[..80] + "…" : text;
        var start = Math.Max(0, i - 30);
        var end = Math.Min(text.Length, i + q.Length + 50);
        return (start > 0 ? "…" : "") + text[start..end] + (end < text.Length ? "…" : "");
    }
}
