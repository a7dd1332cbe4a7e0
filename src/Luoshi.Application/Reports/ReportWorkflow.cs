using Luoshi.Application.Access;
using Luoshi.Application.Notifications;
using Luoshi.Domain.Problems;
using Luoshi.Domain.Reports;
using Luoshi.Domain.Targets;
using Luoshi.Domain.Tasks;
using Luoshi.Domain.Time;
using Microsoft.EntityFrameworkCore;

namespace Luoshi.Application.Reports;

/// <summary>
/// Progress reports (进展反馈): a unit submits for a period, the lead department accepts or returns it; accepted
/// reports set the task's progress and the targets' actual values. Every version is kept. Each use case is written
/// once for the task page and the API, and saves once.
/// </summary>
public sealed class ReportWorkflow(LuoshiDb db, TaskScope scope, Notifier notifier, EvidenceFiles files, ChinaClock clock)
{
    /// <summary>
    /// What a unit reports; <paramref name="OrgUnitId"/> null means the caller's own unit; <paramref name="Evidence"/>
    /// are files already stored (<see cref="EvidenceFiles"/>) that are saved with the report.
    /// </summary>
    public sealed record Submission(int? OrgUnitId, string? Period, int? Progress, string? Narrative, IReadOnlyList<Figure> Values,
        bool Draft, IReadOnlyList<Attachment>? Evidence = null);

    /// <summary>
    /// A unit's figure for a target: the value; or, for a share (%, 比), its numerator and denominator (the value is then
    /// their ratio), or the value with the unit's base as denominator.
    /// </summary>
    public sealed record Figure(int TargetId, decimal? Value, decimal? Numerator = null, decimal? Denominator = null);

    /// <summary>
    /// Saves a draft or submits: the unit's live report for the period is updated if it is a draft, replaced by a new
    /// version if it was returned, and left alone (a conflict) if it is submitted or accepted. One live report per task,
    /// unit and period is also the database's rule, so of simultaneous submissions one wins and the others are conflicts.
    /// </summary>
    public async Task<Outcome<ProgressReport>> SubmitAsync(Caller caller, int taskId, Submission s, CancellationToken ct = default)
    {
        if (await scope.FindAsync(caller, taskId, ct) is not { } found) return TaskProblems.NotFound;
        var task = found.Task;
        if ((s.OrgUnitId ?? caller.OrgUnitId) != caller.OrgUnitId) return ReportProblems.ReportForbidden;
        if (found.Can.WhyNot(TaskAction.Report) is { } no) return no;
        var problems = new List<Problem>();
        if (ReportStatuses.CheckPeriod(s.Period, clock.CurrentPeriod) is { } badPeriod) problems.Add(badPeriod);
        if (s.Progress is not { } progress || progress is < 0 or > 100) problems.Add(ReportProblems.ProgressRange);
        if (s.Narrative is { Length: > ProgressReport.MaxNarrativeLength })
            problems.Add(ReportProblems.NarrativeTooLong.With(ProgressReport.MaxNarrativeLength));
        if (!s.Draft && string.IsNullOrWhiteSpace(s.Narrative)) problems.Add(ReportProblems.NarrativeRequired);
        var values = new List<ReportValue>();
        foreach (var figure in s.Values)
        {
            if (task.Targets.FirstOrDefault(t => t.Id == figure.TargetId) is not { } target)
                problems.Add(ReportProblems.TargetNotOfTask.With(figure.TargetId));
            else if (ValueOf(target, figure) is { } value) values.Add(value);
            else problems.Add(figure.Numerator is null && figure.Denominator is null ? ReportProblems.ValueIncomplete
                : ReportProblems.ShareParts.With(target.Subject));
        }
        if (s.Values.Select(v => v.TargetId).Distinct().Count() != s.Values.Count) problems.Add(ReportProblems.ValueTwice);
        if (problems.Count > 0) return problems;

        var unit = caller.OrgUnitId;
        var previous = await db.Reports
            .Where(r => r.TaskId == task.Id && r.OrgUnitId == unit && r.Period == s.Period && r.Live == true)
            .FirstOrDefaultAsync(ct);
        if (previous is { Status: ReportStatus.Submitted or ReportStatus.Accepted })
            return ReportProblems.InReview.With(s.Period, previous.Status.ToChinese());

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
            report = new ProgressReport { TaskId = task.Id, OrgUnitId = unit, Period = s.Period!, CreatedAt = clock.UtcNow };
            previous?.SupersedeBy(report);
            db.Reports.Add(report);
        }
        report.Progress = s.Progress!.Value;
        report.Narrative = s.Narrative?.Trim() ?? "";
        report.SubmittedById = caller.UserId;
        report.Values.AddRange(values);
        report.Attachments.AddRange(s.Evidence ?? []);
        if (s.Draft)
        {
            report.Status = ReportStatus.Draft;
        }
        else
        {
            report.Submit(clock.UtcNow, clock.Today);
            // A school's report on a part its district gave it goes to that district; any other to the lead department.
            if ((task.OverseerOrgUnitId ?? task.LeadDepartmentId) is { } reviewer)
                await notifier.ToUnitsAsync([reviewer], Notifier.ReportSubmitted, $"收到进展反馈：{task.Title}（{report.Period}）", $"/Tasks/{task.Id}", null, ct);
        }
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e.IsLostRace())
        {
            // Another submission for the same task, unit and period was saved first: nothing of this one is kept.
            db.ChangeTracker.Clear();
            return ReportProblems.LostRace;
        }
        return report;
    }

    /// <summary>
    /// The figure as stored: numerator and denominator of a share make its value; a denominator alone is the unit's base
    /// for the value given. Null when the figure says nothing usable (no value, or parts that are not a share).
    /// </summary>
    private static ReportValue? ValueOf(Domain.Targets.Target target, Figure figure)
    {
        if (figure.Numerator is { } n && figure.Denominator is { } d)
        {
            if (!target.IsShare || TargetActuals.ShareOf(target, n, d) is not { } share) return null;
            return new ReportValue { TargetId = target.Id, Value = share, Numerator = n, Denominator = d };
        }
        if (figure.Numerator is not null || figure.Value is not { } value) return null;
        if (figure.Denominator is { } baseGiven && (baseGiven <= 0 || !target.IsShare)) return null;
        return new ReportValue { TargetId = target.Id, Value = value, Denominator = figure.Denominator };
    }

    /// <summary>
    /// The lead department accepts (<c>accept</c>) or returns (<c>return</c>) a submitted report. Accepting recomputes
    /// the task's progress and targets in the same save: the review and its effect are stored together or not at all.
    /// </summary>
    /// <param name="ofTask">When given, only a report of that task is reviewed (the task page reviews its own reports).</param>
    public async Task<Outcome<ProgressReport>> ReviewAsync(Caller caller, int reportId, string? decision, string? comment, int? ofTask = null,
        CancellationToken ct = default)
    {
        if (await scope.FindReportAsync(caller, reportId, ct) is not var (report, found) || (ofTask is { } t && report.TaskId != t))
            return ReportProblems.NotFound;
        if (found.Can.WhyNot(TaskAction.Review) is { } no) return no;
        if (decision is not ("accept" or "return")) return ReportProblems.DecisionInvalid;
        var accept = decision == "accept";
        var refused = accept ? report.Accept(caller.UserId, comment, clock.UtcNow) : report.Return(caller.UserId, comment, clock.UtcNow);
        if (refused is not null) return refused;
        var task = found.Task;
        if (accept)
        {
            var accepted = await db.Reports.AsNoTracking().Include(r => r.Values)
                .Where(r => r.TaskId == task.Id && r.Status == ReportStatus.Accepted && r.Id != report.Id).ToListAsync(ct);
            TaskProgress.Recompute(task, accepted.Append(report));
            if (report.SubmittedById is { } reporter)
                await notifier.ToUsersAsync([reporter], Notifier.ReportAccepted, $"进展反馈已采纳：{task.Title}（{report.Period}）", $"/Tasks/{task.Id}", null, ct);
        }
        else if (report.SubmittedById is { } submitter)
        {
            await notifier.ToUsersAsync([submitter], Notifier.ReportReturned, $"进展反馈被退回：{task.Title}（{report.Period}）：{comment}",
                $"/Tasks/{task.Id}", null, ct);
        }
        return await db.SaveOrStaleAsync(ReportProblems.Stale, ct) is { } stale ? stale : report;
    }

    /// <summary>Adds an evidence file to the caller's own unit's report, until it is accepted.</summary>
    public async Task<Outcome<Attachment>> AttachAsync(Caller caller, int reportId, Stream content, string? fileName, long length,
        CancellationToken ct = default)
    {
        if (await scope.FindReportAsync(caller, reportId, ct) is not var (report, found)) return ReportProblems.NotFound;
        if (found.Can.WhyNotAttach(report) is { } no) return no;
        var (attachment, problem) = await files.StoreAsync(content, fileName, length, caller.UserId, ct);
        if (attachment is null) return problem!;
        attachment.ReportId = report.Id;
        db.Attachments.Add(attachment);
        await db.SaveChangesAsync(ct);
        return attachment;
    }
}
