namespace Luoshi.Parsing.Cleaning;

/// <summary>
/// Where each character of one cleaned line stands in the text the parser was given. Clean-up never rewrites a
/// character: it trims lines, cuts noise out of them (<see cref="InlineNoiseMasker"/>), drops page marks and joins page
/// chunks (<see cref="PageChunkJoiner"/>). So a cleaned line is a few runs of consecutive source characters, and the
/// map, which keeps where each run starts in the line and in the source, is exact.
/// </summary>
public readonly struct SourceMap
{
    /// <summary>A run: the line's characters from <see cref="At"/> on are the source's from <see cref="From"/> on.</summary>
    private readonly record struct Run(int At, int From);

    // One run (the common case) is kept in 'origin' alone; several in 'runs', ordered by At, the first at 0.
    private readonly int origin;
    private readonly Run[]? runs;

    private SourceMap(int origin, Run[]? runs)
    {
        this.origin = origin;
        this.runs = runs;
    }

    /// <summary>A line whose characters are the source's from <paramref name="origin"/> on.</summary>
    public static SourceMap At(int origin) => new(origin, null);

    /// <summary>Where the line's character at <paramref name="index"/> is in the source.</summary>
    public int Source(int index)
    {
        if (runs is null)
        {
            return origin + index;
        }

        var run = runs[Find(runs, index)];
        return run.From + (index - run.At);
    }

    /// <summary>Where a stretch of the line that ends (exclusive) at <paramref name="end"/> ends in the source.</summary>
    public int SourceEnd(int end) => end == 0 ? Source(0) : Source(end - 1) + 1;

    /// <summary>The map of the line without its first <paramref name="count"/> characters.</summary>
    public SourceMap Skip(int count)
    {
        if (count == 0)
        {
            return this;
        }

        if (runs is null)
        {
            return At(origin + count);
        }

        var first = Find(runs, count);
        var rest = new Run[runs.Length - first];
        rest[0] = new Run(0, runs[first].From + (count - runs[first].At));
        for (var k = 1; k < rest.Length; k++)
        {
            rest[k] = runs[first + k] with { At = runs[first + k].At - count };
        }

        return Of(rest);
    }

    /// <summary>The map of this line (<paramref name="length"/> characters) with the line of <paramref name="next"/> appended.</summary>
    public SourceMap Append(int length, SourceMap next)
    {
        var joined = new List<Run>(Runs(this));
        foreach (var run in Runs(next))
        {
            joined.Add(run with { At = run.At + length });
        }

        return Of([.. joined]);
    }

    private static Run[] Runs(SourceMap map) => map.runs ?? [new Run(0, map.origin)];

    private static SourceMap Of(Run[] runs) => runs.Length == 1 ? At(runs[0].From) : new(0, runs);

    /// <summary>The last run that starts at or before <paramref name="index"/>.</summary>
    private static int Find(Run[] runs, int index)
    {
        int lo = 0, hi = runs.Length - 1;
        while (lo < hi)
        {
            var mid = (lo + hi + 1) / 2;
            if (runs[mid].At <= index)
            {
                lo = mid;
            }
            else
            {
                hi = mid - 1;
            }
        }

        return lo;
    }

    /// <summary>Builds the map of a line made by keeping some of a source line's characters, in order.</summary>
    public sealed class Builder(int origin)
    {
        private readonly List<Run> runs = [new Run(0, origin)];

        /// <summary>The line's characters from <paramref name="at"/> on come from the source line's <paramref name="index"/> on.</summary>
        public void Continue(int at, int index)
        {
            if (runs[^1].At == at)
            {
                runs[^1] = new Run(at, origin + index);
            }
            else
            {
                runs.Add(new Run(at, origin + index));
            }
        }

        /// <summary>The line was cut back to <paramref name="length"/> characters.</summary>
        public void Truncate(int length)
        {
            while (runs.Count > 1 && runs[^1].At >= length)
            {
                runs.RemoveAt(runs.Count - 1);
            }
        }

        /// <summary>The map of the finished line of <paramref name="length"/> characters.</summary>
        public SourceMap Build(int length)
        {
            Truncate(length);
            return Of([.. runs]);
        }
    }
}
