using Luoshi.Domain.Problems;

namespace Luoshi.Domain.Supervision;

/// <summary>
/// A 专项督导检查: a titled inspection on one topic (校园安全专项督导…) of some districts and schools on given dates, by
/// an inspector of a unit, with a summary and its findings (<see cref="Finding"/>), each a 整改 item of one inspected unit.
/// </summary>
public class Inspection
{
    public const int MaxTitleLength = 200;
    public const int MaxTopicLength = 100;
    public const int MaxSummaryLength = 10000;
    public const int MaxUnits = 200;

    public int Id { get; set; }

    public string Title { get; set; } = "";

    /// <summary>The 专项: what was inspected (校园安全专项督导, 课后服务专项督导…).</summary>
    public string Topic { get; set; } = "";

    public DateOnly StartDate { get; set; }

    public DateOnly EndDate { get; set; }

    public string? Summary { get; set; }

    /// <summary>The inspector (督导人) who recorded it.</summary>
    public int? CreatedById { get; set; }

    /// <summary>The inspector's unit (督导单位): its people decide on the 整改 items too.</summary>
    public int? InspectorUnitId { get; set; }

    public DateTime CreatedAt { get; set; }

    public List<InspectedUnit> Units { get; set; } = [];

    public List<Finding> Findings { get; set; } = [];

    /// <summary>A new inspection of <paramref name="unitIds"/>; the caller has checked it may inspect each of them.</summary>
    public static (Inspection? Inspection, List<Problem> Problems) Record(string? title, string? topic, DateOnly? start, DateOnly? end,
        string? summary, IReadOnlyCollection<int> unitIds, int? createdById, int? inspectorUnitId, DateTime utcNow)
    {
        var problems = new List<Problem>();
        var name = title?.Trim() ?? "";
        var subject = topic?.Trim() ?? "";
        var text = summary?.Trim() ?? "";
        if (name.Length == 0) problems.Add(InspectionProblems.TitleMissing);
        else if (name.Length > MaxTitleLength) problems.Add(InspectionProblems.TitleTooLong.With(MaxTitleLength));
        if (subject.Length == 0) problems.Add(InspectionProblems.TopicMissing);
        else if (subject.Length > MaxTopicLength) problems.Add(InspectionProblems.TopicTooLong.With(MaxTopicLength));
        if (text.Length > MaxSummaryLength) problems.Add(InspectionProblems.SummaryTooLong.With(MaxSummaryLength));
        if (start is null) problems.Add(InspectionProblems.DateMissing);
        else if (end is { } last && last < start) problems.Add(InspectionProblems.DatesReversed);
        if (unitIds.Count == 0) problems.Add(InspectionProblems.UnitsMissing);
        else if (unitIds.Count > MaxUnits) problems.Add(InspectionProblems.TooManyUnits.With(MaxUnits));
        if (problems.Count > 0) return (null, problems);
        return (new Inspection
        {
            Title = name,
            Topic = subject,
            StartDate = start!.Value,
            EndDate = end ?? start.Value,
            Summary = text.Length == 0 ? null : text,
            CreatedById = createdById,
            InspectorUnitId = inspectorUnitId,
            CreatedAt = utcNow,
            Units = [.. unitIds.Distinct().Select(id => new InspectedUnit { OrgUnitId = id })],
        }, problems);
    }

    /// <summary>Is <paramref name="orgUnitId"/> one of the units inspected?</summary>
    public bool Inspected(int orgUnitId) => Units.Any(u => u.OrgUnitId == orgUnitId);
}

/// <summary>One unit an inspection looked at (被督导单位).</summary>
public class InspectedUnit
{
    public int InspectionId { get; set; }

    public int OrgUnitId { get; set; }
}
