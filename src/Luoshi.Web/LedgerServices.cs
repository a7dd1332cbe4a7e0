using Luoshi.Data.Notifications;
using Luoshi.Data.Plans;
using Luoshi.Data.Reports;
using Luoshi.Data.Tasks;
using Microsoft.Extensions.Options;

namespace Luoshi.Web;

/// <summary>Registers the task ledger's services: intake, rules, reports, evidence, notifications and reminders.</summary>
public static class LedgerServices
{
    public static IServiceCollection AddLedger(this IServiceCollection services)
    {
        services.AddSingleton(sp => new LedgerSettings(sp.GetRequiredService<IOptions<LuoshiOptions>>().Value.WarningDays));
        services.AddScoped<TaskScope>();
        services.AddScoped<Luoshi.Data.Search.TextSearch>();
        services.AddScoped<Luoshi.Data.Search.LedgerSearch>();
        services.AddScoped<Agenda>();
        services.AddScoped<TaskHistory>();
        services.AddScoped<Ledger>();
        services.AddScoped<TargetDesk>();
        services.AddScoped<Assignments>();
        services.AddScoped<PlanIntake>();
        services.AddScoped<LedgerWorkbook>();
        services.AddScoped<ReportDesk>();
        services.AddScoped<Luoshi.Data.Idempotency.IdempotentRequests>();
        services.AddScoped<Notifier>();
        services.AddScoped<ReminderSweep>();
        services.AddSingleton<EvidenceFiles>();
        services.AddHostedService<Reminders>();
        return services;
    }
}
