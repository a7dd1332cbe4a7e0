using Luoshi.Application.Messaging;
using Quartz;

namespace Luoshi.Web.Scheduling;

/// <summary>
/// The scheduler's outbox job: sends the mail and robot messages that are due (<see cref="OutboxDispatcher.SendDueAsync"/>)
/// every <see cref="MessagingSettings.PumpSeconds"/> seconds, on one instance of a cluster at a time; the dispatcher's claims
/// keep a message from going twice even if another sender runs meanwhile, and a failure waits for the next round.
/// </summary>
[DisallowConcurrentExecution]
public sealed class OutboxJob(AppServices app, ILogger<OutboxJob> logger) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            using var scope = app.Scopes.CreateScope();
            var now = scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow();
            await scope.ServiceProvider.GetRequiredService<OutboxDispatcher>().SendDueAsync(now, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning(e, "发送外发消息失败，稍后重试");
        }
    }
}
