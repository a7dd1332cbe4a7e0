using Luoshi.Application.Access;
using Luoshi.Application.Calendar;
using Luoshi.Application.Notifications;
using Luoshi.Application.Reports;
using Luoshi.Domain.OrgUnits;
using Luoshi.Domain.Problems;
using Luoshi.Domain.Reports;
using Luoshi.Domain.Supervision;
using Luoshi.Domain.Tasks;
using Luoshi.Domain.Time;
using Microsoft.EntityFrameworkCore;

namespace Luoshi.Application.Supervision;

/// <summary>
/// 督办单: issuing one to a unit the caller may supervise, the unit's answer, the issuer closing it or sending it back,
/// and the lists per role (待办理 / 我发出的 / 已逾期). The one home of these rules: the notices API and the 督办单 page
/// both call it. Who may supervise whom: supervisors, administrators and leaders any unit; a department the units of
/// tasks it leads; a district its own schools; nobody else.
/// </summary>
public sealed class Notices(LuoshiDb db, TaskScope scope, WorkCalendar calendar, Notifier notifier, EvidenceFiles files, ChinaClock? clock = null)
{
    private const int NumberAttempts = 5;
    public const string NoticeIssued = "noticeIssued";
    public const string NoticeAnswered = "noticeAnswered";
    public const string NoticeReturned = "noticeReturned";

    private ChinaClock Clock => clock ?? ChinaClock.System;

    /// <summary>A new notice as asked for; <see cref="Days"/> null means <see cref="Notice.DefaultDays"/>.</summary>
    public sealed record Request(int? OrgUnitId, int? TaskId, string? Kind, string? Reason, int? Days);

    /// <summary>Which of the caller's lists.</summary>
    public enum Box
    {
        /// <summary>All the caller may see.</summary>
        All,

        /// <summary>待办理: addressed to the caller's unit and not closed.</summary>
        ToAnswer,

        /// <summary>我发出的: issued by the caller or the caller's unit.</summary>
        Issued,

        /// <summary>已逾期: open past the 办理时限, of those the caller may see.</summary>
        Overdue,
    }

    /// <summary>A notice with the names a reader needs.</summary>
    public sealed record Row(Notice Notice, string UnitName, string? TaskTitle, string? IssuerUnitName, bool Overdue, bool CanAnswer, bool CanDecide);

    public async Task<Outcome<Notice>> IssueAsync(Caller caller, Request request, CancellationToken ct = default)
    {
        if (NoticeWords.ParseKind(request.Kind) is not { } kind) return NoticeProblems.KindInvalid;
        if (request.OrgUnitId is not { } unitId || await db.OrgUnits.AsNoTracking().FirstOrDefaultAsync(u => u.Id == unitId, ct) is not { } unit)
            return OrgUnitProblems.NotFound;
        PlanTask? task = null;
        if (request.TaskId is { } taskId)
        {
            if (await scope.FindAsync(caller, taskId, ct) is not { } found) return TaskProblems.NotFound;
            task = found.Task;
        }
        if (!await MaySuperviseAsync(caller, unit, task, ct)) return NoticeProblems.Forbidden;

        var today = Clock.Today;
        var (notice, problem) = Notice.Issue(kind, unit.Id, task?.Id, request.Reason, request.Days ?? Notice.DefaultDays,
            await calendar.WorkingDaysAsync(ct), today, sequence: 0, Clock.UtcNow, caller.UserId, caller.OrgUnitId);
        if (problem is not null) return problem;
        db.Notices.Add(notice!);
        await notifier.ToUnitsAsync([unit.Id], NoticeIssued,
            $"{notice!.Kind.ToChinese()}：{Short(notice.Reason)}（请于{notice.RespondBy:yyyy年M月d日}前反馈办理情况）", "/Notices", ct: ct);
        return await SaveNumberedAsync(notice, today.Year, ct);
    }

    /// <summary>Gives the notice the year's next number; two issuers at once both get one, each its own (the unique index decides).</summary>
    private async Task<Outcome<Notice>> SaveNumberedAsync(Notice notice, int year, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            notice.Sequence = (await db.Notices.Where(n => n.Year == year).MaxAsync(n => (int?)n.Sequence, ct) ?? 0) + 1;
            try
            {
                await db.SaveChangesAsync(ct);
                return notice;
            }
            catch (DbUpdateException) when (attempt < NumberAttempts)
            {
                // Someone took the number meanwhile: take the next one.
            }
        }
    }

    /// <summary>May the caller issue a notice to <paramref name="unit"/> (about <paramref name="task"/>, if any)?</summary>
    public async Task<bool> MaySuperviseAsync(Caller caller, OrgUnit unit, PlanTask? task, CancellationToken ct = default)
    {
        if (caller.SeesEverything) return true;
        return caller.Role switch
        {
            Domain.People.Role.Department => task is not null && task.LeadDepartmentId == caller.OrgUnitId && unit.Id != caller.OrgUnitId
                && await db.TaskUnits.AnyAsync(u => u.TaskId == task.Id && u.OrgUnitId == unit.Id, ct),
            Domain.People.Role.District => unit.ParentId == caller.OrgUnitId && unit.Kind == OrgUnitKind.School,
            _ => false,
        };
    }

    /// <summary>
    /// The addressed unit's answer (办理情况) with its attachments (at most <see cref="EvidenceFiles.MaxFiles"/>, checked as a
    /// report's evidence is); nothing is kept when anything is refused — neither the answer nor any file.
    /// </summary>
    public async Task<Outcome<Notice>> AnswerAsync(Caller caller, int id, string? response, IReadOnlyList<EvidenceFiles.Upload> uploads,
        CancellationToken ct = default)
    {
        uploads = EvidenceFiles.Given(uploads);
        if (uploads.Count > EvidenceFiles.MaxFiles) return InspectionProblems.TooManyFiles.With(EvidenceFiles.MaxFiles);
        var notice = await Visible(caller).FirstOrDefaultAsync(n => n.Id == id, ct);
        if (notice is null) return NoticeProblems.NotFound;
        if (notice.Answer(caller.OrgUnitId, caller.UserId, response, Clock.UtcNow) is { } problem) return problem;
        var (stored, refused) = await files.StoreAllAsync(uploads, caller.UserId, ct);
        if (refused is not null)
        {
            db.ChangeTracker.Clear();
            return refused;
        }
        foreach (var attachment in stored)
        {
            attachment.NoticeId = notice.Id;
            db.Attachments.Add(attachment);
        }
        if (notice.IssuedById is { } issuer)
            await notifier.ToUsersAsync([issuer], NoticeAnswered, $"{notice.Number}已反馈办理情况：{Short(notice.Response!)}", "/Notices", ct: ct);
        if (await db.SaveOrStaleAsync(NoticeProblems.Stale, ct) is { } stale)
        {
            stored.ForEach(files.Discard);
            return stale;
        }
        return notice;
    }

    /// <summary>
    /// An attachment of a notice's answer and its stream, for the issuer's side and the answering unit (those who see the
    /// notice: the whole city's supervisors, the issuer and its unit, the unit addressed); null for anyone else.
    /// </summary>
    public async Task<(Attachment Attachment, Stream Content)?> OpenFileAsync(Caller caller, int attachmentId, CancellationToken ct = default)
    {
        var attachment = await db.Attachments.AsNoTracking().FirstOrDefaultAsync(a => a.Id == attachmentId, ct);
        if (attachment?.NoticeId is not { } noticeId || !await Visible(caller).AnyAsync(n => n.Id == noticeId, ct)) return null;
        return await files.OpenAsync(attachment, ct) is { } stream ? (attachment, stream) : null;
    }

    /// <summary>The issuer accepts the answer (办结).</summary>
    public Task<Outcome<Notice>> CloseAsync(Caller caller, int id, CancellationToken ct = default) =>
        ChangeAsync(caller, id, n => MayDecide(caller, n) ? n.Close(caller.UserId, Clock.UtcNow) : NoticeProblems.NotIssuer, null, ct);

    /// <summary>The issuer sends the answer back with the reason; the unit answers again.</summary>
    public Task<Outcome<Notice>> ReturnAsync(Caller caller, int id, string? comment, CancellationToken ct = default) =>
        ChangeAsync(caller, id, n => MayDecide(caller, n) ? n.Return(comment) : NoticeProblems.NotIssuer, n =>
            notifier.ToUnitsAsync([n.OrgUnitId], NoticeReturned, $"{n.Number}被退回：{Short(n.ReturnComment!)}", "/Notices", ct: ct), ct);

    private async Task<Outcome<Notice>> ChangeAsync(Caller caller, int id, Func<Notice, Problem?> change, Func<Notice, Task>? tell,
        CancellationToken ct)
    {
        var notice = await Visible(caller).FirstOrDefaultAsync(n => n.Id == id, ct);
        if (notice is null) return NoticeProblems.NotFound;
        if (change(notice) is { } problem) return problem;
        if (tell is not null) await tell(notice);
        if (await db.SaveOrStaleAsync(NoticeProblems.Stale, ct) is { } stale) return stale;
        return notice;
    }

    public async Task<Outcome<Row>> FindAsync(Caller caller, int id, CancellationToken ct = default)
    {
        var rows = await RowsAsync(caller, Visible(caller).Where(n => n.Id == id), ct);
        return rows.Count == 0 ? NoticeProblems.NotFound : rows[0];
    }

    /// <summary>One of the caller's lists, newest first.</summary>
    public Task<List<Row>> ListAsync(Caller caller, Box box, CancellationToken ct = default)
    {
        var today = Clock.Today;
        var query = box switch
        {
            Box.ToAnswer => db.Notices.Where(n => n.OrgUnitId == caller.OrgUnitId && n.Status != NoticeStatus.Closed),
            Box.Issued => db.Notices.Where(n => n.IssuedById == caller.UserId || n.IssuerUnitId == caller.OrgUnitId),
            Box.Overdue => Visible(caller).Where(n => n.Status == NoticeStatus.Open && n.RespondBy < today),
            _ => Visible(caller),
        };
        return RowsAsync(caller, query.OrderByDescending(n => n.Year).ThenByDescending(n => n.Sequence), ct);
    }

    /// <summary>The notices the caller may read: all for those who see the whole city; else those to or from their unit.</summary>
    private IQueryable<Notice> Visible(Caller caller) => caller.SeesEverything
        ? db.Notices
        : db.Notices.Where(n => n.OrgUnitId == caller.OrgUnitId || n.IssuerUnitId == caller.OrgUnitId || n.IssuedById == caller.UserId);

    private static bool MayDecide(Caller caller, Notice n) =>
        n.IssuedById == caller.UserId || n.IssuerUnitId == caller.OrgUnitId || caller.RunsLedger;

    private async Task<List<Row>> RowsAsync(Caller caller, IQueryable<Notice> query, CancellationToken ct)
    {
        var notices = await query.AsNoTracking().Include(n => n.Attachments).ToListAsync(ct);
        var unitIds = notices.Select(n => n.OrgUnitId).Concat(notices.Where(n => n.IssuerUnitId != null).Select(n => n.IssuerUnitId!.Value)).Distinct().ToList();
        var units = await db.OrgUnits.AsNoTracking().Where(u => unitIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Name, ct);
        var taskIds = notices.Where(n => n.TaskId != null).Select(n => n.TaskId!.Value).Distinct().ToList();
        var tasks = await db.Tasks.AsNoTracking().Where(t => taskIds.Contains(t.Id)).ToDictionaryAsync(t => t.Id, t => t.Title, ct);
        var today = Clock.Today;
        return notices.Select(n => new Row(n, units.GetValueOrDefault(n.OrgUnitId, ""), n.TaskId is { } t ? tasks.GetValueOrDefault(t) : null,
            n.IssuerUnitId is { } i ? units.GetValueOrDefault(i) : null, n.IsOverdue(today),
            CanAnswer: n.OrgUnitId == caller.OrgUnitId && n.Status == NoticeStatus.Open,
            CanDecide: n.Status == NoticeStatus.Responded && MayDecide(caller, n))).ToList();
    }

    private static string Short(string text) => text.Length > 60 ? text[..60] + "…" : text;
}
