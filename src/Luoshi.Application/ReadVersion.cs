using Luoshi.Domain.Problems;

namespace Luoshi.Application;

/// <summary>
/// The version of a record a change was based on (an <c>If-Match</c> ETag, or the version a form was read at):
/// a number to compare, "any" (<c>*</c>, or a form that does not say), or missing where a change must say.
/// </summary>
public readonly record struct ReadVersion(int? Version, bool Given)
{
    public static ReadVersion Any => new(null, true);

    public static ReadVersion Missing => new(null, false);

    public static ReadVersion Of(int version) => new(version, true);

    public static implicit operator ReadVersion(int? version) => version is { } v ? Of(v) : Any;

    /// <summary>Missing is taken as "any", for changes where saying the version is optional.</summary>
    public ReadVersion OrAny() => Given ? this : Any;

    /// <summary>The problem with changing a record now at <paramref name="current"/>: the version missing, or another one.</summary>
    public Problem? Check(int current, ProblemType stale) =>
        !Given ? RecordProblems.VersionRequired : Version is { } read && read != current ? stale : null;
}
