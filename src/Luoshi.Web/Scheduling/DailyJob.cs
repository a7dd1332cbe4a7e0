using Luoshi.Application.Jobs;
using Luoshi.Domain.Time;
using Quartz;

namespace Luoshi.Web.Scheduling;

/// <summary>The scheduler's daily job: the daily jobs use case as of today in China (the same one <c>luoshi jobs run</c> calls).</summary>
[DisallowConcurrentExecution]
public sealed class DailyJob(AppServices app, ILogger<DailyJob> logger) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        using var scope = app.Scopes.CreateScope();
        var today = scope.ServiceProvider.GetRequiredService<ChinaClock>().Today;
        foreach (var step in await scope.ServiceProvider.GetRequiredService<DailyJobs>().RunAsync(today, cancellationToken))
            logger.LogInformation("每日任务 {Step}：{Text}", step.Step, step.Text);
    }
}

/// <summary>The web app's services, handed to the scheduler's own container so its jobs run the app's use cases.</summary>
public sealed record AppServices(IServiceScopeFactory Scopes);
