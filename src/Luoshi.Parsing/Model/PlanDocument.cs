namespace Luoshi.Parsing.Model;

/// <summary>One parsed plan document (the <c>luoshi.plan/1</c> contract): metadata, outline and quantities.</summary>
public sealed record PlanDocument(
    string? Title,
    int? Year,
    string? Issuer,
    IReadOnlyList<Quantity> Quantities,
    IReadOnlyList<PlanItem> Items,
    IReadOnlyList<RemovedLine> RemovedLines)
{
    public const string SchemaName = "luoshi.plan/1";

    public string Schema => SchemaName;

    /// <summary>Every quantity of the document: top level first, then item by item.</summary>
    public IEnumerable<Quantity> AllQuantities => Quantities.Concat(Items.SelectMany(i => i.Quantities));
}

/// <summary>
/// One numbered item of the outline, flattened; <see cref="Parent"/> is the enclosing item's id. <see cref="Source"/> is
/// where the item is written in the text the parser was given: from its marker to the end of its own text (not its children's).
/// </summary>
public sealed record PlanItem(
    int Id,
    int? Parent,
    int Level,
    string Marker,
    string Heading,
    string Text,
    IReadOnlyList<string> Responsible,
    Deadline? Deadline,
    IReadOnlyList<Quantity> Quantities,
    SourceSpan Source);

/// <summary>A measured figure stated by the text (a target, an achievement or another figure).</summary>
public sealed record Quantity(
    string Text,
    decimal? Value,
    decimal? Upper,
    decimal? Denominator,
    string Unit,
    string Subject,
    Comparator Comparator,
    QuantityKind Kind,
    bool Placeholder);

/// <summary>How a figure relates to the value: plain, at least, at most, or a range.</summary>
public enum Comparator
{
    Equal,
    AtLeast,
    AtMost,
    Range,
}

/// <summary>What a figure is: a commitment, a result already reached, or neither.</summary>
public enum QuantityKind
{
    Target,
    Achievement,
    Other,
}

/// <summary>A line that clean-up dropped as noise, kept so that users can see what was removed and why.</summary>
public sealed record RemovedLine(string Text, string Reason);
