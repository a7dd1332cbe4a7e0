using System.Runtime.ExceptionServices;

namespace Luoshi.Parsing;

/// <summary>
/// Shares independent work on the elements of a long document (lines, items) among the cores. Each index's result goes
/// where the work puts it (an array slot by index), so the outcome is the same as on one thread, in the same order.
/// </summary>
internal static class Parallelism
{
    /// <summary>Pieces per thread: a few, so that a thread that gets slow pieces does not hold up the others.</summary>
    private const int PiecesPerThread = 8;

    /// <summary>
    /// Runs <paramref name="work"/> on [from, to) ranges that together cover [0, <paramref name="count"/>): on this thread
    /// alone when <paramref name="count"/> is below <paramref name="threshold"/> or there is one core, otherwise on this
    /// thread and threads of its own (one per further core) that take the next range until none is left. Not the thread
    /// pool: its idle workers spin while they wait, which on a busy machine takes time away from the working threads.
    /// The first exception of any thread is thrown here once all have stopped.
    /// </summary>
    public static void ForRanges(int count, int threshold, Action<int, int> work)
    {
        var threads = Math.Min(Environment.ProcessorCount, 8);
        if (count < threshold || threads < 2)
        {
            work(0, count);
            return;
        }

        var size = Math.Max(1, count / (threads * PiecesPerThread));
        var next = -1;
        ExceptionDispatchInfo? failure = null;
        void Loop()
        {
            try
            {
                for (var k = Interlocked.Increment(ref next); (long)k * size < count && failure is null; k = Interlocked.Increment(ref next))
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
            helpers[t] = new Thread(Loop) { IsBackground = true, Name = "plan parse part" };
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
