using Luoshi.Domain.Tasks;
using Luoshi.Parsing;

namespace Luoshi.Web.Pages.Plans;

/// <summary>
/// Where each outline item of a draft came from in the plan's text, so the review page can show it beside the item:
/// the span the parser recorded when the draft was made (<see cref="PlanTask.SourceStart"/>, <see cref="PlanTask.SourceEnd"/>).
/// A task added by hand has none; an edited one keeps the place it came from.
/// </summary>
public static class SourceLocator
{
    /// <summary>A stretch of the source, in UTF-16 code units as the browser counts them: [Start, End).</summary>
    public readonly record struct Span(int Start, int End);

    /// <summary>
    /// The source as the page shows it, with <c>\n</c> line breaks: the text the parser read and the spans count in.
    /// Plans are stored so since spans are recorded; the text of older plans may still have other line breaks.
    /// </summary>
    public static string Displayed(string source) => PlanParser.Sanitize(source);

    /// <summary>The task's recorded span in <paramref name="displayed"/>, when it has one that lies within it.</summary>
    public static Span? Of(PlanTask task, string displayed) =>
        task is { SourceStart: { } start, SourceEnd: { } end } && start >= 0 && start < end && end <= displayed.Length ? new Span(start, end) : null;
}
