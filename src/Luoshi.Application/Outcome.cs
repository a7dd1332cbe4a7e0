using Luoshi.Domain.Problems;

namespace Luoshi.Application;

/// <summary>
/// What a use case did: its value, or the problems why it did nothing. Pages and endpoints map an outcome in a few
/// lines; the status code comes from the problems' kind (<see cref="ProblemList.Leading"/>), never from their text.
/// </summary>
public sealed record Outcome<T>(T? Value, IReadOnlyList<Problem> Problems)
{
    public bool Succeeded => Problems.Count == 0;

    public ProblemKind Kind => Problems.Leading();

    public static implicit operator Outcome<T>(T value) => new(value, []);

    public static implicit operator Outcome<T>(Problem problem) => new(default, [problem]);

    public static implicit operator Outcome<T>(ProblemType problem) => new(default, [problem]);

    public static implicit operator Outcome<T>(List<Problem> problems) => new(default, problems);
}
