using Luoshi.Application.Jobs;
using Luoshi.Domain.Time;
using Microsoft.Extensions.Options;
using Quartz;

namespace Luoshi.Web.Scheduling;

/// <summary>
/// The scheduler's daily job: the daily jobs use case as of today in China (the same one <c>luoshi jobs run</c> calls), each
/// step logged as it is done. A run that takes over from an instance that died in the middle of it says so first.
/// </summary>
[DisallowConcurrentExecution]
public sealed class DailyJob(AppServices app, ILogger<DailyJob> logger) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        using var scope = app.Scopes.CreateScope();
        var today = scope.ServiceProvider.GetRequiredService<ChinaClock>().Today;
        if (context.Recovering)
            logger.LogWarning("接手每日任务：运行它的另一个实例在运行中停止了，本实例继续完成 {Day:yyyy-MM-dd} 的每日任务（已完成的步骤不会重复）", today);
        var testDelay = TimeSpan.FromSeconds(Math.Max(0, scope.ServiceProvider.GetRequiredService<IOptions<LuoshiOptions>>().Value.Jobs.TestDelaySeconds));
        await scope.ServiceProvider.GetRequiredService<DailyJobs>().RunAsync(today, cancellationToken, async (step, ct) =>
        {
            logger.LogInformation("每日任务 {Step}：{Text}", step.Step, step.Text);
            if (testDelay > TimeSpan.Zero && step.Step == DailyReminders.StepName && !step.Skipped)
            {
                logger.LogWarning("测试延迟：每日任务在发出提醒之后等待 {Seconds} 秒（Luoshi__Jobs__TestDelaySeconds，只用于测试）", testDelay.TotalSeconds);
                await Task.Delay(testDelay, ct);
            }
        });
    }
}

/// <summary>The web app's services, handed to the scheduler's own container so its jobs run the app's use cases.</summary>
public sealed record AppServices(IServiceScopeFactory Scopes);
