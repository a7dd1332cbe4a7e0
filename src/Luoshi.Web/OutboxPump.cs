using Luoshi.Application.Messaging;
using Microsoft.Extensions.Options;

namespace Luoshi.Web;

/// <summary>
/// Sends the outbox every <see cref="MessagingSettings.PumpSeconds"/> seconds (default 30; 0 turns it off). An interim
/// sender until the scheduler runs <see cref="OutboxDispatcher.SendDueAsync"/>; several instances may run it at once,
/// the dispatcher's claims keep a message from going twice.
/// </summary>
public sealed class OutboxPump(IServiceScopeFactory scopes, IOptions<MessagingSettings> options, TimeProvider time, ILogger<OutboxPump> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var seconds = options.Value.PumpSeconds;
        if (seconds <= 0) return;
        try
        {
            using var timer = new PeriodicTimer(TimeSpan.FromSeconds(seconds));
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    using var scope = scopes.CreateScope();
                    await scope.ServiceProvider.GetRequiredService<OutboxDispatcher>().SendDueAsync(time.GetUtcNow(), stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    logger.LogWarning(e, "发送外发消息失败，稍后重试");
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}
