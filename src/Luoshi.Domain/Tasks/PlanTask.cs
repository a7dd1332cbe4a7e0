namespace Luoshi.Domain.Tasks;

/// <summary>One task of a plan's ledger (任务): who leads it, who carries it out, by when, and how far it has come.</summary>
public partial class PlanTask
{
    public int Id { get; set; }

    public int PlanId { get; set; }

    public int? ParentId { get; set; }

    /// <summary>The numbering as the plan writes it (<c>一、</c>, <c>（三）</c>, <c>2.</c>).</summary>
    public string Number { get; set; } = "";

    /// <summary>Position in the plan, for ordering.</summary>
    public int Ordinal { get; set; }

    public int Level { get; set; } = 1;

    public required string Title { get; set; }

    public string Text { get; set; } = "";

    /// <summary>
    /// Where the parser found the item in the plan's <c>SourceText</c>: [start, end) in UTF-16 code units, from its number
    /// to the end of its own text. Null for a task added by hand; an edited task keeps the place it came from.
    /// </summary>
    public int? SourceStart { get; set; }

    /// <inheritdoc cref="SourceStart"/>
    public int? SourceEnd { get; set; }

    public TaskCategory Category { get; set; } = TaskCategory.Other;

    /// <summary>The department that leads the task (牵头处室).</summary>
    public int? LeadDepartmentId { get; set; }

    /// <summary>The bureau leader in charge (包保局领导).</summary>
    public int? LeaderUserId { get; set; }

    public DateOnly? StartDate { get; set; }

    public DateOnly? DueDate { get; set; }

    /// <summary>
    /// Someone set the deadline by hand: it stays when the draft's year changes. Otherwise it is the parser's reading of
    /// the plan's text (or the year's end), and is read again in the new year.
    /// </summary>
    public bool DueByHand { get; set; }

    /// <summary>
    /// An outline heading of the plan with child items (一、二、…): a group, not a task. It has no status of its own (its
    /// children's roll-up), is not reported on and is not counted. Kept by <see cref="TaskOutline.MarkGroups"/>.
    /// </summary>
    public bool IsGroup { get; set; }

    /// <summary>
    /// A child a responsible unit made by breaking its task down to its own units (a district to its schools): it does not
    /// make its parent a group.
    /// </summary>
    public bool IsBreakdown { get; set; }

    public decimal Weight { get; set; } = 1;

    /// <summary>Progress in percent from the latest accepted report (0–100).</summary>
    public int Progress { get; set; }

    public TaskClosure Closure { get; set; }

    public string? CompletionSummary { get; set; }

    public DateTime? CompletionRequestedAt { get; set; }

    public DateTime? ClosedAt { get; set; }

    public int? ClosedById { get; set; }

    /// <summary>Co-departments and responsible units.</summary>
    public List<TaskUnit> Units { get; set; } = [];

    public List<Milestone> Milestones { get; set; } = [];

    public List<Targets.Target> Targets { get; set; } = [];

    public int Version { get; set; }

    public IEnumerable<int> CoDepartmentIds => Units.Where(u => u.Role == TaskUnitRole.CoDepartment).Select(u => u.OrgUnitId);

    public IEnumerable<int> ResponsibleOrgUnitIds => Units.Where(u => u.Role == TaskUnitRole.Responsible).Select(u => u.OrgUnitId);

    /// <summary>Of a breakdown child: the unit that broke its task down to it (a district), which reviews its reports.</summary>
    public int? OverseerOrgUnitId => Units.Where(u => u.Role == TaskUnitRole.Overseer).Select(u => (int?)u.OrgUnitId).FirstOrDefault();
}

/// <summary>The part of a task's state that people decide: open, asked to be closed, closed, or cancelled.</summary>
public enum TaskClosure
{
    Open,
    CompletionRequested,
    Done,
    Cancelled,
}

/// <summary>A unit's part in a task: helping department (配合处室) or responsible unit (责任单位).</summary>
public class TaskUnit
{
    public int TaskId { get; set; }

    public int OrgUnitId { get; set; }

    public TaskUnitRole Role { get; set; }
}

public enum TaskUnitRole
{
    CoDepartment,
    Responsible,

    /// <summary>
    /// The unit that broke its own task down to its units (a district to its schools): it assigned this child, reviews its
    /// reports and sees its figures. Only a breakdown child (<see cref="PlanTask.IsBreakdown"/>) has one.
    /// </summary>
    Overseer,
}

/// <summary>A dated checkpoint of a task (倒排工期): what is due by when.</summary>
public class Milestone
{
    public int Id { get; set; }

    public int TaskId { get; set; }

    public DateOnly Date { get; set; }

    public required string Title { get; set; }

    public bool Done { get; set; }
}
