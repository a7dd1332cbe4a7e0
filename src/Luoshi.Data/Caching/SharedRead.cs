namespace Luoshi.Data.Caching;

/// <summary>
/// One read shared by everyone who asks at about the same time, without ever answering a caller with a value read before it
/// asked: a caller gets the result of a read that started after its call, so it sees everything committed before it asked,
/// exactly as if it had read alone. At most one read runs at a time; the callers who ask while it runs share the next one,
/// which starts as soon as it ends. Under load, many requests thus cost one read instead of one each; alone, a caller waits
/// for its own read as before.
/// </summary>
public sealed class SharedRead<T>(Func<CancellationToken, Task<T>> read)
{
    private readonly Lock gate = new();

    /// <summary>Whether a read is running (its callers are already settled).</summary>
    private bool reading;

    /// <summary>The callers who asked while a read ran: the next read is theirs.</summary>
    private TaskCompletionSource<T>? waiting;

    /// <summary>How many reads were made: each serves every caller who joined it.</summary>
    public long Reads => Interlocked.Read(ref reads);

    private long reads;

    /// <summary>
    /// The value as read by a read that starts after this call. <paramref name="ct"/> stops this caller's wait, not the
    /// read, which others may share.
    /// </summary>
    public Task<T> ReadAsync(CancellationToken ct = default)
    {
        TaskCompletionSource<T> callers;
        bool start;
        lock (gate)
        {
            callers = waiting ??= new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
            start = !reading;
            if (start)
            {
                reading = true;
                waiting = null;
            }
        }

        if (start) _ = ReadForAsync(callers);
        return ct.CanBeCanceled ? callers.Task.WaitAsync(ct) : callers.Task;
    }

    /// <summary>Reads for <paramref name="callers"/>, then for those who asked meanwhile, until nobody waits.</summary>
    private async Task ReadForAsync(TaskCompletionSource<T> callers)
    {
        while (true)
        {
            Interlocked.Increment(ref reads);
            try
            {
                callers.SetResult(await read(CancellationToken.None));
            }
            catch (Exception e)
            {
                callers.SetException(e);
            }

            lock (gate)
            {
                if (waiting is null)
                {
                    reading = false;
                    return;
                }

                callers = waiting;
                waiting = null;
            }
        }
    }
}
