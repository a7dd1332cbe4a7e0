namespace Luoshi.Application.Messaging;

/// <summary>The mail server messages are sent through (<c>Luoshi__Smtp__Host</c>, <c>…__Port</c>, <c>…__User</c>, …).</summary>
public sealed class SmtpSettings
{
    public const string Section = "Luoshi:Smtp";

    /// <summary>The SMTP server; empty: no mail is sent (mail waits in the outbox and ends on the dead-letter list).</summary>
    public string? Host { get; set; }

    public int Port { get; set; } = 25;

    public string? User { get; set; }

    public string? Password { get; set; }

    /// <summary>The sender's address, optionally with a name: <c>落实平台 &lt;luoshi@example.edu.cn&gt;</c>.</summary>
    public string From { get; set; } = "落实平台 <luoshi@localhost>";

    /// <summary><c>auto</c> (STARTTLS when offered; TLS on connect for port 465), <c>starttls</c>, <c>ssl</c> or <c>none</c>.</summary>
    public string Tls { get; set; } = "auto";

    public int TimeoutSeconds { get; set; } = 30;
}

/// <summary>How the outbox is sent (<c>Luoshi__Messages__…</c>).</summary>
public sealed class MessagingSettings
{
    public const string Section = "Luoshi:Messages";

    /// <summary>The site's address as people open it (<c>https://luoshi.example.edu.cn</c>), for links in mail and robot messages.</summary>
    public string? SiteUrl { get; set; }

    /// <summary>Failures after which a message goes to the dead-letter list.</summary>
    public int MaxAttempts { get; set; } = 8;

    /// <summary>The wait after the first failure; it doubles with every further failure, up to <see cref="MaxDelayMinutes"/>.</summary>
    public int FirstDelaySeconds { get; set; } = 60;

    public int MaxDelayMinutes { get; set; } = 60;

    /// <summary>How long a claim holds: a message claimed longer ago (its sender died) may be claimed again.</summary>
    public int LeaseMinutes { get; set; } = 10;

    /// <summary>How often the interim background sender runs (until the scheduler runs the outbox); 0 turns it off.</summary>
    public int PumpSeconds { get; set; } = 30;

    /// <summary>The wait before attempt number <paramref name="failures"/> + 1.</summary>
    public TimeSpan Backoff(int failures)
    {
        var seconds = FirstDelaySeconds * Math.Pow(2, Math.Max(0, failures - 1));
        return TimeSpan.FromSeconds(Math.Min(seconds, MaxDelayMinutes * 60.0));
    }
}
