using System.Globalization;
using System.Text;
using System.Text.Json;
using Luoshi.Parsing.Rendering;

namespace Luoshi.Parsing.Tests.Scoring;

/// <summary>
/// Scores the parser on a folder of plans and their gold (NAME.* in plans/, NAME.json in gold/) with the rules of
/// ../shared/tools/score_plan.py: quantities matched by value (or placeholder) and unit, the most similar clause first;
/// the outline by the longest common run of (marker, first six characters of the heading); responsible units and
/// deadlines as bags; titles by containment. The plans are parsed as the CLI does (bytes and file name, JSON rendering).
/// </summary>
internal static class PlanScorer
{
    public static PlanScores Score(string corpus)
    {
        var scores = new PlanScores();
        var plans = Directory.GetFiles(Path.Combine(corpus, "plans"));
        foreach (var goldPath in Directory.GetFiles(Path.Combine(corpus, "gold"), "*.json").Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileNameWithoutExtension(goldPath);
            var planPath = plans.Where(p => Path.GetFileNameWithoutExtension(p) == name).Order(StringComparer.Ordinal).First();
            using var gold = JsonDocument.Parse(File.ReadAllBytes(goldPath));
            using var pred = JsonDocument.Parse(JsonPlanRenderer.Render(PlanParser.Parse(File.ReadAllBytes(planPath), planPath)));
            scores.Add(gold.RootElement, pred.RootElement);
        }

        return scores;
    }

    internal static string NormText(string? s)
    {
        if (string.IsNullOrEmpty(s))
        {
            return string.Empty;
        }

        const string punct = ",，。;；:：、!！?？\"'“”‘’()（）《》〈〉【】[]<>·…—-\u3000";
        return new string(s.Normalize(NormalizationForm.FormKC).Where(c => !char.IsWhiteSpace(c) && !punct.Contains(c)).ToArray());
    }

    /// <summary>The share of characters two texts have in common, over the longer one (score_plan.py's overlap).</summary>
    internal static double Overlap(string? a, string? b)
    {
        a = NormText(a);
        b = NormText(b);
        if (a.Length == 0 || b.Length == 0)
        {
            return 0;
        }

        var common = a.Distinct().Sum(c => Math.Min(a.Count(x => x == c), b.Count(x => x == c)));
        return (double)common / Math.Max(a.Length, b.Length);
    }

    internal static string QuantityKey(JsonElement q)
    {
        var unit = Str(q, "unit")?.Normalize(NormalizationForm.FormKC).Trim().ToLowerInvariant() ?? string.Empty;
        if (q.TryGetProperty("placeholder", out var ph) && ph.ValueKind == JsonValueKind.True)
        {
            return "XX|" + unit;
        }

        return q.TryGetProperty("value", out var v) && v.ValueKind == JsonValueKind.Number
            ? Math.Round(v.GetDouble(), 6).ToString(CultureInfo.InvariantCulture) + "|" + unit
            : "?|" + unit;
    }

    internal static string? Str(JsonElement e, string property) =>
        e.TryGetProperty(property, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    internal static bool TitleOk(string? gold, string? pred)
    {
        static string Strip(string? s) => NormText(s is not null && s.StartsWith('【') && s.IndexOf('】') > 0 ? s[(s.IndexOf('】') + 1)..] : s);
        var g = Strip(gold);
        var p = Strip(pred);
        if (g.Length == 0 || p.Length == 0)
        {
            return g.Length == p.Length;
        }

        var (shortText, longText) = g.Length <= p.Length ? (g, p) : (p, g);
        return g == p || (longText.Contains(shortText, StringComparison.Ordinal) && (double)shortText.Length / longText.Length >= 0.6);
    }
}
