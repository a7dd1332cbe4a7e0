using Microsoft.Extensions.DependencyInjection;

namespace Luoshi.Application.Messaging;

/// <summary>Registers the outbox's senders and dispatcher (settings from <c>Luoshi:Smtp</c> and <c>Luoshi:Messages</c>), for the web host and the CLI.</summary>
public static class MessagingServices
{
    public static IServiceCollection AddLuoshiMessaging(this IServiceCollection services)
    {
        services.AddOptions<SmtpSettings>().BindConfiguration(SmtpSettings.Section);
        services.AddOptions<MessagingSettings>().BindConfiguration(MessagingSettings.Section);
        services.AddSingleton(sp => new MessageText(sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<MessagingSettings>>().Value));
        services.AddHttpClient(RobotPoster.ClientName, c => c.Timeout = TimeSpan.FromSeconds(30));
        services.AddSingleton<RobotPoster>();
        services.AddScoped<IMessageSender, SmtpMailSender>();
        services.AddScoped<IMessageSender, WeComRobot>();
        services.AddScoped<IMessageSender, DingTalkRobot>();
        services.AddScoped<OutboxDispatcher>();
        services.AddScoped<OutboxAdmin>();
        services.AddScoped<MessageChannels>();
        return services;
    }
}
