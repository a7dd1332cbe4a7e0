using System.Buffers;

namespace Luoshi.Parsing.Text;

/// <summary>
/// Words to look for in a line: the characters they start with are searched for all at once (vectorised), and the words
/// are compared only where one of those characters stands. Most lines hold none of the words, and are passed over in
/// one scan instead of one scan per word.
/// </summary>
public sealed class WordSet
{
    private readonly string[] words;
    private readonly SearchValues<char> firsts;

    public WordSet(string[] words)
    {
        this.words = words;
        firsts = SearchValues.Create([.. words.Select(w => w[0]).Distinct()]);
    }

    /// <summary>Whether any of the words occurs in <paramref name="text"/> (ordinal comparison).</summary>
    public bool FoundIn(ReadOnlySpan<char> text)
    {
        while (true)
        {
            var k = text.IndexOfAny(firsts);
            if (k < 0)
            {
                return false;
            }

            text = text[k..];
            foreach (var w in words)
            {
                if (text.StartsWith(w, StringComparison.Ordinal))
                {
                    return true;
                }
            }

            text = text[1..];
        }
    }

    /// <summary>Whether <paramref name="text"/> starts with one of the words.</summary>
    public bool StartOf(ReadOnlySpan<char> text)
    {
        if (text.Length == 0 || !firsts.Contains(text[0]))
        {
            return false;
        }

        foreach (var w in words)
        {
            if (text.StartsWith(w, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}
