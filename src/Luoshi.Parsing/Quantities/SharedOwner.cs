namespace Luoshi.Parsing.Quantities;

/// <summary>
/// 义务教育适龄儿童入学率达100%、巩固率达99.9%; 公办园增至30所，在园儿童占比达50%: a measure named bare right after another
/// figure of the sentence (巩固率, 在园儿童占比) measures what that figure measured (义务教育适龄儿童巩固率, 公办园在园儿童占比).
/// </summary>
internal static class SharedOwner
{
    /// <summary>The words that open a share of a population held by its owner (在园儿童占比, 在校生比例).</summary>
    private static readonly string[] HeldShares = ["在园", "在校", "在读", "在职"];

    private static readonly string[] ShareEnds = ["占比", "比例", "比重"];

    public static string Complete(string subject, string? previous)
    {
        if (string.IsNullOrEmpty(previous) || previous.EndsWith(subject, StringComparison.Ordinal))
        {
            return subject;
        }

        var bareRate = subject.Length is 2 or 3 && subject.EndsWith('率');
        var heldShare = subject.Length <= 8 && HeldShares.Any(w => subject.StartsWith(w, StringComparison.Ordinal))
            && ShareEnds.Any(w => subject.EndsWith(w, StringComparison.Ordinal));
        if (!bareRate && !heldShare)
        {
            return subject;
        }

        var owner = Owner(previous);
        if (owner is null || (bareRate && owner.Length == previous.Length))
        {
            return subject; // 巩固率 takes the owner of a rate only (入学率…、巩固率), not of a count
        }

        return owner.Length >= 2 ? owner + subject : subject;
    }

    /// <summary>义务教育适龄儿童入学率 → 义务教育适龄儿童; 高中阶段毛入学率 → 高中阶段; 公办园 → 公办园 (a count names its owner whole).</summary>
    private static string? Owner(string previous)
    {
        if (!previous.EndsWith('率'))
        {
            return ShareEnds.Any(w => previous.EndsWith(w, StringComparison.Ordinal)) ? null : previous;
        }

        if (previous.Length <= 4)
        {
            return null;
        }

        var owner = previous[..^3];
        return owner.EndsWith('毛') || owner.EndsWith('净') ? owner[..^1] : owner;
    }
}
