using System.Runtime.ExceptionServices;

namespace Luoshi.Parsing;

/// <summary>
/// Shares independent work on numbered elements (a long document's lines and items, a batch's files) among threads.
/// Each index's result goes where the work puts it (an array slot by index), so the outcome is the same as on one
/// thread, in the same order.
/// </summary>
public static class Parallelism
{
    /// <summary>Pieces per thread: a few, so that a thread that gets slow pieces does not hold up the others.</summary>
    private const int PiecesPerThread = 8;

    /// <summary>
    /// Runs <paramref name="work"/> on [from, to) ranges that together cover [0, <paramref name="count"/>): on this thread
    /// alone when <paramref name="count"/> is below <paramref name="threshold"/> or there is one core, otherwise on one
    /// thread per core (at most eight), a few ranges per thread.
    /// </summary>
    public static void ForRanges(int count, int threshold, Action<int, int> work) =>
        ForRanges(count, threshold, Math.Min(Environment.ProcessorCount, 8), 0, work);

    /// <summary>
    /// Runs <paramref name="work"/> on [from, to) ranges of <paramref name="size"/> elements (0: a few ranges per thread)
    /// that together cover [0, <paramref name="count"/>): on this thread alone when <paramref name="count"/> is below
    /// <paramref name="threshold"/> or <paramref name="threads"/> is one, otherwise on this thread and threads of its own
    /// (<paramref name="threads"/> in all, no more than there are ranges) that each take the next range until none is
    /// left. Not the thread pool: its idle workers spin while they wait, which on a busy machine takes time away from the
    /// working threads. After an exception no further range is started; the first exception of any thread is thrown here
    /// once all have stopped.
    /// </summary>
    public static void ForRanges(int count, int threshold, int threads, int size, Action<int, int> work)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(size);
        ArgumentNullException.ThrowIfNull(work);
        if (count < threshold || threads < 2 || count < 2)
        {
            work(0, count);
            return;
        }

        if (size == 0)
        {
            size = Math.Max(1, count / (threads * PiecesPerThread));
        }

        var ranges = (count + size - 1) / size;
        threads = Math.Min(threads, ranges);
        var next = -1;
        ExceptionDispatchInfo? failure = null;
        void Loop()
        {
            try
            {
                for (var k = Interlocked.Increment(ref next); k < ranges && Volatile.Read(ref failure) is null; k = Interlocked.Increment(ref next))
                {
                    var from = k * size;
                    work(from, Math.Min(count, from + size));
                }
            }
            catch (Exception e)
            {
                Interlocked.CompareExchange(ref failure, ExceptionDispatchInfo.Capture(e), null);
            }
        }

        var helpers = new Thread[threads - 1];
        for (var t = 0; t < helpers.Length; t++)
        {
            helpers[t] = new Thread(Loop) { IsBackground = true, Name = "luoshi parallel part" };
            helpers[t].Start();
        }

        Loop();
        foreach (var helper in helpers)
        {
            helper.Join();
        }

        failure?.Throw();
    }
}
