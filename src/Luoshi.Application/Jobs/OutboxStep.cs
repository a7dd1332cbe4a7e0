using Luoshi.Application.Messaging;
using Luoshi.Domain.Time;

namespace Luoshi.Application.Jobs;

/// <summary>
/// 消息外发: the last daily step sends the outbox's due mail and robot messages (those the steps before it queued
/// included). Not once per day: it sends whatever is due, with the dispatcher's retries, each time it runs.
/// </summary>
public sealed class OutboxStep(OutboxDispatcher dispatcher, ChinaClock clock) : IDailyStep
{
    public string Name => "outbox";

    public bool OncePerDay => false;

    public async Task<string> RunAsync(DateOnly day, CancellationToken ct)
    {
        // What the steps before queued is saved by then (each step is saved on its own); the dispatcher claims rows from the database.
        var run = await dispatcher.SendDueAsync(clock.UtcNow, ct);
        return $"消息外发：发出 {run.Sent} 条，失败待重试 {run.Failed} 条，转入失败列表 {run.Dead} 条";
    }
}
