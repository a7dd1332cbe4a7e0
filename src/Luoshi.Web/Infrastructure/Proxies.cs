using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

namespace Luoshi.Web.Infrastructure;

/// <summary>
/// Behind a reverse proxy (<c>Luoshi:TrustedProxies</c>): the proxy's <c>X-Forwarded-For</c> and <c>X-Forwarded-Proto</c>
/// are believed, so a session that arrived over HTTPS gets a Secure cookie, and sign-in throttling and the audit trail
/// see the user's address instead of the proxy's. Forwarded headers from anyone else, or with no proxy configured, are ignored.
/// </summary>
public static class Proxies
{
    public static void UseLuoshiProxies(this WebApplication app)
    {
        var configured = app.Services.GetRequiredService<IOptions<LuoshiOptions>>().Value.TrustedProxies;
        if (string.IsNullOrWhiteSpace(configured)) return;
        var options = new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto };
        options.KnownProxies.Clear();
        options.KnownIPNetworks.Clear();
        foreach (var entry in configured.Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (entry.Contains('/', StringComparison.Ordinal) && System.Net.IPNetwork.TryParse(entry,
                out var network)) options.KnownIPNetworks.Add(network);
            else if (IPAddress.TryParse(entry, out var address)) options.KnownProxies.Add(address);
            else throw new InvalidOperationException($"Luoshi:TrustedProxies 中的“{entry}”不是 IP 地址或网段（如 10.0.0.0/8）");
        }
        app.UseForwardedHeaders(options);
    }
}
