using Luoshi.Data.Caching;

namespace Luoshi.Web.Tests;

/// <summary>
/// The data version read that requests share (<see cref="SharedRead{T}"/>): a caller never gets a value read before it asked,
/// callers who ask while a read runs share one next read, and one caller giving up stops nobody else.
/// </summary>
public sealed class SharedReadTests
{
    /// <summary>A read the test answers by hand, one at a time, in the order the reads started.</summary>
    private sealed class HandReads
    {
        private readonly Queue<TaskCompletionSource<long>> started = new();

        public SharedRead<long> Shared { get; }

        public HandReads() => Shared = new SharedRead<long>(_ =>
        {
            var read = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
            lock (started) started.Enqueue(read);
            return read.Task;
        });

        public int Running
        {
            get { lock (started) return started.Count; }
        }

        /// <summary>Answers the oldest running read (waiting until it has started).</summary>
        public async Task AnswerAsync(long value, Exception? error = null)
        {
            TaskCompletionSource<long>? read = null;
            for (var i = 0; i < 500 && read is null; i++)
            {
                lock (started) started.TryDequeue(out read);
                if (read is null) await Task.Delay(10);
            }
            Assert.NotNull(read);
            if (error is null) read.SetResult(value);
            else read.SetException(error);
        }
    }

    [Fact]
    public async Task A_caller_who_asks_while_a_read_runs_gets_the_next_read_not_that_one()
    {
        var reads = new HandReads();
        var first = reads.Shared.ReadAsync();
        var second = reads.Shared.ReadAsync(); // asked after the first read started: a change committed before must show
        Assert.Equal(1, reads.Running);
        await reads.AnswerAsync(7);
        Assert.Equal(7, await first);
        Assert.False(second.IsCompleted);
        await reads.AnswerAsync(8);
        Assert.Equal(8, await second);
        Assert.Equal(2, reads.Shared.Reads);
    }

    [Fact]
    public async Task Everyone_who_asks_while_a_read_runs_shares_the_one_next_read()
    {
        var reads = new HandReads();
        var first = reads.Shared.ReadAsync();
        var waiting = Enumerable.Range(0, 50).Select(_ => reads.Shared.ReadAsync()).ToArray();
        await reads.AnswerAsync(1);
        await reads.AnswerAsync(2);
        Assert.Equal(1, await first);
        Assert.All(await Task.WhenAll(waiting), value => Assert.Equal(2, value));
        Assert.Equal(2, reads.Shared.Reads);
        Assert.Equal(0, reads.Running);
        // Nobody waiting: the next caller starts a read of its own at once.
        var later = reads.Shared.ReadAsync();
        await reads.AnswerAsync(3);
        Assert.Equal(3, await later);
    }

    [Fact]
    public async Task A_failed_read_fails_only_its_callers_and_the_next_caller_reads_again()
    {
        var reads = new HandReads();
        var first = reads.Shared.ReadAsync();
        await reads.AnswerAsync(0, new InvalidOperationException("数据库不可用"));
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => first);
        Assert.Equal("数据库不可用", error.Message);
        var again = reads.Shared.ReadAsync();
        await reads.AnswerAsync(5);
        Assert.Equal(5, await again);
    }

    [Fact]
    public async Task A_caller_who_gives_up_does_not_stop_the_read_the_others_share()
    {
        var reads = new HandReads();
        var first = reads.Shared.ReadAsync();
        using var stop = new CancellationTokenSource();
        var givesUp = reads.Shared.ReadAsync(stop.Token);
        var stays = reads.Shared.ReadAsync();
        stop.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => givesUp);
        await reads.AnswerAsync(1);
        await reads.AnswerAsync(2);
        Assert.Equal(1, await first);
        Assert.Equal(2, await stays);
    }
}
