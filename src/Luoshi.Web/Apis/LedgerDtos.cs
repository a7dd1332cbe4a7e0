using Luoshi.Application.Tasks;
using Luoshi.Domain.Indicators;
using Luoshi.Domain.Plans;
using Luoshi.Domain.Reports;
using Luoshi.Domain.Targets;
using Luoshi.Domain.Tasks;

namespace Luoshi.Web.Apis;

/// <summary>The JSON shapes of the ledger's API (API.md), made from the domain's records.</summary>
public static class LedgerDtos
{
    public sealed record MilestoneDto(DateOnly Date, string Title, bool Done);

    public sealed record ShareDto(int OrgUnitId, decimal Value);

    /// <summary>
    /// A target; <c>dueDate</c> is its deadline (its own, or its task's when <c>ownDueDate</c> is false); <c>actualMethod</c>
    /// says how the units' figures made <c>actual</c> (sum, ratio, mean); <c>unitFigures</c> (on one task's answer) are each
    /// unit's latest accepted figure with its period and date of acceptance.
    /// </summary>
    public sealed record TargetDto(int Id, int TaskId, string Subject, string Comparator, decimal? Value, decimal? Upper, string Unit,
        bool Placeholder,
        decimal? Baseline, decimal? Actual, decimal? Attainment, DateOnly? DueDate, bool OwnDueDate, IReadOnlyList<ShareDto> Breakdown,
        int? IndicatorId, string SourceText, int Version, IReadOnlyList<UnitFigureDto>? UnitFigures = null, int? ParentTargetId = null,
        FromSchoolsDto? FromSchools = null, TargetDataDto? Data = null);

    /// <summary>
    /// Of a target linked to an indicator: the data's reading, which also gives the target's <c>actual</c> and <c>attainment</c>.
    /// <c>period</c> is the latest month with data (null without data), <c>actual</c> the year-to-date figure up to it,
    /// <c>expected</c> where the path from <c>baseline</c> puts that month, <c>verdict</c> <c>noData</c>, <c>met</c>,
    /// <c>onPath</c>, <c>behind</c> or <c>farBehind</c> with its <c>light</c>, and <c>check</c> the words shown before 办结.
    /// </summary>
    public sealed record TargetDataDto(int IndicatorId, int OrgUnitId, string? Period, decimal? Actual, decimal Baseline, decimal? Expected,
        decimal? Attainment, string Verdict, string Light, string VerdictName, string Check);

    /// <summary>
    /// On a district's answer for a task it broke down: what its schools reached of the target (their latest accepted figures,
    /// combined as the target's actual is: <c>sum</c>, <c>ratio</c> with Σ numerators and Σ bases, or <c>mean</c>).
    /// </summary>
    public sealed record FromSchoolsDto(decimal? Value, string Method, decimal? Numerator, decimal? Denominator, IReadOnlyList<UnitFigureDto> Figures);

    /// <summary>A part of the task a district gave its schools (only on one task's answer).</summary>
    public sealed record PartDto(int TaskId, string Title, int? OverseerOrgUnitId, IReadOnlyList<int> ResponsibleOrgUnitIds, DateOnly? DueDate,
        string Status, int Progress);

    public sealed record UnitFigureDto(int OrgUnitId, decimal Value, decimal? Numerator, decimal? Denominator, string Period, DateTime? AcceptedAt,
        int ReportId);

    /// <summary>
    /// A task; <c>isGroup</c> marks an outline heading with child items, whose <c>status</c> and <c>progress</c> are its tasks'
    /// roll-up; <c>behindBy</c> is how many points a yellow task lags where it should be (<c>expectedProgress</c>).
    /// </summary>
    public sealed record TaskDto(int Id, int PlanId, int? ParentId, string Number, int Level, string Title, string Text, string Category,
        int? LeadDepartmentId, IReadOnlyList<int> CoDepartmentIds, IReadOnlyList<int> ResponsibleOrgUnitIds, int? LeaderUserId,
        DateOnly? StartDate, DateOnly? DueDate, IReadOnlyList<MilestoneDto> Milestones, decimal Weight, string Status, string StatusName,
        int Progress, int ExpectedProgress, string? CompletionSummary, int Version, IReadOnlyList<TargetDto> Targets, bool IsGroup,
        int? BehindBy, bool IsBreakdown, int? OverseerOrgUnitId, IReadOnlyList<PartDto>? Parts = null, string? Light = null);

    public sealed record ReportDto(int Id, int TaskId, int OrgUnitId, string Period, int Progress, string Narrative, IReadOnlyList<ValueDto> Values,
        string Status, bool Late, int? SubmittedBy, DateTime? SubmittedAt, int? ReviewedBy, DateTime? ReviewedAt, string? ReviewComment,
        int? SupersedesId, IReadOnlyList<AttachmentDto> Attachments, int Version);

    public sealed record ValueDto(int TargetId, decimal Value, decimal? Numerator, decimal? Denominator);

    public sealed record AttachmentDto(int Id, string FileName, string ContentType, long Size, string Url);

    /// <summary>
    /// A plan; <c>yearSource</c> says where its year came from: <c>title</c>, <c>text</c>, <c>today</c> (none in the text),
    /// <c>changed</c>; <c>sameAs</c> (only in the answer to an upload) lists the plans it repeats: the same document, or title and year.
    /// </summary>
    public sealed record PlanDto(int Id, string Title, int Year, string? YearSource, string? Issuer, string Status, int TaskCount, int TargetCount,
        DateTime CreatedAt, DateTime? PublishedAt, int Version,
        [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
        IReadOnlyList<TwinDto>? SameAs = null);

    public sealed record TwinDto(int Id, string Title, int Year, string Status, bool SameDocument);

    /// <summary>A plan with its counts; <paramref name="taskCount"/> counts tasks, not the outline's headings (groups).</summary>
    public static PlanDto ToDto(Plan p, int taskCount, int targetCount) =>
        new(p.Id, p.Title, p.Year, p.YearSource, p.Issuer, p.Status.ToCode(), taskCount, targetCount, p.CreatedAt, p.PublishedAt, p.Version);

    public static TargetDto ToDto(Target t, DateOnly? taskDue, IReadOnlyList<UnitFigure>? figures = null, TargetActual? fromSchools = null,
        Application.Targets.TargetReading? data = null) =>
        new(t.Id, t.TaskId, t.Subject,
        t.Comparator.ToCode(), t.Value, t.Upper, t.Unit, t.Placeholder, data?.Baseline ?? t.Baseline, data is null ? t.Actual : data.Actual,
        data is null ? t.Attainment : data.Attainment, t.DueBy(taskDue), t.DueDate is not null,
        t.Breakdown.Select(s => new ShareDto(s.OrgUnitId, s.Value)).ToList(), t.IndicatorId, t.SourceText, t.Version, figures?.Select(ToDto).ToList(),
        t.ParentTargetId,
        fromSchools is null ? null : new FromSchoolsDto(fromSchools.Value, fromSchools.Method.ToString().ToLowerInvariant(), fromSchools.Numerator,
            fromSchools.Denominator, fromSchools.Figures.Select(ToDto).ToList()),
        data is null ? null : new TargetDataDto(data.IndicatorId, data.OrgUnitId, data.Period, data.Actual, data.Baseline, data.Expected,
            data.Attainment, data.Verdict.ToCode(), data.Verdict.Light(), data.Verdict.ToChinese(), data.Check));

    private static UnitFigureDto ToDto(UnitFigure f) => new(f.OrgUnitId, f.Value, f.Numerator, f.Denominator, f.Period, f.AcceptedAt, f.ReportId);

    /// <summary>
    /// A task as the ledger shows it (<paramref name="state"/>); <paramref name="figures"/>, when given, are its targets' unit
    /// figures, and <paramref name="below"/> the parts given to schools with what they reached.
    /// </summary>
    public static TaskDto ToDto(PlanTask t, TaskState state, IReadOnlyDictionary<int, List<UnitFigure>>? figures = null,
        Breakdowns.View? below = null) => new(t.Id, t.PlanId,
        t.ParentId, t.Number, t.Level, t.Title, t.Text, t.Category.ToChinese(), t.LeadDepartmentId, t.CoDepartmentIds.ToList(),
        t.ResponsibleOrgUnitIds.ToList(), t.LeaderUserId, t.StartDate, t.DueDate,
        t.Milestones.OrderBy(m => m.Date).Select(m => new MilestoneDto(m.Date, m.Title, m.Done)).ToList(), t.Weight,
        state.Status.ToCode(), state.Status.ToChinese(), state.Progress, state.Expected, t.CompletionSummary, t.Version,
        t.Targets.OrderBy(g => g.Id).Select(g => ToDto(g, t.DueDate, figures?.GetValueOrDefault(g.Id), below?.FromSchools.GetValueOrDefault(g.Id),
            state.Data.GetValueOrDefault(g.Id))).ToList(), t.IsGroup, state.Behind?.Points, t.IsBreakdown, t.OverseerOrgUnitId,
        below?.Parts.Select(p => new PartDto(p.Child.Id, p.Child.Title, p.Overseer, p.Child.ResponsibleOrgUnitIds.ToList(), p.Child.DueDate,
            p.State.Status.ToCode(), p.State.Progress)).ToList(), state.Light);

    public static ReportDto ToDto(ProgressReport r) => new(r.Id, r.TaskId, r.OrgUnitId, r.Period, r.Progress, r.Narrative,
        r.Values.Select(v => new ValueDto(v.TargetId, v.Value, v.Numerator, v.Denominator)).ToList(), r.Status.ToCode(), r.Late, r.SubmittedById,
        r.SubmittedAt,
        r.ReviewedById, r.ReviewedAt, r.ReviewComment, r.SupersedesId,
        r.Attachments.Select(a => new AttachmentDto(a.Id, a.FileName, a.ContentType, a.Size, $"/api/v1/attachments/{a.Id}")).ToList(), r.Version);
}
