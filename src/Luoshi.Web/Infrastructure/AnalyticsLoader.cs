using Luoshi.Application.Analytics;
using Luoshi.Data;

namespace Luoshi.Web.Infrastructure;

/// <summary>Loads every stored value into the analytics store when the app starts (in the background; a query before it ends waits for it).</summary>
public sealed class AnalyticsLoader(AnalyticsStore store, IServiceScopeFactory scopes, ILogger<AnalyticsLoader> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await store.EnsureLoadedAsync(scope.ServiceProvider.GetRequiredService<LuoshiDb>(), stoppingToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The database may not be ready yet (first run): the first analytics query loads instead.
            log.LogWarning(e, "Analytics values not loaded at start; the first query will load them");
        }
    }
}
