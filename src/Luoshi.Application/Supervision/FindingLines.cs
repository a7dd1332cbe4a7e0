using System.Globalization;
using Luoshi.Domain.OrgUnits;
using Luoshi.Domain.Problems;
using Luoshi.Domain.Supervision;

namespace Luoshi.Application.Supervision;

/// <summary>
/// Findings typed as lines, as an inspector writes them up (the create form): <c>单位｜问题｜严重程度｜整改要求｜整改时限</c>,
/// one finding a line, the unit by name or code, the time limit a date (2026-10-20, 2026年10月20日) or working days
/// (10个工作日, or just 10); the severity and the requirement may be left empty. Blank lines are skipped.
/// </summary>
public static class FindingLines
{
    public const int MaxLines = 200;
    private static readonly char[] Bars = ['｜', '|'];

    public static (List<Inspections.FindingRequest> Findings, List<Problem> Problems) Parse(string? text, IReadOnlyCollection<OrgUnit> units)
    {
        var findings = new List<Inspections.FindingRequest>();
        var problems = new List<Problem>();
        var lines = (text ?? "").Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        for (var i = 0; i < lines.Length && i < MaxLines; i++)
        {
            var line = lines[i].Trim();
            if (line.Length == 0) continue;
            var parts = line.Split(Bars).Select(p => p.Trim()).ToArray();
            if (parts.Length != 5 || parts[0].Length == 0 || parts[1].Length == 0 || parts[4].Length == 0)
            {
                problems.Add(InspectionProblems.FindingLineInvalid.With(i + 1));
                continue;
            }
            var unit = units.FirstOrDefault(u => u.Name == parts[0] || string.Equals(u.Code, parts[0], StringComparison.OrdinalIgnoreCase));
            if (unit is null)
            {
                problems.Add(InspectionProblems.UnitUnknown.With(parts[0]));
                continue;
            }
            var (deadline, days) = Limit(parts[4]);
            if (deadline is null && days is null)
            {
                problems.Add(InspectionProblems.FindingLineInvalid.With(i + 1));
                continue;
            }
            findings.Add(new(unit.Id, parts[1], parts[2], parts[3], deadline, days));
        }
        if (lines.Length > MaxLines) problems.Add(InspectionProblems.FindingLineInvalid.With(MaxLines + 1));
        return (findings, problems);
    }

    /// <summary>A date, or a count of working days (“10个工作日”, “10”).</summary>
    private static (DateOnly? Deadline, int? Days) Limit(string text)
    {
        if (DateOnly.TryParseExact(text, ["yyyy-MM-dd", "yyyy-M-d", "yyyy年M月d日", "yyyy/M/d"], CultureInfo.InvariantCulture, DateTimeStyles.None,
            out var date)) return (date, null);
        var count = text.EndsWith("个工作日", StringComparison.Ordinal) ? text[..^4] : text.EndsWith("工作日", StringComparison.Ordinal) ? text[..^3] : text;
        return int.TryParse(count.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var days) ? (null, days) : (null, null);
    }
}
