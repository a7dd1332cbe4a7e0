using Luoshi.Application.Access;
using Luoshi.Application.Idempotency;
using Luoshi.Application.Messaging;
using Luoshi.Application.Notifications;
using Luoshi.Application.Plans;
using Luoshi.Application.Reports;
using Luoshi.Application.Targets;
using Luoshi.Application.Tasks;
using Luoshi.Domain.Time;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Luoshi.Web;

/// <summary>Registers the task ledger's services: intake, rules, reports, evidence, notifications, the working-day calendar and the daily jobs.</summary>
public static class LedgerServices
{
    public static IServiceCollection AddLedger(this IServiceCollection services)
    {
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<LuoshiOptions>>().Value;
            return new LedgerSettings(options.WarningDays, options.LagPoints, options.DataTolerancePercent, options.DataFarBehindPercent);
        });
        // One clock, read in China time; tests put a fake TimeProvider in its place.
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(sp => new ChinaClock(sp.GetRequiredService<TimeProvider>()));
        services.AddScoped<TaskScope>();
        services.AddScoped<Luoshi.Data.Search.TextSearch>();
        services.AddScoped<Luoshi.Application.Search.LedgerSearch>();
        services.AddScoped<Agenda>();
        services.AddScoped<TaskHistory>();
        services.AddScoped<Luoshi.Application.Auditing.AuditReader>();
        services.AddScoped<TaskStates>();
        services.AddScoped<TaskWorkflow>();
        services.AddScoped<PlanWorkflow>();
        services.AddScoped<TargetWorkflow>();
        services.AddScoped<LinkedTargets>();
        services.AddScoped<Assignments>();
        services.AddScoped<Breakdowns>();
        services.AddScoped<YearRollover>();
        services.AddScoped<PlanIntake>();
        services.AddScoped<LedgerWorkbook>();
        services.AddScoped<ReportWorkflow>();
        services.AddScoped<Luoshi.Application.Supervision.Notices>();
        services.AddScoped<Luoshi.Application.Supervision.Inspections>();
        services.AddScoped<Luoshi.Application.Data.DataEntry>();
        services.AddScoped<Luoshi.Application.Data.DataForms>();
        services.AddScoped<Luoshi.Application.Data.DataImport>();
        services.AddScoped<Luoshi.Application.Data.Completeness>();
        services.AddScoped<Luoshi.Application.Data.DataDefinitions>();
        services.AddScoped<Luoshi.Application.Data.ValidationRules>();
        services.AddScoped<Luoshi.Application.Data.PeriodLocks>();
        services.AddScoped<Luoshi.Application.Data.Outliers>();
        services.AddScoped<Luoshi.Application.Data.DataRegistry>();
        services.AddSingleton<Luoshi.Application.Analytics.AnalyticsStore>();
        services.AddScoped<Luoshi.Application.Analytics.IndicatorDefinitions>();
        services.AddScoped<Luoshi.Application.Analytics.AnalyticsQueries>();
        services.AddScoped<Luoshi.Application.Analytics.AnalyticsPivot>();
        services.AddHostedService<Infrastructure.AnalyticsLoader>();
        services.AddScoped<Luoshi.Application.Supervision.RectificationStats>();
        services.AddScoped<Luoshi.Application.Rankings.CriterionCatalog>();
        services.AddScoped<Luoshi.Application.Rankings.RankingEvidence>();
        services.AddScoped<Luoshi.Application.Rankings.RankingSchemes>();
        services.AddScoped<Luoshi.Application.Rankings.RankingAdjustments>();
        services.AddScoped<Luoshi.Application.Rankings.UnitRankings>();
        services.AddScoped<Luoshi.Application.Bulletins.BulletinFacts>();
        services.AddScoped<Luoshi.Application.Bulletins.Bulletins>();
        services.AddScoped<Luoshi.Application.Dashboard.LeaderDashboard>();
        services.AddScoped<Luoshi.Application.Evaluation.AnnualReport>();
        services.AddScoped<Luoshi.Application.Evaluation.AnnualReportDocument>();
        services.AddScoped<Luoshi.Application.Idempotency.IdempotentRequests>();
        services.AddScoped<Notifier>();
        services.AddSingleton(sp => new Luoshi.Application.Jobs.ReminderSettings(sp.GetRequiredService<IOptions<LuoshiOptions>>().Value.ReminderWorkingDays));
        services.AddScoped<Luoshi.Application.Calendar.WorkCalendar>();
        services.AddScoped<Luoshi.Application.Jobs.DailyReminders>();
        services.AddScoped<Luoshi.Application.Jobs.DataReportReminders>();
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<LuoshiOptions>>().Value.Supervision.Settings);
        services.AddScoped<Luoshi.Application.Supervision.NoticeEscalation>();
        services.AddScoped<Luoshi.Application.Jobs.OutboxStep>();
        services.AddScoped<Luoshi.Application.Jobs.DailyJobs>();
        services.AddSingleton<EvidenceFiles>();
        // The daily jobs (reminders, and the outbox once it is in) run from the clustered scheduler, not from a timer per instance.
        services.AddHostedService<Scheduling.SchedulerHost>();
        services.AddLuoshiMessaging();
        return services;
    }
}
