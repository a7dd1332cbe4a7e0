namespace Luoshi.Parsing.Text;

/// <summary>Which of a few words stands right before a position (the verb before a figure: 下设, 中提取, 进行).</summary>
internal static class WordAt
{
    /// <summary>The first of <paramref name="words"/> that ends right at <paramref name="end"/> in <paramref name="s"/>; null if none.</summary>
    public static string? EndingAt(string s, int end, string[] words) =>
        words.FirstOrDefault(w => end >= w.Length && end <= s.Length && string.CompareOrdinal(s, end - w.Length, w, 0, w.Length) == 0);
}
