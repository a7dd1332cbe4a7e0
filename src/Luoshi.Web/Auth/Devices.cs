namespace Luoshi.Web.Auth;

/// <summary>A short Chinese name for the browser and system of a session ("Chrome 浏览器 · Windows"), from its User-Agent.</summary>
public static class Devices
{
    private static readonly (string Token, string Name)[] Browsers =
    [
        ("MicroMessenger", "微信"), ("DingTalk", "钉钉"), ("Edg/", "Edge 浏览器"), ("Firefox/", "Firefox 浏览器"),
        ("Chrome/", "Chrome 浏览器"), ("Chromium/", "Chromium 浏览器"), ("Safari/", "Safari 浏览器"), ("curl/", "curl"),
    ];

    private static readonly (string Token, string Name)[] Systems =
    [
        ("Android", "Android"), ("iPhone", "iPhone"), ("iPad", "iPad"), ("Windows", "Windows"), ("Mac OS X", "macOS"), ("Linux", "Linux"),
    ];

    public static string Describe(string? userAgent)
    {
        if (string.IsNullOrWhiteSpace(userAgent)) return "未知设备";
        var browser = Browsers.FirstOrDefault(b => userAgent.Contains(b.Token, StringComparison.Ordinal)).Name;
        var system = Systems.FirstOrDefault(s => userAgent.Contains(s.Token, StringComparison.Ordinal)).Name;
        return (browser, system) switch
        {
            (null, null) => "其他程序",
            (_, null) => browser!,
            (null, _) => system!,
            _ => $"{browser} · {system}",
        };
    }
}
