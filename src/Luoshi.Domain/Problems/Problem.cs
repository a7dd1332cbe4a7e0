using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Luoshi.Domain.Problems;

/// <summary>
/// What kind of refusal a problem is. The web edge turns the kind into the status code (and nothing else does):
/// the same refusal gets the same answer from a page and from an endpoint.
/// </summary>
public enum ProblemKind
{
    /// <summary>The input is wrong (a missing reason, a title too long): 400.</summary>
    Invalid,

    /// <summary>The caller may not do this: 403.</summary>
    Forbidden,

    /// <summary>Not there, or not visible to the caller: 404.</summary>
    NotFound,

    /// <summary>The thing's state does not allow it now (a closed task, a draft plan): 409.</summary>
    Conflict,

    /// <summary>Someone changed the record since the caller read it: 412.</summary>
    Stale,

    /// <summary>Too large to take: 413.</summary>
    TooLarge,

    /// <summary>A file of a type that is not taken: 415.</summary>
    Unsupported,

    /// <summary>A document that cannot be read as a plan, or a request that cannot be carried out as sent: 422.</summary>
    Unreadable,

    /// <summary>A change that does not say which version of the record it was based on: 428.</summary>
    VersionRequired,
}

/// <summary>Refusals common to every record.</summary>
public static class RecordProblems
{
    public static readonly ProblemType VersionRequired = new("record.version-required", ProblemKind.VersionRequired,
        "修改前请先读取记录，并在 If-Match 请求头中带上它的 ETag", "Read the record first and send its ETag in the If-Match header");
}

/// <summary>
/// One kind of problem: a stable code that scripts may rely on, its kind, and its text in Chinese and English with
/// <c>{0}</c>-style places for the arguments. Each feature lists its problem types in one catalog
/// (<c>TaskProblems</c>, <c>ReportProblems</c>, …), so a message is written once.
/// </summary>
public sealed record ProblemType(string Code, ProblemKind Kind, string Chinese, string English)
{
    public Problem With(params object?[] args) => new(this, args);

    [return: NotNullIfNotNull(nameof(type))]
    public static implicit operator Problem?(ProblemType? type) => type is null ? null : new(type, []);
}

/// <summary>The problem types of one catalog, their codes prefixed with the catalog's name (<c>task.not-open</c>).</summary>
public sealed class ProblemCatalog(string prefix)
{
    public ProblemType Invalid(string code, string chinese, string english) => Of(ProblemKind.Invalid, code, chinese, english);

    public ProblemType Of(ProblemKind kind, string code, string chinese, string english) => new($"{prefix}.{code}", kind, chinese, english);
}

/// <summary>A refusal as a use case returns it: its type and the arguments of its text; worded at the edge.</summary>
public sealed record Problem(ProblemType Type, IReadOnlyList<object?> Args)
{
    public string Code => Type.Code;

    public ProblemKind Kind => Type.Kind;

    public string ToChinese() => Format(Type.Chinese);

    public string ToEnglish() => Format(Type.English);

    /// <summary>The text in the language asked for: English when <paramref name="english"/>, Chinese otherwise.</summary>
    public string Text(bool english) => english ? ToEnglish() : ToChinese();

    public override string ToString() => ToChinese();

    private string Format(string template) =>
        Args.Count == 0 ? template : string.Format(CultureInfo.InvariantCulture, template, Args.Select(Word).ToArray());

    /// <summary>Numbers as offices write them: no trailing zeros, no thousands separators inside ids.</summary>
    private static object? Word(object? arg) => arg switch
    {
        decimal d => d.ToString("0.##", CultureInfo.InvariantCulture),
        double d => d.ToString("0.##", CultureInfo.InvariantCulture),
        _ => arg,
    };
}

/// <summary>Problems as a list: which kind leads (what the status code says) when a use case refuses for several reasons.</summary>
public static class ProblemList
{
    /// <summary>The kind that decides the answer: not found before forbidden before stale before conflict before the rest.</summary>
    public static ProblemKind Leading(this IReadOnlyCollection<Problem> problems)
    {
        foreach (var kind in new[] { ProblemKind.NotFound, ProblemKind.Forbidden, ProblemKind.VersionRequired, ProblemKind.Stale,
            ProblemKind.Conflict,
                     ProblemKind.TooLarge, ProblemKind.Unsupported, ProblemKind.Unreadable })
            if (problems.Any(p => p.Kind == kind)) return kind;
        return ProblemKind.Invalid;
    }
}
