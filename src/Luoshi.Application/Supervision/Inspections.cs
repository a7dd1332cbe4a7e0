using Luoshi.Application.Access;
using Luoshi.Application.Calendar;
using Luoshi.Application.Notifications;
using Luoshi.Application.Reports;
using Luoshi.Domain.OrgUnits;
using Luoshi.Domain.Problems;
using Luoshi.Domain.Reports;
using Luoshi.Domain.Supervision;
using Luoshi.Domain.Time;
using Microsoft.EntityFrameworkCore;

namespace Luoshi.Application.Supervision;

/// <summary>
/// 专项督导 with 整改: recording an inspection of units the caller may inspect and its findings, each unit's rectification
/// with evidence, the inspector's side closing (销号) or returning each item, and the lists per role (我的整改 / 我发起的 /
/// 逾期). The one home of these rules: the inspections API and the 专项督导 pages both call it. Who may inspect whom:
/// supervisors, administrators and leaders any district or school; a district its own schools; nobody else.
/// </summary>
public sealed class Inspections(LuoshiDb db, WorkCalendar calendar, Notifier notifier, EvidenceFiles files, ChinaClock? clock = null)
{
    public const int MaxFiles = EvidenceFiles.MaxFiles;
    public const string FindingIssued = "findingIssued";
    public const string RectificationSubmitted = "rectificationSubmitted";
    public const string RectificationReturned = "rectificationReturned";
    public const string RectificationClosed = "rectificationClosed";

    private ChinaClock Clock => clock ?? ChinaClock.System;

    /// <summary>A finding as asked for: its unit, text, severity, requirement and a deadline as a date or working days.</summary>
    public sealed record FindingRequest(int? OrgUnitId, string? Description, string? Severity, string? Requirement, DateOnly? Deadline, int? Days);

    /// <summary>A new inspection as asked for, with findings or none yet.</summary>
    public sealed record Request(string? Title, string? Topic, DateOnly? StartDate, DateOnly? EndDate, string? Summary,
        IReadOnlyList<int>? OrgUnitIds, IReadOnlyList<FindingRequest>? Findings);

    /// <summary>Which of the caller's lists.</summary>
    public enum Box
    {
        /// <summary>All the caller may see.</summary>
        All,

        /// <summary>我的整改: findings at the caller's unit.</summary>
        Mine,

        /// <summary>我发起的: inspections by the caller or the caller's unit.</summary>
        Issued,

        /// <summary>逾期: findings open past their deadline, of those the caller may see.</summary>
        Overdue,
    }

    /// <summary>A finding with the names a reader needs and what the caller may do with it.</summary>
    public sealed record FindingRow(Finding Finding, string UnitName, bool Overdue, bool CanSubmit, bool CanDecide);

    /// <summary>An inspection with the names a reader needs and the findings the caller may see (of the list asked for).</summary>
    public sealed record Row(Inspection Inspection, string? InspectorName, string? InspectorUnitName, IReadOnlyList<(int Id, string Name)> Units,
        IReadOnlyList<FindingRow> Findings, bool CanAddFindings);

    public async Task<Outcome<Inspection>> RecordAsync(Caller caller, Request request, CancellationToken ct = default)
    {
        if (!caller.SeesEverything && caller.Role != Domain.People.Role.District) return InspectionProblems.Forbidden;
        var ids = (request.OrgUnitIds ?? []).Distinct().ToList();
        var units = await db.OrgUnits.AsNoTracking().Where(u => ids.Contains(u.Id)).ToListAsync(ct);
        var problems = new List<Problem>();
        foreach (var id in ids.Where(id => units.All(u => u.Id != id))) problems.Add(InspectionProblems.UnitUnknown.With(id));
        foreach (var unit in units)
        {
            if (unit.Kind is not (OrgUnitKind.District or OrgUnitKind.School)) problems.Add(InspectionProblems.UnitNotInspectable.With(unit.Name));
            else if (!MayInspect(caller, unit)) return InspectionProblems.Forbidden;
        }
        var (inspection, invalid) = Inspection.Record(request.Title, request.Topic, request.StartDate, request.EndDate, request.Summary, ids,
            caller.UserId, caller.OrgUnitId, Clock.UtcNow);
        problems.AddRange(invalid);
        if (problems.Count > 0) return problems;
        var findings = await NewFindingsAsync(inspection!, units, request.Findings ?? [], ct);
        if (findings.Value is null) return findings.Problems.ToList();
        db.Inspections.Add(inspection!);
        inspection!.Findings.AddRange(findings.Value);
        await TellUnitsAsync(inspection, findings.Value, ct);
        await db.SaveChangesAsync(ct);
        return inspection;
    }

    /// <summary>More findings of an inspection, recorded by its inspecting side.</summary>
    public async Task<Outcome<List<Finding>>> AddFindingsAsync(Caller caller, int inspectionId, IReadOnlyList<FindingRequest> requests,
        CancellationToken ct = default)
    {
        var schools = await SchoolsOfAsync(caller, ct);
        var inspection = await Visible(caller, schools).Include(i => i.Units).FirstOrDefaultAsync(i => i.Id == inspectionId, ct);
        if (inspection is null) return InspectionProblems.NotFound;
        if (!MayDecide(caller, inspection)) return InspectionProblems.NotInspector;
        var unitIds = inspection.Units.Select(u => u.OrgUnitId).ToList();
        var units = await db.OrgUnits.AsNoTracking().Where(u => unitIds.Contains(u.Id)).ToListAsync(ct);
        var findings = await NewFindingsAsync(inspection, units, requests, ct);
        if (findings.Value is not { } added) return findings.Problems.ToList();
        foreach (var finding in added)
        {
            finding.InspectionId = inspection.Id;
            db.Findings.Add(finding);
        }
        await TellUnitsAsync(inspection, added, ct);
        await db.SaveChangesAsync(ct);
        return added;
    }

    private async Task<Outcome<List<Finding>>> NewFindingsAsync(Inspection inspection, List<OrgUnit> units, IReadOnlyList<FindingRequest> requests,
        CancellationToken ct)
    {
        var working = await calendar.WorkingDaysAsync(ct);
        var (today, now) = (Clock.Today, Clock.UtcNow);
        var problems = new List<Problem>();
        var findings = new List<Finding>();
        foreach (var request in requests)
        {
            if (request.OrgUnitId is not { } unitId || !inspection.Inspected(unitId))
            {
                var name = units.FirstOrDefault(u => u.Id == request.OrgUnitId)?.Name
                    ?? (await db.OrgUnits.AsNoTracking().Where(u => u.Id == request.OrgUnitId).Select(u => u.Name).FirstOrDefaultAsync(ct))
                    ?? request.OrgUnitId?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "（未填写）";
                problems.Add(InspectionProblems.UnitNotInspected.With(name));
                continue;
            }
            var (finding, invalid) = Finding.Find(unitId, request.Description, request.Severity, request.Requirement, request.Deadline, request.Days,
                working, today, now);
            problems.AddRange(invalid);
            if (finding is not null) findings.Add(finding);
        }
        return problems.Count > 0 ? problems : findings;
    }

    private async Task TellUnitsAsync(Inspection inspection, List<Finding> findings, CancellationToken ct)
    {
        foreach (var group in findings.GroupBy(f => f.OrgUnitId))
        {
            var first = group.MinBy(f => f.Deadline)!;
            await notifier.ToUnitsAsync([group.Key], FindingIssued,
                $"{inspection.Topic}发现问题 {group.Count()} 项，请于{first.Deadline:yyyy年M月d日}前整改：{Short(first.Description)}", "/Inspections?tab=mine",
                ct: ct);
        }
    }

    /// <summary>The districts and schools the caller may inspect, in the city's order (none for those who inspect nobody).</summary>
    public Task<List<OrgUnit>> InspectableUnitsAsync(Caller caller, CancellationToken ct = default)
    {
        var units = db.OrgUnits.AsNoTracking().Where(u => u.Kind == OrgUnitKind.District || u.Kind == OrgUnitKind.School);
        if (!caller.SeesEverything)
            units = caller.Role == Domain.People.Role.District ? units.Where(u => u.ParentId == caller.OrgUnitId && u.Kind == OrgUnitKind.School)
                : units.Where(_ => false);
        return units.OrderBy(u => u.SortOrder).ThenBy(u => u.Code).ToListAsync(ct);
    }

    /// <summary>May the caller inspect <paramref name="unit"/> (a district or a school)?</summary>
    public static bool MayInspect(Caller caller, OrgUnit unit) => caller.SeesEverything
        || (caller.Role == Domain.People.Role.District && unit.ParentId == caller.OrgUnitId && unit.Kind == OrgUnitKind.School);

    /// <summary>The unit's rectification (整改情况) with its evidence files; nothing is kept when anything is refused.</summary>
    public async Task<Outcome<Finding>> SubmitAsync(Caller caller, int findingId, string? rectification, IReadOnlyList<EvidenceFiles.Upload> uploads,
        CancellationToken ct = default)
    {
        uploads = EvidenceFiles.Given(uploads);
        if (uploads.Count > MaxFiles) return InspectionProblems.TooManyFiles.With(MaxFiles);
        var (finding, inspection) = await FindForChangeAsync(caller, findingId, ct);
        if (finding is null) return InspectionProblems.FindingNotFound;
        if (finding.Submit(caller.OrgUnitId, caller.UserId, rectification, Clock.UtcNow) is { } problem) return problem;
        var (stored, refused) = await files.StoreAllAsync(uploads, caller.UserId, ct);
        if (refused is not null)
        {
            db.ChangeTracker.Clear();
            return refused;
        }
        foreach (var attachment in stored)
        {
            attachment.FindingId = finding.Id;
            db.Attachments.Add(attachment);
        }
        if (inspection!.CreatedById is { } inspector)
            await notifier.ToUsersAsync([inspector], RectificationSubmitted, $"{inspection.Topic}问题已提交整改：{Short(finding.Rectification!)}",
                $"/Inspections/{inspection.Id}", ct: ct);
        if (await db.SaveOrStaleAsync(InspectionProblems.Stale, ct) is { } stale)
        {
            stored.ForEach(files.Discard);
            return stale;
        }
        return finding;
    }

    /// <summary>The inspector's side accepts the rectification (销号).</summary>
    public Task<Outcome<Finding>> CloseAsync(Caller caller, int findingId, CancellationToken ct = default) =>
        DecideAsync(caller, findingId, f => f.Close(caller.UserId, Clock.UtcNow), (i, f) => notifier.ToUnitsAsync([f.OrgUnitId], RectificationClosed,
            $"{i.Topic}整改已通过审核销号：{Short(f.Description)}", $"/Inspections/{i.Id}", ct: ct), ct);

    /// <summary>The inspector's side sends the rectification back with the reason; the unit rectifies again.</summary>
    public Task<Outcome<Finding>> ReturnAsync(Caller caller, int findingId, string? comment, CancellationToken ct = default) =>
        DecideAsync(caller, findingId, f => f.Return(comment), (i, f) => notifier.ToUnitsAsync([f.OrgUnitId], RectificationReturned,
            $"{i.Topic}整改被退回：{Short(f.ReturnComment!)}", $"/Inspections/{i.Id}", ct: ct), ct);

    private async Task<Outcome<Finding>> DecideAsync(Caller caller, int findingId, Func<Finding, Problem?> change, Func<Inspection, Finding, Task> tell,
        CancellationToken ct)
    {
        var (finding, inspection) = await FindForChangeAsync(caller, findingId, ct);
        if (finding is null) return InspectionProblems.FindingNotFound;
        if (!MayDecide(caller, inspection!)) return InspectionProblems.NotInspector;
        if (change(finding) is { } problem) return problem;
        await tell(inspection!, finding);
        if (await db.SaveOrStaleAsync(InspectionProblems.Stale, ct) is { } stale) return stale;
        return finding;
    }

    /// <summary>A finding the caller may see, tracked, with its inspection (read only).</summary>
    private async Task<(Finding? Finding, Inspection? Inspection)> FindForChangeAsync(Caller caller, int findingId, CancellationToken ct)
    {
        var finding = await db.Findings.FirstOrDefaultAsync(f => f.Id == findingId, ct);
        if (finding is null) return (null, null);
        var schools = await SchoolsOfAsync(caller, ct);
        var inspection = await Visible(caller, schools).AsNoTracking().FirstOrDefaultAsync(i => i.Id == finding.InspectionId, ct);
        if (inspection is null || !(InspectorSide(caller, inspection) || SeesFinding(caller, schools, finding))) return (null, null);
        return (finding, inspection);
    }

    /// <summary>One inspection with the findings the caller may see.</summary>
    public async Task<Outcome<Row>> FindAsync(Caller caller, int id, CancellationToken ct = default)
    {
        var rows = await RowsAsync(caller, Box.All, id, ct);
        return rows.Count == 0 ? InspectionProblems.NotFound : rows[0];
    }

    /// <summary>One of the caller's lists, newest first; each inspection with the findings of that list.</summary>
    public Task<List<Row>> ListAsync(Caller caller, Box box, CancellationToken ct = default) => RowsAsync(caller, box, null, ct);

    /// <summary>An evidence file of a finding the caller may see, and the file's stream; null when neither.</summary>
    public async Task<(Attachment Attachment, Stream Content)?> OpenFileAsync(Caller caller, int attachmentId, CancellationToken ct = default)
    {
        var attachment = await db.Attachments.AsNoTracking().FirstOrDefaultAsync(a => a.Id == attachmentId, ct);
        if (attachment?.FindingId is not { } findingId) return null;
        var (finding, _) = await FindForChangeAsync(caller, findingId, ct);
        if (finding is null || await files.OpenAsync(attachment, ct) is not { } stream) return null;
        return (attachment, stream);
    }

    private async Task<List<Row>> RowsAsync(Caller caller, Box box, int? id, CancellationToken ct)
    {
        var schools = await SchoolsOfAsync(caller, ct);
        var query = Visible(caller, schools);
        if (id is { } one) query = query.Where(i => i.Id == one);
        if (box == Box.Issued) query = query.Where(i => i.CreatedById == caller.UserId || i.InspectorUnitId == caller.OrgUnitId);
        if (box == Box.Mine) query = query.Where(i => i.Findings.Any(f => f.OrgUnitId == caller.OrgUnitId));
        var today = Clock.Today;
        if (box == Box.Overdue) query = query.Where(i => i.Findings.Any(f => f.Status == FindingStatus.Open && f.Deadline < today));
        var inspections = await query.AsNoTracking().AsSplitQuery().Include(i => i.Units).Include(i => i.Findings).ThenInclude(f => f.Attachments)
            .OrderByDescending(i => i.StartDate).ThenByDescending(i => i.Id).ToListAsync(ct);
        var unitIds = inspections.SelectMany(i => i.Units.Select(u => u.OrgUnitId))
            .Concat(inspections.Where(i => i.InspectorUnitId != null).Select(i => i.InspectorUnitId!.Value)).Distinct().ToList();
        var names = await db.OrgUnits.AsNoTracking().Where(u => unitIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Name, ct);
        var userIds = inspections.Where(i => i.CreatedById != null).Select(i => i.CreatedById!.Value).Distinct().ToList();
        var people = await db.Users.AsNoTracking().Where(u => userIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
        return inspections.Select(i =>
        {
            var inspector = InspectorSide(caller, i);
            var findings = i.Findings.Where(f => inspector || SeesFinding(caller, schools, f))
                .Where(f => box switch
                {
                    Box.Mine => f.OrgUnitId == caller.OrgUnitId,
                    Box.Overdue => f.IsOverdue(today),
                    _ => true,
                })
                .OrderBy(f => f.Id)
                .Select(f => new FindingRow(f, names.GetValueOrDefault(f.OrgUnitId, ""), f.IsOverdue(today),
                    CanSubmit: f.OrgUnitId == caller.OrgUnitId && f.Status == FindingStatus.Open,
                    CanDecide: f.Status == FindingStatus.Submitted && MayDecide(caller, i)))
                .ToList();
            return new Row(i, i.CreatedById is { } by ? people.GetValueOrDefault(by) : null,
                i.InspectorUnitId is { } unit ? names.GetValueOrDefault(unit) : null,
                [.. i.Units.Select(u => (u.OrgUnitId, names.GetValueOrDefault(u.OrgUnitId, "")))], findings, MayDecide(caller, i));
        }).ToList();
    }

    /// <summary>The schools of a district caller (whose 整改 it follows); none for anyone else.</summary>
    private async Task<List<int>> SchoolsOfAsync(Caller caller, CancellationToken ct) => caller.Role == Domain.People.Role.District
        ? await db.OrgUnits.Where(u => u.ParentId == caller.OrgUnitId && u.Kind == OrgUnitKind.School).Select(u => u.Id).ToListAsync(ct)
        : [];

    /// <summary>The inspections the caller may read: all for those who see the whole city; else those by or of their unit (or its schools).</summary>
    private IQueryable<Inspection> Visible(Caller caller, List<int> schools) => caller.SeesEverything
        ? db.Inspections
        : db.Inspections.Where(i => i.CreatedById == caller.UserId || i.InspectorUnitId == caller.OrgUnitId
            || i.Units.Any(u => u.OrgUnitId == caller.OrgUnitId || schools.Contains(u.OrgUnitId)));

    private static bool InspectorSide(Caller caller, Inspection i) =>
        caller.SeesEverything || i.CreatedById == caller.UserId || i.InspectorUnitId == caller.OrgUnitId;

    private static bool SeesFinding(Caller caller, List<int> schools, Finding f) => f.OrgUnitId == caller.OrgUnitId || schools.Contains(f.OrgUnitId);

    /// <summary>Records findings, closes and returns: the inspector, the inspector's unit, supervisors and administrators.</summary>
    private static bool MayDecide(Caller caller, Inspection i) =>
        i.CreatedById == caller.UserId || i.InspectorUnitId == caller.OrgUnitId || caller.RunsLedger;

    private static string Short(string text) => text.Length > 60 ? text[..60] + "…" : text;
}
