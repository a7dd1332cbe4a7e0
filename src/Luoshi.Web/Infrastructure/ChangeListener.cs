using Luoshi.Application.Analytics;
using Luoshi.Application.People;
using Luoshi.Data;
using Luoshi.Data.Caching;
using Npgsql;

namespace Luoshi.Web.Infrastructure;

/// <summary>
/// On PostgreSQL, listens on one connection of its own to <see cref="ChangeFeed.Channel"/>: another instance's notice bumps the
/// named stamp here (the org tree and names are read again by the next request), empties the session cache (a signed-out cookie
/// is refused at once) or makes the analytics engine load again. After the connection drops it connects again and, since notices
/// sent meanwhile are lost, treats every stamp as changed. SQLite is one instance: nothing to listen to.
/// </summary>
public sealed class ChangeListener(DatabaseSettings settings, ChangeFeed feed, SessionCache sessions, AnalyticsStore analytics,
    ILogger<ChangeListener> log) : BackgroundService
{
    /// <summary>How long to wait before connecting again after the connection failed.</summary>
    public static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(2);

    private NpgsqlConnection? started;

    private string ListeningConnection => new NpgsqlConnectionStringBuilder(settings.PostgresConnection)
    {
        Pooling = false, // a connection of its own that stays open, not one borrowed from the requests' pool
        KeepAlive = 30, // a silent drop (a restarted server, a cut network) is noticed within a minute
    }.ConnectionString;

    /// <summary>Listens before the app takes its first request (hosted services start before the server), so nothing is missed at start.</summary>
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        if (settings.IsPostgres)
        {
            try
            {
                started = await ListenAsync(cancellationToken);
            }
            catch (Exception e) when (e is NpgsqlException or IOException or TimeoutException)
            {
                log.LogWarning("Listening for other instances' changes failed at start ({Reason}); trying again", e.Message);
            }
        }
        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!settings.IsPostgres) return;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var fresh = started is null;
                await using var listening = started ?? await ListenAsync(stoppingToken);
                started = null;
                // Whatever was announced while the connection was down was missed: forget it all.
                if (fresh)
                {
                    log.LogInformation("Listening for other instances' changes again; every cache is read afresh");
                    ChangedEverything();
                }
                while (!stoppingToken.IsCancellationRequested) await listening.WaitAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is NpgsqlException or InvalidOperationException or IOException or TimeoutException)
            {
                log.LogWarning("Listening for other instances' changes failed ({Reason}); connecting again", e.Message);
                ChangedEverything();
                try
                {
                    await Task.Delay(RetryDelay, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    private async Task<NpgsqlConnection> ListenAsync(CancellationToken ct)
    {
        var listening = new NpgsqlConnection(ListeningConnection);
        try
        {
            await listening.OpenAsync(ct);
            listening.Notification += (_, notice) => Heard(notice.Payload);
            await using var listen = new NpgsqlCommand($"LISTEN {ChangeFeed.Channel}", listening);
            await listen.ExecuteNonQueryAsync(ct);
            return listening;
        }
        catch
        {
            await listening.DisposeAsync();
            throw;
        }
    }

    private void Heard(string payload)
    {
        if (feed.Read(payload) is { } heard) Changed(heard.Stamp, heard.Keys);
    }

    private void ChangedEverything()
    {
        foreach (var stamp in ChangeFeed.Stamps) Changed(stamp, null);
    }

    /// <summary>Something under <paramref name="stamp"/> changed elsewhere: <paramref name="keys"/> when the notice named them, else anything.</summary>
    private void Changed(string stamp, string[]? keys)
    {
        feed.Bump(stamp);
        if (stamp == ChangeFeed.Sessions)
        {
            if (keys is null) sessions.ForgetAll();
            else sessions.Forget(keys);
        }
        if (stamp == ChangeFeed.Analytics) analytics.ChangedElsewhere();
    }
}
