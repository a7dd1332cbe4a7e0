using System.Globalization;
using Luoshi.Web.Infrastructure;

namespace Luoshi.Web.Pages.Tasks;

/// <summary>How the task pages write dates, times, numbers and targets: the way a Chinese office writes them.</summary>
public static class LedgerFormat
{
    public static string Date(DateOnly? date) => date is { } d ? $"{d.Year}年{d.Month}月{d.Day}日" : "—";

    public static string Time(DateTime? utc) => utc is { } t ? ChinaTime.From(t).ToString("yyyy年M月d日 HH:mm", CultureInfo.InvariantCulture) : "—";

    public static string Number(decimal? value) => value is { } v ? v.ToString("0.##", CultureInfo.InvariantCulture) : "—";

    /// <summary>A month <c>2026-03</c> as 2026年3月.</summary>
    public static string Month(string period) =>
        period.Length == 7 && int.TryParse(period[5..], CultureInfo.InvariantCulture, out var m) ? $"{period[..4]}年{m}月" : period;

    /// <summary>The CSS class of a traffic-light colour (red, yellow, green, blue, grey).</summary>
    public static string Light(string light) => "light light-" + light;
}
