using System.Text;

namespace Luoshi.Web.Infrastructure;

/// <summary>
/// Where a page may send the browser back to (<c>back=</c>, <c>returnUrl=</c>): only a path on this site. Anything else —
/// another site (<c>//host</c>, <c>/\host</c>, <c>https://…</c>), control characters, a lone surrogate — gives the fallback,
/// so odd input never becomes an open redirect or a broken <c>Location</c> header (500). Non-ASCII characters are
/// percent-encoded, so <c>/Search?q=幼儿园</c> still works.
/// </summary>
public static class LocalUrl
{
    public static string OrFallback(string? url, string fallback = "/")
    {
        if (string.IsNullOrEmpty(url) || url[0] != '/' || (url.Length > 1 && url[1] is '/' or '\\')) return fallback;
        var safe = new StringBuilder(url.Length);
        for (var i = 0; i < url.Length; i++)
        {
            var c = url[i];
            if (char.IsControl(c)) return fallback;
            if (c is > ' ' and < '\u007f')
            {
                safe.Append(c);
                continue;
            }
            string character;
            if (char.IsHighSurrogate(c) && i + 1 < url.Length && char.IsLowSurrogate(url[i + 1])) character = url.Substring(i++, 2);
            else if (char.IsSurrogate(c)) return fallback;
            else character = c.ToString();
            foreach (var b in Encoding.UTF8.GetBytes(character)) safe.Append('%').Append(b.ToString("X2",
                System.Globalization.CultureInfo.InvariantCulture));
        }
        return safe.ToString();
    }
}
