namespace Luoshi.Parsing.Text;

/// <summary>
/// Which of a few words stands at a place (the verb before a figure: 下设, 中提取; the ending of a subject: 总周数), compared
/// ordinally: the culture-aware string methods are many times slower and these rules run for every figure.
/// </summary>
internal static class WordAt
{
    /// <summary>
    /// Whether <paramref name="w"/> stands at <paramref name="i"/> in <paramref name="s"/>: the same answer (and the same
    /// exception for a place outside <paramref name="s"/>) as <c>string.CompareOrdinal(s, i, w, 0, w.Length) == 0</c>,
    /// but a word whose first character differs is passed over without the call. The rules ask this of long word lists
    /// at nearly every character.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public static bool Is(string s, int i, string w) =>
        ((uint)i >= (uint)s.Length || w.Length == 0 || s[i] == w[0]) && string.CompareOrdinal(s, i, w, 0, w.Length) == 0;

    /// <summary>Whether <paramref name="s"/> starts with one of <paramref name="words"/> (ordinal; a word whose first character differs is passed over without the call).</summary>
    public static bool StartsWithAny(ReadOnlySpan<char> s, string[] words)
    {
        foreach (var w in words)
        {
            if (w.Length == 0 || (s.Length >= w.Length && s[0] == w[0] && s.StartsWith(w, StringComparison.Ordinal)))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether <paramref name="s"/> ends with one of <paramref name="words"/> (ordinal; a word whose last character differs is passed over without the call).</summary>
    public static bool EndsWithAny(ReadOnlySpan<char> s, string[] words)
    {
        foreach (var w in words)
        {
            if (w.Length == 0 || (s.Length >= w.Length && s[^1] == w[^1] && s.EndsWith(w, StringComparison.Ordinal)))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The first characters of a list of words, one bit each: a character no word starts with starts none of them, so a
    /// look-up here answers most places without comparing any word.
    /// </summary>
    public sealed class Starts(IEnumerable<string> words)
    {
        private readonly CharMask firsts = new(words.Where(w => w.Length > 0).Select(w => w[0]));

        /// <summary>False when no word (of those given, none empty) can stand at <paramref name="i"/>: there is a character there that none starts with.</summary>
        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
        public bool MayStartAt(string s, int i) => (uint)i >= (uint)s.Length || firsts.Contains(s[i]);
    }

    /// <summary>The first of <paramref name="words"/> that ends right at <paramref name="end"/> in <paramref name="s"/>; null if none.</summary>
    public static string? EndingAt(string s, int end, string[] words)
    {
        foreach (var w in words)
        {
            if (end >= w.Length && end <= s.Length && Is(s, end - w.Length, w))
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
