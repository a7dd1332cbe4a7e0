using System.Text.RegularExpressions;

namespace Luoshi.Web.Tests.Infrastructure;

/// <summary>Page forms as a browser sends them: with the antiforgery token a page gave the same client.</summary>
public static partial class Forms
{
    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex Antiforgery();

    /// <summary>The token in the page's HTML, or "" when it has no form.</summary>
    public static string TokenIn(string html) => Antiforgery().Match(html) is { Success: true } m ? m.Groups[1].Value : "";

    /// <summary>Opens the page and returns the token its forms carry.</summary>
    public static async Task<string> TokenAsync(this HttpClient client, string page) =>
        TokenIn(await (await client.GetAsync(page)).Content.ReadAsStringAsync());

    /// <summary>The form's fields, form-encoded, with the token.</summary>
    public static FormUrlEncodedContent Form(string token, params IEnumerable<(string, string)> fields) =>
        new(fields.Append(("__RequestVerificationToken", token)).Select(f => KeyValuePair.Create(f.Item1, f.Item2)));
}
