using System.Buffers;

namespace Luoshi.Parsing.Text;

/// <summary>
/// Words to look for in a line: the characters they start with are searched for all at once (<see cref="CharMask"/>), and the words
/// are compared only where one of those characters stands. Most lines hold none of the words, and are passed over in
/// one scan instead of one scan per word.
/// </summary>
public sealed class WordSet
{
    private readonly string[] words;
    private readonly CharMask firsts;

    /// <summary>The words, in the order given.</summary>
    public IReadOnlyList<string> Words => words;

    public WordSet(string[] words)
    {
        this.words = words;
        firsts = new CharMask(words.Select(w => w[0]));
    }

    /// <summary>Whether any of the words occurs in <paramref name="text"/> (ordinal comparison).</summary>
    public bool FoundIn(ReadOnlySpan<char> text)
    {
        while (true)
        {
            var k = firsts.IndexOfAny(text);
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

/// <summary>
/// Several <see cref="WordSet"/>s looked for in one pass: which of them occur in a text, each bit of the answer for one
/// set (bit k for the k-th), the same answer as asking each set's <see cref="WordSet.FoundIn"/> in turn. A line is
/// scanned once for the characters any word starts with, and only the words starting with the character found are
/// compared there.
/// </summary>
public sealed class WordGroups
{
    private readonly SearchValues<char> firsts;

    /// <summary>The distinct first characters, ascending; the words starting with <c>keys[k]</c> are <c>entries[starts[k]..starts[k + 1]]</c>.</summary>
    private readonly char[] keys;

    private readonly int[] starts;

    private readonly string[] entryWords;

    private readonly int[] entryBits;

    private readonly int all;

    public WordGroups(params WordSet[] sets)
    {
        if (sets.Length > 31)
        {
            throw new ArgumentException("at most 31 sets", nameof(sets));
        }

        var words = new List<string>();
        var bits = new List<int>();
        for (var k = 0; k < sets.Length; k++)
        {
            foreach (var w in sets[k].Words)
            {
                words.Add(w);
                bits.Add(1 << k);
            }
        }

        entryWords = [.. words];
        entryBits = [.. bits];

        // Grouped by first character (insertion sort: a hundred words, and no generic sort to compile at start-up).
        for (var i = 1; i < entryWords.Length; i++)
        {
            var (word, bit) = (entryWords[i], entryBits[i]);
            var j = i - 1;
            for (; j >= 0 && entryWords[j][0] > word[0]; j--)
            {
                entryWords[j + 1] = entryWords[j];
                entryBits[j + 1] = entryBits[j];
            }

            entryWords[j + 1] = word;
            entryBits[j + 1] = bit;
        }

        var distinct = new List<char>();
        var begins = new List<int>();
        for (var i = 0; i < entryWords.Length; i++)
        {
            if (i == 0 || entryWords[i][0] != entryWords[i - 1][0])
            {
                distinct.Add(entryWords[i][0]);
                begins.Add(i);
            }
        }

        begins.Add(entryWords.Length);
        keys = [.. distinct];
        starts = [.. begins];
        firsts = SearchValues.Create(keys);
        all = (1 << sets.Length) - 1;
    }

    /// <summary>One bit for each set any of whose words occurs in <paramref name="text"/> (ordinal comparison).</summary>
    public int FoundIn(ReadOnlySpan<char> text)
    {
        var found = 0;
        while (found != all)
        {
            var k = text.IndexOfAny(firsts);
            if (k < 0)
            {
                break;
            }

            text = text[k..];
            var key = Find(text[0]);
            for (var e = starts[key]; e < starts[key + 1]; e++)
            {
                if ((found & entryBits[e]) == 0 && text.StartsWith(entryWords[e], StringComparison.Ordinal))
                {
                    found |= entryBits[e];
                }
            }

            text = text[1..];
        }

        return found;
    }

    private int Find(char c)
    {
        var lo = 0;
        var hi = keys.Length - 1;
        while (lo < hi)
        {
            var mid = (lo + hi) >> 1;
            if (keys[mid] < c)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }
}
