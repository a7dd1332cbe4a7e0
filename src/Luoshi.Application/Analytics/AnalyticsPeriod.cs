using System.Globalization;
using System.Text.RegularExpressions;
using Luoshi.Domain.Problems;

namespace Luoshi.Application.Analytics;

/// <summary>Refusals of an analytics request, worded once.</summary>
public static class AnalyticsProblems
{
    private static readonly ProblemCatalog Catalog = new("analytics");

    public static readonly ProblemType PeriodInvalid = Catalog.Invalid("period-invalid",
        "期间“{0}”无法识别，请写成 2026（年）、2026Q1（季度）或 2026-03（月）", "The period “{0}” is not a year (2026), quarter (2026Q1) or month (2026-03)");
    public static readonly ProblemType LevelInvalid = Catalog.Invalid("level-invalid", "层级 level 应为 0（本单位）到 {0}（向下的层数）",
        "The level must be 0 (the unit itself) to {0} (levels below)");
    public static readonly ProblemType UnitUnknown = Catalog.Invalid("unit-unknown", "找不到单位 {0}", "No unit {0}");
    public static readonly ProblemType Forbidden = Catalog.Of(ProblemKind.Forbidden, "forbidden", "您只能查看本单位及下属单位的数据，不能查看“{0}”",
        "You see your own unit and the units below it only, not “{0}”");
}

/// <summary>
/// The period of an analytics request: a year (2026: its months grouped as one), a quarter (2026Q1) or a month (2026-03);
/// the months it covers and how the answer groups them.
/// </summary>
public sealed partial record AnalyticsPeriod(int FromMonth, int ToMonth, PeriodGrain Grain)
{
    public static Outcome<AnalyticsPeriod> Parse(string? text)
    {
        var value = (text ?? "").Trim();
        var match = PeriodPattern().Match(value);
        if (!match.Success) return AnalyticsProblems.PeriodInvalid.With(value);
        var year = int.Parse(match.Groups["y"].Value, CultureInfo.InvariantCulture);
        if (year is < 2000 or > 2100) return AnalyticsProblems.PeriodInvalid.With(value);
        if (match.Groups["q"].Success)
        {
            var quarter = match.Groups["q"].Value[0] - '0';
            if (quarter is < 1 or > 4) return AnalyticsProblems.PeriodInvalid.With(value);
            return new AnalyticsPeriod(Months.Key(year, quarter * 3 - 2), Months.Key(year, quarter * 3), PeriodGrain.Quarter);
        }
        if (match.Groups["m"].Success)
        {
            var month = int.Parse(match.Groups["m"].Value, CultureInfo.InvariantCulture);
            if (month is < 1 or > 12) return AnalyticsProblems.PeriodInvalid.With(value);
            return new AnalyticsPeriod(Months.Key(year, month), Months.Key(year, month), PeriodGrain.Month);
        }
        return new AnalyticsPeriod(Months.Key(year, 1), Months.Key(year, 12), PeriodGrain.Year);
    }

    [GeneratedRegex(@"^(?<y>\d{4})(?:[Qq](?<q>\d)|-(?<m>\d{2}))?$")]
    private static partial Regex PeriodPattern();
}

/// <summary>The org tree as the engine takes it, read from the units of the application.</summary>
public static class AnalyticsUnits
{
    public static IEnumerable<UnitRow> Of(IEnumerable<Domain.OrgUnits.OrgUnit> units) => units.Select(u => new UnitRow(u.Id, u.ParentId));
}
