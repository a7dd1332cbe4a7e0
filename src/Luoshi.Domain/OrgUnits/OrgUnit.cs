namespace Luoshi.Domain.OrgUnits;

/// <summary>A unit of the education system: the city bureau, one of its departments, a district bureau or a school.</summary>
public class OrgUnit
{
    public int Id { get; set; }

    /// <summary>Short stable code used in spreadsheets and the CLI (e.g. <c>SJYJ</c>, <c>HP-001</c>).</summary>
    public required string Code { get; set; }

    public required string Name { get; set; }

    public OrgUnitKind Kind { get; set; }

    public int? ParentId { get; set; }

    public OrgUnit? Parent { get; set; }

    public int SortOrder { get; set; }

    /// <summary>The bureau leader in charge of this unit (局领导包保区县/学校): a 督办 not answered in time reaches them.</summary>
    public int? LeaderUserId { get; set; }

    /// <summary>Incremented on every change; used for optimistic concurrency.</summary>
    public int Version { get; set; }
}
