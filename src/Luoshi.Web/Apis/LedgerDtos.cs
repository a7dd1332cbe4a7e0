using Luoshi.Domain.Plans;
using Luoshi.Domain.Reports;
using Luoshi.Domain.Targets;
using Luoshi.Domain.Tasks;

namespace Luoshi.Web.Apis;

/// <summary>The JSON shapes of the ledger's API (API.md), made from the domain's records.</summary>
public static class LedgerDtos
{
    /// <summary>A plan; <c>sameAs</c> (only in the answer to an upload) lists the plans it repeats: the same document, or title and year.</summary>
    public sealed record PlanDto(int Id, string Title, int Year, string? Issuer, string Status, int TaskCount, int TargetCount, DateTime CreatedAt,
        DateTime? PublishedAt, int Version,
        [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
        IReadOnlyList<TwinDto>? SameAs = null);

    public sealed record TwinDto(int Id, string Title, int Year, string Status, bool SameDocument);

    public sealed record MilestoneDto(DateOnly Date, string Title, bool Done);

    public sealed record ShareDto(int OrgUnitId, decimal Value);

    public sealed record TargetDto(int Id, int TaskId, string Subject, string Comparator, decimal? Value, decimal? Upper, string Unit,
        bool Placeholder,
        decimal? Baseline, decimal? Actual, decimal? Attainment, DateOnly? DueDate, IReadOnlyList<ShareDto> Breakdown, int? IndicatorId,
            string SourceText, int Version);

    public sealed record TaskDto(int Id, int PlanId, int? ParentId, string Number, int Level, string Title, string Text, string Category,
        int? LeadDepartmentId, IReadOnlyList<int> CoDepartmentIds, IReadOnlyList<int> ResponsibleOrgUnitIds, int? LeaderUserId,
        DateOnly? StartDate, DateOnly? DueDate, IReadOnlyList<MilestoneDto> Milestones, decimal Weight, string Status, string StatusName,
        int Progress, int ExpectedProgress, string? CompletionSummary, int Version, IReadOnlyList<TargetDto> Targets);

    public sealed record ReportDto(int Id, int TaskId, int OrgUnitId, string Period, int Progress, string Narrative, IReadOnlyList<ValueDto> Values,
        string Status, bool Late, int? SubmittedBy, DateTime? SubmittedAt, int? ReviewedBy, DateTime? ReviewedAt, string? ReviewComment,
        int? SupersedesId, IReadOnlyList<AttachmentDto> Attachments, int Version);

    public sealed record ValueDto(int TargetId, decimal Value);

    public sealed record AttachmentDto(int Id, string FileName, string ContentType, long Size, string Url);

    public static PlanDto ToDto(Plan p, int taskCount, int targetCount) =>
        new(p.Id, p.Title, p.Year, p.Issuer, p.Status.ToCode(), taskCount, targetCount, p.CreatedAt, p.PublishedAt, p.Version);

    public static TargetDto ToDto(Target t) => new(t.Id, t.TaskId, t.Subject, t.Comparator.ToCode(), t.Value, t.Upper, t.Unit, t.Placeholder,
        t.Baseline, t.Actual, t.Attainment, t.DueDate, t.Breakdown.Select(s => new ShareDto(s.OrgUnitId, s.Value)).ToList(), t.IndicatorId,
            t.SourceText, t.Version);

    public static TaskDto ToDto(PlanTask t, WorkStatus status, DateOnly today) => new(t.Id, t.PlanId, t.ParentId, t.Number, t.Level, t.Title, t.Text,
        t.Category.ToChinese(), t.LeadDepartmentId, t.CoDepartmentIds.ToList(), t.ResponsibleOrgUnitIds.ToList(), t.LeaderUserId,
        t.StartDate, t.DueDate, t.Milestones.OrderBy(m => m.Date).Select(m => new MilestoneDto(m.Date, m.Title, m.Done)).ToList(), t.Weight,
        status.ToCode(), status.ToChinese(), t.Progress, WorkStatusRules.ExpectedProgress(t, today), t.CompletionSummary, t.Version,
        t.Targets.OrderBy(g => g.Id).Select(ToDto).ToList());

    public static ReportDto ToDto(ProgressReport r) => new(r.Id, r.TaskId, r.OrgUnitId, r.Period, r.Progress, r.Narrative,
        r.Values.Select(v => new ValueDto(v.TargetId, v.Value)).ToList(), r.Status.ToCode(), r.Late, r.SubmittedById, r.SubmittedAt,
        r.ReviewedById, r.ReviewedAt, r.ReviewComment, r.SupersedesId,
        r.Attachments.Select(a => new AttachmentDto(a.Id, a.FileName, a.ContentType, a.Size, $"/api/v1/attachments/{a.Id}")).ToList(), r.Version);
}
