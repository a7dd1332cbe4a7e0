namespace Luoshi.Parsing.Text;

/// <summary>
/// Which of a few words stands at a place (the verb before a figure: 下设, 中提取; the ending of a subject: 总周数), compared
/// ordinally: the culture-aware string methods are many times slower and these rules run for every figure.
/// </summary>
internal static class WordAt
{
    /// <summary>The first of <paramref name="words"/> that ends right at <paramref name="end"/> in <paramref name="s"/>; null if none.</summary>
    public static string? EndingAt(string s, int end, string[] words)
    {
        foreach (var w in words)
        {
            if (end >= w.Length && end <= s.Length && string.CompareOrdinal(s, end - w.Length, w, 0, w.Length) == 0)
            {
                return w;
            }
        }

        return null;
    }

    /// <summary>The first of <paramref name="words"/> that <paramref name="s"/> ends with; null if none.</summary>
    public static string? Ending(string s, string[] words) => EndingAt(s, s.Length, words);

    /// <summary>The first of <paramref name="words"/> that <paramref name="s"/> starts with; null if none.</summary>
    public static string? Opening(string s, string[] words)
    {
        foreach (var w in words)
        {
            if (s.StartsWith(w, StringComparison.Ordinal))
            {
                return w;
            }
        }

        return null;
    }
}
