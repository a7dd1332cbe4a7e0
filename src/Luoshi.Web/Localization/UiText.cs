using System.Globalization;
using Microsoft.AspNetCore.Localization;

namespace Luoshi.Web.Localization;

/// <summary>
/// The UI's words. Chinese is written in the pages themselves and is the key; <see cref="English"/> holds the
/// translation shown when the user switches to English.
/// </summary>
public sealed class UiText
{
    public static readonly CultureInfo Chinese = new("zh-CN");
    public static readonly CultureInfo EnglishCulture = new("en");

    public string this[string chinese] =>
        IsEnglish && English.Words.TryGetValue(chinese, out var english) ? english : chinese;

    public string Format(string chinese, params object?[] args) =>
        string.Format(CultureInfo.CurrentCulture, this[chinese], args);

    public static bool IsEnglish => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";
}

/// <summary>Wiring of the language: zh-CN by default, English when the user's cookie says so.</summary>
public static class TextSetup
{
    public static void AddLuoshiText(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<UiText>();
        builder.Services.Configure<RequestLocalizationOptions>(o =>
        {
            o.DefaultRequestCulture = new RequestCulture(UiText.Chinese);
            o.SupportedCultures = [UiText.Chinese, UiText.EnglishCulture];
            o.SupportedUICultures = [UiText.Chinese, UiText.EnglishCulture];
            o.RequestCultureProviders = [new CookieRequestCultureProvider()];
        });
    }

    public static void UseLuoshiText(this WebApplication app) => app.UseRequestLocalization();

    /// <summary><c>GET /language?to=en&amp;back=/</c> switches the UI language and returns to the page.</summary>
    public static void MapLuoshiTextSwitch(this WebApplication app)
    {
        app.MapGet("/language", (string? to, string? back, HttpContext http) =>
        {
            var culture = to == "en" ? UiText.EnglishCulture : UiText.Chinese;
            http.Response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName,
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
                new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), HttpOnly = true, SameSite = SameSiteMode.Lax, IsEssential = true });
            return Results.Redirect(Infrastructure.LocalUrl.OrFallback(back));
        }).AllowAnonymous().ExcludeFromDescription();
    }
}
