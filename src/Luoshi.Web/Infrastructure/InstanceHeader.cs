using Microsoft.Extensions.Options;

namespace Luoshi.Web.Infrastructure;

/// <summary>
/// Names the instance that answered (<c>X-Luoshi-Instance</c>, from <c>Luoshi:InstanceName</c>) on every response, so behind a
/// load balancer an operator or a test can tell which of several instances served a request. Without the setting: no header.
/// </summary>
public static class InstanceHeader
{
    public const string Header = "X-Luoshi-Instance";

    public static void UseInstanceHeader(this WebApplication app)
    {
        var name = app.Services.GetRequiredService<IOptions<LuoshiOptions>>().Value.InstanceName?.Trim();
        if (string.IsNullOrEmpty(name)) return;
        app.Use((context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                context.Response.Headers[Header] = name;
                return Task.CompletedTask;
            });
            return next(context);
        });
    }
}
