using System.CommandLine;
using System.Globalization;
using Luoshi.Application.Jobs;
using Luoshi.Application.Messaging;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Luoshi.Cli.CommandLine;
using Luoshi.Data;
using Luoshi.Data.Auditing;
using Luoshi.Domain.Time;

namespace Luoshi.Cli.Jobs;

/// <summary><c>luoshi jobs run [--date YYYY-MM-DD]</c>: the daily jobs as of a day, through the scheduler's own use case.</summary>
public static class JobsRunCommand
{
    public static Command Create()
    {
        var date = new Option<DateOnly?>("--date")
        {
            HelpName = "日期",
            Description = "按哪一天运行，写作 YYYY-MM-DD（默认中国时间的今天）",
            CustomParser = result =>
            {
                var text = result.Tokens.Single().Value;
                if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)) return day;
                result.AddError($"--date 应写作 YYYY-MM-DD，例如 2026-10-09，收到“{text}”");
                return null;
            },
        };
        var data = DatabaseOptions.Data();
        var database = DatabaseOptions.Database();
        var command = new Command("run", "运行每日定时任务（提醒、催办与升级、消息外发）；同一天重复运行不会重复发送") { date, data, database };
        command.SetAction((result, ct) => RunAsync(result.GetValue(date), DatabaseOptions.Settings(result, data, database), ct));
        return HelpPage.WithNotes(command, """
            与服务器每天 07:00（中国时间）自动运行的是同一组任务；已运行过的日期会跳过，不会重复提醒。
            退出码：0 已运行（或已跳过）；1 数据库无法打开；2 用法错误（如日期写错）。
            示例：
              luoshi jobs run --date 2026-10-09
            """);
    }

    private static async Task<int> RunAsync(DateOnly? date, DatabaseSettings settings, CancellationToken ct)
    {
        await using var db = new LuoshiDb(settings.BuildOptions(), FixedAuditActor.CommandLine);
        await DatabaseSetup.UpgradeAsync(db, ct);
        var clock = ChinaClock.System;
        var day = date ?? clock.Today;
        // The settings the server reads (Luoshi__ReminderWorkingDays, Luoshi__Supervision__…, Luoshi__Smtp__…, Luoshi__Messages__…).
        var config = new ConfigurationBuilder().AddEnvironmentVariables().Build();
        var options = config.GetSection(Web.LuoshiOptions.Section).Get<Web.LuoshiOptions>() ?? new Web.LuoshiOptions();
        await using var services = new ServiceCollection().AddSingleton<IConfiguration>(config).AddLogging().AddSingleton(db).AddSingleton(TimeProvider.System)
            .AddLuoshiMessaging().BuildServiceProvider();
        await using var scope = services.CreateAsyncScope();
        var jobs = DailyJobs.Create(db, clock, new Application.Tasks.LedgerSettings(options.WarningDays, options.LagPoints),
            new ReminderSettings(options.ReminderWorkingDays), options.Supervision.Settings, scope.ServiceProvider.GetRequiredService<OutboxDispatcher>());
        Console.WriteLine($"每日定时任务（{day:yyyy-MM-dd}，{settings.Describe()}）：");
        foreach (var step in await jobs.RunAsync(day, ct))
            Console.WriteLine($"  {(step.Skipped ? "跳过" : "完成")} {StepName(step.Step)}：{step.Text}");
        return ExitCodes.Ok;
    }

    private static string StepName(string step) => step switch
    {
        "reminders" => "提醒",
        "data-reminders" => "数据报送催办",
        Application.Supervision.NoticeEscalation.StepName => "催办与升级",
        "outbox" => "消息外发",
        _ => step,
    };
}
