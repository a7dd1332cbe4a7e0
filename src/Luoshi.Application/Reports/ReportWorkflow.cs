using Luoshi.Application.Access;
using Luoshi.Application.Notifications;
using Luoshi.Application.Tasks;
using Luoshi.Domain.Reports;
using Luoshi.Domain.Tasks;
using Microsoft.EntityFrameworkCore;

namespace Luoshi.Application.Reports;

/// <summary>
/// Progress reports (进展反馈): a unit submits for a period, the lead department accepts or returns it; accepted
/// reports set the task's progress and the targets' actual values. Every version is kept.
/// </summary>
public sealed class ReportWorkflow(LuoshiDb db, Notifier notifier)
{
    /// <summary>What a unit reports; <paramref name="Evidence"/> are files already stored (EvidenceFiles) that are saved with the report.</summary>
    public sealed record Submission(int OrgUnitId, string? Period, int? Progress, string? Narrative, IReadOnlyList<(int TargetId, decimal Value)> Values, bool Draft,
        IReadOnlyList<Attachment>? Evidence = null);

    /// <summary>The stored report, or the problems; <paramref name="Conflict"/> when the unit's report for the period stands in the way (409).</summary>
    public sealed record Outcome(ProgressReport? Report, IReadOnlyList<string> Problems, bool Conflict = false);

    /// <summary>What the loser of two simultaneous submissions for one task, unit and period is told.</summary>
    public const string LostRace = "本单位本期的进展已有人同时提交，本次没有保存，请刷新后查看或修改";

    /// <summary>
    /// Saves a draft or submits: the unit's live report for the period is updated if it is a draft, replaced by a new
    /// version if it was returned, and left alone (a conflict) if it is submitted or accepted. One live report per task,
    /// unit and period is also the database's rule, so of simultaneous submissions one wins and the others are conflicts.
    /// </summary>
    public async Task<Outcome> SubmitAsync(Caller caller, PlanTask task, Submission s, CancellationToken ct = default)
    {
        var problems = new List<string>();
        if (ReportStatuses.CheckPeriod(s.Period, DateTime.UtcNow) is { } badPeriod) problems.Add(badPeriod);
        if (s.Progress is not { } progress || progress is < 0 or > 100) problems.Add("进度应为 0–100 之间的整数");
        if (s.Narrative is { Length: > 10000 }) problems.Add("进展情况不能超过 10000 个字符");
        if (!s.Draft && string.IsNullOrWhiteSpace(s.Narrative)) problems.Add("请填写进展情况");
        if (task.Closure is TaskClosure.Done or TaskClosure.Cancelled) problems.Add("任务已办结或已取消，不能再报送进展");
        var targetIds = task.Targets.Select(t => t.Id).ToHashSet();
        foreach (var (targetId, _) in s.Values)
            if (!targetIds.Contains(targetId)) problems.Add($"目标（编号 {targetId}）不属于该任务");
        if (s.Values.Select(v => v.TargetId).Distinct().Count() != s.Values.Count) problems.Add("同一目标只能填一个数值");
        if (problems.Count > 0) return new(null, problems);

        var previous = await db.Reports
            .Where(r => r.TaskId == task.Id && r.OrgUnitId == s.OrgUnitId && r.Period == s.Period && r.Live == true)
            .FirstOrDefaultAsync(ct);
        if (previous is { Status: ReportStatus.Submitted or ReportStatus.Accepted })
            return new(null, [$"{s.Period} 的进展{previous.Status.ToChinese()}，如需修改请等审核退回"], Conflict: true);

        var now = DateTime.UtcNow;
        ProgressReport report;
        if (previous is { Status: ReportStatus.Draft })
        {
            report = previous;
            await db.Entry(report).Collection(r => r.Values).LoadAsync(ct);
            report.Values.Clear();
            report.Version++;
        }
        else
        {
            report = new ProgressReport { TaskId = task.Id, OrgUnitId = s.OrgUnitId, Period = s.Period!, CreatedAt = now };
            previous?.SupersedeBy(report);
            db.Reports.Add(report);
        }
        report.Progress = s.Progress!.Value;
        report.Narrative = s.Narrative?.Trim() ?? "";
        report.SubmittedById = caller.UserId;
        foreach (var (targetId, value) in s.Values)
            report.Values.Add(new ReportValue { TargetId = targetId, Value = value });
        report.Attachments.AddRange(s.Evidence ?? []);
        if (s.Draft)
        {
            report.Status = ReportStatus.Draft;
        }
        else
        {
            report.Status = ReportStatus.Submitted;
            report.SubmittedAt = now;
            report.Late = DateOnly.FromDateTime(DateTime.Now) > ReportStatuses.DueDate(report.Period);
            if (task.LeadDepartmentId is { } lead)
                await notifier.ToUnitsAsync([lead], Notifier.ReportSubmitted, $"收到进展反馈：{task.Title}（{report.Period}）", $"/Tasks/{task.Id}", null, ct);
        }
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e.IsLostRace())
        {
            // Another submission for the same task, unit and period was saved first: nothing of this one is kept.
            db.ChangeTracker.Clear();
            return new(null, [LostRace], Conflict: true);
        }
        return new(report, []);
    }

    public async Task<List<string>> ReviewAsync(Caller caller, ProgressReport report, PlanTask task, bool accept, string? comment, CancellationToken ct = default)
    {
        if (report.Status != ReportStatus.Submitted) return [$"该报告{report.Status.ToChinese()}，只能审核已报送的报告"];
        if (!accept && string.IsNullOrWhiteSpace(comment)) return ["退回时请写明原因"];
        if (comment is { Length: > 2000 }) return ["审核意见不能超过 2000 个字符"];
        report.Status = accept ? ReportStatus.Accepted : ReportStatus.Returned;
        report.ReviewComment = comment?.Trim();
        report.ReviewedById = caller.UserId;
        report.ReviewedAt = DateTime.UtcNow;
        report.Version++;
        if (!accept && report.SubmittedById is { } submitter)
            await notifier.ToUsersAsync([submitter], Notifier.ReportReturned, $"进展反馈被退回：{task.Title}（{report.Period}）：{comment}", $"/Tasks/{task.Id}", null, ct);
        await db.SaveChangesAsync(ct);
        if (accept) await RecomputeAsync(task, ct);
        return [];
    }

    /// <summary>
    /// Task progress is the mean of each reporting unit's latest accepted progress; a target's actual value is the sum
    /// of the units' latest accepted values (the mean, for percentages and ratios).
    /// </summary>
    public async Task RecomputeAsync(PlanTask task, CancellationToken ct = default)
    {
        var accepted = await db.Reports.AsNoTracking().Include(r => r.Values)
            .Where(r => r.TaskId == task.Id && r.Status == ReportStatus.Accepted).ToListAsync(ct);
        var latest = accepted.GroupBy(r => r.OrgUnitId)
            .Select(g => g.OrderByDescending(r => r.Period, StringComparer.Ordinal).ThenByDescending(r => r.Id).First()).ToList();
        task.Progress = latest.Count == 0 ? 0 : (int)Math.Round(latest.Average(r => r.Progress));
        foreach (var target in task.Targets)
        {
            var values = latest.SelectMany(r => r.Values.Where(v => v.TargetId == target.Id)).Select(v => v.Value).ToList();
            if (values.Count == 0) continue;
            var averaged = target.Unit.Contains('%') || target.Unit.Contains('％') || target.Unit.Contains('比') || target.Comparator == Domain.Targets.Comparator.Range;
            target.Actual = averaged ? Math.Round(values.Average(), 2) : values.Sum();
            target.Version++;
        }
        task.Version++;
        await db.SaveChangesAsync(ct);
    }
}
