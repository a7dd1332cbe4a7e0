namespace Luoshi.Parsing.Model;

/// <summary>
/// A stretch [<see cref="Start"/>, <see cref="End"/>) of the text the parser was given, as <see cref="PlanParser.Sanitize"/>
/// returns it, in UTF-16 code units (as .NET strings and browsers count them).
/// </summary>
public readonly record struct SourceSpan(int Start, int End);
